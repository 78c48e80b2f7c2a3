package render

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

// TestJSONUntestable: JSON marks the address this machine cannot reach as
// untestable, and lists the smtp check with its verdict.
func TestJSONUntestable(t *testing.T) {
	good := fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")
	v6 := fixtures.DeadHost("mx1.example.com", probe.ErrNoRoute, "2001:db8::1")
	v6.Untestable = true
	for _, tc := range []struct {
		name  string
		hosts []probe.Host
		want  report.Status
	}{
		{"beside a good address", []probe.Host{good, v6}, report.OK},
		{"alone", []probe.Host{v6}, report.Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := fixtures.Result("example.com", tc.hosts, fixtures.MX(10, "mx1.example.com", "192.0.2.1", "2001:db8::1"))
			r.Ran = checks.Default
			a := report.Assess(r, fixtures.Options())
			last := len(a.Hosts) - 1
			var b bytes.Buffer
			if err := JSON(&b, []report.Assessment{a}, Options{}); err != nil {
				t.Fatal(err)
			}
			var obj struct {
				Hosts []struct {
					Untestable bool   `json:"untestable"`
					Status     string `json:"status"`
				} `json:"hosts"`
				Checks map[string]struct {
					Status  string `json:"status"`
					Summary string `json:"summary"`
				} `json:"checks"`
			}
			if err := json.Unmarshal(b.Bytes(), &obj); err != nil {
				t.Fatal(err)
			}
			if !obj.Hosts[last].Untestable || (last > 0 && obj.Hosts[0].Untestable) {
				t.Errorf("JSON hosts %+v", obj.Hosts)
			}
			if c, ok := obj.Checks["smtp"]; !ok || c.Status != tc.want.String() || c.Summary == "" {
				t.Errorf("JSON checks %+v", obj.Checks)
			}
		})
	}
}
