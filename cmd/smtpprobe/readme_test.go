package main

// The README is for a newcomer who copies its commands and compares what
// they see with its examples. These tests keep it honest: its Markdown
// fences balance, every smtpprobe command it shows is run, and every
// example output between <!-- example: NAME --> markers is what a real run
// prints (go test -run Readme ./cmd/smtpprobe -update rewrites them).

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// readmePath is the README of the repository, two directories up.
var readmePath = filepath.Join("..", "..", "README.md")

func readReadme(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\n")
}

// fence tells whether line opens or closes a fenced code block, as
// CommonMark reads it: three or more backticks after at most three spaces.
func fence(line string) bool {
	trimmed := strings.TrimLeft(line, " ")
	return len(line)-len(trimmed) <= 3 && strings.HasPrefix(trimmed, "```")
}

// TestReadmeFences: every fenced block is closed, a closing fence is a
// line of its own, and no fence hides inside a line (as a "```" glued to
// pasted output once did, which swallowed the rest of the README).
func TestReadmeFences(t *testing.T) {
	for _, p := range fenceProblems(readReadme(t)) {
		t.Error(p)
	}
}

// fenceProblems lists what is wrong with the fences of a Markdown file.
func fenceProblems(lines []string) []string {
	var out []string
	open := 0 // the line of the open fence, 0 when none
	for i, line := range lines {
		n := i + 1
		switch {
		case fence(line) && open == 0:
			info := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "`"))
			if strings.Contains(info, "`") || strings.Contains(info, " ") {
				out = append(out, fmt.Sprintf("README.md:%d: opening fence with %q after it", n, info))
			}
			open = n
		case fence(line):
			if strings.TrimSpace(line) != "```" {
				out = append(out, fmt.Sprintf("README.md:%d: closing fence %q has text after it (it opens a new block instead)", n, line))
			}
			open = 0
		case strings.Contains(line, "```"):
			out = append(out, fmt.Sprintf("README.md:%d: a fence inside a line: %q", n, line))
		}
	}
	if open != 0 {
		out = append(out, fmt.Sprintf("README.md:%d: fenced block never closed", open))
	}
	return out
}

func TestFenceProblems(t *testing.T) {
	for _, tc := range []struct {
		md string
		ok bool
	}{
		{"a\n```\ncode\n```\nb", true},
		{"```sh\nx\n```", true},
		{"```\nok 0.091s```\n\ntext", false},
		{"```\nx\n", false},
		{"```\nx\n``` y", false},
	} {
		if got := fenceProblems(strings.Split(tc.md, "\n")); (len(got) == 0) != tc.ok {
			t.Errorf("%q: problems %q, want ok %v", tc.md, got, tc.ok)
		}
	}
}

// readmeCommand is one smtpprobe command shown in the README.
type readmeCommand struct {
	line  int
	env   map[string]string
	args  []string
	stdin string // a file named with "<"
}

// commandStart finds where a line runs smtpprobe: "smtpprobe ...",
// "$ smtpprobe", "/usr/local/bin/smtpprobe ...", "go run ./cmd/smtpprobe".
var commandStart = regexp.MustCompile(`(?:^|[\s;$])(?:go run \./cmd/smtpprobe|[\w./-]*/bin/smtpprobe|smtpprobe)(?:\s|$)`)

// placeholder is a word that stands for something in a synopsis (TARGET,
// CODE, [flags], 'REPLY LINE') or in a test script ($DNS) rather than
// being typed as is.
var placeholder = regexp.MustCompile(`^\[|^'?[A-Z][A-Z_ ]{2,}'?$|\.\.\.|^\$[A-Z_]+$`)

// readmeCommands returns every smtpprobe command in the README's code
// blocks and code spans.
func readmeCommands(t *testing.T, lines []string) []readmeCommand {
	t.Helper()
	var out []readmeCommand
	inFence, transcript := false, false
	nagiosArgs := nagiosCheckArgs(lines)
	for i, line := range lines {
		if fence(line) {
			inFence = !inFence
			// A block that starts with "$ command" shows its output after
			// it: only that first line is a command.
			transcript = inFence && i+1 < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "$ ")
			continue
		}
		var candidates []string
		switch {
		case inFence && transcript && !strings.HasPrefix(strings.TrimSpace(line), "$ "):
		case inFence || strings.HasPrefix(line, "    "):
			candidates = []string{line}
		default:
			// In prose only a code span that is a whole command counts,
			// not the name of one ("smtpprobe serve").
			for _, m := range regexp.MustCompile("`(smtpprobe [^`]+)`").FindAllStringSubmatch(line, -1) {
				if !slices.Contains(subcommands, strings.TrimPrefix(m[1], "smtpprobe ")) {
					candidates = append(candidates, m[1])
				}
			}
		}
		for _, c := range candidates {
			loc := commandStart.FindStringIndex(c)
			if loc == nil {
				continue
			}
			c = strings.ReplaceAll(c, "go run ./cmd/smtpprobe", "smtpprobe")
			for k, v := range nagiosArgs {
				c = strings.ReplaceAll(c, k, v)
			}
			words, err := shellWords(c)
			if err != nil {
				t.Errorf("README.md:%d: %v: %q", i+1, err, c)
				continue
			}
			cmd, ok := parseCommand(words)
			if !ok {
				continue
			}
			cmd.line = i + 1
			out = append(out, cmd)
		}
	}
	return out
}

// nagiosCheckArgs maps the $ARGn$ macros of the README's Nagios command to
// the values its service passes ("check_smtpprobe!example.com!5s").
func nagiosCheckArgs(lines []string) map[string]string {
	m := map[string]string{}
	for _, l := range lines {
		if _, v, ok := strings.Cut(l, "check_command        check_smtpprobe!"); ok {
			for i, a := range strings.Split(v, "!") {
				m[fmt.Sprintf("$ARG%d$", i+1)] = a
			}
		}
	}
	return m
}

// parseCommand takes apart the words of a shell line that runs smtpprobe:
// environment assignments before it, its arguments up to a pipe, a list
// operator, a redirection of output or a comment, and a file it reads with
// "<". A synopsis with placeholders is no command.
func parseCommand(words []string) (readmeCommand, bool) {
	cmd := readmeCommand{env: map[string]string{}}
	start := -1
	for i, w := range words {
		if w == "smtpprobe" || strings.HasSuffix(w, "/bin/smtpprobe") {
			start = i
			break
		}
	}
	if start < 0 {
		return cmd, false
	}
	for _, w := range words[:start] {
		if k, v, ok := strings.Cut(w, "="); ok && regexp.MustCompile(`^[A-Z_]+$`).MatchString(k) {
			cmd.env[k] = v
		}
	}
	rest := words[start+1:]
	for i := 0; i < len(rest); i++ {
		w := rest[i]
		switch {
		case w == "|" || w == ";" || w == "&&" || strings.HasPrefix(w, ">") || strings.HasPrefix(w, "2>") || strings.HasPrefix(w, "#"):
			return cmd, true
		case w == "<" && i+1 < len(rest):
			cmd.stdin = rest[i+1]
			i++
		case placeholder.MatchString(w):
			return cmd, false
		default:
			cmd.args = append(cmd.args, w)
		}
	}
	return cmd, true
}

// shellWords splits a line as sh does for the simple commands the README
// shows: words, 'single' and "double" quotes, operators as words of their
// own.
func shellWords(s string) ([]string, error) {
	var out []string
	var w strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			out = append(out, w.String())
			w.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			flush()
		case c == '\'' || c == '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return nil, fmt.Errorf("unbalanced %c", c)
			}
			w.WriteString(s[i+1 : i+1+j])
			inWord = true
			i += j + 1
		case c == '|' || c == ';' || c == '<':
			flush()
			out = append(out, string(c))
		case c == '#' && !inWord:
			flush()
			out = append(out, s[i:])
			return out, nil
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	flush()
	return out, nil
}

// TestReadmeCommands runs every smtpprobe command of the README, as a
// newcomer would paste it, against a DNS server on loopback that knows no
// name (nothing leaves the machine): each must be accepted as typed, with
// no "smtpprobe: error:" and no usage error, and the files it names are
// made for it.
func TestReadmeCommands(t *testing.T) {
	lines := readReadme(t)
	cmds := readmeCommands(t, lines)
	if len(cmds) < 20 {
		t.Fatalf("found only %d smtpprobe commands in the README", len(cmds))
	}
	d := dnstest.Start(t)
	dir := t.TempDir()
	files := map[string]string{ // the content of a file a flag names
		"-f": "example.com\nexample.org\n", "--file": "example.com\n",
		"--auth-password-file": "app-password\n", "--auth-token-file": "ya29.token\n",
		"--config": "modules:\n  default:\n    timeout: 10s\n",
	}
	for _, cmd := range cmds {
		t.Run(fmt.Sprintf("line %d", cmd.line), func(t *testing.T) {
			t.Parallel()
			args := slices.Clone(cmd.args)
			serve := slices.Contains(args, "serve")
			for i := 0; i+1 < len(args); i++ {
				content, ok := files[args[i]]
				if !ok || args[i+1] == "-" {
					continue
				}
				f := filepath.Join(dir, fmt.Sprintf("%d-%d", cmd.line, i))
				if err := os.WriteFile(f, []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
				args[i+1] = f
			}
			for i := range args {
				if serve && i > 0 && args[i-1] == "--listen" {
					args[i] = "127.0.0.1:0" // tests bind loopback only, on a free port
				}
			}
			stdin := ""
			if cmd.stdin != "" {
				stdin = "<u@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <u@example.com>: user does not exist (in reply to RCPT TO command)\n"
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if serve {
				// serve runs until stopped: long enough to start.
				ctx, cancel = context.WithTimeout(ctx, time.Second)
				defer cancel()
			}
			r := runWith(t, cmdEnv{ctx: ctx, stdin: stdin, environ: cmd.env, resolver: d.Addr()}, args...)
			if strings.Contains(r.stderr, "smtpprobe: error:") || r.code == 3 && !probed(r.stdout) {
				t.Errorf("README.md:%d: smtpprobe %q: exit %d\n%s", cmd.line, args, r.code, r.stderr)
			}
		})
	}
}

// probed tells whether the output is a report of a probe that ran (a
// resolver or network failure is exit 3 too, but no usage error).
func probed(stdout string) bool {
	return strings.Contains(stdout, "Verdict:") || strings.Contains(stdout, `"status"`) || strings.HasPrefix(stdout, "SMTP ")
}

func TestReadmeCommandParsing(t *testing.T) {
	for _, tc := range []struct {
		line string
		args []string
		ok   bool
	}{
		{"smtpprobe example.com", []string{"example.com"}, true},
		{"$ smtpprobe nobody@example.org", []string{"nobody@example.org"}, true},
		{"SMTPPROBE_PASSWORD='app pw' smtpprobe --submission x@y.z  # note", []string{"--submission", "x@y.z"}, true},
		{"smtpprobe -o json -f domains.txt | jq -r '.x'", []string{"-o", "json", "-f", "domains.txt"}, true},
		{"smtpprobe explain --text - < bounce.txt    # stdin", []string{"explain", "--text", "-"}, true},
		{"smtpprobe [flags] TARGET...", nil, false},
		{"smtpprobe explain --text 'REPLY LINE'", nil, false},
	} {
		words, err := shellWords(tc.line)
		if err != nil {
			t.Fatal(err)
		}
		cmd, ok := parseCommand(words)
		if ok != tc.ok || ok && !slices.Equal(cmd.args, tc.args) {
			t.Errorf("%q: %q %v, want %q %v", tc.line, cmd.args, ok, tc.args, tc.ok)
		}
	}
}

// updateReadme rewrites the README's examples from real runs.
var updateReadme = flag.Bool("update", false, "rewrite the README's examples (between <!-- example: NAME --> markers) from real runs")

// exampleMarker precedes a fenced block whose content a real run makes.
var exampleMarker = regexp.MustCompile(`^<!-- example: ([a-z0-9-]+) -->$`)

// volatile matches what differs from run to run: dates, durations, a
// loopback port, days left, and the sizes that follow durations.
var volatile = regexp.MustCompile(`\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?( UTC|Z)?|\d+(\.\d+)?(ns|µs|ms|s)\b|127\.0\.0\.1:\d+|\d+ days|cert_days=\d+`)

// sameExample compares an example with a fresh run, line by line and in
// order, whatever changes from run to run: times, dates and ports. Facts
// gathered concurrently (the A and AAAA answers of a host, say) are put in
// order where they are gathered, so the order of lines is part of the
// example.
func sameExample(a, b string) bool {
	norm := func(s string) []string {
		var lines []string
		for _, l := range strings.Split(volatile.ReplaceAllString(s, "#"), "\n") {
			lines = append(lines, strings.Join(strings.Fields(l), " "))
		}
		return lines
	}
	return slices.Equal(norm(a), norm(b))
}

// TestReadmeExamples: every example output in the README is what a real
// run against servers on loopback prints today. With -update it rewrites
// them; review the diff.
func TestReadmeExamples(t *testing.T) {
	lines := readReadme(t)
	examples := readmeExamples(t)
	used := map[string]bool{}
	var out []string
	changed := false
	for i := 0; i < len(lines); i++ {
		out = append(out, lines[i])
		m := exampleMarker.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		name := m[1]
		gen, ok := examples[name]
		if !ok {
			t.Errorf("README.md:%d: no example called %q (see readmeExamples)", i+1, name)
			continue
		}
		used[name] = true
		if i+1 >= len(lines) || strings.TrimSpace(lines[i+1]) != "```" {
			t.Errorf("README.md:%d: example %q: the next line must open a fenced block", i+1, name)
			continue
		}
		end := i + 2
		for end < len(lines) && !fence(lines[end]) {
			end++
		}
		if end == len(lines) {
			t.Fatalf("README.md:%d: example %q: the block is never closed", i+1, name)
		}
		got := strings.TrimRight(gen(t), "\n")
		have := strings.Join(lines[i+2:end], "\n")
		if !sameExample(have, got) {
			changed = true
			if !*updateReadme {
				t.Errorf("README.md:%d: example %q differs from a real run (go test ./cmd/smtpprobe -run ReadmeExamples -update, then review the diff):\n--- README\n%s\n--- real run\n%s", i+1, name, have, got)
			}
			have = got
		}
		out = append(out, "```")
		out = append(out, strings.Split(have, "\n")...)
		out = append(out, "```")
		i = end
	}
	for name := range examples {
		if !used[name] {
			t.Errorf("example %q is in no <!-- example: %s --> marker of the README", name, name)
		}
	}
	if *updateReadme && changed {
		if err := os.WriteFile(readmePath, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSameExample(t *testing.T) {
	a := "x · 2026-11-22 21:06:34 UTC · 3.5ms\n  3 queries to 127.0.0.1:44017, 0.5ms in all\nexpires 2027-01-01 21:06 UTC, 39 days left"
	b := "x · 2026-12-05 01:00:00 UTC · 12.25ms\n  3 queries  to 127.0.0.1:5353, 10.0s in all\nexpires 2027-01-14 01:00 UTC, 40 days left"
	if !sameExample(a, b) {
		t.Error("runs that differ only in times, ports and spacing differ")
	}
	if sameExample(a, strings.Replace(b, "queries", "answers", 1)) {
		t.Error("different words are the same example")
	}
	lines := strings.Split(b, "\n")
	lines[1], lines[2] = lines[2], lines[1]
	if sameExample(a, strings.Join(lines, "\n")) {
		t.Error("the same lines in another order are the same example")
	}
}

// readmeExamples makes each example of the README from a real run: the
// command as the README shows it, then what it printed (or the part of it
// the README quotes).
func readmeExamples(t *testing.T) map[string]func(*testing.T) string {
	mailWorld := sync.OnceValue(func() cmdEnv { return exampleMailWorld(t) })
	subWorld := sync.OnceValue(func() cmdEnv { return exampleSubmissionWorld(t) })
	run := func(t *testing.T, ce cmdEnv, shown string, args ...string) string {
		t.Helper()
		r := runWith(t, ce, args...)
		if r.stderr != "" {
			t.Errorf("%s: stderr %s", shown, r.stderr)
		}
		return r.stdout
	}
	transcript := func(shown, out string) string { return "$ " + shown + "\n" + out }
	return map[string]func(*testing.T) string{
		"unknown-user": func(t *testing.T) string {
			return transcript("smtpprobe nobody@example.org", run(t, mailWorld(), "", "nobody@example.org"))
		},
		"healthy-end": func(t *testing.T) string {
			out := run(t, mailWorld(), "", "example.org")
			return out[strings.Index(out, "Findings\n"):]
		},
		"port-blocked": func(t *testing.T) string {
			ce := exampleBlockedWorld(t)
			return transcript("smtpprobe --timeout 2s example.net", run(t, ce, "", "--timeout", "2s", "example.net"))
		},
		"nagios": func(t *testing.T) string {
			return transcript("smtpprobe -o nagios example.org", run(t, mailWorld(), "", "-o", "nagios", "example.org"))
		},
		"explain-spamhaus": func(t *testing.T) string {
			// Sendmail's dnsbl feature, a corpus row (report/catalog/testdata/replies.tsv).
			reply := "550 5.7.1 Rejected: 192.0.2.10 listed at zen.spamhaus.org"
			return transcript("smtpprobe explain --text '"+reply+"'", run(t, cmdEnv{}, "", "explain", "--text", reply))
		},
		"explain-compare": func(t *testing.T) string {
			out := run(t, cmdEnv{}, "", "explain", "252", "354")
			return transcript("smtpprobe explain 252 354", "...\n"+out[strings.Index(out, "Main differences"):])
		},
		"explain-ja": func(t *testing.T) string {
			out := run(t, cmdEnv{environ: map[string]string{"LANG": "ja_JP.UTF-8"}}, "", "explain", "550 5.1.1")
			lines := strings.SplitAfter(out, "\n")
			return transcript(`LANG=ja_JP.UTF-8 smtpprobe explain "550 5.1.1"`, strings.Join(lines[:min(len(lines), 8)], "")+"  ...\n")
		},
		"auth-failed": func(t *testing.T) string {
			ce := subWorld()
			out := run(t, ce, "", "--submission", "--server", "smtp.example.test", "--auth-user", "alice@example.test",
				"--auth-password-file", ce.environ["wrong-password-file"], "bob@example.org")
			return transcript("smtpprobe --submission --server smtp.example.test --auth-user alice@example.test --auth-password-file ~/.smtp-pw bob@example.org",
				excerpt(out, "-> AUTH", "-> QUIT")+"  ...\n"+verdict(out))
		},
		"auth-ok": func(t *testing.T) string {
			ce := subWorld()
			ce.environ = map[string]string{"SMTPPROBE_PASSWORD": "correct horse battery"}
			out := run(t, ce, "", "--submission", "--server", "smtp.example.test", "--auth-user", "alice@example.test", "bob@example.org")
			return transcript("SMTPPROBE_PASSWORD='correct horse battery' smtpprobe --submission --server smtp.example.test --auth-user alice@example.test bob@example.org",
				excerpt(out, "-> AUTH", "-> RCPT")+"  ...\n"+excerpt(out, "  AUTH", "Findings")+"...\n"+verdict(out))
		},
	}
}

// excerpt is the lines of out from the first that holds from up to the
// next that holds to (not included), without trailing blank lines.
func excerpt(out, from, to string) string {
	var b strings.Builder
	in := false
	for _, l := range strings.SplitAfter(out, "\n") {
		if !in && strings.Contains(l, from) {
			in = true
		} else if in && strings.Contains(l, to) {
			break
		}
		if in {
			b.WriteString(l)
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// verdict is the verdict line at the end of a text report.
func verdict(out string) string {
	return out[strings.LastIndex(out, "\nVerdict:")+1:]
}

// exampleMailWorld serves example.org from mx1.example.org (192.0.2.25,
// routed to a go-smtp server on loopback with STARTTLS and a certificate
// valid 40 more days) that knows no nobody@example.org.
func exampleMailWorld(t *testing.T) cmdEnv {
	ca := smtptest.NewCA(t)
	srv := smtptest.Start(t, smtptest.Options{
		Domain: "mx1.example.org",
		TLS:    smtptest.TLSConfig(ca.Issue(t, "mx1.example.org", time.Now().Add(40*24*time.Hour))),
		RejectRcpt: map[string]*smtptest.SMTPError{
			// iCloud's unknown-user reply, a corpus row (report/catalog/testdata/replies.tsv).
			"nobody@example.org": smtptest.Error(550, "5.1.1", "<nobody@example.org>: user does not exist"),
		},
	})
	d := dnstest.Start(t, "example.org. 300 IN MX 10 mx1.example.org.", "mx1.example.org. 300 IN A 192.0.2.25")
	return cmdEnv{resolver: d.Addr(), hostname: "probe.example.net", roots: ca.Pool(),
		routes: map[string]string{"192.0.2.25:25": srv.Addr}}
}

// exampleBlockedWorld is example.net, whose two MX hosts (three
// addresses) never answer a connection, as from a network that blocks
// outbound port 25.
func exampleBlockedWorld(t *testing.T) cmdEnv {
	d := dnstest.Start(t,
		"example.net. 300 IN MX 10 mx1.example.net.", "example.net. 300 IN MX 20 mx2.example.net.",
		"mx1.example.net. 300 IN AAAA 2001:db8::25", "mx1.example.net. 300 IN A 192.0.2.25",
		"mx2.example.net. 300 IN A 192.0.2.26")
	return cmdEnv{resolver: d.Addr(), hostname: "probe.example.net", routes: map[string]string{
		"[2001:db8::25]:25": blackhole, "192.0.2.25:25": blackhole, "192.0.2.26:25": blackhole}}
}

// exampleSubmissionWorld is smtp.example.test (192.0.2.58), a submission
// server on port 587 that takes alice@example.test's password "correct
// horse battery"; environ["wrong-password-file"] names a file with
// another password.
func exampleSubmissionWorld(t *testing.T) cmdEnv {
	ca := smtptest.NewCA(t)
	srv := smtptest.Start(t, smtptest.Options{
		Domain: "smtp.example.test",
		TLS:    smtptest.TLSConfig(ca.Issue(t, "smtp.example.test", time.Now().Add(60*24*time.Hour))),
		Auth:   map[string]string{"alice@example.test": "correct horse battery"},
	})
	d := dnstest.Start(t, "smtp.example.test. 300 IN A 192.0.2.58")
	wrong := filepath.Join(t.TempDir(), "smtp-pw")
	if err := os.WriteFile(wrong, []byte("Tr0ub4dor&3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return cmdEnv{resolver: d.Addr(), hostname: "probe.example.net", roots: ca.Pool(),
		routes:  map[string]string{"192.0.2.58:587": srv.Addr},
		environ: map[string]string{"wrong-password-file": wrong}}
}
