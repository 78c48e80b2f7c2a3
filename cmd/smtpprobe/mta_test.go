package main

import (
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
		{[]string{"user@example.test"}, 1, []string{"retry in clear on a new connection", "RCPT TO:<user@example.test>", "250 2.1.5", "The TLS handshake failed"}},
		{[]string{"nosuchuser@example.test"}, 2, []string{"retry in clear on a new connection", "524 5.2.4"}},
		{[]string{"--starttls", "require", "user@example.test"}, 2, []string{"The TLS handshake failed"}},
	} {
		r := runWith(t, cmdEnv{roots: ca.Pool()}, append([]string{"--server", srv.Addr, "--timeout", "5s", "--checks", "smtp"}, tc.args...)...)
		if r.code != tc.code {
			t.Errorf("%v: exit %d, want %d\n%s%s", tc.args, r.code, tc.code, r.stdout, r.stderr)
		}
		for _, s := range tc.has {
			if !strings.Contains(r.stdout, s) {
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
