package main

// These tests pin the user-facing contract (interface.md, copied nowhere:
// its promises are restated next to each test) end to end through run,
// against real peers on loopback: a miekg/dns server (dnstest) and go-smtp
// servers (smtptest), with scripted servers only where a test needs to see
// the exact bytes on the wire or to hold connections open. DNS answers use
// documentation addresses (192.0.2.x) that the env's configure hook routes
// to the listeners, so several "hosts" can live on one loopback address
// and the probe's one-connection-per-address gate still sees them apart.
//
// A contract behaviour that is missing is a subtest that skips with
// "gap: ..." and says what to fix; the lead removes the skip with the fix
// (none are left).

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/netip"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// cmdEnv is how one contract run of the command is set up.
type cmdEnv struct {
	ctx      context.Context // nil: a background context
	stdin    string
	environ  map[string]string
	terminal bool              // stdout is a terminal
	routes   map[string]string // "192.0.2.1:25" -> the loopback listener
	roots    *x509.CertPool    // nil: a pool that trusts nothing
}

// blackhole is a route to an address that never answers a connection.
const blackhole = "blackhole"

// runWith runs the whole command in process, as main would. Connections
// go through routes; any address outside 127.0.0.0/8 that has no route is
// refused, so no test can reach outside the machine.
func runWith(t *testing.T, ce cmdEnv, args ...string) result {
	t.Helper()
	ctx := ce.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	roots := ce.roots
	if roots == nil {
		roots = x509.NewCertPool()
	}
	var out, errb bytes.Buffer
	code := run(ctx, args, &env{
		stdin:          strings.NewReader(ce.stdin),
		stdout:         &out,
		stderr:         &errb,
		getenv:         func(k string) string { return ce.environ[k] },
		hostname:       func() (string, error) { return "probe.test", nil },
		stdoutTerminal: ce.terminal,
		configure: func(c *probe.Config) {
			c.RootCAs = roots
			c.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
				if to, ok := ce.routes[addr]; ok {
					if to == blackhole {
						// As a dialer to an address that drops SYNs.
						<-ctx.Done()
						return nil, ctx.Err()
					}
					addr = to
				} else if ap, err := netip.ParseAddrPort(addr); err != nil || !ap.Addr().IsLoopback() {
					return nil, fmt.Errorf("contract test: no route to %s", addr)
				}
				var d net.Dialer
				return d.DialContext(ctx, network, addr)
			}
		},
	})
	return result{code, out.String(), errb.String()}
}

// closedAddr returns a loopback TCP address where nothing listens.
func closedAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// decodeJSONLines decodes one JSON object per line of out.
func decodeJSONLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	for i, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", i+1, err, out)
		}
		objs = append(objs, m)
	}
	return objs
}

// decodeOne decodes the one JSON object of a single-target run.
func decodeOne(t *testing.T, r result) map[string]any {
	t.Helper()
	objs := decodeJSONLines(t, r.stdout)
	if len(objs) != 1 {
		t.Fatalf("%d JSON objects, want 1:\n%s", len(objs), r.stdout)
	}
	return objs[0]
}

// jget returns the value at a path of object keys and array indexes
// ("hosts.0.tls.version"); ok is false when the path does not exist.
func jget(v any, path string) (any, bool) {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[k]; !ok {
				return nil, false
			}
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// jtype names the JSON type of a decoded value.
func jtype(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// want checks that path exists in v with JSON type typ and returns it.
func want(t *testing.T, v any, path, typ string) any {
	t.Helper()
	x, ok := jget(v, path)
	if !ok {
		t.Errorf("JSON lacks %s", path)
		return nil
	}
	if got := jtype(x); got != typ {
		t.Errorf("JSON %s is %s (%v), want %s", path, got, x, typ)
	}
	return x
}

func str(t *testing.T, v any, path string) string {
	t.Helper()
	s, _ := want(t, v, path, "string").(string)
	return s
}

func num(t *testing.T, v any, path string) float64 {
	t.Helper()
	n, _ := want(t, v, path, "number").(float64)
	return n
}

func arr(t *testing.T, v any, path string) []any {
	t.Helper()
	a, _ := want(t, v, path, "array").([]any)
	return a
}

// The categories, retry values and match kinds the contract lists.
var (
	contractCategories = set("mailbox-unknown", "mailbox-full", "mailbox-disabled", "relay-denied",
		"sender-rejected", "spam-reputation", "blocklist", "authentication-required",
		"authentication-failed", "tls-required", "dns-problem", "reverse-dns", "spf-dkim-dmarc",
		"rate-limit", "greylisting", "size-limit", "policy", "syntax", "server-unavailable",
		"does-not-accept-mail", "success", "intermediate", "other")
	contractRetry    = set("transient", "permanent")
	contractMatched  = set("rule", "enhanced", "basic", "class")
	contractStatuses = set("ok", "warning", "critical", "unknown")
)

func set(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// checkDiagnosis checks a diagnosis object (an explanation, an explain -o
// json line) against the contract: every field, with its JSON type, and
// the values of category, retry and matched from the contract's lists.
func checkDiagnosis(t *testing.T, d any, where string) {
	t.Helper()
	if jtype(d) != "object" {
		t.Errorf("%s: diagnosis is %s, want an object", where, jtype(d))
		return
	}
	num(t, d, "code")
	str(t, d, "enhanced")
	for _, f := range []string{"class", "title", "meaning", "when", "fix"} {
		if str(t, d, f) == "" {
			t.Errorf("%s: diagnosis field %s is empty", where, f)
		}
	}
	if c := str(t, d, "category"); !contractCategories[c] {
		t.Errorf("%s: category %q is not one of the contract's", where, c)
	}
	if r := str(t, d, "retry"); !contractRetry[r] {
		t.Errorf("%s: retry %q, want transient or permanent", where, r)
	}
	if m := str(t, d, "matched"); !contractMatched[m] {
		t.Errorf("%s: matched %q, want rule, enhanced, basic or class", where, m)
	}
}

// hasJapanese tells whether s has kana or kanji.
func hasJapanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}

// events returns the go-smtp server's backend events as one string.
func events(s *smtptest.Server) string { return strings.Join(s.Events(), "\n") }

// recorder is a well-behaved scripted server that records the client's
// bytes: a go-smtp server does not show the EHLO name or VRFY. It offers
// no PIPELINING, so that each command is answered on its own.
func recorder(t *testing.T) *smtptest.Scripted {
	return smtptest.StartScript(t, func(c *smtptest.Conn) {
		if !c.Greet("8BITMIME", "ENHANCEDSTATUSCODES") {
			return
		}
		c.Answer(map[string]string{
			"VRFY": "252 2.1.5 Cannot VRFY user, but will accept message",
			"RSET": "250 2.0.0 reset",
		})
	})
}

// commands lists the commands a recorder received, one a line.
func commands(s *smtptest.Scripted) []string {
	return strings.Split(strings.TrimRight(s.Received(), "\r\n"), "\r\n")
}

// TestContractFlags pins every flag of the contract's table by what it
// does on the wire and in the report.
func TestContractFlags(t *testing.T) {
	w := newWorld(t) // example.test on a go-smtp server at 127.0.0.1:w.port

	t.Run("flag table", func(t *testing.T) {
		fs := newFlagSet(&options{})
		for name, short := range map[string]string{
			"server": "s", "port": "p", "resolver": "", "helo": "", "from": "", "rcpt": "", "vrfy": "",
			"data": "", "starttls": "", "tls": "", "timeout": "", "output": "o", "no-color": "",
			"lang": "", "concurrency": "c",
		} {
			f := fs.Lookup(name)
			if f == nil {
				t.Errorf("no flag --%s", name)
				continue
			}
			if f.Shorthand != short {
				t.Errorf("--%s has shorthand %q, want %q", name, f.Shorthand, short)
			}
		}
		for name, def := range map[string]string{"starttls": "auto", "timeout": "10s", "output": "text"} {
			if f := fs.Lookup(name); f != nil && f.DefValue != def {
				t.Errorf("--%s defaults to %q, want %q", name, f.DefValue, def)
			}
		}
	})

	t.Run("server with port skips MX, domain still used for RCPT", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{})
		d := dnstest.Start(t)
		r := runWith(t, cmdEnv{}, "--resolver", d.Addr(), "-s", srv.Addr, "user@elsewhere.test")
		if r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		if !strings.Contains(events(srv), "RCPT <user@elsewhere.test>") {
			t.Errorf("server saw %q, want RCPT <user@elsewhere.test>", events(srv))
		}
		if udp, tcp := d.Count("elsewhere.test.", "MX"); udp+tcp != 0 {
			t.Errorf("--server still asked DNS for the MX of elsewhere.test")
		}
	})

	t.Run("server name without port, with -p and --resolver", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{})
		_, port, _ := net.SplitHostPort(srv.Addr)
		d := dnstest.Start(t, "smtp.relay.test. 300 IN A 192.0.2.40")
		r := runWith(t, cmdEnv{routes: map[string]string{"192.0.2.40:" + port: srv.Addr}},
			"--resolver", d.Addr(), "--server", "smtp.relay.test", "-p", port, "-o", "json", "elsewhere.test")
		if r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		obj := decodeOne(t, r)
		if h := str(t, obj, "hosts.0.host"); h != "smtp.relay.test" {
			t.Errorf("host %q, want smtp.relay.test", h)
		}
		if p := num(t, obj, "hosts.0.port"); fmt.Sprint(p) != port {
			t.Errorf("port %v, want %s", p, port)
		}
		if !strings.Contains(events(srv), "RCPT <postmaster@elsewhere.test>") {
			t.Errorf("server saw %q, want RCPT <postmaster@elsewhere.test>", events(srv))
		}
		if udp, tcp := d.Count("smtp.relay.test.", "A"); udp+tcp == 0 {
			t.Errorf("the --server name was not resolved with --resolver")
		}
	})

	t.Run("port", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{})
		d := dnstest.Start(t, "p.test. 300 IN MX 10 mx.p.test.", "mx.p.test. 300 IN A 192.0.2.41")
		routes := map[string]string{"192.0.2.41:2525": srv.Addr}
		r := runWith(t, cmdEnv{routes: routes}, "--resolver", d.Addr(), "-p", "2525", "p.test")
		if r.code != 0 {
			t.Errorf("-p 2525: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		// Without -p the probe goes to port 25, where nothing is routed.
		r = runWith(t, cmdEnv{routes: routes}, "--resolver", d.Addr(), "--timeout", "2s", "-o", "json", "p.test")
		if got := num(t, decodeOne(t, r), "hosts.0.port"); got != 25 {
			t.Errorf("default port %v, want 25", got)
		}
	})

	t.Run("resolver", func(t *testing.T) {
		r := runCmd(t, "", nil, w.args("example.test")...)
		if r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		if udp, tcp := w.dns.Count("example.test.", "MX"); udp+tcp == 0 {
			t.Errorf("the MX question did not go to --resolver")
		}
	})

	t.Run("helo from rcpt vrfy on the wire", func(t *testing.T) {
		s := recorder(t)
		r := runWith(t, cmdEnv{}, "--server", s.Addr, "--helo", "client.sender.test", "--from", "probe@sender.test",
			"--rcpt", "other@rcpt.test", "--vrfy", "someone@rcpt.test", "-o", "json", "user@target.test")
		if r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		got := commands(s)
		for _, w := range []string{"EHLO client.sender.test", "MAIL FROM:<probe@sender.test>", "RCPT TO:<other@rcpt.test>", "VRFY someone@rcpt.test"} {
			if !contains(got, w) {
				t.Errorf("the client did not send %q; it sent %q", w, got)
			}
		}
		if strings.Contains(s.Received(), "user@target.test") {
			t.Errorf("--rcpt did not override the target's recipient: %q", got)
		}
		// VRFY is reported with its reply.
		found := false
		for _, st := range arr(t, decodeOne(t, r), "hosts.0.steps") {
			if c, _ := jget(st, "command"); c == "VRFY someone@rcpt.test" {
				found = true
				if code, _ := jget(st, "code"); code != 252.0 {
					t.Errorf("VRFY step code %v, want 252", code)
				}
			}
		}
		if !found {
			t.Errorf("no VRFY step in the report:\n%s", r.stdout)
		}
	})

	t.Run("from empty and unset mean the null sender", func(t *testing.T) {
		for _, args := range [][]string{{"--from", ""}, {"--from="}, nil} {
			srv := smtptest.Start(t, smtptest.Options{})
			r := runWith(t, cmdEnv{}, append(args, "--server", srv.Addr, "user@example.test")...)
			if r.code != 0 || !strings.Contains(events(srv), "MAIL <>") {
				t.Errorf("%q: exit %d, server saw %q; want MAIL <>", args, r.code, events(srv))
			}
		}
	})

	t.Run("no DATA without --data: RSET and QUIT after RCPT", func(t *testing.T) {
		s := recorder(t)
		r := runWith(t, cmdEnv{}, "--server", s.Addr, "user@example.test")
		if r.code != 0 {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		var verbs []string
		for _, c := range commands(s) {
			v, _, _ := strings.Cut(c, " ")
			verbs = append(verbs, strings.ToUpper(v))
		}
		if got := strings.Join(verbs, " "); got != "EHLO MAIL RCPT RSET QUIT" {
			t.Errorf("client sent %s, want EHLO MAIL RCPT RSET QUIT", got)
		}
	})

	t.Run("data sends a labelled test message", func(t *testing.T) {
		// TestNoDataWithoutFlag pins that only --data delivers; here the
		// message must say it is a probe.
		srv := smtptest.Start(t, smtptest.Options{})
		r := runWith(t, cmdEnv{}, "--server", srv.Addr, "--data", "user@example.test")
		msgs := srv.Messages()
		if r.code != 0 || len(msgs) != 1 {
			t.Fatalf("exit %d, %d messages\n%s%s", r.code, len(msgs), r.stdout, r.stderr)
		}
		head, _, _ := strings.Cut(string(msgs[0].Data), "\r\n\r\n")
		if !strings.Contains(strings.ToLower(head), "smtpprobe") || !strings.Contains(head, "Auto-Submitted:") {
			t.Errorf("the test message's header does not label it:\n%s", head)
		}
	})

	t.Run("timeout bounds each step", func(t *testing.T) {
		// Were --timeout ignored, the 10s default would outlast the
		// interruption after 5s and the step would end as canceled.
		for step, script := range map[string]func(*smtptest.Conn){
			"connect":  nil,
			"greeting": func(c *smtptest.Conn) { c.Stall() },
			"EHLO":     func(c *smtptest.Conn) { c.Send("220 mx.test ESMTP"); c.Stall() },
			"TLS handshake": func(c *smtptest.Conn) {
				if c.Greet("STARTTLS") && c.Expect("STARTTLS") && c.Send("220 2.0.0 Ready to start TLS") {
					c.Stall()
				}
			},
		} {
			server, routes := "192.0.2.30:25", map[string]string{"192.0.2.30:25": blackhole}
			if script != nil {
				server, routes = smtptest.StartScript(t, script).Addr, nil
			}
			ctx, cancel := context.WithCancel(context.Background())
			stop := time.AfterFunc(5*time.Second, cancel)
			r := runWith(t, cmdEnv{ctx: ctx, routes: routes}, "--server", server, "--timeout", "300ms", "--deadline", "1m", "-o", "json", "user@example.test")
			stop.Stop()
			cancel()
			obj := decodeOne(t, r)
			if r.code != 2 || str(t, obj, "hosts.0.error_kind") != "timeout" || str(t, obj, "hosts.0.error_step") != step {
				t.Errorf("%s: exit %d, error %q (%s); want 2 and a timeout at %s", step, r.code,
					str(t, obj, "hosts.0.error"), str(t, obj, "hosts.0.error_kind"), step)
			}
		}
	})

	t.Run("output formats", func(t *testing.T) {
		r := runCmd(t, "", nil, w.args("-o", "text", "nobody@example.test")...)
		if !strings.Contains(r.stdout, "RCPT TO:<nobody@example.test>") || !strings.Contains(r.stdout, "550") || strings.HasPrefix(r.stdout, "{") {
			t.Errorf("-o text:\n%s", r.stdout)
		}
		if d := runCmd(t, "", nil, w.args("nobody@example.test")...); d.code != r.code || !strings.Contains(d.stdout, "RCPT TO:<nobody@example.test>") {
			t.Errorf("the default output is not text:\n%s", d.stdout)
		}

		r = runCmd(t, "", nil, w.args("--output", "json", "nobody@example.test")...)
		if obj := decodeOne(t, r); str(t, obj, "status") != "critical" {
			t.Errorf("-o json: status %v", obj["status"])
		}

		r = runCmd(t, "", nil, w.args("-o", "nagios", "nobody@example.test", "example.test")...)
		first, _, _ := strings.Cut(r.stdout, "\n")
		if r.code != 2 || !regexp.MustCompile(`^SMTP CRITICAL - .+ \| .*time=`).MatchString(first) {
			t.Errorf("-o nagios: exit %d, first line %q", r.code, first)
		}

		r = runCmd(t, "", nil, w.args("-o", "prometheus", "nobody@example.test", "example.test")...)
		p := expfmt.NewTextParser(model.UTF8Validation)
		mfs, err := p.TextToMetricFamilies(strings.NewReader(r.stdout))
		if err != nil {
			t.Fatalf("-o prometheus is not the text format: %v\n%s", err, r.stdout)
		}
		for target, want := range map[string]float64{"nobody@example.test": 0, "example.test": 1} {
			if got, ok := value(mfs, "smtpprobe_success", "target="+target); !ok || got != want {
				t.Errorf("smtpprobe_success{target=%q} = %v (%v), want %v", target, got, ok, want)
			}
		}
	})

	t.Run("colour", func(t *testing.T) {
		esc := func(ce cmdEnv, extra ...string) bool {
			r := runWith(t, ce, w.args(append(extra, "nobody@example.test")...)...)
			return strings.Contains(r.stdout, "\x1b[")
		}
		if !esc(cmdEnv{terminal: true}) {
			t.Errorf("no colour on a terminal")
		}
		if esc(cmdEnv{terminal: true}, "--no-color") {
			t.Errorf("colour with --no-color")
		}
		if esc(cmdEnv{terminal: true, environ: map[string]string{"NO_COLOR": "1"}}) {
			t.Errorf("colour with NO_COLOR set")
		}
		if esc(cmdEnv{}) {
			t.Errorf("colour when stdout is not a terminal")
		}
	})

	t.Run("lang", func(t *testing.T) {
		ja := func(environ map[string]string, extra ...string) (text, title bool) {
			r := runWith(t, cmdEnv{environ: environ}, w.args(append(extra, "nobody@example.test")...)...)
			j := runWith(t, cmdEnv{environ: environ}, w.args(append(extra, "-o", "json", "nobody@example.test")...)...)
			return hasJapanese(r.stdout), hasJapanese(str(t, decodeOne(t, j), "findings.0.title"))
		}
		if a, b := ja(nil); a || b {
			t.Errorf("Japanese by default: text %v, JSON %v", a, b)
		}
		if a, b := ja(nil, "--lang", "ja"); !a || !b {
			t.Errorf("--lang ja: Japanese in text %v, in JSON %v", a, b)
		}
		if a, b := ja(map[string]string{"LANG": "ja_JP.UTF-8"}); !a || !b {
			t.Errorf("LANG=ja_JP.UTF-8: Japanese in text %v, in JSON %v", a, b)
		}
		if a, b := ja(map[string]string{"LANG": "ja_JP.UTF-8"}, "--lang", "en"); a || b {
			t.Errorf("--lang en over LANG=ja_JP: Japanese in text %v, in JSON %v", a, b)
		}
	})

	t.Run("concurrency", func(t *testing.T) {
		for _, c := range []int{1, 3} {
			t.Run(fmt.Sprint(c), func(t *testing.T) { checkConcurrency(t, c) })
		}
	})
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// checkConcurrency probes three targets, each with its own MX address, with
// -c n. The server counts the sessions open at once (from the connection
// to the QUIT that the client waits the 221 of) and, for n > 1, holds each
// greeting until n sessions are open: probes run one after the other would
// then time out.
func checkConcurrency(t *testing.T, n int) {
	var (
		mu       sync.Mutex
		open, hi int
		all      = make(chan struct{})
		once     sync.Once
	)
	s := smtptest.StartScript(t, func(c *smtptest.Conn) {
		mu.Lock()
		open++
		hi = max(hi, open)
		if open >= n {
			once.Do(func() { close(all) })
		}
		mu.Unlock()
		closed := false
		done := func() {
			if !closed {
				closed = true
				mu.Lock()
				open--
				mu.Unlock()
			}
		}
		defer done()
		select {
		case <-all:
		case <-time.After(5 * time.Second):
		}
		if !c.Greet() {
			return
		}
		for {
			verb, _, ok := c.Command()
			if !ok {
				return
			}
			if verb == "QUIT" {
				done()
				c.Send("221 2.0.0 bye")
				return
			}
			c.Send("250 2.0.0 ok")
		}
	})
	var rrs, targets []string
	routes := map[string]string{}
	for i := 1; i <= 3; i++ {
		rrs = append(rrs, fmt.Sprintf("c%d.test. 300 IN MX 10 mx.c%d.test.", i, i), fmt.Sprintf("mx.c%d.test. 300 IN A 192.0.2.%d", i, 50+i))
		routes[fmt.Sprintf("192.0.2.%d:25", 50+i)] = s.Addr
		targets = append(targets, fmt.Sprintf("c%d.test", i))
	}
	d := dnstest.Start(t, rrs...)
	r := runWith(t, cmdEnv{routes: routes}, append([]string{"--resolver", d.Addr(), "--timeout", "3s", "-c", fmt.Sprint(n)}, targets...)...)
	if r.code != 0 {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	mu.Lock()
	defer mu.Unlock()
	if hi != n {
		t.Errorf("-c %d: %d sessions were open at once, want %d", n, hi, n)
	}
}

// TestContractAuthFlags pins the submission and AUTH flags of the table
// and, on the wire, that credentials never go in clear unless
// --allow-insecure-auth. auth_test.go pins the rest: secrets in no output
// of any format and mechanism (TestSecretsNeverShown), port 587 and
// STARTTLS required with --submission (TestSubmissionDefaultPort,
// TestSubmissionServers), no password flag (TestAuthBadInput).
func TestContractAuthFlags(t *testing.T) {
	fs := newFlagSet(&options{})
	for _, name := range []string{"submission", "auth-user", "auth-password-file", "auth-mech", "allow-insecure-auth"} {
		if fs.Lookup(name) == nil {
			t.Errorf("no flag --%s", name)
		}
	}

	const user, password = "probe-user", "s3cret-Pa55word"
	plain := base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + password))
	// The server offers AUTH without TLS and accepts any credentials.
	s := smtptest.StartScript(t, func(c *smtptest.Conn) {
		if c.Greet("AUTH PLAIN LOGIN", "ENHANCEDSTATUSCODES") {
			c.Answer(map[string]string{"AUTH": "235 2.7.0 Authentication successful"})
		}
	})
	environ := map[string]string{"SMTPPROBE_PASSWORD": password}
	args := []string{"--server", s.Addr, "--auth-user", user, "--auth-mech", "PLAIN", "user@example.test"}

	r := runWith(t, cmdEnv{environ: environ}, args...)
	if r.code == 3 || strings.Contains(strings.ToUpper(s.Received()), "\r\nAUTH") {
		t.Errorf("without --allow-insecure-auth: exit %d; the client sent:\n%s", r.code, s.Received())
	}
	// The same server gets the credentials once they are allowed in clear,
	// so the check above is not vacuous.
	r = runWith(t, cmdEnv{environ: environ}, append([]string{"--allow-insecure-auth"}, args...)...)
	if !strings.Contains(s.Received(), "AUTH PLAIN "+plain) {
		t.Errorf("with --allow-insecure-auth: exit %d; the client sent:\n%s\n%s", r.code, s.Received(), r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, password) || strings.Contains(r.stdout+r.stderr, plain) {
		t.Errorf("a secret in the output:\n%s%s", r.stdout, r.stderr)
	}
}

// TestContractTargets pins what a TARGET is: a domain (postmaster@), an
// address, "-" for standard input, and international names as A-labels.
func TestContractTargets(t *testing.T) {
	// TestJSONLinesFromStdin pins "-" with # comments and blank lines.
	srv := smtptest.Start(t, smtptest.Options{})
	d := dnstest.Start(t,
		"example.test. 300 IN MX 10 mx.example.test.",
		"mx.example.test. 300 IN A 192.0.2.60",
		"xn--bcher-kva.test. 300 IN MX 10 mx.xn--bcher-kva.test.",
		"mx.xn--bcher-kva.test. 300 IN A 192.0.2.60",
	)
	ce := cmdEnv{routes: map[string]string{"192.0.2.60:25": srv.Addr}}

	tests := []struct {
		name, target, rcpt, mxQuery string
	}{
		{"domain", "example.test", "postmaster@example.test", "example.test."},
		{"address", "User.Name@example.test", "User.Name@example.test", "example.test."},
		{"IDN domain", "bücher.test", "postmaster@xn--bcher-kva.test", "xn--bcher-kva.test."},
		{"IDN address", "kunde@BÜCHER.test", "kunde@xn--bcher-kva.test", "xn--bcher-kva.test."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := d.Count(tt.mxQuery, "MX")
			r := runWith(t, ce, "--resolver", d.Addr(), "-o", "json", tt.target)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if after, _ := d.Count(tt.mxQuery, "MX"); after == before {
				t.Errorf("no MX question for %s", tt.mxQuery)
			}
			if !strings.Contains(events(srv), "RCPT <"+tt.rcpt+">") {
				t.Errorf("server saw %q, want RCPT <%s>", events(srv), tt.rcpt)
			}
			obj := decodeOne(t, r)
			if got := str(t, obj, "domain"); got != strings.TrimSuffix(tt.mxQuery, ".") {
				t.Errorf("domain %q, want %q", got, strings.TrimSuffix(tt.mxQuery, "."))
			}
		})
	}
	for _, q := range d.Queries() {
		for _, r := range q.Name {
			if r > unicode.MaxASCII {
				t.Errorf("DNS question with a U-label: %q", q.Name)
			}
		}
	}
}

// tlsWorld serves mx.tls.test (192.0.2.70) from srv and trusts ca.
func tlsWorld(t *testing.T, o smtptest.Options, port int) (cmdEnv, *dnstest.Server, *smtptest.Server, *smtptest.CA) {
	ca := smtptest.NewCA(t)
	if o.TLS == nil {
		o.TLS = smtptest.TLSConfig(ca.Issue(t, "mx.tls.test", time.Now().Add(90*24*time.Hour)))
	}
	o.Domain = "mx.tls.test"
	srv := smtptest.Start(t, o)
	d := dnstest.Start(t, "tls.test. 300 IN MX 10 mx.tls.test.", "mx.tls.test. 300 IN A 192.0.2.70")
	return cmdEnv{routes: map[string]string{fmt.Sprintf("192.0.2.70:%d", port): srv.Addr}, roots: ca.Pool()}, d, srv, ca
}

func stepCommands(t *testing.T, obj map[string]any) []string {
	var out []string
	for _, st := range arr(t, obj, "hosts.0.steps") {
		c, _ := jget(st, "command")
		s, _ := c.(string)
		out = append(out, s)
	}
	return out
}

// TestContractTLS pins --starttls auto, require and never, and --tls.
func TestContractTLS(t *testing.T) {
	t.Run("auto uses STARTTLS when offered", func(t *testing.T) {
		ce, d, _, _ := tlsWorld(t, smtptest.Options{}, 25)
		r := runWith(t, ce, "--resolver", d.Addr(), "-o", "json", "tls.test")
		obj := decodeOne(t, r)
		if r.code != 0 || !contains(stepCommands(t, obj), "STARTTLS") {
			t.Errorf("exit %d, steps %q; want 0 with STARTTLS", r.code, stepCommands(t, obj))
		}
		if v := str(t, obj, "hosts.0.tls.version"); !strings.HasPrefix(v, "TLS 1.") {
			t.Errorf("tls.version %q", v)
		}
		if v, _ := jget(obj, "hosts.0.tls.verified"); v != true {
			t.Errorf("tls.verified %v, want true", v)
		}
	})
	t.Run("never", func(t *testing.T) {
		ce, d, _, _ := tlsWorld(t, smtptest.Options{}, 25)
		r := runWith(t, ce, "--resolver", d.Addr(), "--starttls", "never", "-o", "json", "tls.test")
		obj := decodeOne(t, r)
		if contains(stepCommands(t, obj), "STARTTLS") {
			t.Errorf("--starttls never sent STARTTLS: %q", stepCommands(t, obj))
		}
		want(t, obj, "hosts.0.tls", "null")
		if r.code != 0 {
			t.Errorf("exit %d, want 0", r.code)
		}
	})
	t.Run("require with STARTTLS offered", func(t *testing.T) {
		ce, d, _, _ := tlsWorld(t, smtptest.Options{}, 25)
		if r := runWith(t, ce, "--resolver", d.Addr(), "--starttls", "require", "tls.test"); r.code != 0 {
			t.Errorf("exit %d, want 0\n%s", r.code, r.stdout)
		}
	})
	t.Run("require with STARTTLS missing is critical", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{})
		r := runWith(t, cmdEnv{}, "--server", srv.Addr, "--starttls", "require", "user@example.test")
		if r.code != 2 {
			t.Errorf("exit %d, want 2\n%s", r.code, r.stdout)
		}
		if strings.Contains(events(srv), "MAIL") {
			t.Errorf("MAIL sent in clear: %s", events(srv))
		}
	})
	t.Run("implicit TLS", func(t *testing.T) {
		// --tls talks TLS from the first byte, on port 465 unless -p.
		ce, d, _, _ := tlsWorld(t, smtptest.Options{ImplicitTLS: true}, 465)
		r := runWith(t, ce, "--resolver", d.Addr(), "--tls", "-o", "json", "tls.test")
		obj := decodeOne(t, r)
		if r.code != 0 {
			t.Errorf("exit %d\n%s", r.code, r.stdout)
		}
		if v, _ := jget(obj, "hosts.0.tls.implicit"); v != true {
			t.Errorf("tls.implicit %v, want true", v)
		}
		if st := stepCommands(t, obj); len(st) == 0 || st[0] != "" || contains(st, "STARTTLS") {
			t.Errorf("steps %q: want the greeting first and no STARTTLS", st)
		}
		// Without --tls the same server never greets in clear.
		r = runWith(t, ce, "--resolver", d.Addr(), "-p", "465", "--timeout", "500ms", "tls.test")
		if r.code != 2 {
			t.Errorf("without --tls: exit %d, want 2", r.code)
		}
	})
}

// TestContractExitStatus adds to TestExitStatus (ok, 5xx, 4xx, null MX,
// NXDOMAIN, SERVFAIL, worst of several) the rows of the exit status table
// it does not cover.
func TestContractExitStatus(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	down := closedAddr(t)
	d := dnstest.Start(t,
		"two.test. 300 IN MX 10 mx1.two.test.",
		"two.test. 300 IN MX 20 mx2.two.test.",
		"mx1.two.test. 300 IN A 192.0.2.81",
		"mx2.two.test. 300 IN A 192.0.2.82",
		"dead.test. 300 IN MX 10 mx1.dead.test.",
		"dead.test. 300 IN MX 20 mx2.dead.test.",
		"mx1.dead.test. 300 IN A 192.0.2.82",
		"mx2.dead.test. 300 IN A 192.0.2.83",
		"backup.test. 300 IN MX 10 mx1.backup.test.",
		"backup.test. 300 IN MX 20 mx2.backup.test.",
		"mx1.backup.test. 300 IN A 192.0.2.82",
		"mx2.backup.test. 300 IN A 192.0.2.81",
		"implicit.test. 300 IN A 192.0.2.81",
	)
	ce := cmdEnv{routes: map[string]string{"192.0.2.81:25": srv.Addr, "192.0.2.82:25": down, "192.0.2.83:25": down}}
	args := func(more ...string) []string {
		return append([]string{"--resolver", d.Addr(), "--timeout", "2s"}, more...)
	}

	t.Run("one MX host of several unreachable is a warning", func(t *testing.T) {
		for _, domain := range []string{"two.test", "backup.test"} { // the backup down, the primary down
			if r := runWith(t, ce, args(domain)...); r.code != 1 {
				t.Errorf("%s: exit %d, want 1\n%s", domain, r.code, r.stdout)
			}
		}
	})
	t.Run("implicit MX", func(t *testing.T) {
		r := runWith(t, ce, args("-o", "json", "implicit.test")...)
		obj := decodeOne(t, r)
		if im, _ := jget(obj, "dns.implicit_mx"); r.code != 0 || im != true || str(t, obj, "hosts.0.address") != "192.0.2.81" {
			t.Errorf("exit %d, implicit_mx %v, hosts %v; want 0, true and the domain's own address probed", r.code, im, obj["hosts"])
		}
	})
	t.Run("no MX host reachable is critical", func(t *testing.T) {
		if r := runWith(t, ce, args("dead.test")...); r.code != 2 {
			t.Errorf("exit %d, want 2\n%s", r.code, r.stdout)
		}
	})
	t.Run("certificate that does not verify is a warning", func(t *testing.T) {
		ce, d, _, _ := tlsWorld(t, smtptest.Options{
			TLS: smtptest.TLSConfig(smtptest.SelfSigned(t, "mx.tls.test", time.Now().Add(90*24*time.Hour))),
		}, 25)
		r := runWith(t, ce, "--resolver", d.Addr(), "-o", "json", "tls.test")
		obj := decodeOne(t, r)
		if r.code != 1 {
			t.Errorf("exit %d, want 1\n%s", r.code, r.stdout)
		}
		if v, _ := jget(obj, "hosts.0.tls.verified"); v != false || str(t, obj, "hosts.0.tls.verify_error") == "" {
			t.Errorf("tls.verified %v, verify_error %q; want false and a reason", v, str(t, obj, "hosts.0.tls.verify_error"))
		}
	})
	t.Run("expired certificate is a warning", func(t *testing.T) {
		ca := smtptest.NewCA(t)
		srv := smtptest.Start(t, smtptest.Options{Domain: "mx.tls.test",
			TLS: smtptest.TLSConfig(ca.Issue(t, "mx.tls.test", time.Now().Add(-48*time.Hour)))})
		d := dnstest.Start(t, "tls.test. 300 IN MX 10 mx.tls.test.", "mx.tls.test. 300 IN A 192.0.2.70")
		ce := cmdEnv{routes: map[string]string{"192.0.2.70:25": srv.Addr}, roots: ca.Pool()}
		if r := runWith(t, ce, "--resolver", d.Addr(), "tls.test"); r.code != 1 {
			t.Errorf("exit %d, want 1\n%s", r.code, r.stdout)
		}
	})
	t.Run("certificate that expires soon is a warning", func(t *testing.T) {
		ca := smtptest.NewCA(t)
		srv := smtptest.Start(t, smtptest.Options{Domain: "mx.tls.test",
			TLS: smtptest.TLSConfig(ca.Issue(t, "mx.tls.test", time.Now().Add(5*24*time.Hour)))})
		d := dnstest.Start(t, "tls.test. 300 IN MX 10 mx.tls.test.", "mx.tls.test. 300 IN A 192.0.2.70")
		ce := cmdEnv{routes: map[string]string{"192.0.2.70:25": srv.Addr}, roots: ca.Pool()}
		r := runWith(t, ce, "--resolver", d.Addr(), "-o", "json", "tls.test")
		obj := decodeOne(t, r)
		if r.code != 1 {
			t.Errorf("exit %d, want 1\n%s", r.code, r.stdout)
		}
		if days := num(t, obj, "hosts.0.tls.days_left"); days < 3 || days > 5 {
			t.Errorf("days_left %v, want about 5", days)
		}
		if v, _ := jget(obj, "hosts.0.tls.verified"); v != true {
			t.Errorf("tls.verified %v, want true: the warning must come from the expiry alone", v)
		}
	})
	t.Run("resolver without port asks port 53", func(t *testing.T) {
		// Loopback only; whether anything answers there does not matter.
		r := runWith(t, cmdEnv{}, "--resolver", "127.0.0.1", "--timeout", "1s", "-o", "json", "example.invalid")
		if got := str(t, decodeOne(t, r), "dns.queries.0.server"); got != "127.0.0.1:53" {
			t.Errorf("asked %q, want 127.0.0.1:53", got)
		}
	})
	t.Run("resolver unreachable is unknown", func(t *testing.T) {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		closed := pc.LocalAddr().String()
		pc.Close()
		r := runWith(t, cmdEnv{}, "--resolver", closed, "--timeout", "1s", "-o", "json", "example.test")
		if r.code != 3 {
			t.Errorf("exit %d, want 3\n%s%s", r.code, r.stdout, r.stderr)
		}
		obj := decodeOne(t, r)
		if str(t, obj, "dns.error") == "" || str(t, obj, "status") != "unknown" {
			t.Errorf("dns.error %q, status %q; want the resolver's failure and unknown", obj["dns"], obj["status"])
		}
		if h := arr(t, obj, "hosts"); h == nil || len(h) != 0 {
			t.Errorf("hosts %v, want [] when nothing was probed", obj["hosts"])
		}
	})
	t.Run("bad flags are unknown", func(t *testing.T) {
		// TestBadInput pins many more; these are the contract's own values.
		for _, args := range [][]string{{"--starttls", "sometimes"}, {"-o", "yaml"}, {"--lang", "de"}, {"-p", "twenty-five"}, {"--timeout", "10"}} {
			r := runWith(t, cmdEnv{}, append(args, "example.test")...)
			if r.code != 3 || !strings.HasPrefix(r.stderr, "smtpprobe: error: ") {
				t.Errorf("%q: exit %d, stderr %q; want 3 and one error line", args, r.code, r.stderr)
			}
		}
	})
	t.Run("critical beats unknown", func(t *testing.T) {
		w := newWorld(t)
		if r := runCmd(t, "", nil, w.args("broken.test", "nobody@example.test")...); r.code != 2 {
			t.Errorf("exit %d, want 2", r.code)
		}
	})
	t.Run("an unparsable target among good ones still exits 3", func(t *testing.T) {
		w := newWorld(t)
		r := runCmd(t, "", nil, w.args("-o", "json", "example.test", "not a domain")...)
		if r.code != 3 {
			t.Errorf("exit %d, want 3", r.code)
		}
		if objs := decodeJSONLines(t, r.stdout); len(objs) != 2 {
			t.Errorf("%d JSON lines, want one per target", len(objs))
		}
	})
}

// TestContractJSON checks every required field of -o json with its JSON
// type, on a STARTTLS dialogue whose RCPT is refused.
func TestContractJSON(t *testing.T) {
	ca := smtptest.NewCA(t)
	notAfter := time.Now().Add(40 * 24 * time.Hour).Truncate(time.Second)
	srv := smtptest.Start(t, smtptest.Options{
		Domain:     "mx1.example.test",
		TLS:        smtptest.TLSConfig(ca.Issue(t, "mx1.example.test", notAfter)),
		RejectRcpt: map[string]*smtptest.SMTPError{"user@example.test": smtptest.Error(550, "5.1.1", "<user@example.test>: Recipient address rejected: User unknown")},
	})
	d := dnstest.Start(t,
		"example.test. 300 IN MX 10 mx1.example.test.",
		"mx1.example.test. 300 IN A 192.0.2.1",
		"nullmx.test. 300 IN MX 0 .",
	)
	ce := cmdEnv{routes: map[string]string{"192.0.2.1:25": srv.Addr}, roots: ca.Pool()}
	r := runWith(t, ce, "--resolver", d.Addr(), "-o", "json", "user@example.test")
	if r.code != 2 {
		t.Errorf("exit %d, want 2", r.code)
	}
	obj := decodeOne(t, r)

	if v := str(t, obj, "target"); v != "user@example.test" {
		t.Errorf("target %q", v)
	}
	if v := str(t, obj, "domain"); v != "example.test" {
		t.Errorf("domain %q", v)
	}
	if v := str(t, obj, "status"); v != "critical" {
		t.Errorf("status %q", v)
	}
	if v := num(t, obj, "exit_code"); v != 2 {
		t.Errorf("exit_code %v", v)
	}
	if sum := str(t, obj, "summary"); sum == "" || strings.ContainsAny(sum, "\r\n") {
		t.Errorf("summary %q: want one line", sum)
	}

	if mx := arr(t, obj, "dns.mx"); len(mx) != 1 {
		t.Errorf("dns.mx has %d entries, want 1", len(mx))
	}
	if v := str(t, obj, "dns.mx.0.host"); v != "mx1.example.test" {
		t.Errorf("dns.mx.0.host %q", v)
	}
	if v := num(t, obj, "dns.mx.0.preference"); v != 10 {
		t.Errorf("dns.mx.0.preference %v", v)
	}
	if v := str(t, obj, "dns.mx.0.addresses.0"); v != "192.0.2.1" {
		t.Errorf("dns.mx.0.addresses.0 %q", v)
	}
	want(t, obj, "dns.null_mx", "bool")
	want(t, obj, "dns.implicit_mx", "bool")
	str(t, obj, "dns.error")

	if hosts := arr(t, obj, "hosts"); len(hosts) != 1 {
		t.Fatalf("%d hosts, want 1", len(hosts))
	}
	h := want(t, obj, "hosts.0", "object")
	if v := str(t, h, "host"); v != "mx1.example.test" {
		t.Errorf("host %q", v)
	}
	if v := str(t, h, "address"); v != "192.0.2.1" {
		t.Errorf("address %q", v)
	}
	if v := num(t, h, "port"); v != 25 {
		t.Errorf("port %v", v)
	}
	if v := str(t, h, "status"); !contractStatuses[v] {
		t.Errorf("host status %q", v)
	}
	str(t, h, "error")
	if v := str(t, h, "tls.version"); !strings.HasPrefix(v, "TLS 1.") {
		t.Errorf("tls.version %q", v)
	}
	want(t, h, "tls.verified", "bool")
	str(t, h, "tls.verify_error")
	if na, err := time.Parse(time.RFC3339, str(t, h, "tls.not_after")); err != nil || !na.Equal(notAfter) {
		t.Errorf("tls.not_after %v (%v), want %v in RFC 3339", na, err, notAfter)
	}
	if days := num(t, h, "tls.days_left"); days < 38 || days > 40 {
		t.Errorf("tls.days_left %v, want about 40", days)
	}
	exts := want(t, h, "extensions", "object")
	if m, ok := exts.(map[string]any); ok {
		for k, v := range m {
			if jtype(v) != "string" {
				t.Errorf("extensions.%s is %s, want string", k, jtype(v))
			}
		}
		if len(m) == 0 {
			t.Errorf("no extensions")
		}
	}

	steps := arr(t, h, "steps")
	if len(steps) == 0 {
		t.Fatal("no steps")
	}
	if c := str(t, steps[0], "command"); c != "" || num(t, steps[0], "code") != 220 {
		t.Errorf("first step %q %v, want the greeting: command \"\" and 220", c, steps[0])
	}
	wantOrder := []string{"", "EHLO probe.test", "STARTTLS", "EHLO probe.test", "MAIL FROM:<>", "RCPT TO:<user@example.test>", "RSET", "QUIT"}
	if got := stepCommands(t, obj); strings.Join(got, "|") != strings.Join(wantOrder, "|") {
		t.Errorf("steps %q, want every reply in order: %q", got, wantOrder)
	}
	var rcpt any
	for i, st := range steps {
		where := fmt.Sprintf("steps.%d", i)
		cmd := str(t, st, "command")
		num(t, st, "code")
		str(t, st, "enhanced")
		for j, l := range arr(t, st, "lines") {
			if jtype(l) != "string" {
				t.Errorf("%s.lines.%d is %s", where, j, jtype(l))
			}
		}
		num(t, st, "duration_ms")
		checkDiagnosis(t, want(t, st, "explanation", "object"), where+" ("+cmd+")")
		if cmd == "RCPT TO:<user@example.test>" {
			rcpt = st
		}
	}
	if rcpt == nil {
		t.Fatalf("no RCPT step: %v", stepCommands(t, obj))
	}
	if num(t, rcpt, "code") != 550 || str(t, rcpt, "enhanced") != "5.1.1" || str(t, rcpt, "explanation.category") != "mailbox-unknown" ||
		str(t, rcpt, "explanation.retry") != "permanent" || num(t, rcpt, "explanation.code") != 550 {
		t.Errorf("RCPT step %v", rcpt)
	}

	findings := arr(t, obj, "findings")
	var crit bool
	for i, f := range findings {
		where := fmt.Sprintf("findings.%d", i)
		sev := str(t, f, "severity")
		if sev == "critical" {
			crit = true
		}
		str(t, f, "host")
		code := num(t, f, "code")
		str(t, f, "enhanced")
		if str(t, f, "title") == "" || str(t, f, "fix") == "" {
			t.Errorf("%s: empty title or fix", where)
		}
		if c := str(t, f, "category"); !contractCategories[c] {
			t.Errorf("%s: category %q is not one of the contract's", where, c)
		}
		if r := str(t, f, "retry"); !contractRetry[r] {
			t.Errorf("%s: retry %q", where, r)
		}
		for _, k := range []string{"class", "meaning", "when", "matched"} {
			str(t, f, k)
		}
		if code != 0 {
			// A finding about a reply carries that reply's diagnosis.
			checkDiagnosis(t, f, where)
		}
	}
	if !crit || str(t, obj, "findings.0.severity") != "critical" || num(t, obj, "findings.0.code") != 550 ||
		str(t, obj, "findings.0.host") != "mx1.example.test" {
		t.Errorf("findings %v: want the 550 first, critical, on mx1.example.test", findings)
	}

	t.Run("every finding's matched is one of the contract's", func(t *testing.T) {
		// "Every explanation and every finding carries a diagnosis with
		// these fields ... matched: rule|enhanced|basic|class".
		plain := smtptest.Start(t, smtptest.Options{})
		objs := decodeJSONLines(t, runWith(t, cmdEnv{}, "--server", plain.Addr, "-o", "json", "user@example.test").stdout)
		objs = append(objs, decodeJSONLines(t, runWith(t, cmdEnv{}, "--resolver", d.Addr(), "-o", "json", "nullmx.test").stdout)...)
		n := 0
		for _, o := range objs {
			for i, f := range arr(t, o, "findings") {
				n++
				checkDiagnosis(t, f, fmt.Sprintf("%v findings.%d", o["target"], i))
			}
		}
		if n < 2 {
			t.Errorf("%d findings, want the null MX and the missing STARTTLS", n)
		}
	})
	t.Run("tls null without TLS", func(t *testing.T) {
		plain := smtptest.Start(t, smtptest.Options{})
		obj := decodeOne(t, runWith(t, cmdEnv{}, "--server", plain.Addr, "-o", "json", "user@example.test"))
		want(t, obj, "hosts.0.tls", "null")
		// Nor when STARTTLS was tried and the handshake failed.
		s := smtptest.StartScript(t, func(c *smtptest.Conn) {
			if c.Greet("STARTTLS") && c.Expect("STARTTLS") && c.Send("220 2.0.0 go ahead") {
				c.Send("this is not TLS")
			}
		})
		obj = decodeOne(t, runWith(t, cmdEnv{}, "--server", s.Addr, "--timeout", "2s", "-o", "json", "user@example.test"))
		want(t, obj, "hosts.0.tls", "null")
		if !contains(stepCommands(t, obj), "STARTTLS") {
			t.Errorf("no STARTTLS step: %q", stepCommands(t, obj))
		}
	})
	t.Run("hosts empty for null MX and NXDOMAIN", func(t *testing.T) {
		r := runWith(t, cmdEnv{}, "--resolver", d.Addr(), "-o", "json", "nullmx.test", "nx.test")
		for _, o := range decodeJSONLines(t, r.stdout) {
			if h := arr(t, o, "hosts"); h == nil || len(h) != 0 {
				t.Errorf("%v: hosts %v, want []", o["target"], o["hosts"])
			}
			if v, _ := jget(o, "exit_code"); v != 2.0 {
				t.Errorf("%v: exit_code %v, want 2", o["target"], v)
			}
		}
		for _, o := range decodeJSONLines(t, r.stdout) {
			if nm, _ := jget(o, "dns.null_mx"); nm != (o["target"] == "nullmx.test") {
				t.Errorf("%v: null_mx %v", o["target"], nm)
			}
		}
	})
	t.Run("step without reply has code 0 and the host error", func(t *testing.T) {
		for name, script := range map[string]func(*smtptest.Conn){
			"timeout": func(c *smtptest.Conn) { c.Stall() },
			"reset":   func(c *smtptest.Conn) { c.Greet(); c.Line(); c.Reset() },
		} {
			s := smtptest.StartScript(t, script)
			obj := decodeOne(t, runWith(t, cmdEnv{}, "--server", s.Addr, "--timeout", "300ms", "-o", "json", "user@example.test"))
			steps := arr(t, obj, "hosts.0.steps")
			if len(steps) == 0 {
				t.Errorf("%s: no steps", name)
				continue
			}
			last := steps[len(steps)-1]
			if num(t, last, "code") != 0 || str(t, obj, "hosts.0.error") == "" {
				t.Errorf("%s: last step %v, host error %q; want code 0 and an error", name, last, str(t, obj, "hosts.0.error"))
			}
		}
	})
}

// TestContractExplain runs smtpprobe explain through run.
// TestExplainCommand and TestExplainCommandJSON pin the texts; this pins
// the contract's fields.
func TestContractExplain(t *testing.T) {
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	explainJSON := func(t *testing.T, stdin string, args ...string) []map[string]any {
		r := runCmd(t, stdin, nil, append([]string{"explain", "-o", "json"}, args...)...)
		if r.code != 0 {
			t.Fatalf("explain %q: exit %d: %s", args, r.code, r.stderr)
		}
		return decodeJSONLines(t, r.stdout)
	}

	t.Run("one code shows class, title, meaning, when, fix", func(t *testing.T) {
		r := runCmd(t, "", nil, "explain", "252")
		d := explainJSON(t, "", "252")[0]
		text := flat(r.stdout)
		for _, f := range []string{"class", "title", "meaning", "when", "fix"} {
			v := flat(str(t, d, f))
			if v == "" || !strings.Contains(text, v) {
				t.Errorf("explain 252 does not show its %s %q:\n%s", f, v, r.stdout)
			}
		}
	})
	t.Run("two codes are compared", func(t *testing.T) {
		r := runCmd(t, "", nil, "explain", "252", "354")
		ds := explainJSON(t, "", "252", "354")
		for _, d := range ds {
			if !strings.Contains(r.stdout, str(t, d, "title")) {
				t.Errorf("comparison lacks %q", str(t, d, "title"))
			}
		}
		_, diff, ok := strings.Cut(r.stdout, "Main differences")
		if !ok || !strings.Contains(diff, "Which applies when") {
			t.Fatalf("no differences and when each applies:\n%s", r.stdout)
		}
		for _, d := range ds {
			for _, f := range []string{"class", "meaning", "when"} {
				if !strings.Contains(flat(diff), flat(str(t, d, f))) {
					t.Errorf("the differences lack %v's %s", d["code"], f)
				}
			}
		}
	})
	t.Run("codes in every form", func(t *testing.T) {
		for _, tt := range []struct {
			arg      string
			code     float64
			enhanced string
			matched  string
		}{
			{"252", 252, "", "basic"},
			{"5.1.1", 0, "5.1.1", "enhanced"},
			{"550 5.1.1", 550, "5.1.1", "enhanced"},
			{"573", 573, "", "class"},
		} {
			d := explainJSON(t, "", tt.arg)[0]
			checkDiagnosis(t, d, "explain "+tt.arg)
			if c := num(t, d, "code"); tt.code != 0 && c != tt.code {
				t.Errorf("explain %s: code %v", tt.arg, c)
			}
			if e := str(t, d, "enhanced"); e != tt.enhanced || str(t, d, "matched") != tt.matched {
				t.Errorf("explain %s: enhanced %q matched %q, want %q %q", tt.arg, e, str(t, d, "matched"), tt.enhanced, tt.matched)
			}
		}
	})
	t.Run("unknown code gets its class meaning", func(t *testing.T) {
		r := runCmd(t, "", nil, "explain", "573")
		if r.code != 0 || !strings.Contains(r.stdout, "not in the catalog") || !strings.Contains(r.stdout, "5xx Permanent Negative") {
			t.Errorf("explain 573: exit %d\n%s", r.code, r.stdout)
		}
		if d := explainJSON(t, "", "573")[0]; str(t, d, "class") != "5xx Permanent Negative" || str(t, d, "retry") != "permanent" {
			t.Errorf("explain 573: %v", d)
		}
	})
	t.Run("text with continuation lines, from the argument and stdin", func(t *testing.T) {
		reply := "550-5.1.1 The email account that you tried to reach does not exist. Please try\n" +
			"550-5.1.1 double-checking the recipient's email address for typos or\n" +
			"550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser\n"
		for name, ds := range map[string][]map[string]any{
			"argument": explainJSON(t, "", "--text", reply),
			"stdin":    explainJSON(t, reply, "--text", "-"),
		} {
			if len(ds) != 1 {
				t.Errorf("%s: %d objects, want one for the reply", name, len(ds))
				continue
			}
			checkDiagnosis(t, ds[0], name)
			if num(t, ds[0], "code") != 550 || str(t, ds[0], "enhanced") != "5.1.1" || str(t, ds[0], "category") != "mailbox-unknown" {
				t.Errorf("%s: %v", name, ds[0])
			}
		}
		r := runCmd(t, reply, nil, "explain", "--text", "-")
		if r.code != 0 || !strings.Contains(r.stdout, "mailbox-unknown") {
			t.Errorf("explain --text - (text): exit %d\n%s", r.code, r.stdout)
		}
	})
	t.Run("json is one object per code", func(t *testing.T) {
		ds := explainJSON(t, "", "550", "421", "5.7.1", "252")
		if len(ds) != 4 {
			t.Fatalf("%d objects, want 4", len(ds))
		}
		for i, d := range ds {
			checkDiagnosis(t, d, fmt.Sprintf("object %d", i+1))
		}
	})
}

// TestContractServe adds to TestServeProbe (success, duration, step reply
// codes, TLS expiry, resolver and server parameters) and TestServePages
// (/metrics) the port, rcpt and starttls query parameters.
func TestContractServe(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{
		RejectRcpt: map[string]*smtptest.SMTPError{"nobody@example.com": smtptest.Error(550, "5.1.1", "no such user")},
	})
	host, port, _ := net.SplitHostPort(srv.Addr)
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e)
	probeQuery := func(t *testing.T, q string) (float64, func(name string, labels ...string) (float64, bool)) {
		code, body := get(t, ts.URL+"/probe?"+q)
		if code != 200 {
			t.Fatalf("%s: status %d: %s", q, code, body)
		}
		mfs := parseText(t, body)
		ok, _ := value(mfs, "smtpprobe_success")
		return ok, func(name string, labels ...string) (float64, bool) { return value(mfs, name, labels...) }
	}

	t.Run("port", func(t *testing.T) {
		ok, _ := probeQuery(t, "target=example.com&server="+host+"&port="+port)
		if ok != 1 {
			t.Errorf("port=%s: success %v, want 1", port, ok)
		}
		ok, _ = probeQuery(t, "target=example.com&server="+host+"&port="+strings.Split(closedAddr(t), ":")[1])
		if ok != 0 {
			t.Errorf("a closed port: success %v, want 0", ok)
		}
	})
	t.Run("rcpt", func(t *testing.T) {
		ok, v := probeQuery(t, "target=example.com&server="+srv.Addr+"&rcpt=nobody@example.com")
		if code, _ := v("smtpprobe_step_reply_code", "step=rcpt"); ok != 0 || code != 550 {
			t.Errorf("rcpt=nobody@example.com: success %v, rcpt code %v; want 0 and 550", ok, code)
		}
		if !strings.Contains(events(srv), "RCPT <nobody@example.com>") {
			t.Errorf("server saw %q", events(srv))
		}
	})
	t.Run("helo from vrfy on the wire", func(t *testing.T) {
		rec := recorder(t)
		ok, v := probeQuery(t, "target=example.com&server="+rec.Addr+"&helo=scraper.test&from=probe@scraper.test&vrfy=someone")
		if code, _ := v("smtpprobe_step_reply_code", "step=vrfy"); ok != 1 || code != 252 {
			t.Errorf("success %v, vrfy code %v; want 1 and 252", ok, code)
		}
		got := commands(rec)
		for _, w := range []string{"EHLO scraper.test", "MAIL FROM:<probe@scraper.test>", "VRFY someone"} {
			if !contains(got, w) {
				t.Errorf("the exporter did not send %q; it sent %q", w, got)
			}
		}
	})
	t.Run("tls", func(t *testing.T) {
		ca := smtptest.NewCA(t)
		tlsSrv := smtptest.Start(t, smtptest.Options{ImplicitTLS: true, TLS: smtptest.TLSConfig(ca.Issue(t, "127.0.0.1", time.Now().Add(90*24*time.Hour)))})
		e, _ := serveEnv(nil, ca.Pool())
		_, ts := startExporter(t, e)
		code, body := get(t, ts.URL+"/probe?target=example.com&tls=true&server="+tlsSrv.Addr)
		mfs := parseText(t, body)
		if ok, _ := value(mfs, "smtpprobe_success"); code != 200 || ok != 1 {
			t.Errorf("tls=true: status %d, success %v", code, ok)
		}
		if _, ok := value(mfs, "smtpprobe_tls_cert_expiry_timestamp_seconds"); !ok {
			t.Errorf("tls=true: no certificate expiry:\n%s", body)
		}
	})
	t.Run("starttls", func(t *testing.T) {
		ok, v := probeQuery(t, "target=example.com&server="+srv.Addr+"&starttls=require")
		if st, _ := v("smtpprobe_status"); ok != 0 || st != 2 {
			t.Errorf("starttls=require without STARTTLS: success %v, status %v; want 0 and 2", ok, st)
		}
		ok, _ = probeQuery(t, "target=example.com&server="+srv.Addr+"&starttls=never")
		if ok != 1 {
			t.Errorf("starttls=never: success %v, want 1", ok)
		}
	})
}
