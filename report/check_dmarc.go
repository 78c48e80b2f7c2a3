package report

import (
	"errors"
	"fmt"
	"strings"

	"github.com/smtpprobe/smtpprobe/dmarc"
	"github.com/smtpprobe/smtpprobe/dnsx"
)

// The findings of the dmarc check.
const (
	FindingDMARCOK             = "dmarc-ok"               // ok: quarantine or reject
	FindingDMARCMonitoring     = "dmarc-monitoring"       // ok, info: p=none
	FindingDMARCNone           = "dmarc-none"             // warning: no record
	FindingDMARCSeveral        = "dmarc-several"          // warning: several records at a name
	FindingDMARCSyntax         = "dmarc-syntax"           // warning: tags receivers cannot read
	FindingDMARCUnauthorized   = "dmarc-rua-unauthorized" // warning: an external report destination has not agreed
	FindingDMARCResolver       = "dmarc-resolver"         // unknown: a DNS question failed
	dmarcRecordToPublishFormat = "v=DMARC1; p=none; rua=mailto:dmarc-reports@%s"
)

// judgeDMARC judges the DMARC policy of the sender domain: a missing or
// broken record is a warning (mail is still delivered), p=none is ok
// with an info finding.
func judgeDMARC(c *checkJudge, f *dmarc.Facts) {
	vars := map[string]string{"domain": f.Domain, "record": fmt.Sprintf(dmarcRecordToPublishFormat, f.Domain)}
	var re *dnsx.ResolverError
	for _, st := range f.Walk {
		if errors.Is(st.Err, dmarc.ErrSeveralRecords) {
			c.add(Warning, FindingDMARCSeveral, vars, st.Name+": "+strings.Join(st.Records, " | "))
		}
	}
	switch {
	case errors.Is(f.Err, dnsx.ErrNoSlot):
		// Never asked: the run's own DNS queue, not the resolver.
		c.add(Unknown, FindingDNSQueued, nil, f.Err.Error())
		return
	case errors.As(f.Err, &re):
		c.add(Unknown, FindingDMARCResolver, vars, f.Err.Error())
		return
	case f.Record == nil:
		names := make([]string, len(f.Walk))
		for i, st := range f.Walk {
			names[i] = st.Name
		}
		c.add(Warning, FindingDMARCNone, vars, "no v=DMARC1 record at "+strings.Join(names, ", ")).Publish = "_dmarc." + f.Domain + `. IN TXT "` + vars["record"] + `"`
		return
	}
	r := f.Record
	if len(r.Errors) > 0 {
		c.add(Warning, FindingDMARCSyntax, vars, "_dmarc."+f.PolicyDomain+": "+strings.Join(r.Errors, "; "))
	}
	for _, d := range f.Destinations {
		switch {
		case !d.External || d.Authorized:
		case errors.Is(d.Err, dnsx.ErrNoSlot):
			c.add(Unknown, FindingDNSQueued, nil, d.Err.Error())
		case d.Err != nil:
			c.add(Unknown, FindingDMARCResolver, vars, d.Err.Error())
		default:
			auth := fmt.Sprintf(`%s._report._dmarc.%s. IN TXT "v=DMARC1"`, f.PolicyDomain, d.Domain)
			v := map[string]string{"domain": f.Domain, "record": auth}
			c.add(Warning, FindingDMARCUnauthorized, v, fmt.Sprintf("%s=%s: no v=DMARC1 record at %s._report._dmarc.%s", d.Tag, d.URI, f.PolicyDomain, d.Domain)).Publish = auth
		}
	}
	policy := r.Policy
	if f.Inherited() {
		policy = r.SubdomainPolicy
	}
	detail := dmarcDetail(f, policy)
	switch policy {
	case "none":
		c.add(OK, FindingDMARCMonitoring, vars, detail)
	case "quarantine", "reject":
		c.add(OK, FindingDMARCOK, vars, detail)
	}
}

// dmarcDetail describes the policy that applies: "p=reject (from the
// parent example.com: sp=quarantine), pct=50, testing (t=y)".
func dmarcDetail(f *dmarc.Facts, policy string) string {
	r := f.Record
	s := "_dmarc." + f.PolicyDomain + ": " + r.Text
	if f.Inherited() {
		s += fmt.Sprintf(" (inherited by %s: sp=%s applies)", f.Domain, policy)
	}
	if r.Percent < 100 {
		s += fmt.Sprintf("; applied to %d%% of failing mail", r.Percent)
	}
	if r.Testing {
		s += "; testing (t=y)"
	}
	return s
}
