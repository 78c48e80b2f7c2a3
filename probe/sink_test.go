package probe_test

import (
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// TestSmtpSink probes Postfix's smtp-sink: a real, independent SMTP
// implementation with its own ideas about pipelining and replies.
func TestSmtpSink(t *testing.T) {
	for _, tc := range []struct {
		name       string
		args       []string
		data       bool
		rcptCode   int
		pipelining bool
		last       string // command of the last step
	}{
		{"accept", nil, false, 250, true, "QUIT"},
		{"no pipelining", []string{"-p"}, false, 250, false, "QUIT"},
		{"hard reject RCPT", []string{"-f", "RCPT"}, false, 500, false, "QUIT"},
		{"soft reject RCPT", []string{"-r", "RCPT"}, false, 450, false, "QUIT"},
		{"data", nil, true, 250, true, "QUIT"},
		{"421 on RCPT", []string{"-Q", "RCPT"}, false, 421, true, "RCPT TO:<user@example.com>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := smtptest.StartSink(t, tc.args...)
			cfg, d := setup(t, addr)
			cfg.Data = tc.data
			cfg.From = "probe@probe.test"
			h := oneHost(t, cfg, "user@example.com")
			if h.Err != nil {
				t.Fatalf("Err %v\n%s", h.Err, transcript(h))
			}
			t.Logf("transcript:\n%s", transcript(h))
			if _, ok := h.Extensions["PIPELINING"]; ok != tc.pipelining {
				t.Errorf("PIPELINING offered %v, want %v: %v", ok, tc.pipelining, h.Extensions)
			}
			var rcpt *probe.Step
			for i := range h.Steps {
				if strings.HasPrefix(h.Steps[i].Command, "RCPT") {
					rcpt = &h.Steps[i]
				}
			}
			if rcpt == nil || rcpt.Reply.Code != tc.rcptCode {
				t.Fatalf("RCPT step %+v, want code %d\n%s", rcpt, tc.rcptCode, transcript(h))
			}
			if last := h.Steps[len(h.Steps)-1]; last.Command != tc.last {
				t.Errorf("last step %q, want %q\n%s", last.Command, tc.last, transcript(h))
			}
			wrote := strings.Join(d.Writes(), "")
			if strings.Contains(wrote, "DATA\r\n") != tc.data {
				t.Errorf("DATA sent %v, want %v", !tc.data, tc.data)
			}
			if tc.data {
				if end := h.Steps[len(h.Steps)-2]; end.Command != "." || end.Reply.Code != 250 {
					t.Errorf("end of data step %+v", end)
				}
			}
			for _, w := range d.Writes() {
				if n := strings.Count(w, "\r\n"); n > 1 && !tc.pipelining {
					t.Errorf("pipelined %q to a server without PIPELINING", w)
				}
			}
		})
	}
}
