package main

import (
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

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
		RejectRcpt: map[string]*smtptest.SMTPError{"user@example.test": smtptest.Error(550, "5.1.1", "<user@example.test>: user does not exist")},
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
		// "Findings carry "check": NAME": the dialogue's are smtp's; each
		// names a check of the target's or its host's "checks".
		c := str(t, f, "check")
		if _, ok := jget(obj, "checks."+c); !ok {
			want(t, obj, "hosts.0.checks."+c, "object")
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
			if c.Greet("STARTTLS") && isStartTLS(c) && c.Send("220 2.0.0 go ahead") {
				c.Send("this is not TLS")
			}
		})
		obj = decodeOne(t, runWith(t, cmdEnv{}, "--server", s.Addr, "--timeout", "2s", "-o", "json", "user@example.test"))
		want(t, obj, "hosts.0.tls", "null")
		if !slices.Contains(stepCommands(t, obj), "STARTTLS") {
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
