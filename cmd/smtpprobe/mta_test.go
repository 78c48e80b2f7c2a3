package main

import (
	"crypto/tls"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// These tests run the whole command against real Exim, OpenSMTPD and
// Sendmail (internal/smtptest), for the verdicts that depend on how real
// servers answer (issue 10).

// TestMTAFailedStartTLS: OpenSMTPD 6.8 as Debian 12 ships it never
// completes a STARTTLS handshake. An opportunistic sender delivers in
// clear, so in auto mode the verdict follows the retry in clear: a warning
// for the broken TLS when the recipient is accepted, critical when the
// retry refuses it; with STARTTLS required, critical.
func TestMTAFailedStartTLS(t *testing.T) {
	ca := smtptest.NewCA(t)
	cert := ca.Issue(t, "mx.example.test", time.Now().Add(90*24*time.Hour))
	srv := smtptest.StartOpenSMTPD(t, smtptest.MTAOptions{TLS: &cert})
	for _, tc := range []struct {
		args []string
		code int
		has  []string
	}{
		{[]string{"user@example.test"}, 1, []string{"retry in clear on a new connection", "RCPT TO:<user@example.test>", "250 2.1.5", "The TLS handshake failed",
			"RCPT TO was accepted: opportunistic senders deliver without TLS"}},
		{[]string{"nosuchuser@example.test"}, 2, []string{"retry in clear on a new connection", "524 5.2.4", "did not deliver either"}},
		{[]string{"--starttls", "require", "user@example.test"}, 2, []string{"The TLS handshake failed"}},
	} {
		r := runWith(t, cmdEnv{roots: ca.Pool()}, append([]string{"--server", srv.Addr, "--timeout", "5s", "--checks", "smtp"}, tc.args...)...)
		if r.code != tc.code {
			t.Errorf("%v: exit %d, want %d\n%s%s", tc.args, r.code, tc.code, r.stdout, r.stderr)
		}
		flat := strings.Join(strings.Fields(r.stdout), " ") // findings are wrapped
		for _, s := range tc.has {
			if !strings.Contains(flat, s) {
				t.Errorf("%v: output lacks %q:\n%s", tc.args, s, r.stdout)
			}
		}
		if tc.args[0] == "--starttls" && strings.Contains(r.stdout, "retry in clear on a new connection") {
			t.Errorf("retried in clear with STARTTLS required:\n%s", r.stdout)
		}
	}
	r := runWith(t, cmdEnv{roots: ca.Pool()}, "--server", srv.Addr, "--checks", "smtp", "-o", "json", "user@example.test")
	obj := decodeOne(t, r)
	if str(t, obj, "hosts.0.error_step") != "TLS handshake" || num(t, obj, "hosts.0.retry_in_clear.steps.3.code") != 250 {
		t.Errorf("JSON: %s", r.stdout)
	}
}

// TestMTARefusedSender: after Exim and Sendmail refuse MAIL FROM, the
// RCPT pipelined behind it gets a 503 that only follows from the refusal:
// it is shown in the transcript, and the refusal is the one finding.
// (OpenSMTPD offers no PIPELINING, so the probe sends no RCPT after a
// refused MAIL.)
func TestMTARefusedSender(t *testing.T) {
	for name, start := range map[string]func(testing.TB, smtptest.MTAOptions) *smtptest.MTA{
		"Exim": smtptest.StartExim, "Sendmail": smtptest.StartSendmail,
	} {
		t.Run(name, func(t *testing.T) {
			srv := start(t, smtptest.MTAOptions{RefusedSenderDomain: "refused.test"})
			r := runWith(t, cmdEnv{}, "--server", srv.Addr, "--from", "probe@refused.test", "--checks", "smtp", "user@example.test")
			if r.code != 2 {
				t.Errorf("exit %d, want 2\n%s", r.code, r.stdout)
			}
			transcript, findings, _ := strings.Cut(r.stdout, "\nFindings")
			if !strings.Contains(transcript, "-> RCPT TO:<user@example.test>") || !strings.Contains(transcript, "<- 503") {
				t.Fatalf("no RCPT in the transcript:\n%s", r.stdout)
			}
			if strings.Contains(findings, "RCPT TO") || strings.Count(findings, "MAIL FROM:<probe@refused.test> -> 5") != 1 {
				t.Errorf("findings: want only the refused MAIL FROM:\n%s", findings)
			}
		})
	}
}

// probeOut runs the command with --server addr and the smtp check only,
// and checks the exit status (unless code < 0) and that the output has each
// of has and none of hasNot.
func probeOut(t *testing.T, ce cmdEnv, addr string, code int, has, hasNot []string, args ...string) string {
	t.Helper()
	r := runWith(t, ce, append([]string{"--server", addr, "--timeout", "3s", "--checks", "smtp"}, args...)...)
	if code >= 0 && r.code != code {
		t.Errorf("%v: exit %d, want %d\n%s%s", args, r.code, code, r.stdout, r.stderr)
	}
	for _, s := range has {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("%v: output lacks %q:\n%s", args, s, r.stdout)
		}
	}
	for _, s := range hasNot {
		if strings.Contains(r.stdout, s) {
			t.Errorf("%v: output has %q:\n%s", args, s, r.stdout)
		}
	}
	return r.stdout
}

// TestMTAHeloRefused: Exim and OpenSMTPD refuse a bare host name in EHLO.
// That is the probe's own name: the verdict is unknown and the fix is
// --helo, never the mail server's host name.
func TestMTAHeloRefused(t *testing.T) {
	for name, start := range map[string]func(testing.TB, smtptest.MTAOptions) *smtptest.MTA{
		"Exim": smtptest.StartExim, "OpenSMTPD": smtptest.StartOpenSMTPD,
	} {
		t.Run(name, func(t *testing.T) {
			srv := start(t, smtptest.MTAOptions{StrictHelo: true})
			probeOut(t, cmdEnv{}, srv.Addr, 3,
				[]string{"The server refused the probe's own EHLO name (vm)", "--helo", "Nothing needs changing on the mail server"},
				[]string{"CRITICAL", "myhostname"}, "--helo", "vm", "user@example.test")
			// The default name, this machine's qualified name, is taken.
			probeOut(t, cmdEnv{}, srv.Addr, 0, []string{"EHLO probe.test"}, nil, "user@example.test")
		})
	}
}

// TestMTASizeTooSmall: Exim and Sendmail announcing SIZE 400 refuse every
// real message.
func TestMTASizeTooSmall(t *testing.T) {
	for name, start := range map[string]func(testing.TB, smtptest.MTAOptions) *smtptest.MTA{
		"Exim": smtptest.StartExim, "Sendmail": smtptest.StartSendmail,
	} {
		t.Run(name, func(t *testing.T) {
			srv := start(t, smtptest.MTAOptions{SizeLimit: 400})
			probeOut(t, cmdEnv{}, srv.Addr, 2, []string{"too small for ordinary mail (SIZE 400)"}, nil, "user@example.test")
			srv = start(t, smtptest.MTAOptions{SizeLimit: 10 << 20})
			probeOut(t, cmdEnv{}, srv.Addr, 0, nil, []string{"too small"}, "user@example.test")
		})
	}
}

// TestMTAWrongPortTLS: --tls against Exim's plain port, and a plain probe
// of a go-smtp server that speaks implicit TLS, are the probe's wrong
// choice of flags: unknown, with the flag to use.
func TestMTAWrongPortTLS(t *testing.T) {
	srv := smtptest.StartExim(t, smtptest.MTAOptions{})
	probeOut(t, cmdEnv{}, srv.Addr, 3, []string{"This port speaks plain SMTP, not implicit TLS", "without --tls"},
		[]string{"The TLS handshake failed"}, "--tls", "user@example.test")

	cert := smtptest.SelfSigned(t, "mx.example.test", time.Now().Add(time.Hour))
	tlsSrv := smtptest.Start(t, smtptest.Options{TLS: smtptest.TLSConfig(cert), ImplicitTLS: true})
	probeOut(t, cmdEnv{}, tlsSrv.Addr, 3, []string{"This port speaks implicit TLS: use --tls"},
		[]string{"longer", "The server did not greet"}, "--timeout", "500ms", "user@example.test")
}

// TestDataNot354: a 250 to DATA is the server's protocol violation, not
// "OK". No real server does it; a scripted one stands in.
func TestDataNot354(t *testing.T) {
	srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
		if c.Greet() {
			c.Answer(map[string]string{"DATA": "250 2.0.0 ok"})
		}
	})
	probeOut(t, cmdEnv{}, srv.Addr, 2, []string{"The server answered DATA with 250 instead of 354", "Verdict: CRITICAL"},
		nil, "--data", "user@example.test")
}

// TestObsoleteTLS: a go-smtp server limited to TLS 1.0 with a CBC-SHA1
// suite is judged a warning (RFC 8996), where it used to pass.
func TestObsoleteTLS(t *testing.T) {
	ca := smtptest.NewCA(t)
	cfg := smtptest.TLSConfig(ca.Issue(t, "mx.example.test", time.Now().Add(90*24*time.Hour)))
	cfg.MinVersion, cfg.MaxVersion = tls.VersionTLS10, tls.VersionTLS10
	cfg.CipherSuites = []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA}
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx.example.test", TLS: cfg})
	probeOut(t, cmdEnv{roots: ca.Pool()}, srv.Addr, 1, []string{"The server offers only obsolete TLS (TLS 1.0)", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
		nil, "user@example.test")
}

// TestPostfixSubmissionWithoutAuth: Postfix's stock submission service
// refuses a client that has not logged in with "554 5.7.1 ...: Client host
// rejected: Access denied" at RCPT. On a server that offered AUTH that
// means "authenticate first", not a blocklisted sending IP.
func TestPostfixSubmissionWithoutAuth(t *testing.T) {
	ca := smtptest.NewCA(t)
	cert := ca.Issue(t, "mx.example.test", time.Now().Add(90*24*time.Hour))
	p := smtptest.StartPostfix(t, smtptest.PostfixOptions{
		TLS: &cert, Users: map[string]string{"alice@example.test": "secret"}, ClientsMustAuth: true,
	})
	probeOut(t, cmdEnv{roots: ca.Pool()}, p.Addr, 2,
		[]string{"554 5.7.1", "Client host rejected: Access denied", "This server needs AUTH", "--auth-user"},
		[]string{"blocklist", "Sending IP"}, "--submission", "--from", "alice@example.test", "user@example.test")
}

// TestOpenSMTPDReplies: OpenSMTPD's 500 to VRFY means the server does not
// support the command (not a client error), and its 524 5.2.4 "Mailing
// list expansion problem" means the address is in none of its tables (not
// mailing-list trouble) (issue 10 items 2, 3; the catalog's texts, end to
// end from the real server).
func TestOpenSMTPDReplies(t *testing.T) {
	srv := smtptest.StartOpenSMTPD(t, smtptest.MTAOptions{})
	out := probeOut(t, cmdEnv{}, srv.Addr, 2,
		[]string{"<- 500 5.5.1 Invalid command: Command unrecognized", "The server does not support this command",
			"<- 524 5.2.4 Mailing list expansion problem", "Recipient not found (OpenSMTPD)", "virtual"},
		[]string{"fix the client", "protocol error by the client", "list owner", "mailing-list"}, "--vrfy", "user", "nosuchuser@example.test")
	if !strings.Contains(out, "INFO      127.0.0.1  The server does not support this command") {
		t.Errorf("VRFY's 500 is not an info finding:\n%s", out)
	}
}

// TestMTAFixesNameTheSoftware: when the greeting names Exim, Sendmail or
// OpenSMTPD, a fix names that software's setting, never Postfix's (issue
// 10 item 8; the probe identifies the software, the catalog words the
// fix).
func TestMTAFixesNameTheSoftware(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start func(testing.TB, smtptest.MTAOptions) *smtptest.MTA
		has   []string
	}{
		{"Exim", smtptest.StartExim, []string{"message_size_limit = 50M", "restart Exim", "tls_certificate"}},
		{"Sendmail", smtptest.StartSendmail, []string{"confMAX_MESSAGE_SIZE", "confSERVER_CERT"}},
		{"OpenSMTPD", smtptest.StartOpenSMTPD, []string{"smtpd.conf", "tls pki"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := tc.start(t, smtptest.MTAOptions{SizeLimit: 400})
			probeOut(t, cmdEnv{}, srv.Addr, -1, tc.has, []string{"Postfix", "smtpd_tls", "myhostname", "main.cf"}, "user@example.test")
		})
	}
}

// TestSilentHandshakeJudgedAsFailed: a server that never answers the
// ClientHello is judged as one that fails the handshake (OpenSMTPD, in
// TestMTAFailedStartTLS): the retry in clear delivers, so a warning.
func TestSilentHandshakeJudgedAsFailed(t *testing.T) {
	srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
		if !c.Greet("STARTTLS") {
			return
		}
		if isStartTLS(c) {
			c.Send("220 2.0.0 go ahead")
			c.Stall()
			return
		}
		c.Send("250 2.1.0 ok") // MAIL FROM, in the retry in clear
		c.Answer(nil)
	})
	probeOut(t, cmdEnv{}, srv.Addr, 1, []string{"The TLS handshake failed", "retry in clear on a new connection", "Verdict: WARNING"},
		[]string{"CRITICAL"}, "--timeout", "500ms", "user@example.test")
}
