package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestColorFlag pins --color=auto|always|never, --no-color and when auto
// colours: on a terminal, unless NO_COLOR is set or TERM=dumb.
func TestColorFlag(t *testing.T) {
	tests := []struct {
		terminal bool
		environ  map[string]string
		args     []string
		want     bool
	}{
		{true, nil, nil, true},
		{false, nil, nil, false},
		{true, map[string]string{"TERM": "dumb"}, nil, false},
		{true, map[string]string{"NO_COLOR": "1"}, nil, false},
		{true, nil, []string{"--color=auto"}, true},
		{false, nil, []string{"--color=always"}, true},
		{false, nil, []string{"--color"}, true},
		{false, map[string]string{"NO_COLOR": "1", "TERM": "dumb"}, []string{"--color=always"}, true},
		{true, nil, []string{"--color=never"}, false},
		{true, nil, []string{"--no-color"}, false},
		{true, nil, []string{"--color=always", "--no-color"}, false},
	}
	for _, tt := range tests {
		ce := cmdEnv{terminal: tt.terminal, environ: tt.environ}
		for _, cmd := range [][]string{{"explain"}, nil} {
			args := append(append(cmd, tt.args...), "550")
			if cmd == nil {
				// The probe itself, of a target that is no target: the
				// report is printed all the same.
				args = append(tt.args, "exa mple.test")
			}
			r := runWith(t, ce, args...)
			if got := strings.Contains(r.stdout, "\x1b["); got != tt.want {
				t.Errorf("terminal %v, %v, %q: colour %v, want %v", tt.terminal, tt.environ, args, got, tt.want)
			}
		}
	}
	for _, args := range [][]string{{"--color=sometimes", "example.test"}, {"explain", "--color=yes", "550"}} {
		r := runCmd(t, "", nil, args...)
		if r.code != 3 || !strings.Contains(r.stderr, `--color "`) || !strings.Contains(r.stderr, "want auto, always or never") {
			t.Errorf("%q: exit %d, stderr %q; want 3 and a one-line error", args, r.code, r.stderr)
		}
	}
}

// TestWidth: text is wrapped to the terminal's width (or COLUMNS), never
// wider than usual (100 columns, 80 for explain), and the verdict is one
// short line that fits.
func TestWidth(t *testing.T) {
	w := newWorld(t)
	widest := func(out string) int {
		n := 0
		for _, l := range strings.Split(out, "\n") {
			n = max(n, utf8.RuneCountInString(l)) // English text: one column a rune
		}
		return n
	}
	for _, tt := range []struct {
		ce   cmdEnv
		want int // the widest a line may be
	}{
		{cmdEnv{terminal: true, columns: 50}, 50},
		{cmdEnv{terminal: true, columns: 200}, 80},
		{cmdEnv{environ: map[string]string{"COLUMNS": "60"}}, 60},
		{cmdEnv{}, 80},
	} {
		r := runWith(t, tt.ce, "explain", "--no-color", "--text", "550 5.1.1 <nobody@example.test>: user does not exist")
		if got := widest(r.stdout); got > tt.want || got < tt.want-15 {
			t.Errorf("explain, %+v: widest line %d columns, want up to %d and near it:\n%s", tt.ce, got, tt.want, r.stdout)
		}
	}
	for _, tt := range []struct {
		columns, want int
	}{{60, 60}, {0, 100}, {300, 100}} {
		r := runWith(t, cmdEnv{terminal: true, columns: tt.columns}, w.args("--no-color", "nobody@example.test")...)
		_, findings, _ := strings.Cut(r.stdout, "\nFindings\n")
		verdict := findings[strings.LastIndex(findings, "\n\n")+2:]
		// The explanations below each finding's title are wrapped to fit,
		// and the verdict too when the width is known.
		var wrapped []string
		for _, l := range strings.Split(findings, "\n") {
			if strings.HasPrefix(l, strings.Repeat(" ", 12)) {
				wrapped = append(wrapped, l)
			}
		}
		if got := widest(strings.Join(wrapped, "\n")); got > tt.want || got < tt.want-25 {
			t.Errorf("%d columns: explanations %d columns wide, want up to %d and near it:\n%s", tt.columns, got, tt.want, findings)
		}
		if got := widest(verdict); tt.columns > 0 && got > tt.columns {
			t.Errorf("%d columns: the verdict is %d columns wide:\n%s", tt.columns, got, verdict)
		}
		if !strings.HasPrefix(strings.Join(strings.Fields(verdict), " "), "Verdict: CRITICAL (exit 2) mx.example.test rejected RCPT TO:<nobody@example.test>: 550 5.1.1") ||
			strings.Contains(verdict, "Check the address") || strings.Contains(verdict, "check the address") {
			t.Errorf("%d columns: the verdict is not the short headline: %q", tt.columns, verdict)
		}
	}
}

// TestDumbTerminal: TERM=dumb gets no progress bar, whose erasing it
// cannot do.
func TestDumbTerminal(t *testing.T) {
	w := newWorld(t)
	r := runWith(t, cmdEnv{terminal: true, stderrTerminal: true, environ: map[string]string{"TERM": "dumb"}}, w.args("example.test", "grey@example.test")...)
	if strings.ContainsAny(r.stderr, "\r\x1b") || strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("escape sequences on a dumb terminal: stderr %q", r.stderr)
	}
}
