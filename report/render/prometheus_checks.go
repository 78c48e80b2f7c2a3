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
	if d := r.Checks.DNSSEC; d != nil && r.Ran.Has(checks.DNSSEC) {
		// Absent when it cannot be known (see dnsx.DNSSEC.Signed).
		if signed, known := d.Signed(r.Target.Domain); known {
			m.set(m.dnssecSigned, boolGauge(signed))
		}
	}
}
