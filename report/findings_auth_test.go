package report_test

import (
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

func TestAssessAuth(t *testing.T) {
	for _, tc := range fixtures.AuthCases() {
		t.Run(tc.Name, func(t *testing.T) {
			a := report.Assess(tc.R, fixtures.Options())
			var got []string
			for _, f := range a.Findings {
				got = append(got, severityLabel(f.Severity)+" "+f.ID)
			}
			want := strings.Join(tc.Want, ", ")
			if g := strings.ReplaceAll(strings.Join(got, ", "), "info ", "ok "); g != want {
				t.Errorf("findings %s, want %s", g, want)
			}
			if a.Status != tc.Status {
				t.Errorf("status %s, want %s", a.Status, tc.Status)
			}
			if !strings.HasPrefix(a.Summary, tc.Summary) {
				t.Errorf("summary %q, want it to start %q", a.Summary, tc.Summary)
			}
		})
	}
}

// TestAuthNotJudgedOnMX: an ordinary MX probe is not held to what a
// submission server must do: AUTH offered before TLS on port 25 is no
// finding, and a 530 there keeps its catalog diagnosis with the hint.
func TestAuthNotJudgedOnMX(t *testing.T) {
	h := fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")
	h.ExtensionsBeforeTLS["AUTH"] = "PLAIN LOGIN"
	a := report.Assess(fixtures.Result("example.com", []probe.Host{h}, fixtures.MX(10, "mx1.example.com", "192.0.2.1")), fixtures.Options())
	if len(a.Findings) != 0 || a.Status != report.OK {
		t.Errorf("findings %+v, status %s", a.Findings, a.Status)
	}
}
