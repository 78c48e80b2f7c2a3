package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// explainRun calls runExplain with the environment variables environ.
func explainRun(t *testing.T, stdin string, environ map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = runExplain(args, &env{
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errb,
		getenv: func(k string) string { return environ[k] },
	})
	return code, out.String(), errb.String()
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
		code, out, errs := explainRun(t, tt.stdin, tt.env, tt.args...)
		if code != 0 || errs != "" {
			t.Errorf("%s: exit %d, stderr %q", tt.name, code, errs)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output lacks %q:\n%s", tt.name, w, out)
			}
		}
		if strings.Contains(out, "\x1b[") {
			t.Errorf("%s: colour written to a pipe", tt.name)
		}
	}
}

func TestExplainCommandJSON(t *testing.T) {
	code, out, _ := explainRun(t, "", nil, "-o", "json", "550 5.1.1", "421")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one JSON object per code, got:\n%s", out)
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
	code, out, _ = explainRun(t, "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to user complaints\n", nil, "--output=json", "--text", "-")
	if code != 0 || !strings.Contains(out, `"rule":"yahoo-deferred"`) || !strings.Contains(out, `"retry":"transient"`) {
		t.Errorf("--text - -o json: exit %d\n%s", code, out)
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
		code, out, errs := explainRun(t, tt.stdin, nil, tt.args...)
		if code != 3 {
			t.Errorf("%s: exit %d; want 3", tt.name, code)
		}
		if out != "" {
			t.Errorf("%s: wrote to stdout: %q", tt.name, out)
		}
		if !strings.HasPrefix(errs, "smtpprobe: error: ") || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: stderr %q; want one error line with %q", tt.name, errs, tt.want)
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
		var out bytes.Buffer
		code := runExplain(tt.args, &env{
			stdin:          strings.NewReader(""),
			stdout:         &out,
			stderr:         &out,
			getenv:         func(k string) string { return tt.environ[k] },
			stdoutTerminal: tt.terminal,
		})
		if got := strings.Contains(out.String(), "\x1b["); code != 0 || got != tt.want {
			t.Errorf("terminal %v, env %v, args %v: exit %d, colour %v; want 0, %v", tt.terminal, tt.environ, tt.args, code, got, tt.want)
		}
	}
}
