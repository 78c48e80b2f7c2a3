package render

import (
	"slices"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dane"
	"github.com/smtpprobe/smtpprobe/report"
)

// addInbound sets the figures of the inbound checks: the DANE match of
// each address, the MTA-STS mode, whether the domain is signed.
func (m *metricSet) addInbound(a report.Assessment) {
	r := &a.Result
	for _, h := range r.Hosts {
		d := h.DANE
		if d == nil || len(d.Records) == 0 || !h.Addr.IsValid() {
			continue
		}
		v := -1.0
		if m := d.Match; m != nil && d.Authentic && slices.ContainsFunc(d.Records, dane.Record.Usable) {
			v = boolGauge(m.Matched)
		}
		m.set(m.daneMatch, v, h.Name, h.Addr.String())
	}
	if f := r.Checks.MTASTS; f != nil && f.Policy != nil && r.Ran.Has(checks.MTASTS) {
		m.set(m.mtaSTSMode, 1, string(f.Policy.Mode))
	}
	for _, c := range a.Checks {
		// Absent when it cannot be known (see report.Check.Signed).
		if c.Name == checks.DNSSEC && c.Signed != nil {
			m.set(m.dnssecSigned, boolGauge(*c.Signed))
		}
	}
}
