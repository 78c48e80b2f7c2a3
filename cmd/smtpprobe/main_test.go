package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// result is what one run of the command gave.
type result struct {
	code           int
	stdout, stderr string
}

// cmdEnv is how one test run of the command is set up.
type cmdEnv struct {
	ctx      context.Context // nil: a background context
	stdin    string
	environ  map[string]string
	terminal bool // stdout is a terminal
	// stdinTerminal and stderrTerminal say that standard input and
	// standard error are terminals.
	stdinTerminal, stderrTerminal bool
	columns                       int               // the width of stdout's terminal; 0: unknown
	routes                        map[string]string // "192.0.2.1:25" -> the loopback listener
	// flagsDecideSpecial leaves probe.Config.AllowSpecialAddresses as the
	// flags set it, instead of allowing the special addresses that the
	// test zones use.
	flagsDecideSpecial bool
	roots              *x509.CertPool // trusted unless --ca-file is given; nil: nothing
	// resolver, when set, is the DNS server every question goes to,
	// whatever the flags say; hostname is this host's name ("probe.test"
	// when empty).
	resolver, hostname string
}

// blackhole is a route to an address that never answers a connection.
const blackhole = "blackhole"

// env is the process environment that ce stands for, with its output
// going to stdout and stderr. Connections go through routes; any address
// outside 127.0.0.0/8 that has no route is refused, so no test can reach
// outside the machine.
func (ce cmdEnv) env(stdout, stderr io.Writer) *env {
	roots := ce.roots
	if roots == nil {
		roots = x509.NewCertPool()
	}
	return &env{
		stdin:          strings.NewReader(ce.stdin),
		stdout:         stdout,
		stderr:         stderr,
		getenv:         func(k string) string { return ce.environ[k] },
		hostname:       func() string { return cmp.Or(ce.hostname, "probe.test") },
		stdinTerminal:  ce.stdinTerminal,
		stdoutTerminal: ce.terminal,
		stderrTerminal: ce.stderrTerminal,
		columns:        func() int { return ce.columns },
		configure: func(c *probe.Config) {
			if c.RootCAs == nil {
				c.RootCAs = roots
			}
			if ce.resolver != "" && c.Resolver != nil {
				c.Resolver.Servers = []string{ce.resolver}
			}
			// The test zones put MX hosts at documentation and loopback
			// addresses, routed below to loopback listeners: what
			// --allow-special-addresses is for.
			if !ce.flagsDecideSpecial {
				c.AllowSpecialAddresses = true
			}
			c.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
				if to, ok := ce.routes[addr]; ok {
					if to == blackhole {
						// As net.Dialer to an address that drops SYNs:
						// "dial tcp 192.0.2.1:25: i/o timeout".
						<-ctx.Done()
						err := ctx.Err()
						if errors.Is(err, context.DeadlineExceeded) {
							err = os.ErrDeadlineExceeded
						}
						return nil, &net.OpError{Op: "dial", Net: network, Err: err}
					}
					addr = to
				} else if ap, err := netip.ParseAddrPort(addr); err != nil || !ap.Addr().IsLoopback() {
					return nil, fmt.Errorf("test: no route to %s", addr)
				}
				var d net.Dialer
				return d.DialContext(ctx, network, addr)
			}
		},
	}
}

// runWith runs the whole command in process, as main would, in ce.
func runWith(t testing.TB, ce cmdEnv, args ...string) result {
	t.Helper()
	ctx := ce.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	var out, errb bytes.Buffer
	code := run(ctx, args, ce.env(&out, &errb))
	return result{code, out.String(), errb.String()}
}

// runCmd runs the whole command with the given standard input and
// environment variables.
func runCmd(t *testing.T, stdin string, environ map[string]string, args ...string) result {
	t.Helper()
	return runWith(t, cmdEnv{stdin: stdin, environ: environ}, args...)
}

// world is a DNS server and SMTP servers on loopback that stand for the
// mail setup of a few test domains.
type world struct {
	dns  *dnstest.Server
	port string // the port every SMTP server of the world listens on
}

// newWorld serves example.test from a go-smtp server that rejects
// nobody@example.test and greylists grey@example.test, with DNS for
// example.test (MX), nullmx.test (null MX) and nothing else (NXDOMAIN).
func newWorld(t *testing.T) *world {
	srv := smtptest.Start(t, smtptest.Options{
		Domain: "mx.example.test",
		RejectRcpt: map[string]*smtptest.SMTPError{
			// iCloud's unknown-user reply, a corpus row (report/catalog/testdata/replies.tsv).
			"nobody@example.test": smtptest.Error(550, "5.1.1", "<nobody@example.test>: user does not exist"),
			"grey@example.test":   smtptest.Error(451, "4.7.1", "<grey@example.test>: Recipient address rejected: Greylisted, try again in 5 minutes"),
		},
	})
	host, port, err := net.SplitHostPort(srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	d := dnstest.Start(t,
		"example.test. 300 IN MX 10 mx.example.test.",
		"mx.example.test. 300 IN A "+host,
		"nullmx.test. 300 IN MX 0 .",
		"loop.test. 300 IN CNAME loop2.test.",
		"loop2.test. 300 IN CNAME loop.test.",
		"broken.test. 300 IN MX 10 mx.broken.test.",
	)
	d.ServFail("broken.test.")
	return &world{dns: d, port: port}
}

// args returns the flags that point the command at the world.
func (w *world) args(more ...string) []string {
	return append([]string{"--resolver", w.dns.Addr(), "--port", w.port, "--timeout", "5s"}, more...)
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // a piece of the one-line error
	}{
		{"no target", nil, "no target given"},
		{"unknown flag", []string{"--bogus", "example.com"}, "unknown flag"},
		{"bad starttls mode", []string{"--starttls", "maybe", "example.com"}, "--starttls"},
		{"bad output", []string{"-o", "xml", "example.com"}, "--output"},
		{"bad port", []string{"--port", "70000", "example.com"}, "--port"},
		{"port 0", []string{"--port", "0", "example.com"}, "--port"},
		{"negative port", []string{"--port", "-1", "example.com"}, "--port"},
		{"server port 0", []string{"--server", "mx.example.com:0", "example.com"}, `--server "mx.example.com:0": port "0"`},
		{"server empty port", []string{"--server", "mx.example.com:", "example.com"}, `--server "mx.example.com:": port ""`},
		{"server IPv6 and port without brackets", []string{"--server", "2001:db8::1::25", "example.com"}, "in brackets"},
		{"bad timeout", []string{"--timeout", "-1s", "example.com"}, "--timeout"},
		{"bad timeout syntax", []string{"--timeout", "soon", "example.com"}, "timeout"},
		{"zero timeout", []string{"--timeout", "0", "example.com"}, "--timeout 0s: want a positive duration"},
		{"zero deadline, as zero timeout", []string{"--deadline", "0", "example.com"}, "--deadline 0s: want a positive duration"},
		{"negative deadline", []string{"--deadline", "-1s", "example.com"}, "--deadline -1s: want a positive duration"},
		{"bad lang", []string{"--lang", "fr", "example.com"}, "--lang"},
		{"bad concurrency", []string{"-c", "0", "example.com"}, "--concurrency"},
		{"no cert warning days", []string{"--cert-warn-days", "0", "example.com"}, "--cert-warn-days"},
		{"CRLF in helo", []string{"--helo", "a\r\nDATA", "example.com"}, "--helo"},
		{"CRLF in from", []string{"--from", "a@b.example\r\nRCPT TO:<x@y>", "example.com"}, "--from"},
		{"bad rcpt", []string{"--rcpt", "no-at-sign", "example.com"}, "--rcpt"},
		{"bad resolver", []string{"--resolver", "1.2.3.4:99999", "example.com"}, "--resolver"},
		{"bad server", []string{"--server", "bad host:25", "example.com"}, "--server"},
		{"tls and never", []string{"--tls", "--starttls", "never", "example.com"}, "--tls"},
		{"missing file", []string{"-f", "/nonexistent/targets", "example.com"}, "--file"},
		{"bad target", []string{"exa mple.com"}, "exa mple.com"},
		{"CRLF in target", []string{"example.com\r\nQUIT"}, "error"},
		{"doubled @", []string{"user@@ok.test"}, `invalid address "user@@ok.test": more than one @; did you mean user@ok.test?`},
		{"two @", []string{"user@ok.test@x"}, "did you mean user@ok.test?"},
		{"mailto link", []string{"mailto:user@ok.test"}, "a mailto: link, not an address; did you mean user@ok.test?"},
		{"URL", []string{"https://example.com/"}, "a URL, not a domain or an address; did you mean example.com?"},
		{"doubled @ in rcpt", []string{"--rcpt", "a@@ok.test", "ok.test"}, "--rcpt: invalid address \"a@@ok.test\": more than one @; did you mean a@ok.test?"},
		// An empty value (an unset shell variable) must not quietly mean
		// the default: an MX lookup instead of the server named.
		{"empty server", []string{"--server", "", "example.com"}, "--server: empty value"},
		{"empty rcpt", []string{"--rcpt", " ", "example.com"}, "--rcpt: empty value"},
		{"empty vrfy", []string{"--vrfy=", "example.com"}, "--vrfy: empty value"},
		{"empty helo", []string{"--helo", "", "example.com"}, "--helo: empty value"},
		{"empty resolver", []string{"--resolver", "", "example.com"}, "--resolver: empty value"},
		{"empty auth user", []string{"--server", "127.0.0.1", "--auth-user", "", "example.com"}, "--auth-user: empty value"},
		{"empty CA file", []string{"--ca-file", "", "example.com"}, "--ca-file: empty value"},
		{"empty sending IP", []string{"--sending-ip", "", "example.com"}, "--sending-ip: empty value"},
		{"empty password file", []string{"--server", "127.0.0.1", "--auth-user", "u", "--auth-password-file", "", "example.com"}, "--auth-password-file: empty value"},
		{"empty token file", []string{"--server", "127.0.0.1", "--auth-user", "u", "--auth-token-file", "", "example.com"}, "--auth-token-file: empty value"},
		{"empty auth mech", []string{"--server", "127.0.0.1", "--auth-user", "u", "--auth-mech", "", "example.com"}, "--auth-mech: empty value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, "", nil, tt.args...)
			if r.code != 3 {
				t.Errorf("exit status %d, want 3; stderr: %s", r.code, r.stderr)
			}
			first, _, _ := strings.Cut(r.stderr, "\n")
			if !strings.HasPrefix(first, "smtpprobe: error: ") || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr %q: want one line 'smtpprobe: error: ...' naming %q", r.stderr, tt.want)
			}
			if strings.Contains(r.stderr, "goroutine") {
				t.Errorf("panic trace on stderr: %s", r.stderr)
			}
		})
	}
}

func TestJSONLinesFromStdin(t *testing.T) {
	w := newWorld(t)
	in := "# targets\nexample.test\n\nnobody@example.test  # a bad one\nnullmx.test\n"
	r := runCmd(t, in, nil, w.args("-o", "json", "--ordered", "-")...)
	if r.code != 2 {
		t.Errorf("exit %d, want 2; stderr %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	want := []struct{ target, status string }{
		{"example.test", "ok"}, {"nobody@example.test", "critical"}, {"nullmx.test", "critical"},
	}
	if len(lines) != len(want) {
		t.Fatalf("%d JSON lines, want %d:\n%s", len(lines), len(want), r.stdout)
	}
	for i, line := range lines {
		var obj struct {
			Target   string `json:"target"`
			Status   string `json:"status"`
			ExitCode *int   `json:"exit_code"`
		}
		if err := json.Unmarshal([]byte(line), &obj); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, line)
		}
		if obj.Target != want[i].target || obj.Status != want[i].status || obj.ExitCode == nil {
			t.Errorf("line %d: target %q status %q, want %q %q with exit_code", i+1, obj.Target, obj.Status, want[i].target, want[i].status)
		}
	}
}

func TestExplainDispatch(t *testing.T) {
	r := runCmd(t, "", nil, "explain", "550")
	if r.code != 0 || !strings.Contains(r.stdout, "550") {
		t.Errorf("explain 550: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestHelpAndVersion(t *testing.T) {
	r := runCmd(t, "", nil, "--help")
	for _, flag := range []string{"--server", "--port", "--resolver", "--helo", "--from", "--rcpt", "--vrfy", "--data",
		"--starttls", "--tls", "--timeout", "--output", "--no-color", "--lang", "--concurrency"} {
		if !strings.Contains(r.stdout, flag) {
			t.Errorf("--help lacks %s", flag)
		}
	}
	for _, args := range [][]string{{"-h"}, {"serve", "--help"}, {"serve", "-h"}} {
		if r := runCmd(t, "", nil, args...); r.code != 0 || !strings.Contains(r.stdout, "Usage:") || !strings.Contains(r.stdout, "--timeout") {
			t.Errorf("%q: exit %d, stdout %q; want 0 and the usage", args, r.code, r.stdout)
		}
	}
	if r := runCmd(t, "", nil, "--version"); r.code != 0 || !strings.HasPrefix(r.stdout, "smtpprobe ") {
		t.Errorf("--version: %d %q", r.code, r.stdout)
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		flag string
		env  map[string]string
		want string
	}{
		{"", nil, "en"},
		{"ja", nil, "ja"},
		{"en", map[string]string{"LANG": "ja_JP.UTF-8"}, "en"},
		{"", map[string]string{"LANG": "ja_JP.UTF-8"}, "ja"},
		{"", map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, "en"},
		{"", map[string]string{"LC_ALL": "ja_JP.UTF-8", "LANG": "C"}, "ja"},
	}
	for _, tt := range tests {
		got, err := language(tt.flag, func(k string) string { return tt.env[k] })
		if err != nil || string(got) != tt.want {
			t.Errorf("language(%q, %v) = %q, %v; want %q", tt.flag, tt.env, got, err, tt.want)
		}
	}
}

// TestDeadline checks that --deadline bounds a probe whose server never
// speaks, well before the per-step --timeout would: the error must come
// from the run deadline, not from the step's timeout.
func TestDeadline(t *testing.T) {
	s := smtptest.StartScript(t, func(c *smtptest.Conn) { c.Stall() })
	r := runCmd(t, "", nil, "--server", s.Addr, "--timeout", "1m", "--deadline", "300ms", "-o", "json", "user@example.test")
	if r.code != 2 {
		t.Errorf("exit %d, want 2 (critical)\n%s%s", r.code, r.stdout, r.stderr)
	}
	var obj struct {
		Hosts []struct {
			Error string `json:"error"`
		} `json:"hosts"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &obj); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if len(obj.Hosts) != 1 || !strings.Contains(obj.Hosts[0].Error, "greeting") || !strings.Contains(obj.Hosts[0].Error, "deadline") {
		t.Errorf("hosts = %+v, want one host whose error names the greeting and the run deadline", obj.Hosts)
	}
}

func TestRunDeadlineDefault(t *testing.T) {
	tests := []struct {
		o    options
		want time.Duration
	}{
		{options{timeout: 10 * time.Second, starttls: "auto"}, 110 * time.Second},
		{options{timeout: 10 * time.Second, starttls: "never"}, 80 * time.Second},
		{options{timeout: time.Second, starttls: "never", vrfy: "a", data: true}, 11 * time.Second},
		{options{timeout: time.Second, deadline: 5 * time.Second}, 5 * time.Second},
	}
	for _, tt := range tests {
		if got := tt.o.runDeadline(); got != tt.want {
			t.Errorf("runDeadline(%+v) = %v, want %v", tt.o, got, tt.want)
		}
	}
}

// TestThresholdFlags pins the flags that raise the status by a threshold,
// on a verified certificate that expires in 20 days.
func TestThresholdFlags(t *testing.T) {
	ca := smtptest.NewCA(t)
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx.tls.test",
		TLS: smtptest.TLSConfig(ca.Issue(t, "mx.tls.test", time.Now().Add(20*24*time.Hour)))})
	d := dnstest.Start(t, "tls.test. 300 IN MX 10 mx.tls.test.", "mx.tls.test. 300 IN A 192.0.2.70")
	ce := cmdEnv{routes: map[string]string{"192.0.2.70:25": srv.Addr}, roots: ca.Pool()}
	for _, tt := range []struct {
		args []string
		want int
	}{
		{nil, 0},
		{[]string{"--cert-warn-days", "30"}, 1},
		{[]string{"--cert-crit-days", "25"}, 2},
		{[]string{"--warning-time", "1ns"}, 1},
		{[]string{"--critical-time", "1ns"}, 2},
	} {
		r := runWith(t, ce, append([]string{"--resolver", d.Addr()}, append(tt.args, "tls.test")...)...)
		if r.code != tt.want {
			t.Errorf("%q: exit %d, want %d\n%s%s", tt.args, r.code, tt.want, r.stdout, r.stderr)
		}
	}
}

// TestAllAddresses: every address of an MX host is probed, unless
// --first-address asks to stop at the first that answers; --all-addresses,
// the flag of v1, is still accepted and changes nothing.
func TestAllAddresses(t *testing.T) {
	for _, tc := range []struct {
		flags []string
		all   bool
	}{{nil, true}, {[]string{"--all-addresses"}, true}, {[]string{"--first-address"}, false}} {
		first, second := smtptest.Start(t, smtptest.Options{}), smtptest.Start(t, smtptest.Options{})
		d := dnstest.Start(t, "two.test. 300 IN MX 10 mx.two.test.", "mx.two.test. 300 IN A 192.0.2.91", "mx.two.test. 300 IN A 192.0.2.92")
		ce := cmdEnv{routes: map[string]string{"192.0.2.91:25": first.Addr, "192.0.2.92:25": second.Addr}}
		args := append(tc.flags, "--resolver", d.Addr(), "two.test")
		r := runWith(t, ce, args...)
		n1, _ := first.Conns()
		n2, _ := second.Conns()
		if r.code != 0 || n1 != 1 || (n2 == 1) != tc.all {
			t.Errorf("%q: exit %d, sessions %d and %d\n%s%s", tc.flags, r.code, n1, n2, r.stdout, r.stderr)
		}
	}
	r := runWith(t, cmdEnv{}, "--first-address", "--all-addresses", "two.test")
	if r.code != 3 || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("--first-address --all-addresses: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestTargetSources: targets come from the arguments, "-" and --file, in
// that order.
func TestTargetSources(t *testing.T) {
	w := newWorld(t)
	file := filepath.Join(t.TempDir(), "targets")
	// As a Windows editor saves it: a byte order mark, CRLF line ends.
	if err := os.WriteFile(file, []byte("\ufeff# from the file\r\ngrey@example.test\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCmd(t, "nobody@example.test\n", nil, w.args("-o", "json", "--ordered", "-f", file, "example.test", "-")...)
	var got []string
	for _, obj := range decodeJSONLines(t, r.stdout) {
		got = append(got, str(t, obj, "target"))
	}
	if want := "example.test nobody@example.test grey@example.test"; strings.Join(got, " ") != want {
		t.Errorf("targets %q, want %s", got, want)
	}
}

// TestLongTargetLines: a line of a target list too long to be a target is
// that line's unknown result, named by its line number, and the rest of the
// list is still probed; a long comment is only a comment.
func TestLongTargetLines(t *testing.T) {
	w := newWorld(t)
	long := strings.Repeat("x", 3000)
	list := "# " + long + "\n" + // 1: a long comment
		"example.test   # " + long + "\n" + // 2: a target with a long comment
		long + ".test\n" + // 3: no target
		"exa mple.test\n" + // 4: a bad target
		"nobody@example.test" // 5: no final newline
	file := filepath.Join(t.TempDir(), "targets")
	if err := os.WriteFile(file, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-f", file}, {"-"}, {"-f", "-"}} {
		r := runCmd(t, list, nil, w.args(append([]string{"-o", "json", "--ordered"}, args...)...)...)
		name := file
		if args[len(args)-1] == "-" {
			name = "standard input"
		}
		if r.code != 2 {
			t.Errorf("%q: exit %d, want 2 (the worst: nobody@ is critical)\n%s", args, r.code, r.stderr)
		}
		var got []string
		for _, obj := range decodeJSONLines(t, r.stdout) {
			got = append(got, str(t, obj, "target")+"="+str(t, obj, "status"))
		}
		want := []string{"example.test=ok", name + ":3=unknown", "exa mple.test=unknown", "nobody@example.test=critical"}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q: results %q, want %q", args, got, want)
		}
		for _, line := range []string{name + ":3: line of 1024 bytes or more", name + ":4: invalid domain"} {
			if !strings.Contains(r.stderr, "smtpprobe: error: "+line) {
				t.Errorf("%q: stderr lacks %q:\n%s", args, line, r.stderr)
			}
		}
		if len(r.stderr) > 1000 {
			t.Errorf("%q: stderr repeats the long line:\n%.300s", args, r.stderr)
		}
	}
}

// TestStdinTerminalNotice: reading targets from a terminal says so on
// stderr, once; from a pipe it says nothing.
func TestStdinTerminalNotice(t *testing.T) {
	w := newWorld(t)
	const notice = "reading targets from standard input"
	for _, args := range [][]string{{"-"}, {"-f", "-"}, {"-f", "-", "-"}} {
		args = append([]string{"-o", "json"}, args...)
		r := runWith(t, cmdEnv{stdin: "example.test\n", stdinTerminal: true}, w.args(args...)...)
		if r.code != 0 || strings.Count(r.stderr, notice) != 1 {
			t.Errorf("%q from a terminal: exit %d, stderr %q; want 0 and one notice", args, r.code, r.stderr)
		}
		if got := len(decodeJSONLines(t, r.stdout)); got != 1 {
			t.Errorf("%q: example.test probed %d times, want once:\n%s", args, got, r.stdout)
		}
		r = runWith(t, cmdEnv{stdin: "example.test\n"}, w.args(args...)...)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("%q from a pipe: exit %d, stderr %q; want 0 and nothing", args, r.code, r.stderr)
		}
	}
}

// TestBuildVersion: a binary built with plain "go build" says which commit
// it was built from, as Go recorded it, instead of "(devel)".
func TestBuildVersion(t *testing.T) {
	vcs := func(version string, kv ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/smtpprobe/smtpprobe", Version: version}}
		for i := 0; i < len(kv); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return bi
	}
	const rev = "d7502e3213dde9c94f3da440b94f324667925586"
	tests := []struct {
		bi   *debug.BuildInfo
		want string
	}{
		{vcs("v1.2.3"), "v1.2.3"},
		{vcs("(devel)", "vcs", "git", "vcs.revision", rev, "vcs.time", "2026-12-05T00:09:37Z", "vcs.modified", "false"),
			"devel (commit d7502e3213dd, 2026-12-05T00:09:37Z)"},
		{vcs("v0.0.0-20261205000937-d7502e3213dd+dirty", "vcs.revision", rev, "vcs.time", "2026-12-05T00:09:37Z", "vcs.modified", "true"),
			"v0.0.0-20261205000937-d7502e3213dd+dirty (commit d7502e3213dd, 2026-12-05T00:09:37Z, with uncommitted changes)"},
		{vcs("(devel)"), "devel (no version control information: built outside a git clone or with -buildvcs=false; 'make build' stamps the version)"},
		{nil, "devel (no build information)"},
	}
	for _, tt := range tests {
		if got := buildVersion(tt.bi); got != tt.want {
			t.Errorf("buildVersion(%+v) = %q, want %q", tt.bi, got, tt.want)
		}
	}
}

// TestSubcommandAfterFlags: a subcommand is recognised after flags and
// "help" is one; neither is probed as a domain. After "--" every word is a
// target.
func TestSubcommandAfterFlags(t *testing.T) {
	d := dnstest.Start(t)
	tests := []struct {
		args   []string
		code   int
		stdout string // a piece of the output
	}{
		{[]string{"--no-color", "explain", "550"}, 0, "Mailbox unavailable"},
		{[]string{"-o", "json", "explain", "5.1.1"}, 0, `"enhanced":"5.1.1"`},
		{[]string{"--lang", "en", "--no-color", "explain", "--text", "550 5.1.1 <xxx@icloud.com>: user does not exist"}, 0, "5.1.1"},
		{[]string{"--no-color", "explain", "--help"}, 0, "usage: smtpprobe explain"},
		{[]string{"help"}, 0, "Usage:"},
		{[]string{"--no-color", "help"}, 0, "Usage:"},
		{[]string{"help", "explain"}, 0, "usage: smtpprobe explain"},
		{[]string{"help", "serve"}, 0, "--listen"},
		{[]string{"--help", "serve"}, 0, "--listen"},
		{[]string{"--resolver", d.Addr(), "help"}, 0, "Usage:"},
		{[]string{"help", "nonsense"}, 3, ""},
	}
	for _, tt := range tests {
		r := runCmd(t, "", nil, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stdout, tt.stdout) {
			t.Errorf("%q: exit %d, want %d with %q in stdout\n%s%s", tt.args, r.code, tt.code, tt.stdout, r.stdout, r.stderr)
		}
	}
	if q := d.Queries(); len(q) != 0 {
		t.Errorf("subcommands sent DNS questions: %v", q)
	}
	// After "--", "help" is a target (a one-label domain, asked about).
	runCmd(t, "", nil, "--resolver", d.Addr(), "--timeout", "2s", "--", "help")
	if n, _ := d.Count("help.", "MX"); n == 0 {
		t.Errorf("after --, help was not probed as a target")
	}
}

// TestUTF8Replies: a reply in valid UTF-8 (a Japanese server) is shown as
// text in the report and the JSON, not as \xNN escapes; a bidi override in
// the same reply stays escaped.
func TestUTF8Replies(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{RejectRcpt: map[string]*smtptest.SMTPError{
		"taro@example.test": smtptest.Error(550, "5.1.1", "宛先のユーザーは存在しません \u202eexe.txt"),
	}})
	for _, format := range []string{"text", "json"} {
		r := runCmd(t, "", nil, "--server", srv.Addr, "-o", format, "taro@example.test")
		if r.code != 2 {
			t.Errorf("-o %s: exit %d, want 2\n%s", format, r.code, r.stderr)
		}
		if !strings.Contains(r.stdout, "宛先のユーザーは存在しません") || strings.Contains(r.stdout, `\xe5`) {
			t.Errorf("-o %s: the Japanese reply is not shown as text:\n%s", format, r.stdout)
		}
		if strings.ContainsRune(r.stdout, '\u202e') {
			t.Errorf("-o %s: a bidi override reached the output", format)
		}
	}
}

// TestSubmissionWithoutTarget: "smtpprobe --submission --server HOST", as
// the README shows it, asks whether the server wants AUTH: the target is
// optional, the recipient postmaster@HOST, and a server that wants AUTH
// answers 530 at MAIL FROM. A server named by address needs a target.
func TestSubmissionWithoutTarget(t *testing.T) {
	w := newSubWorld(t, smtptest.Options{RequireAuth: true})
	r := runCmd(t, "", nil, w.args("--submission")...)
	if r.code != 2 || !strings.Contains(r.stdout, "<- 530 5.7.0 Authentication required") || !strings.Contains(r.stdout, "postmaster@smtp.example.test") {
		t.Errorf("exit %d, want 2 with 530 at MAIL FROM for postmaster@smtp.example.test\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCmd(t, "", nil, "--submission", "--server", w.addr)
	if r.code != 3 || !strings.Contains(r.stderr, "give one (user@example.com)") {
		t.Errorf("--server by address: exit %d, stderr %q; want 3 and a one-line error", r.code, r.stderr)
	}
}

// TestTargetLineLimit: a target line of 1023 bytes is read as a target, one
// of 1024 is refused as too long, with or without its newline, as the
// README's limits say.
func TestTargetLineLimit(t *testing.T) {
	for _, tc := range []struct {
		n       int
		newline bool
		long    bool
	}{{1023, true, false}, {1023, false, false}, {1024, true, true}, {1024, false, true}} {
		line := strings.Repeat("x", tc.n)
		if tc.newline {
			line += "\n"
		}
		in, err := scanTargets(strings.NewReader(line), "t")
		if err != nil || len(in) != 1 {
			t.Fatalf("%d bytes: %v, %v", tc.n, in, err)
		}
		if long := in[0].err != nil; long != tc.long || !tc.long && len(in[0].text) != tc.n {
			t.Errorf("%d bytes, newline %v: %+v, want too long %v", tc.n, tc.newline, in[0], tc.long)
		}
	}
}
