package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"net"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// TestContractFlags pins every flag of the contract's table by what it
// does on the wire and in the report; --from, --data and --lang are pinned
// by the scripts in testdata/script (TestScripts).
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
			if !slices.Contains(got, w) {
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

	t.Run("timeout bounds each step", func(t *testing.T) {
		// Were --timeout ignored, the 10s default would outlast the
		// interruption after 5s and the step would end as canceled.
		for step, script := range map[string]func(*smtptest.Conn){
			"connect":  nil,
			"greeting": func(c *smtptest.Conn) { c.Stall() },
			"EHLO":     func(c *smtptest.Conn) { c.Send("220 mx.test ESMTP"); c.Stall() },
			"TLS handshake": func(c *smtptest.Conn) {
				if c.Greet("STARTTLS") && isStartTLS(c) && c.Send("220 2.0.0 Ready to start TLS") {
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

	t.Run("concurrency", func(t *testing.T) {
		for _, c := range []int{1, 3} {
			t.Run(fmt.Sprint(c), func(t *testing.T) { checkConcurrency(t, c) })
		}
	})
}

// checkConcurrency probes three targets, each with its own MX address, with
// -c n. The server holds each greeting until n sessions are open: probes run
// one after the other would then time out.
func checkConcurrency(t *testing.T, n int) {
	addr, most := overlapServer(t, n, 5*time.Second)
	var rrs, targets []string
	routes := map[string]string{}
	for i := 1; i <= 3; i++ {
		rrs = append(rrs, fmt.Sprintf("c%d.test. 300 IN MX 10 mx.c%d.test.", i, i), fmt.Sprintf("mx.c%d.test. 300 IN A 192.0.2.%d", i, 50+i))
		routes[fmt.Sprintf("192.0.2.%d:25", 50+i)] = addr
		targets = append(targets, fmt.Sprintf("c%d.test", i))
	}
	d := dnstest.Start(t, rrs...)
	r := runWith(t, cmdEnv{routes: routes}, append([]string{"--resolver", d.Addr(), "--timeout", "3s", "-c", fmt.Sprint(n)}, targets...)...)
	if r.code != 0 {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if hi := most(); hi != n {
		t.Errorf("-c %d: %d sessions were open at once, want %d", n, hi, n)
	}
}

// overlapServer starts a scripted server that counts the sessions open at
// once (from the connection to the QUIT that the client waits the 221 of)
// and holds each greeting until n sessions are open, or for wait. most
// tells the most sessions that were open at once.
func overlapServer(t *testing.T, n int, wait time.Duration) (addr string, most func() int) {
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
		case <-time.After(wait):
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
	return s.Addr, func() int {
		mu.Lock()
		defer mu.Unlock()
		return hi
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
