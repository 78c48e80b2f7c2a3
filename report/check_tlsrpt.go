package report

import (
	"strings"

	"github.com/smtpprobe/smtpprobe/tlsrpt"
)

// The findings of the tls-rpt check.
const (
	FindingTLSRPTOK       = "tlsrpt-ok"      // ok: one valid record
	FindingTLSRPTAbsent   = "tlsrpt-absent"  // ok: no record, and no MTA-STS or DANE to report on
	FindingTLSRPTMissing  = "tlsrpt-missing" // warning: MTA-STS or DANE in use without reports
	FindingTLSRPTSeveral  = "tlsrpt-several" // warning: senders ignore them all
	FindingTLSRPTInvalid  = "tlsrpt-invalid" // warning: the record does not parse
	FindingCheckLookupErr = "check-lookup-failed"
	// FindingCheckCNAMEBroken is a check's record behind a CNAME chain
	// that loops or is too long: the zone's fault, not the resolver's.
	FindingCheckCNAMEBroken = "check-cname-broken"
	// FindingNotNeededNoMail is no finding but the summary of MTA-STS and
	// TLS-RPT without a record for a domain that accepts no mail.
	FindingNotNeededNoMail = "not-needed-no-mail"
)

// judgeTLSRPT judges the TLS-RPT record; inUse names what TLS reports
// would be about (MTA-STS, DANE), "" when neither is published; noMail
// says the domain accepts no mail, so that it needs no reports.
func judgeTLSRPT(c *checkJudge, f *tlsrpt.Facts, domain, inUse string, noMail bool) {
	vars := map[string]string{"domain": domain, "inuse": inUse}
	publish := `_smtp._tls.` + domain + `. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@` + domain + `"`
	switch {
	case f.Err != "":
		c.lookupFailed(f.Name, f.Err, f.Broken, f.Queued, Warning)
	case len(f.Records) == 0 && noMail:
		c.notNeeded("TLS-RPT")
	case len(f.Records) == 0 && inUse != "":
		c.add(Warning, FindingTLSRPTMissing, vars, f.Name+": no v=TLSRPTv1 record").Publish = publish
	case len(f.Records) == 0:
		c.add(OK, FindingTLSRPTAbsent, vars, f.Name+": no v=TLSRPTv1 record")
	case len(f.Records) > 1 || f.Omitted > 0:
		c.add(Warning, FindingTLSRPTSeveral, vars, strings.Join(f.Records, " | ")).Publish = publish
	case f.Record == nil:
		c.add(Warning, FindingTLSRPTInvalid, vars, f.ParseErr+": "+f.Records[0]).Publish = publish
	default:
		c.add(OK, FindingTLSRPTOK, vars, f.Records[0])
	}
}
