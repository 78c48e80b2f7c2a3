package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

// screen plays what was written to a terminal and returns the lines left
// on it: \r goes back to the start of the line, ESC [K erases to its end,
// \n starts a new line, and colour sequences take no room.
func screen(raw string) []string {
	raw = regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(raw, "")
	lines := [][]rune{nil}
	col := 0
	for i := 0; i < len(raw); {
		cur := &lines[len(lines)-1]
		switch {
		case raw[i] == '\r':
			col = 0
			i++
		case raw[i] == '\n':
			lines = append(lines, nil)
			col = 0
			i++
		case strings.HasPrefix(raw[i:], "\x1b[K"):
			*cur = (*cur)[:min(col, len(*cur))]
			i += 3
		default:
			r := []rune(raw[i:])[0]
			for len(*cur) < col {
				*cur = append(*cur, ' ')
			}
			if col < len(*cur) {
				(*cur)[col] = r
			} else {
				*cur = append(*cur, r)
			}
			col++
			i += len(string(r))
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(l)
	}
	return out
}

// onOneTerminal runs the command with stdout and stderr on the same
// terminal, as an interactive user runs it, and returns what was written.
func onOneTerminal(t *testing.T, stdin string, args ...string) (int, string) {
	t.Helper()
	var tty bytes.Buffer
	e := cmdEnv{stdin: stdin, terminal: true, stderrTerminal: true}.env(&tty, &tty)
	code := run(context.Background(), args, e)
	return code, tty.String()
}

// TestProgressOwnLine: with several targets on a terminal the progress bar
// (counts and elapsed time) is erased before every report and JSON line,
// so none runs into it, and nothing of it is left at the end.
func TestProgressOwnLine(t *testing.T) {
	w := newWorld(t)
	bar := regexp.MustCompile(`\[#*-*\] [1-3]/3 targets  \d+s`)
	code, raw := onOneTerminal(t, "", w.args("-o", "json", "example.test", "nobody@example.test", "grey@example.test")...)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !bar.MatchString(raw) || !strings.Contains(raw, "3/3 targets") {
		t.Errorf("no progress bar with counts and elapsed time in %.300q", raw)
	}
	var objects int
	for _, line := range screen(raw) {
		if line == "" {
			continue
		}
		objects++
		if !json.Valid([]byte(line)) {
			t.Errorf("a line on the screen is not JSON: %.200q", line)
		}
	}
	if objects != 3 {
		t.Errorf("%d lines on the screen, want 3 JSON lines", objects)
	}

	code, raw = onOneTerminal(t, "", w.args("--no-color", "example.test", "exa mple.test")...)
	if code != 3 {
		t.Errorf("exit %d, want 3", code)
	}
	lines := screen(raw)
	for _, line := range lines {
		if strings.Contains(line, "targets ") && strings.Contains(line, "[") {
			t.Errorf("progress left on the screen: %.200q", line)
		}
	}
	if !strings.HasPrefix(lines[0], "smtpprobe: error: ") && !strings.HasPrefix(lines[0], "example.test") {
		t.Errorf("the first line is not output but %.200q", lines[0])
	}
}

// TestProgressOnlyOnTerminal: no bar when stderr is not a terminal, nor
// for one target.
func TestProgressOnlyOnTerminal(t *testing.T) {
	w := newWorld(t)
	r := runWith(t, cmdEnv{terminal: true}, w.args("-o", "json", "example.test", "grey@example.test")...)
	if strings.Contains(r.stderr, "targets") || strings.Contains(r.stderr, "\r") {
		t.Errorf("progress on a stderr that is no terminal: %q", r.stderr)
	}
	r = runWith(t, cmdEnv{terminal: true, stderrTerminal: true}, w.args("-o", "json", "example.test")...)
	if r.stderr != "" {
		t.Errorf("progress for one target: %q", r.stderr)
	}
}

func TestProgressBar(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	p := newProgress(&b, 20, func() time.Time { return now })
	defer p.stop()
	for range 7 {
		p.advance()
	}
	now = now.Add(65 * time.Second)
	p.draw()
	if want := "\r\x1b[K[#######-------------]  7/20 targets  1m05s"; b.String() != want {
		t.Errorf("bar %q, want %q", b.String(), want)
	}
	b.Reset()
	p.clear()
	p.clear()
	if b.String() != "\r\x1b[K" {
		t.Errorf("clear wrote %q, want one erase", b.String())
	}
	for d, want := range map[time.Duration]string{0: "0s", 59 * time.Second: "59s", 61 * time.Minute: "1h01m", 3*time.Minute + 4*time.Second: "3m04s"} {
		if got := elapsed(d); got != want {
			t.Errorf("elapsed(%v) = %q, want %q", d, got, want)
		}
	}
}
