package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/pflag"
)

// colorFlags are --color and its older spelling --no-color.
type colorFlags struct {
	mode    string // --color: auto, always or never
	noColor bool   // --no-color: never
}

func addColorFlags(fs *pflag.FlagSet, c *colorFlags) {
	fs.StringVar(&c.mode, "color", "auto", "colour in text output, `WHEN`: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always (for less -R and watch --color), never")
	fs.Lookup("color").NoOptDefVal = "always"
	fs.BoolVar(&c.noColor, "no-color", false, "plain text, as --color=never")
}

// use tells whether text output gets colour.
func (c colorFlags) use(e *env) (bool, error) {
	switch c.mode {
	case "auto", "always", "never":
	default:
		return false, fmt.Errorf("--color %q: want auto, always or never", c.mode)
	}
	switch {
	case c.noColor || c.mode == "never":
		return false, nil
	case c.mode == "always":
		return true, nil
	}
	return e.stdoutTerminal && e.getenv("NO_COLOR") == "" && !dumbTerminal(e), nil
}

// dumbTerminal reports TERM=dumb: a terminal that moves the cursor no
// further than the next line and shows escape sequences as text, such as
// Emacs's shell buffer.
func dumbTerminal(e *env) bool { return e.getenv("TERM") == "dumb" }

// width is the number of columns text output is wrapped to fit: the
// terminal's, else COLUMNS as shells export it, else 0 (the renderers'
// usual widths).
func width(e *env) int {
	if e.stdoutTerminal && e.columns != nil {
		if n := e.columns(); n > 0 {
			return n
		}
	}
	if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 0
}
