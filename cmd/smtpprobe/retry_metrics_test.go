package main

import (
	"crypto/tls"
	"errors"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/promtool"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// TestRetryInClearMetrics: a go-smtp server that offers STARTTLS but has
// no certificate to give (its handshake ends in an alert) is probed again
// in clear, and the steps of that retry are in the metrics and the
// performance data under names of their own ("retry_connect",
// "retry_rcpt"), next to the first dialogue's, whose series keep their
// names; the output passes promtool.
func TestRetryInClearMetrics(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{TLS: &tls.Config{
		GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
			return nil, errors.New("no certificate configured")
		},
	}})
	args := []string{"--server", srv.Addr, "--timeout", "5s", "--checks", "smtp", "example.com"}

	r := runWith(t, cmdEnv{}, append([]string{"-o", "prometheus"}, args...)...)
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (a warning: the mail gets through in clear)\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		// The first dialogue, up to the STARTTLS that was accepted.
		`smtpprobe_step_reply_code{host="127.0.0.1",step="starttls",target="example.com"} 220`,
		// The retry in clear, to the end.
		`smtpprobe_step_duration_seconds{host="127.0.0.1",step="retry_connect",target="example.com"}`,
		`smtpprobe_step_reply_code{host="127.0.0.1",step="retry_greeting",target="example.com"} 220`,
		`smtpprobe_step_reply_code{host="127.0.0.1",step="retry_ehlo",target="example.com"} 250`,
		`smtpprobe_step_reply_code{host="127.0.0.1",step="retry_rcpt",target="example.com"} 250`,
		`smtpprobe_step_reply_code{host="127.0.0.1",step="retry_quit",target="example.com"} 221`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-o prometheus: no %s\n%s", want, r.stdout)
		}
	}
	promtool.CheckMetrics(t, "-o prometheus with a retry in clear", []byte(r.stdout))

	r = runWith(t, cmdEnv{}, append([]string{"-o", "nagios"}, args...)...)
	for _, want := range []string{" starttls=", " retry_connect=", " retry_rcpt=", " retry_quit="} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-o nagios: no %s in the performance data\n%s", strings.TrimSpace(want), r.stdout)
		}
	}
}
