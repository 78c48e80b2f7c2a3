package report

import (
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
}

// add records a finding of the check.
func (c *checkJudge) add(sev Status, id string, vars map[string]string, detail string) {
	f := c.j.finding(sev, c.host, id, vars, detail)
	f.Check = c.name
	c.findings = append(c.findings, f)
}

// verdict is the check's status and summary: the worst of its findings,
// Untestable when the judge said so and nothing worse was found.
func (c *checkJudge) verdict() Check {
	v := Check{Name: c.name, Status: OK}
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
	for _, n := range j.r.Ran.Names() {
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
			a.Findings = append(a.Findings, c.findings...)
		}
	}
	// The worst check decides, as the dialogue's verdict does; an
	// untestable check never raises it.
	all := a.Checks
	for i, h := range a.Hosts {
		all = append(all, h.Checks...)
		for _, c := range h.Checks {
			a.Hosts[i].Status = Worst(a.Hosts[i].Status, c.Status)
		}
	}
	if w, ok := worstCheck(all, a.Status); ok {
		a.Status, a.Summary = w.Status, string(w.Name)+": "+w.Summary
		a.Headline = a.Summary
	}
}

// judgeDomainCheck judges the domain-level facts of the check c names,
// and reports whether there were any.
func (j *judge) judgeDomainCheck(c *checkJudge) bool {
	cs := &j.r.Checks
	switch {
	case c.name == checks.DNSSEC && cs.DNSSEC != nil:
		judgeDNSSEC(c, cs.DNSSEC, j.r.Target.Domain)
	default:
		return false
	}
	return true
}

// judgeHostCheck judges the facts of the check c names about host h, and
// reports whether there were any.
func (j *judge) judgeHostCheck(c *checkJudge, h *probe.Host) bool {
	switch c.name {
	}
	return false
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
