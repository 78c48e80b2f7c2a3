package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/render"
)

const explainUsage = `usage: smtpprobe explain [flags] CODE [CODE...]
       smtpprobe explain [flags] --text 'REPLY' | --text -

Explains SMTP reply codes from the catalog: a basic code (252), an enhanced
status code (5.1.1, X.7.26) or both ("550 5.1.1"). Two or more codes are
compared. --text diagnoses a whole reply as a server sent it or a bounce
shows it, multiline continuation lines included; "-" reads it from standard
input.

flags:
`

// maxExplainInput bounds what explain reads from standard input: a pasted
// bounce is far smaller.
const maxExplainInput = 64 << 10

// runExplain is `smtpprobe explain`; its result is the exit status: 0 when
// everything asked was explained, 3 for bad input.
func runExplain(args []string, e *env) int {
	stdin, stdout, stderr, getenv := e.stdin, e.stdout, e.stderr, e.getenv
	fs := pflag.NewFlagSet("smtpprobe explain", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	text := fs.StringP("text", "t", "", "diagnose a whole reply line (\"-\" reads it from standard input)")
	output := fs.StringP("output", "o", "text", "output format: text or json")
	lang := fs.String("lang", "", "language of explanations: en or ja (default: from LC_ALL, LC_MESSAGES or LANG, else en)")
	var colour colorFlags
	addColorFlags(fs, &colour)
	help := fs.BoolP("help", "h", false, "show this help")

	fail := func(err error) int { return fail(stderr, err, "") }
	if err := fs.Parse(args); err != nil {
		return fail(fmt.Errorf("explain: %w", err))
	}
	if *help {
		fmt.Fprint(stdout, explainUsage+fs.FlagUsages())
		return 0
	}
	l, err := language(*lang, getenv)
	if err != nil {
		return fail(err)
	}
	if *output != "text" && *output != "json" {
		return fail(fmt.Errorf("-o %q: explain writes text or json", *output))
	}
	useColour, err := colour.use(e)
	if err != nil {
		return fail(err)
	}

	var es []report.Explanation
	switch {
	case fs.Changed("text"):
		if fs.NArg() > 0 {
			return fail(fmt.Errorf("explain --text takes one reply, not also the codes %q", strings.Join(fs.Args(), " ")))
		}
		reply := *text
		if reply == "-" {
			if reply, err = readReply(stdin); err != nil {
				return fail(err)
			}
		}
		e, err := report.ExplainReply(reply, l)
		if err != nil {
			return fail(fmt.Errorf("explain --text: %w", err))
		}
		es = append(es, e)
	case fs.NArg() == 0:
		return fail(errors.New("explain needs a reply code such as 550, 5.1.1 or \"550 5.1.1\", or --text 'REPLY'"))
	default:
		for _, arg := range fs.Args() {
			e, err := report.ExplainCode(arg, l)
			if err != nil {
				return fail(err)
			}
			es = append(es, e)
		}
	}

	o := render.Options{Lang: l, Color: useColour, Width: width(e)}
	if *output == "json" {
		err = render.ExplainJSON(stdout, es, o)
	} else {
		err = render.ExplainText(stdout, es, o)
	}
	if err != nil {
		return fail(err)
	}
	return 0
}

// readReply reads a pasted reply from standard input, bounded.
func readReply(stdin io.Reader) (string, error) {
	if stdin == nil {
		return "", errors.New("explain --text -: no standard input")
	}
	b, err := io.ReadAll(io.LimitReader(stdin, maxExplainInput+1))
	if err != nil {
		return "", fmt.Errorf("explain --text -: reading standard input: %w", err)
	}
	if len(b) > maxExplainInput {
		return "", fmt.Errorf("explain --text -: standard input is longer than %d bytes", maxExplainInput)
	}
	return string(b), nil
}
