package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

// TestDNSSECSignedAgrees: whether the domain is signed is judged once, in
// report (Check.Signed), and text, JSON and Prometheus say the same of
// it. With no primary answer at all (--server given as an address: no
// name looked up) nothing is known: the text does not call the domain
// unsigned, the JSON "signed" is null and there is no
// smtpprobe_dnssec_signed sample. An MX answer without the AD bit is
// "not signed" in all three; one with it, signed.
func TestDNSSECSignedAgrees(t *testing.T) {
	selfTest := dnsx.NameSecurity{Name: ".", Type: "SOA", Rcode: "NOERROR", AD: true}
	for _, tc := range []struct {
		name   string
		names  []dnsx.NameSecurity
		signed *bool  // JSON "signed"
		metric string // the smtpprobe_dnssec_signed sample line; "" for none
		text   string // in the text output
		status report.Status
	}{
		{"no primary answer", nil, nil, "", "DNSSEC cannot be judged: no answer to judge", report.Untestable},
		{"unsigned", []dnsx.NameSecurity{{Name: "example.com.", Type: "MX", Rcode: "NOERROR"}}, new(false),
			`smtpprobe_dnssec_signed{target="example.com"} 0`, "DNSSEC: the domain is not signed", report.OK},
		{"signed", []dnsx.NameSecurity{{Name: "example.com.", Type: "MX", Rcode: "NOERROR", AD: true}}, new(true),
			`smtpprobe_dnssec_signed{target="example.com"} 1`, "DNSSEC: the domain is signed", report.OK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := fixtures.Result("example.com", []probe.Host{fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")})
			var err error
			if r.Ran, err = checks.Parse("smtp,dnssec"); err != nil {
				t.Fatal(err)
			}
			r.Checks.DNSSEC = &dnsx.DNSSEC{ResolverValidates: true, SelfTest: selfTest, Names: tc.names}
			a := report.Assess(r, fixtures.Options())
			var c report.Check
			for _, ac := range a.Checks {
				if ac.Name == checks.DNSSEC {
					c = ac
				}
			}
			if c.Status != tc.status || (c.Signed == nil) != (tc.signed == nil) || c.Signed != nil && *c.Signed != *tc.signed {
				t.Errorf("dnssec check %s, signed %v: want %s, %v", c.Status, ptrText(c.Signed), tc.status, ptrText(tc.signed))
			}

			var text bytes.Buffer
			if err := Text(&text, []report.Assessment{a}, opts(fixtures.Options())); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text.String(), tc.text) {
				t.Errorf("text does not say %q:\n%s", tc.text, text.String())
			}
			if tc.signed == nil && strings.Contains(text.String(), "not signed") {
				t.Errorf("text calls the domain unsigned with nothing known:\n%s", text.String())
			}

			var js bytes.Buffer
			if err := JSON(&js, []report.Assessment{a}, opts(fixtures.Options())); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Checks struct {
					DNSSEC struct {
						Signed *bool `json:"signed"`
					} `json:"dnssec"`
				} `json:"checks"`
			}
			if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
				t.Fatalf("%v:\n%s", err, js.String())
			}
			if got := doc.Checks.DNSSEC.Signed; (got == nil) != (tc.signed == nil) || got != nil && *got != *tc.signed {
				t.Errorf("JSON signed %s, want %s", ptrText(got), ptrText(tc.signed))
			}

			var prom bytes.Buffer
			if err := Prometheus(&prom, []report.Assessment{a}, Options{}); err != nil {
				t.Fatal(err)
			}
			var sample string
			for _, l := range strings.Split(prom.String(), "\n") {
				if strings.HasPrefix(l, "smtpprobe_dnssec_signed{") {
					sample = l
				}
			}
			if sample != tc.metric {
				t.Errorf("Prometheus sample %q, want %q", sample, tc.metric)
			}
		})
	}
}

// ptrText prints a *bool as JSON does.
func ptrText(b *bool) string {
	if b == nil {
		return "null"
	}
	if *b {
		return "true"
	}
	return "false"
}
