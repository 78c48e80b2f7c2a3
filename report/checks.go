package report

import (
	"slices"
	"strings"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/probe"
)

// The findings about addresses this machine cannot reach at all.
const (
	// FindingAddressUntestable is info on a host entry: no route from
	// here to the address (IPv6 on an IPv4-only network, say).
	FindingAddressUntestable = "address-untestable"
	// FindingNothingTestable is unknown: no address of any MX host can be
	// reached from here, so nothing is known of the servers.
	FindingNothingTestable = "nothing-testable"
)

// checkJudge collects the findings of one check about the target (host
// "") or one host entry.
type checkJudge struct {
	j          *judge
	name       checks.Name
	host       string
	findings   []Finding
	untestable bool
	// summary is the verdict's summary when the check has no finding to
	// take it from: a check that found nothing worth a note.
	summary string
	// signed is the dnssec check's Check.Signed.
	signed *bool
}

// add records a finding of the check and returns it, for a Publish.
func (c *checkJudge) add(sev Status, id string, vars map[string]string, detail string) *Finding {
	f := c.j.finding(sev, c.host, id, vars, detail)
	f.Check = c.name
	c.findings = append(c.findings, f)
	return &c.findings[len(c.findings)-1]
}

// checkFinding records a finding of check c about host rather than the
// target as a whole.
func (j *judge) checkFinding(c *checkJudge, sev Status, host, id string, vars map[string]string, detail string) *Finding {
	f := j.finding(sev, host, id, vars, detail)
	f.Check = c.name
	c.findings = append(c.findings, f)
	return &c.findings[len(c.findings)-1]
}

// verdict is the check's status and summary: the worst of its findings,
// Untestable when the judge said so and nothing worse was found.
func (c *checkJudge) verdict() Check {
	v := Check{Name: c.name, Status: OK, Summary: c.summary, Signed: c.signed}
	var worst *Finding
	for i, f := range c.findings {
		if worst == nil || f.Severity.rank() > worst.Severity.rank() {
			worst = &c.findings[i]
		}
	}
	if worst != nil {
		v.Status, v.Summary = worst.Severity, worst.Diagnosis.Title
	}
	if c.untestable && v.Status == OK {
		v.Status = Untestable
	}
	return v
}

// ranChecks reports whether the result ran checks beyond the SMTP
// dialogue, so that the assessment lists each check's verdict.
func ranChecks(r *probe.Result) bool {
	return r.Ran&^checks.Of(checks.SMTP) != 0
}

// judgeChecks judges the facts of every check that ran besides the
// dialogue: the domain-level ones in Result.Checks and the per-host ones
// in each Host. A check whose facts are missing (it ran, but nothing was
// there to check, such as DANE for a host never reached) gets no verdict.
func (j *judge) judgeChecks(a *Assessment) {
	if !ranChecks(j.r) {
		return
	}
	if j.r.Ran.Has(checks.SMTP) {
		a.Checks = append(a.Checks, Check{Name: checks.SMTP, Status: a.Status, Summary: a.Summary})
	}
	// sending-ip is not selected by --checks: it runs with --sending-ip.
	for _, n := range append(j.r.Ran.Names(), checks.SendingIP) {
		c := &checkJudge{j: j, name: n}
		if !j.judgeDomainCheck(c) {
			continue
		}
		a.Checks = append(a.Checks, c.verdict())
		a.Findings = append(a.Findings, c.findings...)
	}
	for i := range j.r.Hosts {
		h := &j.r.Hosts[i]
		for _, n := range j.r.Ran.Names() {
			c := &checkJudge{j: j, name: n, host: h.Name}
			if !j.judgeHostCheck(c, h) {
				continue
			}
			a.Hosts[i].Checks = append(a.Hosts[i].Checks, c.verdict())
			for k := range c.findings {
				c.findings[k].Addr = h.EntryAddr()
			}
			a.Findings = append(a.Findings, c.findings...)
		}
	}
	// The worst check decides, as the dialogue's verdict does; an
	// untestable check never raises it.
	all := slices.Clone(a.Checks)
	for i, h := range a.Hosts {
		for _, c := range h.Checks {
			a.Hosts[i].Status = Worst(a.Hosts[i].Status, c.Status)
			// The verdict names the host a per-host check is about.
			c.Summary = j.r.Hosts[i].Name + ": " + c.Summary
			all = append(all, c)
		}
	}
	base := a.Status
	if !mxLooked(j.r) {
		// Only the checks speak: the best of them still gives the
		// summary.
		base = Untestable
	}
	if w, ok := worstCheck(all, base); ok {
		a.Status, a.Summary = w.Status, string(w.Name)+": "+w.Summary
		a.Headline = a.Summary
	} else if a.Summary == "" && len(all) > 0 {
		a.Summary = string(all[0].Name) + ": " + all[0].Summary
		a.Headline = a.Summary
	}
}

// mxLooked reports whether the probe looked the MX hosts up: always but
// for a run of checks that need none (the sender checks alone).
func mxLooked(r *probe.Result) bool {
	return !ranChecks(r) || r.Ran.NeedsMX()
}

// judgeDomainCheck judges the domain-level facts of the check c names,
// and reports whether there were any.
func (j *judge) judgeDomainCheck(c *checkJudge) bool {
	cs := &j.r.Checks
	switch {
	case c.name == checks.DNSSEC && cs.DNSSEC != nil:
		judgeDNSSEC(c, cs.DNSSEC, j.r.Target.Domain, noMail(j.r))
	case c.name == checks.MTASTS && cs.MTASTS != nil:
		judgeMTASTS(c, j.r)
	case c.name == checks.TLSRPT && cs.TLSRPT != nil:
		judgeTLSRPT(c, cs.TLSRPT, j.r.Target.Domain, j.tlsPolicies(), noMail(j.r))
	case c.name == checks.SPF && cs.SPF != nil:
		judgeSPF(c, cs.SPF)
	case c.name == checks.DMARC && cs.DMARC != nil:
		judgeDMARC(c, cs.DMARC)
	case c.name == checks.DKIM && cs.DKIM != nil:
		judgeDKIM(c, cs.DKIM)
	case c.name == checks.SendingIP && cs.SendingIP != nil:
		judgeSendingIP(c, cs.SendingIP, cs.DNSBL)
	default:
		return false
	}
	return true
}

// judgeHostCheck judges the facts of the check c names about host h, and
// reports whether there were any.
func (j *judge) judgeHostCheck(c *checkJudge, h *probe.Host) bool {
	cs := &j.r.Checks
	switch {
	case c.name == checks.PTR && h.PTR != nil:
		judgePTR(c, h)
	case c.name == checks.DANE && h.DANE != nil:
		j.judgeDANE(c, h)
	case c.name == checks.DNSBL && cs.DNSBL != nil:
		return judgeDNSBL(c, cs.DNSBL, h)
	default:
		return false
	}
	return true
}

// lookupFailed records that the question for name, which check c needed,
// got no answer. When broken, the zone is at fault (a CNAME chain that
// loops or is too long): no resolver and no sender can read the record,
// a finding of severity sev. When queued, the question was never sent:
// the run's own DNS queue held it until its time ran out, which says
// nothing of the domain or the resolver. Otherwise the resolver failed:
// the check is unknown, and the record is not missing.
func (c *checkJudge) lookupFailed(name, detail string, broken, queued bool, sev Status) {
	switch {
	case broken:
		c.add(sev, FindingCheckCNAMEBroken, map[string]string{"name": name}, detail)
	case queued:
		c.add(Unknown, FindingDNSQueued, nil, detail)
	default:
		c.add(Unknown, FindingCheckLookupErr, map[string]string{"name": name}, detail)
	}
}

// noMail reports whether DNS says the domain accepts no mail at all
// (NXDOMAIN, or a null MX of RFC 7505): a domain with nothing to protect
// in transit, which needs neither MTA-STS nor TLS-RPT.
func noMail(r *probe.Result) bool {
	return r.Server == "" && r.DNSErr == nil && (r.DNS.NXDomain || r.DNS.NullMX)
}

// notNeeded gives check c the summary of a check that a domain accepting
// no mail does not need, and no finding: there is nothing to fix.
func (c *checkJudge) notNeeded(what string) {
	c.summary = findingDiagnosis(FindingNotNeededNoMail, c.j.explain(""), map[string]string{"name": what}).Title
}

// tlsPolicies names the TLS policies the domain publishes, which TLS
// reports would be about: "MTA-STS", "DANE", both, or "" for none.
func (j *judge) tlsPolicies() string {
	var in []string
	if f := j.r.Checks.MTASTS; f != nil && len(f.Records) > 0 {
		in = append(in, "MTA-STS")
	}
	for _, h := range j.r.Hosts {
		if h.DANE != nil && h.DANE.Authentic && len(h.DANE.Records) > 0 {
			in = append(in, "DANE")
			break
		}
	}
	return strings.Join(in, " and ")
}

// worstCheck returns the check whose status is worst, the first of equals;
// ok is false when there is none worse than base.
func worstCheck(cs []Check, base Status) (Check, bool) {
	var w Check
	found := false
	for _, c := range cs {
		if c.Status.rank() > base.rank() && (!found || c.Status.rank() > w.Status.rank()) {
			w, found = c, true
		}
	}
	return w, found
}
