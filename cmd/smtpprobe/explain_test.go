package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// explain runs smtpprobe explain with args.
func explain(t *testing.T, stdin string, environ map[string]string, args ...string) result {
	t.Helper()
	return runCmd(t, stdin, environ, append([]string{"explain"}, args...)...)
}

func TestExplainCommand(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		env   map[string]string
		args  []string
		want  []string // substrings of stdout
	}{
		{"basic", "", nil, []string{"252"}, []string{"252  Cannot verify user", "2xx Positive Completion", "Other meanings of 252"}},
		{"enhanced", "", nil, []string{"5.1.1"}, []string{"5.1.1  Recipient address does not exist", "mailbox-unknown"}},
		{"x form", "", nil, []string{"X.7.26"}, []string{"X.7.26", "spf-dkim-dmarc"}},
		{"combined", "", nil, []string{"550 5.1.1"}, []string{"550 5.1.1  Recipient address does not exist", "matched   enhanced"}},
		{"compare", "", nil, []string{"252", "354"}, []string{"Main differences", "Which applies when", "3xx Positive Intermediate"}},
		{"unknown", "", nil, []string{"573"}, []string{"573 is not in the catalog"}},
		{"text", "", nil, []string{"--text", "450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.17]"}, []string{"reverse-dns", "rule (reverse-dns)", "PTR"}},
		{"text stdin", "<u@example.com>: host mx.example.com[192.0.2.1] said: 550-5.7.1 first\n550 5.7.1 blocked using zen.spamhaus.org (in reply to RCPT TO command)\n", nil, []string{"--text", "-"}, []string{"Spamhaus", "blocklist"}},
		{"lang flag", "", nil, []string{"--lang", "ja", "550"}, []string{"メールボックス利用不可", "意味"}},
		{"LANG", "", map[string]string{"LANG": "ja_JP.UTF-8"}, []string{"421"}, []string{"サービス利用不可"}},
		{"LC_ALL over LANG", "", map[string]string{"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, []string{"421"}, []string{"サービス利用不可"}},
		{"flag over LANG", "", map[string]string{"LANG": "ja_JP.UTF-8"}, []string{"--lang=en", "421"}, []string{"Service not available"}},
		{"help", "", nil, []string{"--help"}, []string{"usage: smtpprobe explain", "--text"}},
	}
	for _, tt := range tests {
		r := explain(t, tt.stdin, tt.env, tt.args...)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("%s: exit %d, stderr %q", tt.name, r.code, r.stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%s: output lacks %q:\n%s", tt.name, w, r.stdout)
			}
		}
		if strings.Contains(r.stdout, "\x1b[") {
			t.Errorf("%s: colour written to a pipe", tt.name)
		}
	}
}

func TestExplainCommandJSON(t *testing.T) {
	r := explain(t, "", nil, "-o", "json", "550 5.1.1", "421")
	if r.code != 0 {
		t.Fatalf("exit %d", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one JSON object per code, got:\n%s", r.stdout)
	}
	var d struct {
		Code     int    `json:"code"`
		Enhanced string `json:"enhanced"`
		Category string `json:"category"`
		Retry    string `json:"retry"`
		Matched  string `json:"matched"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &d); err != nil {
		t.Fatal(err)
	}
	if d.Code != 550 || d.Enhanced != "5.1.1" || d.Category != "mailbox-unknown" || d.Retry != "permanent" || d.Matched != "enhanced" {
		t.Errorf("JSON %+v", d)
	}
	r = explain(t, "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to user complaints\n", nil, "--output=json", "--text", "-")
	if r.code != 0 || !strings.Contains(r.stdout, `"rule":"yahoo-deferred"`) || !strings.Contains(r.stdout, `"retry":"transient"`) {
		t.Errorf("--text - -o json: exit %d\n%s", r.code, r.stdout)
	}
}

func TestExplainCommandErrors(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"no code", "", nil, "needs a reply code"},
		{"bad code", "", []string{"650"}, "not a basic reply code"},
		{"bad enhanced", "", []string{"5.1"}, "not an enhanced status code"},
		{"classes differ", "", []string{"550 4.1.1"}, "classes"},
		{"bad flag", "", []string{"--bogus", "550"}, "unknown flag"},
		{"bad output", "", []string{"-o", "nagios", "550"}, "text or json"},
		{"bad lang", "", []string{"--lang", "fr", "550"}, "--lang"},
		{"empty text", "", []string{"--text", ""}, "empty reply"},
		{"empty stdin", "  \n", []string{"--text", "-"}, "empty reply"},
		{"text and codes", "", []string{"--text", "550 x", "550"}, "one reply"},
		{"stdin too long", strings.Repeat("550 x\n", 20000), []string{"--text", "-"}, "longer than"},
		{"one bad of two", "", []string{"550", "abc"}, `"abc"`},
	}
	for _, tt := range tests {
		r := explain(t, tt.stdin, nil, tt.args...)
		if r.code != 3 {
			t.Errorf("%s: exit %d; want 3", tt.name, r.code)
		}
		if r.stdout != "" {
			t.Errorf("%s: wrote to stdout: %q", tt.name, r.stdout)
		}
		if !strings.HasPrefix(r.stderr, "smtpprobe: error: ") || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%s: stderr %q; want one error line with %q", tt.name, r.stderr, tt.want)
		}
	}
}

// TestExplainColour checks that explain colours its output on a terminal
// only, like the probe: the decision is the env's, not a look at os.Stdout.
func TestExplainColour(t *testing.T) {
	for _, tt := range []struct {
		terminal bool
		environ  map[string]string
		args     []string
		want     bool
	}{
		{true, nil, []string{"550"}, true},
		{false, nil, []string{"550"}, false},
		{true, map[string]string{"NO_COLOR": "1"}, []string{"550"}, false},
		{true, nil, []string{"--no-color", "550"}, false},
	} {
		r := runWith(t, cmdEnv{terminal: tt.terminal, environ: tt.environ}, append([]string{"explain"}, tt.args...)...)
		if got := strings.Contains(r.stdout, "\x1b["); r.code != 0 || got != tt.want {
			t.Errorf("terminal %v, env %v, args %v: exit %d, colour %v; want 0, %v", tt.terminal, tt.environ, tt.args, r.code, got, tt.want)
		}
	}
}

// TestExplainTextHostile: a pasted reply comes from a remote server, so
// explain --text escapes its control bytes (ESC, BEL, OSC, C1 CSI, bidi
// overrides) as the probe does, in text and in JSON, while printable UTF-8
// stays text.
func TestExplainTextHostile(t *testing.T) {
	reply := "550 5.1.1 \x1b]0;pwned\x07\x1b[2J\xc2\x9b31m宛先不明 \u202eexe.txt\x7f"
	for _, args := range [][]string{{"--text", reply}, {"--text", "-"}, {"-o", "json", "--text", reply}} {
		r := runWith(t, cmdEnv{stdin: reply, terminal: true}, append([]string{"explain"}, args...)...)
		if r.code != 0 {
			t.Fatalf("%q: exit %d\n%s", args, r.code, r.stderr)
		}
		out := stripColour(r.stdout)
		for _, c := range out {
			if c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c == '\u202e' {
				t.Errorf("%q: %U reached the terminal:\n%q", args, c, out)
				break
			}
		}
		for _, want := range []string{`\x1b]0;pwned\x07\x1b[2J\xc2\x9b31m宛先不明`, `\xe2\x80\xaeexe.txt\x7f`} {
			if args[0] == "-o" {
				want = strings.ReplaceAll(want, `\`, `\\`) // as JSON writes a backslash
			}
			if !strings.Contains(out, want) {
				t.Errorf("%q: output lacks the escaped reply %q:\n%s", args, want, out)
			}
		}
	}
}

// stripColour removes the SGR sequences the palette writes.
func stripColour(s string) string {
	return regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(s, "")
}

// FuzzExplainText: whatever is pasted into explain --text, the text and
// JSON outputs hold no control character but the newline (outside the
// colour sequences on a terminal), no bidirectional control and no invalid
// UTF-8, and nothing panics.
func FuzzExplainText(f *testing.F) {
	f.Add("550 5.1.1 <xxx@icloud.com>: user does not exist")
	f.Add("550-5.7.1 \x1b]0;pwned\x07\n550 5.7.1 \x1b[2J\xc2\x9b31m\u202eexe.txt\xff")
	f.Add("host mx.example.jp said: 550 5.1.1 宛先のユーザーは存在しません\r\n(in reply to RCPT TO command)")
	f.Fuzz(func(t *testing.T, reply string) {
		for _, args := range [][]string{{"--text", "-"}, {"-o", "json", "--text", "-"}} {
			r := runWith(t, cmdEnv{stdin: reply, terminal: true}, append([]string{"explain"}, args...)...)
			if r.code != 0 && r.code != 3 {
				t.Fatalf("exit %d", r.code)
			}
			out := stripColour(r.stdout + r.stderr)
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 in the output: %q", out)
			}
			for _, c := range out {
				if c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 {
					t.Fatalf("%U reached the terminal: %q", c, out)
				}
			}
		}
	})
}
