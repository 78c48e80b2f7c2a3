package probe_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// zone routes example.com's one MX, mx.example.com, to a documentation
// address that the dialer maps to the test server.
var zone = []string{
	"example.com. 300 IN MX 10 mx.example.com.",
	"mx.example.com. 300 IN A 192.0.2.10",
}

// dialer routes every address to one loopback server and records what the
// probe writes, one entry per Write call, and how many connections it
// holds open at once.
type dialer struct {
	to     string            // where every address goes
	routes map[string]string // IP -> loopback address, overriding to

	mu        sync.Mutex
	writes    []string
	dialed    []string
	open, max int
}

func (d *dialer) Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	to := d.to
	if host, _, _ := net.SplitHostPort(addr); d.routes[host] != "" {
		to = d.routes[host]
	}
	var nd net.Dialer
	c, err := nd.DialContext(ctx, network, to)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.dialed = append(d.dialed, addr)
	d.open++
	d.max = max(d.max, d.open)
	d.mu.Unlock()
	return &recConn{Conn: c, d: d}, nil
}

// Dialed returns the addresses dialed so far, in order.
func (d *dialer) Dialed() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.dialed...)
}

func (d *dialer) Writes() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.writes...)
}

type recConn struct {
	net.Conn
	d    *dialer
	once sync.Once
}

func (c *recConn) Write(b []byte) (int, error) {
	c.d.mu.Lock()
	c.d.writes = append(c.d.writes, string(b))
	c.d.mu.Unlock()
	return c.Conn.Write(b)
}

func (c *recConn) Close() error {
	c.once.Do(func() {
		c.d.mu.Lock()
		c.d.open--
		c.d.mu.Unlock()
	})
	return c.Conn.Close()
}

// setup returns a Config that resolves example.com with a loopback DNS
// server and reaches the SMTP server at addr.
func setup(t *testing.T, addr string) (probe.Config, *dialer) {
	t.Helper()
	d := &dialer{to: addr}
	return zoneConfig(t, d, zone...), d
}

// zoneConfig returns a Config that resolves with a loopback DNS server
// serving rrs and dials through d.
func zoneConfig(t *testing.T, d *dialer, rrs ...string) probe.Config {
	t.Helper()
	dns := dnstest.Start(t, rrs...)
	return probe.Config{
		Helo:     "probe.test",
		Timeout:  5 * time.Second,
		Resolver: &dnsx.Resolver{Servers: []string{dns.Addr()}, Timeout: 2 * time.Second, Attempts: 1},
		Dial:     d.Dial,
		// The zones put MX hosts at documentation addresses, which d
		// routes to loopback listeners.
		AllowSpecialAddresses: true,
	}
}

func target(t *testing.T, s string) probe.Target {
	t.Helper()
	tg, err := probe.ParseTarget(s)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// oneHost runs the probe and returns its only host.
func oneHost(t *testing.T, cfg probe.Config, tgt string) probe.Host {
	t.Helper()
	res := probe.Run(context.Background(), cfg, target(t, tgt))
	if res.DNSErr != nil {
		t.Fatalf("DNS: %v", res.DNSErr)
	}
	if len(res.Hosts) != 1 {
		t.Fatalf("got %d hosts, want 1", len(res.Hosts))
	}
	return res.Hosts[0]
}

// transcript renders steps as "COMMAND => CODE ENHANCED" lines.
func transcript(h probe.Host) string {
	var b strings.Builder
	for _, s := range h.Steps {
		cmd := s.Command
		if cmd == "" {
			cmd = "(greeting)"
		}
		b.WriteString(cmd + " => " + strconv.Itoa(s.Reply.Code))
		if s.Reply.Enhanced != "" {
			b.WriteString(" " + s.Reply.Enhanced)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func wantTranscript(t *testing.T, h probe.Host, want string) {
	t.Helper()
	if got := transcript(h); got != want {
		t.Errorf("transcript:\n%s\nwant:\n%s", got, want)
	}
}

func TestAccept(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	cfg, d := setup(t, srv.Addr)
	h := oneHost(t, cfg, "user@example.com")
	if h.Err != nil || h.CloseErr != nil {
		t.Fatalf("Err %v, CloseErr %v", h.Err, h.CloseErr)
	}
	wantTranscript(t, h, `(greeting) => 220
EHLO probe.test => 250
MAIL FROM:<> => 250 2.0.0
RCPT TO:<user@example.com> => 250 2.0.0
RSET => 250 2.0.0
QUIT => 221 2.0.0
`)
	if h.Duration <= 0 || len(h.Attempts) != 1 || h.Attempts[0].Err != nil || h.Attempts[0].Duration <= 0 {
		t.Errorf("Duration %v Attempts %+v", h.Duration, h.Attempts)
	}
	if h.Name != "mx.example.com" || h.Preference != 10 || h.Addr.String() != "192.0.2.10" || h.Port != 25 {
		t.Errorf("host %s pref %d addr %s port %d", h.Name, h.Preference, h.Addr, h.Port)
	}
	if _, ok := h.Extensions["PIPELINING"]; !ok {
		t.Errorf("extensions %v lack PIPELINING", h.Extensions)
	}
	if h.TLS != nil {
		t.Errorf("TLS %+v without STARTTLS", h.TLS)
	}
	// PIPELINING: the whole transaction goes out in one write, and QUIT
	// on its own (issue 10 item 6: Exim holds a group with QUIT).
	writes := d.Writes()
	want := []string{
		"EHLO probe.test\r\n",
		"MAIL FROM:<>\r\nRCPT TO:<user@example.com>\r\nRSET\r\n",
		"QUIT\r\n",
	}
	if strings.Join(writes, "|") != strings.Join(want, "|") {
		t.Errorf("writes %q, want %q", writes, want)
	}
	if d.dialed[0] != "192.0.2.10:25" {
		t.Errorf("dialed %v", d.dialed)
	}
	for _, e := range srv.Events() {
		if e == "DATA" {
			t.Error("server received DATA without Config.Data")
		}
	}
}

func TestRcptRejected(t *testing.T) {
	for _, tc := range []struct {
		name, enhanced string
		code           int
	}{
		{"unknown user", "5.1.1", 550},
		{"greylisted", "4.7.1", 451},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.Start(t, smtptest.Options{RejectRcpt: map[string]*smtptest.SMTPError{
				"nobody@example.com": smtptest.Error(tc.code, tc.enhanced, "<nobody@example.com>: user does not exist"),
			}})
			cfg, _ := setup(t, srv.Addr)
			h := oneHost(t, cfg, "nobody@example.com")
			if h.Err != nil {
				t.Fatal(h.Err)
			}
			rcpt := h.Steps[3]
			if rcpt.Command != "RCPT TO:<nobody@example.com>" || rcpt.Reply.Code != tc.code || rcpt.Reply.Enhanced != tc.enhanced {
				t.Fatalf("RCPT step %+v", rcpt)
			}
			if want := tc.enhanced + " <nobody@example.com>: user does not exist"; rcpt.Reply.Lines[0] != want {
				t.Errorf("line %q, want %q", rcpt.Reply.Lines[0], want)
			}
			if last := h.Steps[len(h.Steps)-1]; last.Command != "QUIT" || last.Reply.Code != 221 {
				t.Errorf("last step %+v", last)
			}
		})
	}
}

func TestMailRejected(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{RejectMail: smtptest.Error(553, "5.7.1", "sender rejected")})
	cfg, _ := setup(t, srv.Addr)
	cfg.From = "probe@probe.test"
	h := oneHost(t, cfg, "user@example.com")
	if h.Err != nil {
		t.Fatal(h.Err)
	}
	// With PIPELINING, RCPT was already on its way and its reply is
	// recorded; go-smtp answers it with 502 or 503 (no MAIL).
	wantCmds(t, h, "", "EHLO probe.test", "MAIL FROM:<probe@probe.test>", "RCPT TO:<user@example.com>", "RSET", "QUIT")
	if h.Steps[2].Reply.Code != 553 || h.Steps[3].Reply.Code/100 != 5 {
		t.Errorf("MAIL %d RCPT %d", h.Steps[2].Reply.Code, h.Steps[3].Reply.Code)
	}
}

func wantCmds(t *testing.T, h probe.Host, cmds ...string) {
	t.Helper()
	var got []string
	for _, s := range h.Steps {
		got = append(got, s.Command)
	}
	if strings.Join(got, "|") != strings.Join(cmds, "|") {
		t.Errorf("commands %q, want %q", got, cmds)
	}
}

// wantKinds checks the kind of every step: what report judges by.
func wantKinds(t *testing.T, h probe.Host, kinds ...probe.StepKind) {
	t.Helper()
	var got []probe.StepKind
	for _, s := range h.Steps {
		got = append(got, s.Kind)
	}
	if !slices.Equal(got, kinds) {
		t.Errorf("step kinds %q, want %q", got, kinds)
	}
}

func TestVrfy(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	cfg, d := setup(t, srv.Addr)
	cfg.Vrfy = "postmaster@example.com"
	h := oneHost(t, cfg, "example.com")
	wantTranscript(t, h, `(greeting) => 220
EHLO probe.test => 250
MAIL FROM:<> => 250 2.0.0
RCPT TO:<postmaster@example.com> => 250 2.0.0
VRFY postmaster@example.com => 252 2.5.0
RSET => 250 2.0.0
QUIT => 221 2.0.0
`)
	// VRFY must end a pipelined group (RFC 2920 section 3.1).
	w := d.Writes()
	if len(w) != 4 || !strings.HasSuffix(w[1], "VRFY postmaster@example.com\r\n") || w[2] != "RSET\r\n" || w[3] != "QUIT\r\n" {
		t.Errorf("writes %q", w)
	}
}

func TestData(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	cfg, d := setup(t, srv.Addr)
	cfg.Data = true
	cfg.From = "probe@probe.test"
	cfg.Now = func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }
	h := oneHost(t, cfg, "user@example.com")
	if h.Err != nil || h.CloseErr != nil {
		t.Fatal(h.Err, h.CloseErr)
	}
	wantTranscript(t, h, `(greeting) => 220
EHLO probe.test => 250
MAIL FROM:<probe@probe.test> => 250 2.0.0
RCPT TO:<user@example.com> => 250 2.0.0
DATA => 354
. => 250 2.0.0
QUIT => 221 2.0.0
`)
	wantKinds(t, h, probe.StepGreeting, probe.StepEHLO, probe.StepMail, probe.StepRcpt, probe.StepData, probe.StepEndOfData, probe.StepQuit)
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("server got %d messages, want 1", len(msgs))
	}
	m := msgs[0]
	if m.From != "probe@probe.test" || len(m.To) != 1 || m.To[0] != "user@example.com" || m.Helo != "probe.test" {
		t.Errorf("message envelope %+v", m)
	}
	for _, want := range []string{
		"Date: Sun, 22 Nov 2026 12:00:00 +0000\r\n",
		"Subject: smtpprobe test message\r\n",
		"Message-ID: <",
		"Auto-Submitted: auto-generated\r\n",
		"test message from smtpprobe",
		// The server undid the dot-stuffing: the line arrives with one dot.
		"\r\n.This line starts with a dot",
	} {
		if !bytes.Contains(m.Data, []byte(want)) {
			t.Errorf("message lacks %q:\n%s", want, m.Data)
		}
	}
	if bytes.Contains(m.Data, []byte("\r\n..This")) {
		t.Error("dot-stuffing was not undone: the probe stuffed twice")
	}
	// On the wire the line was stuffed.
	var wire string
	for _, w := range d.Writes() {
		wire += w
	}
	if !strings.Contains(wire, "\r\n..This line starts with a dot") {
		t.Errorf("the wire lacks the stuffed line")
	}
}

func TestDataRcptRejected(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{RejectRcpt: map[string]*smtptest.SMTPError{
		"user@example.com": smtptest.Error(550, "5.1.1", "Email address could not be found, or was misspelled (G8)"),
	}})
	cfg, _ := setup(t, srv.Addr)
	cfg.Data = true
	h := oneHost(t, cfg, "user@example.com")
	if len(srv.Messages()) != 0 {
		t.Errorf("a message was delivered after RCPT was rejected")
	}
	if rcpt := h.Steps[3]; rcpt.Reply.Code != 550 {
		t.Errorf("RCPT step %+v", rcpt)
	}
	// With VRFY the pipelined group ends before DATA, so the probe knows
	// that RCPT was refused and sends no DATA, as without PIPELINING.
	cfg.Vrfy = "user@example.com"
	h = oneHost(t, cfg, "user@example.com")
	wantCmds(t, h, "", "EHLO probe.test", "MAIL FROM:<>", "RCPT TO:<user@example.com>", "VRFY user@example.com", "RSET", "QUIT")
}

func TestStartTLS(t *testing.T) {
	ca := smtptest.NewCA(t)
	now := time.Now()
	for _, tc := range []struct {
		name       string
		cert       tls.Certificate
		verified   bool
		verifyText string
		nameErr    string
		chainErr   string
	}{
		{"valid", ca.Issue(t, "mx.example.com", now.Add(90*24*time.Hour)), true, "", "", ""},
		{"expiring in 5 days", ca.Issue(t, "mx.example.com", now.Add(5*24*time.Hour)), true, "", "", ""},
		{"expired", ca.Issue(t, "mx.example.com", now.Add(-24*time.Hour)), false, "expired", "", "expired"},
		{"wrong name", ca.Issue(t, "other.example.net", now.Add(90*24*time.Hour)), false, "not mx.example.com",
			"x509: certificate is valid for other.example.net, not mx.example.com", ""},
		{"self-signed", smtptest.SelfSigned(t, "mx.example.com", now.Add(90*24*time.Hour)), false, "unknown authority", "", "unknown authority"},
		{"self-signed, wrong name", smtptest.SelfSigned(t, "other.example.net", now.Add(90*24*time.Hour)), false, "",
			"x509: certificate is valid for other.example.net, not mx.example.com", "unknown authority"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.Start(t, smtptest.Options{TLS: smtptest.TLSConfig(tc.cert)})
			cfg, _ := setup(t, srv.Addr)
			cfg.RootCAs = ca.Pool()
			h := oneHost(t, cfg, "user@example.com")
			if h.Err != nil {
				t.Fatal(h.Err)
			}
			// A certificate that does not verify does not stop the
			// dialogue: the report judges it.
			wantCmds(t, h, "", "EHLO probe.test", "STARTTLS", "EHLO probe.test", "MAIL FROM:<>", "RCPT TO:<user@example.com>", "RSET", "QUIT")
			wantKinds(t, h, probe.StepGreeting, probe.StepEHLO, probe.StepStartTLS, probe.StepEHLO, probe.StepMail, probe.StepRcpt, probe.StepRset, probe.StepQuit)
			ti := h.TLS
			if ti == nil {
				t.Fatal("no TLS facts")
			}
			if ti.Version != "TLS 1.3" || ti.CipherSuite == "" || ti.HandshakeError != "" || ti.Implicit {
				t.Errorf("TLS %+v", ti)
			}
			if ti.ServerName != "mx.example.com" || len(ti.Chain) == 0 || !ti.Chain[0].NotAfter.Equal(tc.cert.Leaf.NotAfter) {
				t.Errorf("TLS %+v", ti)
			}
			if ti.Verified != tc.verified || !strings.Contains(ti.VerifyError, tc.verifyText) ||
				ti.NameError != tc.nameErr || !strings.Contains(ti.ChainError, tc.chainErr) || (tc.chainErr == "") != (ti.ChainError == "") {
				t.Errorf("Verified %v VerifyError %q NameError %q ChainError %q, want %v, containing %q, %q, containing %q",
					ti.Verified, ti.VerifyError, ti.NameError, ti.ChainError, tc.verified, tc.verifyText, tc.nameErr, tc.chainErr)
			}
			if _, ok := h.ExtensionsBeforeTLS["STARTTLS"]; !ok {
				t.Errorf("ExtensionsBeforeTLS %v", h.ExtensionsBeforeTLS)
			}
			if _, ok := h.Extensions["STARTTLS"]; ok {
				t.Errorf("Extensions after TLS still offer STARTTLS: %v", h.Extensions)
			}
		})
	}
}

func TestStartTLSPolicy(t *testing.T) {
	t.Run("require without STARTTLS sends nothing more", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{})
		cfg, d := setup(t, srv.Addr)
		cfg.StartTLS = probe.StartTLSRequire
		h := oneHost(t, cfg, "user@example.com")
		if h.Err == nil || h.Err.Kind != probe.ErrPolicy || h.Err.Step != "STARTTLS" {
			t.Fatalf("Err %v", h.Err)
		}
		if w := d.Writes(); len(w) != 1 || w[0] != "EHLO probe.test\r\n" {
			t.Errorf("sent in clear after STARTTLS was found missing: %q", w)
		}
	})
	t.Run("auto without STARTTLS goes on in clear", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{})
		cfg, _ := setup(t, srv.Addr)
		h := oneHost(t, cfg, "user@example.com")
		if h.Err != nil || h.TLS != nil || len(h.Steps) != 6 {
			t.Errorf("Err %v TLS %v steps %d", h.Err, h.TLS, len(h.Steps))
		}
	})
	t.Run("never skips offered STARTTLS", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{TLS: smtptest.TLSConfig(smtptest.SelfSigned(t, "mx.example.com", time.Now().Add(time.Hour)))})
		cfg, _ := setup(t, srv.Addr)
		cfg.StartTLS = probe.StartTLSNever
		h := oneHost(t, cfg, "user@example.com")
		if h.Err != nil || h.TLS != nil || h.Steps[2].Command != "MAIL FROM:<>" {
			t.Errorf("Err %v TLS %v transcript\n%s", h.Err, h.TLS, transcript(h))
		}
	})
	for _, reply := range []string{"454 4.7.0 TLS not available", "502 5.5.1 no"} {
		t.Run("require refused "+reply[:3], func(t *testing.T) {
			srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
				c.Greet("PIPELINING", "STARTTLS")
				c.Expect("STARTTLS")
				c.Send(reply)
				c.Stall()
			})
			cfg, _ := setup(t, srv.Addr)
			cfg.StartTLS = probe.StartTLSRequire
			h := oneHost(t, cfg, "user@example.com")
			if h.Err == nil || h.Err.Kind != probe.ErrPolicy {
				t.Fatalf("Err %v", h.Err)
			}
			if got := srv.Received(); got != "EHLO probe.test\r\nSTARTTLS\r\n" {
				t.Errorf("server received %q", got)
			}
		})
	}
	t.Run("auto refused goes on in clear", func(t *testing.T) {
		srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
			c.Greet("STARTTLS")
			c.Expect("STARTTLS")
			c.Send("454 4.7.0 TLS not available")
			c.Answer(nil)
		})
		cfg, _ := setup(t, srv.Addr)
		h := oneHost(t, cfg, "user@example.com")
		wantCmds(t, h, "", "EHLO probe.test", "STARTTLS", "MAIL FROM:<>", "RCPT TO:<user@example.com>", "RSET", "QUIT")
		if h.Err != nil || h.TLS != nil {
			t.Errorf("Err %v TLS %+v", h.Err, h.TLS)
		}
	})
}

func TestImplicitTLS(t *testing.T) {
	ca := smtptest.NewCA(t)
	srv := smtptest.Start(t, smtptest.Options{
		TLS:         smtptest.TLSConfig(ca.Issue(t, "mx.example.com", time.Now().Add(48*time.Hour))),
		ImplicitTLS: true,
	})
	cfg, d := setup(t, srv.Addr)
	cfg.ImplicitTLS = true
	cfg.RootCAs = ca.Pool()
	h := oneHost(t, cfg, "user@example.com")
	if h.Err != nil || h.TLS == nil || !h.TLS.Implicit || !h.TLS.Verified || h.Port != 465 {
		t.Fatalf("Err %v TLS %+v port %d", h.Err, h.TLS, h.Port)
	}
	if d.dialed[0] != "192.0.2.10:465" {
		t.Errorf("dialed %v", d.dialed)
	}
	wantCmds(t, h, "", "EHLO probe.test", "MAIL FROM:<>", "RCPT TO:<user@example.com>", "RSET", "QUIT")
}
