package report

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/smtpprobe/smtpprobe/mtasts"
	"github.com/smtpprobe/smtpprobe/probe"
)

// The findings of the mta-sts check.
const (
	FindingMTASTSOK          = "mtasts-ok"        // ok: enforce or testing, every MX passes
	FindingMTASTSAbsent      = "mtasts-absent"    // ok: no record
	FindingMTASTSModeNone    = "mtasts-mode-none" // ok: the policy is withdrawn
	FindingMTASTSRecords     = "mtasts-records"   // warning: several records
	FindingMTASTSRecordBad   = "mtasts-record-invalid"
	FindingMTASTSNoPolicy    = "mtasts-policy-unavailable" // warning: record without a fetchable policy
	FindingMTASTSPolicyBad   = "mtasts-policy-invalid"     // warning
	FindingMTASTSMaxAge      = "mtasts-max-age-short"      // warning: under a day
	FindingMTASTSMXFails     = "mtasts-mx-fails"           // warning: an MX fails the policy
	FindingMTASTSNoMX        = "mtasts-enforce-no-mx"      // critical: enforce, and no MX passes
	FindingMTASTSMXUntested  = "mtasts-mx-untested"        // info: an MX whose TLS was not tested
	FindingMTASTSUnreachable = "mtasts-fetch-untestable"   // untestable: no route to the policy host
)

// minMaxAge is the max_age under which a policy protects little: RFC 8461
// section 3.2 suggests weeks.
const minMaxAge = 86400

// MTASTSMX is how one MX host fares under the domain's MTA-STS policy.
type MTASTSMX struct {
	Host    string
	Pattern string // the mx pattern it matches, "" when none
	// Tested says some address of the host completed a TLS handshake
	// or showed it cannot (no STARTTLS): its TLS is known.
	Tested bool
	// TLSOK says every address reached offers STARTTLS and presents a
	// PKIX-valid certificate for the host name over TLS 1.2 or later.
	TLSOK bool
	Why   string // why it fails, "" when it passes
}

// Pass reports whether senders that enforce the policy deliver to the MX.
func (m MTASTSMX) Pass() bool { return m.Pattern != "" && m.Tested && m.TLSOK }

// MTASTSCoverage matches each MX host of r against the policy and the TLS
// facts of its dialogues; nil without a policy or with mode none.
func MTASTSCoverage(r *probe.Result) []MTASTSMX {
	f := r.Checks.MTASTS
	if f == nil || f.Policy == nil || f.Policy.Mode == mtasts.ModeNone {
		return nil
	}
	var out []MTASTSMX
	for _, mx := range r.DNS.MX {
		m := MTASTSMX{Host: mx.Host, TLSOK: true}
		m.Pattern, _ = f.Policy.Matches(mx.Host)
		for i := range r.Hosts {
			h := &r.Hosts[i]
			if !strings.EqualFold(h.Name, mx.Host) || h.Untestable || len(h.Steps) == 0 {
				continue
			}
			if why := stsTLS(h); why != "" {
				m.Tested, m.TLSOK = true, false
				m.Why = cmp.Or(m.Why, why)
			} else if h.TLS != nil {
				m.Tested = true
			}
		}
		switch {
		case m.Pattern == "":
			m.Why = "not matched by any mx pattern of the policy"
		case !m.Tested:
			m.TLSOK, m.Why = false, "TLS not tested"
		}
		out = append(out, m)
	}
	return out
}

// stsTLS says why a dialogue fails what MTA-STS asks of an MX (RFC 8461
// section 4.2), "" when it passes or got too little far to tell.
func stsTLS(h *probe.Host) string {
	t := h.TLS
	switch {
	case t == nil && h.Extensions != nil && !hasExt(h, "STARTTLS"):
		return "no STARTTLS"
	case t == nil:
		return ""
	case t.HandshakeError != "":
		return "TLS handshake failed: " + t.HandshakeError
	case t.Version != "TLS 1.2" && t.Version != "TLS 1.3":
		return t.Version + ", older than TLS 1.2"
	case !t.Verified:
		return "certificate not valid: " + t.VerifyError
	}
	return ""
}

func hasExt(h *probe.Host, name string) bool {
	if h.ExtensionsBeforeTLS != nil {
		_, ok := h.ExtensionsBeforeTLS[name]
		return ok
	}
	_, ok := h.Extensions[name]
	return ok
}

// judgeMTASTS judges the MTA-STS record, the policy and each MX under it.
func judgeMTASTS(c *checkJudge, r *probe.Result) {
	f := r.Checks.MTASTS
	domain := r.Target.Domain
	record := "_mta-sts." + domain + `. IN TXT "v=STSv1; id=` + r.Started.UTC().Format("20060102T150405") + `"`
	vars := map[string]string{"domain": domain}
	switch {
	case f.LookupErr != "":
		c.lookupFailed(f.Name, f.LookupErr, f.LookupBroken, f.LookupQueued, Warning)
		return
	case len(f.Records) == 0 && noMail(r):
		c.notNeeded("MTA-STS")
		return
	case len(f.Records) == 0:
		c.add(OK, FindingMTASTSAbsent, vars, f.Name+": no v=STSv1 record")
		return
	case len(f.Records) > 1 || f.Omitted > 0:
		c.add(Warning, FindingMTASTSRecords, vars, strings.Join(f.Records, " | ")).Publish = record
	case f.Record == nil:
		c.add(Warning, FindingMTASTSRecordBad, vars, f.RecordErr+": "+f.Records[0]).Publish = record
	}
	if f.Policy == nil {
		if f.FetchKind == mtasts.FetchNoRoute {
			c.untestable = true
			c.add(OK, FindingMTASTSUnreachable, vars, f.URL+": "+f.FetchErr)
			return
		}
		if f.FetchKind == mtasts.FetchQueued {
			// The probe's own DNS queue: nothing is known against the
			// domain or the resolver.
			c.add(Unknown, FindingDNSQueued, nil, f.URL+": "+f.FetchErr)
			return
		}
		if f.FetchKind == mtasts.FetchResolver {
			// Not the domain's fault: the policy is not known.
			c.add(Unknown, FindingCheckLookupErr, map[string]string{"name": "mta-sts." + domain}, f.URL+": "+f.FetchErr)
			return
		}
		if f.FetchErr != "" {
			c.add(Warning, FindingMTASTSNoPolicy, vars, f.URL+": "+f.FetchErr).Publish = stsPolicy(r, "testing")
		} else {
			c.add(Warning, FindingMTASTSPolicyBad, vars, f.URL+": "+f.PolicyErr).Publish = stsPolicy(r, "testing")
		}
		return
	}
	if f.PolicyErr != "" { // parsed, but served wrongly (Content-Type)
		c.add(Warning, FindingMTASTSPolicyBad, vars, f.URL+": "+f.PolicyErr)
	}
	p := f.Policy
	if p.Mode == mtasts.ModeNone {
		c.add(OK, FindingMTASTSModeNone, vars, "mode: none")
		return
	}
	if p.MaxAge < minMaxAge {
		c.add(Warning, FindingMTASTSMaxAge, vars, "max_age: "+strconv.Itoa(p.MaxAge))
	}
	cov := MTASTSCoverage(r)
	pass, untested := 0, 0
	var failing []MTASTSMX
	for _, m := range cov {
		switch {
		case m.Pass():
			pass++
		case m.Pattern != "" && !m.Tested:
			untested++
			c.j.checkFinding(c, OK, m.Host, FindingMTASTSMXUntested, vars, m.Host+": "+m.Why)
		default:
			failing = append(failing, m)
		}
	}
	// Nothing known of any MX's TLS (no smtp check, or no MX reached).
	c.untestable = untested > 0 && pass == 0 && len(failing) == 0
	switch {
	case len(cov) == 0:
		// No MX to hold the policy to (a null MX, NXDOMAIN): the
		// dialogue's findings say why.
		c.add(OK, FindingMTASTSOK, vars, fmt.Sprintf("mode: %s, no MX host", p.Mode))
	case len(failing) > 0 && pass == 0 && untested == 0 && p.Mode == mtasts.ModeEnforce:
		c.add(Critical, FindingMTASTSNoMX, vars, mxFailures(failing)).Publish = stsPolicy(r, "testing") + "\n" + record
	case len(failing) > 0:
		for _, m := range failing {
			c.j.checkFinding(c, Warning, m.Host, FindingMTASTSMXFails, vars, m.Host+": "+m.Why)
		}
	case pass > 0:
		c.add(OK, FindingMTASTSOK, vars, fmt.Sprintf("mode: %s, %d of %d MX hosts pass", p.Mode, pass, len(cov)))
	}
}

func mxFailures(ms []MTASTSMX) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.Host + ": " + m.Why
	}
	return strings.Join(parts, "; ")
}

// stsPolicy is the policy file to serve for r's MX hosts in mode.
func stsPolicy(r *probe.Result, mode string) string {
	var b strings.Builder
	b.WriteString("https://mta-sts." + r.Target.Domain + "/.well-known/mta-sts.txt:\n")
	b.WriteString("version: STSv1\nmode: " + mode + "\n")
	for _, mx := range r.DNS.MX {
		b.WriteString("mx: " + mx.Host + "\n")
	}
	b.WriteString("max_age: 604800")
	return b.String()
}
