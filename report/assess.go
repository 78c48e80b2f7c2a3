package report

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/textfmt"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// Assess judges the facts of a probe: a finding for each reply that a
// healthy exchange does not get and for each diagnosis drawn from the
// whole result (a blocked outbound port, servers that are down, throttling,
// a greeting delay, each TLS fact, DNS misconfigurations), a status per
// host, and the verdict with a one-line summary in o.Lang.
//
// The verdict follows the contract's exit status table: ok when every
// probed host accepted the dialogue asked for; warning for a transient 4xx
// reply, one MX host of several unreachable or a certificate that does
// not verify or expires within o.CertWarnDays; critical when no MX host is
// reachable, on a 5xx reply, a null MX, NXDOMAIN or when required STARTTLS
// is missing or the domain's CNAME chain is broken; unknown when the
// resolver failed or the probe was stopped.
// Last, the thresholds of a monitoring check (o.WarningTime,
// o.CriticalTime, o.CertCritDays) raise it with findings of their own
// (applyThresholds).
//
// Failures after which a sender moves on to the next MX host (no
// connection, a broken session, a refusing greeting, which Postfix skips
// by default) are critical only when no other host takes the mail, and a
// warning otherwise. Assess is pure: it reads only r and o (and the clock
// when o.Now is nil).
func Assess(r probe.Result, o Options) Assessment {
	j := judge{r: &r, o: o, now: o.now()}
	switch {
	case errors.Is(r.DNSErr, dnsx.ErrCNAME):
		// A CNAME loop is the zone's fault, not the resolver's: the
		// probe ran, and no sender can deliver to the domain.
		d := findingDiagnosis(FindingCNAMEBroken, catalog.Options{Lang: o.Lang}, nil)
		j.dnsFindings = append(j.dnsFindings, Finding{Severity: Critical, ID: FindingCNAMEBroken, Diagnosis: d, Detail: r.DNSErr.Error()})
	case errors.Is(r.DNSErr, context.Canceled):
		// Stopped (Ctrl-C, SIGTERM) while asking: the resolver is not at
		// fault.
		d := findingDiagnosis(FindingInterrupted, catalog.Options{Lang: o.Lang}, nil)
		j.dnsFindings = append(j.dnsFindings, Finding{Severity: Unknown, ID: FindingInterrupted, Diagnosis: d, Detail: r.DNSErr.Error()})
	case errors.Is(r.DNSErr, dnsx.ErrNoSlot):
		// The MX question was never sent: the time went waiting for the
		// run's other DNS queries. Neither the resolver nor the domain is
		// at fault.
		d := findingDiagnosis(FindingDNSQueued, catalog.Options{Lang: o.Lang}, nil)
		j.dnsFindings = append(j.dnsFindings, Finding{Severity: Unknown, ID: FindingDNSQueued, Diagnosis: d, Detail: r.DNSErr.Error()})
	case r.DNSErr != nil:
		d := findingDiagnosis(FindingResolverFailed, catalog.Options{Lang: o.Lang}, nil)
		j.dnsFindings = append(j.dnsFindings, Finding{Severity: Unknown, ID: FindingResolverFailed, Diagnosis: d, Detail: r.DNSErr.Error()})
	case !mxLooked(&r):
		// A DNS-only audit of the sender domain: no MX lookup to judge.
	default:
		j.judgeDNS()
	}
	j.hosts = make([]hostJudgement, len(r.Hosts))
	dialogue := !ranChecks(&r) || r.Ran.Has(checks.SMTP)
	for i := range r.Hosts {
		if dialogue {
			j.judgeHost(i)
		}
	}
	if dialogue {
		j.aggregate()
	}

	a := Assessment{Result: r, Judged: j.now, Thresholds: o.thresholds(), Hosts: make([]HostAssessment, len(r.Hosts))}
	a.Findings = append(a.Findings, j.dnsFindings...)
	a.Findings = append(a.Findings, j.aggFindings...)
	for i, h := range j.hosts {
		a.Hosts[i] = HostAssessment{Status: h.status, TLS: h.tls, Steps: h.steps, Retry: h.retry}
		a.Findings = append(a.Findings, h.findings...)
	}
	a.Findings = oneUnreachablePerHost(a.Findings)
	for _, f := range a.Findings {
		a.Status = Worst(a.Status, f.Severity)
	}
	if len(a.Findings) == 0 && len(r.Hosts) == 0 && mxLooked(&r) {
		a.Status = Unknown // nothing was probed and nothing says why
	}
	a.Summary, a.Headline = summarize(a, o)
	dialogueSummary := a.Summary
	j.judgeChecks(&a)
	if a.Status == OK && a.Summary == dialogueSummary && len(a.Checks) > 0 {
		// Still the dialogue's verdict: count the checks' notes too, so
		// that "N notes" is what the report shows.
		a.Summary, a.Headline = summarize(a, o)
	}
	a = applyThresholds(a, o)
	markReplyFindings(&a)
	markCertStatus(&a)
	return a
}

// oneUnreachablePerHost folds the host-unreachable (or
// address-unreachable) findings of the addresses of one host (each
// address is a host entry of its own) into the first of them, whose
// detail then names every address tried: one "could not connect" per
// host, about the host rather than one address. The per-address facts stay
// on the host entries.
func oneUnreachablePerHost(fs []Finding) []Finding {
	first := map[[2]string]int{}
	var out []Finding
	for _, f := range fs {
		if f.ID == FindingHostUnreachable || f.ID == FindingAddressUnreachable {
			key := [2]string{f.ID, f.Host}
			if i, ok := first[key]; ok {
				out[i].Severity = Worst(out[i].Severity, f.Severity)
				out[i].Addr = netip.Addr{}
				if f.Detail != "" {
					out[i].Detail = strings.TrimPrefix(out[i].Detail+"; "+f.Detail, "; ")
				}
				continue
			}
			first[key] = len(out)
		}
		out = append(out, f)
	}
	return out
}

// reachedElsewhere reports whether another address of h's host accepted a
// connection, so that h failing is one address's fault, not the host's.
func (j *judge) reachedElsewhere(h probe.Host) bool {
	return slices.ContainsFunc(j.r.Hosts, func(o probe.Host) bool {
		return o.Name == h.Name && o.Port == h.Port && o.Addr != h.Addr && len(o.Steps) > 0
	})
}

// markCertStatus records for each host the worst severity of the
// findings about its certificate's lifetime.
func markCertStatus(a *Assessment) {
	for i, h := range a.Result.Hosts {
		for _, f := range a.Findings {
			switch f.ID {
			case FindingTLSExpired, FindingTLSExpiresSoon, FindingCertExpiresCritical:
				if f.Host == h.Name {
					a.Hosts[i].CertStatus = Worst(a.Hosts[i].CertStatus, f.Severity)
				}
			}
		}
	}
}

// markReplyFindings marks the steps whose reply a finding is about. Every
// step with the same host, command and code is judged alike, so these
// three name the reply well enough.
func markReplyFindings(a *Assessment) {
	for i, h := range a.Result.Hosts {
		for k, s := range h.Steps {
			for _, f := range a.Findings {
				if f.Code == s.Reply.Code && f.Command == s.Command && f.Host == h.Name {
					a.Hosts[i].Steps[k].Finding = true
					break
				}
			}
		}
	}
}

// outcome is how far the dialogue with a host got.
type outcome int

const (
	outNoAddress   outcome = iota // nothing to connect to
	outUnreachable                // no address accepted a connection
	outNoSession                  // connected, but no 220 greeting
	outThrottled                  // turned away by a rate limit
	outTLSFailed                  // implicit TLS that failed before any reply
	outUntestable                 // no route from this machine to any address
	outSkipped                    // every address lies in a special-purpose range
	outWrongPort                  // TLS and plain SMTP crossed: --tls where the port speaks plain SMTP, or not where it speaks TLS
	outSession                    // greeted, the dialogue went on
)

type hostJudgement struct {
	status   Status
	outcome  outcome
	tls      TLSFacts
	steps    []StepAssessment
	retry    []StepAssessment // of Host.Retry
	findings []Finding
	// nextMX marks the findings after which a sender tries the next MX
	// host: a warning, not critical, when another host takes the mail.
	nextMX []bool
	// dnsUnknown: the host has no address because its lookup failed
	// (unknown), not because DNS says it has none.
	dnsUnknown bool
}

type judge struct {
	r           *probe.Result
	o           Options
	now         time.Time
	dnsFindings []Finding
	dnsNextMX   []bool
	aggFindings []Finding
	hosts       []hostJudgement
}

func (j *judge) finding(sev Status, host, id string, vars map[string]string, detail string) Finding {
	return Finding{Severity: sev, Host: host, ID: id, Diagnosis: findingDiagnosis(id, j.explain(host), vars), Detail: textfmt.Clean(detail)}
}

// explain returns the options for the catalog's texts about host: the
// report's language and the software the host said it runs, so that fixes
// name that software's settings.
func (j *judge) explain(host string) catalog.Options {
	o := catalog.Options{Lang: j.o.Lang}
	for _, h := range j.r.Hosts {
		if h.Name == host && h.Software != probe.SoftwareUnknown {
			o.Software = catalog.Software(h.Software)
			break
		}
	}
	return o
}

// judgeDNS turns what DNS said into findings about the target.
func (j *judge) judgeDNS() {
	dns := j.r.DNS
	add := func(f Finding, nextMX bool) {
		j.dnsFindings = append(j.dnsFindings, f)
		j.dnsNextMX = append(j.dnsNextMX, nextMX)
	}
	switch {
	case j.r.Server != "":
		return // MX lookup skipped
	case dns.NXDomain:
		add(j.finding(Critical, "", FindingNXDomain, nil, ""), false)
		return
	case dns.NullMX:
		add(j.finding(Critical, "", FindingNullMX, nil, ""), false)
		return
	case len(dns.MX) == 0:
		add(j.finding(Critical, "", FindingNoMailHost, nil, ""), false)
		return
	case dns.ImplicitMX:
		add(j.finding(OK, "", FindingImplicitMX, nil, ""), false)
	}
	for _, mx := range dns.MX {
		if mx.IPLiteral {
			add(j.finding(Warning, mx.Host, FindingMXIPLiteral, nil, fmt.Sprintf("MX %d %s", mx.Preference, mx.Host)), false)
		}
		if mx.CNAME != "" {
			add(j.finding(Warning, mx.Host, FindingMXCNAME, nil, mx.Host+" is an alias of "+mx.CNAME), false)
		}
		if len(mx.Addresses) == 0 && !mx.IPLiteral {
			add(j.mxWithoutAddress(mx))
		}
	}
}

// judgeHost judges the dialogue with Result.Hosts[i].
func (j *judge) judgeHost(i int) {
	h := j.r.Hosts[i]
	hj := &j.hosts[i]
	add := func(f Finding, nextMX bool) {
		hj.findings = append(hj.findings, f)
		hj.nextMX = append(hj.nextMX, nextMX)
	}
	hj.tls = tlsFactsOf(h, j.now)
	hj.steps = j.assessSteps(h, "")
	defer func() {
		j.judgeSpecial(h, add)
		for k, f := range hj.findings {
			hj.status = Worst(hj.status, f.Severity)
			hj.findings[k].Addr = h.EntryAddr()
		}
		switch {
		case hj.outcome == outUntestable, hj.dnsUnknown:
			hj.status = Unknown // nothing is known of the server
		case hj.outcome != outSession && hj.status == OK:
			hj.status = Critical // turned away without a finding saying so
		}
	}()

	switch {
	case skippedAll(h):
		hj.outcome = outSkipped // judgeSpecial (deferred) says why
		return
	case len(h.Steps) == 0 && len(h.Attempts) == 0 && !h.Addr.IsValid():
		hj.outcome = outNoAddress
		if f, ok := j.notProbed(h); ok {
			add(f, false)
		} else if f, ok := j.dnsNoAddress(h.Name); !ok {
			add(j.finding(Critical, h.Name, FindingHostUnreachable, nil, errText(h.Err)), true)
		} else if f.Severity == Unknown {
			// The resolver failed, or the question was never sent:
			// nothing is known of the host, which is not down.
			hj.dnsUnknown = true
		}
		return
	case h.Untestable:
		// No route from here: the domain is not at fault, and the host
		// is left out of the verdict (aggregate).
		hj.outcome = outUntestable
		add(j.finding(OK, h.Name, FindingAddressUntestable, nil, attemptsText(h)), false)
		return
	case len(h.Steps) == 0 && (h.Err == nil || h.Err.Step == probe.StepConnect):
		hj.outcome = outUnreachable
		if f, ok := j.notProbed(h); ok {
			add(f, false)
			return
		}
		id := FindingHostUnreachable
		if j.reachedElsewhere(h) {
			// Not the host: this address of it.
			id = FindingAddressUnreachable
		}
		add(j.finding(Critical, h.Name, id, nil, attemptsText(h)), true)
		return
	}

	hj.outcome = j.judgeReplies(h, hj.steps, add)
	j.judgeSize(h, add)
	j.judgeHostErr(i, h, add)
	j.judgeTLS(h, hj.tls, add)
	j.judgeAuth(i, add)
	if h.Retry != nil {
		j.judgeRetry(i, *h.Retry, add)
	}
}

// judgeRetry judges the dialogue held again in clear after the STARTTLS
// handshake failed: what an opportunistic sender experiences next, so its
// outcome, not the first dialogue's, says whether mail gets through.
func (j *judge) judgeRetry(i int, r probe.Host, add func(Finding, bool)) {
	hj := &j.hosts[i]
	hj.retry = j.assessSteps(r, "retry_")
	if len(r.Steps) == 0 {
		hj.outcome = outNoSession
		add(j.finding(Critical, r.Name, FindingDialogueFailed, nil, "retry in clear: "+errText(r.Err)), true)
		return
	}
	hj.outcome = j.judgeReplies(r, hj.retry, add)
	// The TLS finding says what a sender experiences after the failure.
	for k := range hj.findings {
		if f := &hj.findings[k]; f.ID == FindingTLSHandshake {
			if rcptAccepted(r) {
				f.Detail += "; in clear on a new connection, RCPT TO was accepted: opportunistic senders deliver without TLS"
			} else {
				f.Detail += "; the retry in clear on a new connection did not deliver either"
			}
		}
	}
	if h := j.r.Hosts[i]; h.Extensions == nil || h.Extensions["SIZE"] != r.Extensions["SIZE"] {
		j.judgeSize(r, add)
	}
	j.judgeHostErr(i, r, add)
}

// assessSteps explains each reply of h, naming the steps with prefix.
func (j *judge) assessSteps(h probe.Host, prefix string) []StepAssessment {
	steps := make([]StepAssessment, len(h.Steps))
	for k, name := range stepNames(h) {
		steps[k].Name = prefix + name
		if r := h.Steps[k].Reply; r.Code != 0 {
			d := catalog.DiagnoseWith(r.Code, r.Enhanced, replyText(r), catalog.Options{Lang: j.o.Lang, Software: catalog.Software(h.Software)})
			steps[k].Diagnosis = &d
		}
	}
	return steps
}

// judgeReplies makes a finding of each reply of h that a healthy exchange
// does not get, and says how far the dialogue got. A reply that is only
// the consequence of an earlier refusal (503 "sender not yet given" to the
// RCPT pipelined behind a refused MAIL) is shown, not judged: the refusal
// is the finding.
func (j *judge) judgeReplies(h probe.Host, steps []StepAssessment, add func(Finding, bool)) outcome {
	out := outNoSession
	prior := false
	for k, s := range h.Steps {
		d := steps[k].Diagnosis
		code := s.Reply.Code
		greeting := s.Kind == probe.StepGreeting
		if k == 0 && greeting && code == probe.CodeReady {
			out = outSession
			if s.Duration >= slowGreeting {
				delay := textfmt.Duration(s.Duration)
				add(j.finding(OK, h.Name, FindingGreetingDelay, map[string]string{"delay": delay}, "220 after "+delay), false)
			}
		}
		if code == 0 || healthy(s.Kind, code) {
			continue
		}
		if prior && consequence(s.Kind, code) {
			continue
		}
		fallback := s.Kind == probe.StepEHLO && (code == probe.CodeSyntaxError || code == probe.CodeNotImplemented) &&
			k+1 < len(h.Steps) && h.Steps[k+1].Kind == probe.StepHELO && h.Steps[k+1].Reply.Code == probe.CodeOK
		sev := replySeverity(s.Kind, code, prior, fallback)
		f := Finding{Severity: sev, Host: h.Name, ID: FindingReply, Code: code, Enhanced: s.Reply.Enhanced,
			Step: s.Kind, Command: s.Command, Diagnosis: withSenderHint(*d, j.r.Target.Domain, j.r.From, j.o.Lang), Detail: strconv.Itoa(code) + " " + firstLine(s.Reply)}
		if sev != OK && throttled(code, s.Reply.Enhanced, replyText(s.Reply), *d) {
			j.retitle(&f, FindingThrottled)
			if greeting {
				out = outThrottled
			}
		}
		if j.judgeReplyKind(h, s, &f) {
			// The transcript explains the reply as the finding does: the
			// catalog's text for the code would blame the wrong party.
			j.explainStep(steps, h, f)
		}
		add(f, greeting && f.ID != FindingThrottled)
		if sev != OK && transactionStep(s.Kind) {
			prior = true
		}
	}
	return out
}

// retitle makes a reply finding the finding id, whose text says more than
// the catalog's explanation of the reply; the reply's codes and class stay.
func (j *judge) retitle(f *Finding, id string) { j.retitleWith(f, id, nil) }

// judgeHostErr judges why a dialogue ended early.
func (j *judge) judgeHostErr(i int, h probe.Host, add func(Finding, bool)) {
	e := h.Err
	if e == nil {
		return
	}
	var last probe.Reply
	if len(h.Steps) > 0 {
		last = h.Steps[len(h.Steps)-1].Reply
	}
	if f, ok := j.notProbed(h); ok {
		add(f, false)
		return
	}
	switch {
	case authPolicyStop(e):
		// Credentials not sent on purpose: judgeAuth says why.
	case e.Kind == probe.ErrPolicy && (e.Step == probe.StepStartTLS || e.Step == probe.StepHandshake):
		add(j.finding(Critical, h.Name, FindingStartTLSRequired, nil, e.Error()), false)
	case e.Kind == probe.ErrPolicy:
		add(j.finding(Unknown, h.Name, FindingProbeStopped, nil, e.Error()), false)
	case e.Kind == probe.ErrTLS && h.TLS != nil && h.TLS.PlainGreeting:
		j.hosts[i].outcome = outWrongPort
		add(j.finding(Unknown, h.Name, FindingTLSPortPlain, map[string]string{"port": strconv.Itoa(h.Port)}, "TLS handshake: "+h.TLS.HandshakeError), false)
	case e.Kind == probe.ErrRenegotiation:
		add(j.finding(Warning, h.Name, FindingTLSRenegotiation, nil, e.Error()), false)
	case e.Step == probe.StepGreeting && e.Kind == probe.ErrTimeout && h.ImplicitTLSPort:
		j.hosts[i].outcome = outWrongPort
		add(j.finding(Unknown, h.Name, FindingTLSPortImplicit, map[string]string{"port": strconv.Itoa(h.Port)}, e.Error()), false)
	case e.Kind == probe.ErrTLS, e.Step == probe.StepHandshake && e.Kind == probe.ErrTimeout:
		// A server that never answers the ClientHello fails the handshake
		// as surely as one that sends an alert: senders treat both alike.
		if len(h.Steps) == 0 {
			j.hosts[i].outcome = outTLSFailed
		}
		// Opportunistic senders retry a failed STARTTLS in clear; nobody
		// can with implicit TLS, nor when TLS is required.
		sev := Warning
		// A sender that requires TLS does not deliver where the handshake
		// fails (Result.RequireTLS covers implicit TLS too).
		if j.r.RequireTLS {
			sev = Critical
		}
		detail := e.Error()
		if h.TLS != nil && h.TLS.HandshakeError != "" {
			detail = "TLS handshake: " + h.TLS.HandshakeError
		}
		add(j.finding(sev, h.Name, FindingTLSHandshake, nil, detail), false)
	case e.Kind == probe.ErrProtocol:
		add(j.finding(Critical, h.Name, FindingProtocolError, nil, e.Error()), true)
	case e.Step == probe.StepGreeting && e.Kind == probe.ErrTimeout:
		add(j.finding(Critical, h.Name, FindingGreetingTimeout, nil, e.Error()), true)
	case last.Code >= 400 && (e.Kind == probe.ErrClosed || e.Kind == probe.ErrReset):
		// The server said why before it hung up; that reply is the finding.
	default:
		add(j.finding(Critical, h.Name, FindingDialogueFailed, nil, e.Error()), true)
	}
}

// judgeTLS turns the TLS facts of a host into findings, one per fact.
func (j *judge) judgeTLS(h probe.Host, t TLSFacts, add func(Finding, bool)) {
	greeted := len(h.Steps) > 0 && h.Steps[0].Reply.Code == 220
	if !t.Attempted {
		if !t.Offered && greeted && h.Extensions != nil && (h.Err == nil || h.Err.Kind != probe.ErrPolicy) {
			add(j.finding(OK, h.Name, FindingStartTLSNotOffered, nil, "EHLO: no STARTTLS"), false)
		}
		return
	}
	if !t.HandshakeOK {
		return // judged with the error that ended the dialogue
	}
	if v := h.TLS.Version; v == "TLS 1.0" || v == "TLS 1.1" {
		add(j.finding(Warning, h.Name, FindingTLSObsolete, map[string]string{"version": v}, v+", "+h.TLS.CipherSuite), false)
	}
	leaf := "certificate not after " + t.NotAfter.UTC().Format("2006-01-02 15:04 MST")
	// Ordered by how many senders each one stops; the summary quotes the
	// first.
	if t.HasCert && t.Expired {
		add(j.finding(Warning, h.Name, FindingTLSExpired, nil, fmt.Sprintf("%s (%d days ago)", leaf, -t.DaysLeft)), false)
	}
	if t.Chain.Known && !t.Chain.OK {
		add(j.finding(Warning, h.Name, FindingTLSUntrusted, nil, t.Chain.Err), false)
	}
	if t.Name.Known && !t.Name.OK {
		add(j.finding(Warning, h.Name, FindingTLSNameMismatch, nil, t.Name.Err), false)
	}
	if t.Other != "" {
		add(j.finding(Warning, h.Name, FindingTLSVerifyFailed, nil, t.Other), false)
	}
	if warn := j.o.thresholds().CertWarnDays; t.HasCert && !t.Expired && t.DaysLeft < warn {
		vars := map[string]string{"days": strconv.Itoa(t.DaysLeft), "threshold": strconv.Itoa(warn)}
		add(j.finding(Warning, h.Name, FindingTLSExpiresSoon, vars, leaf), false)
	}
}

// aggregate draws the diagnoses that only the hosts together allow: a
// blocked outbound port, servers that are all down, and whether a failing
// host matters (no other host takes the mail) or not.
func (j *judge) aggregate() {
	delivering, connected, refused, session := false, false, false, false
	var unreachable []probe.Host
	untestable := 0
	for i, hj := range j.hosts {
		switch hj.outcome {
		case outUntestable:
			untestable++
		case outSession:
			delivering = delivering || hj.status != Critical && hj.status != Unknown
			connected, session = true, true
		case outNoSession:
			connected, refused = true, true
		case outThrottled, outTLSFailed, outWrongPort:
			connected = true
		case outUnreachable:
			unreachable = append(unreachable, j.r.Hosts[i])
		}
	}
	if delivering {
		for i := range j.hosts {
			downgrade(j.hosts[i].findings, j.hosts[i].nextMX)
		}
		downgrade(j.dnsFindings, j.dnsNextMX)
		return
	}
	if interrupted(j.r) {
		return
	}
	switch {
	case untestable > 0 && untestable == len(j.hosts):
		j.aggFindings = append(j.aggFindings, j.finding(Unknown, "", FindingNothingTestable, nil, ""))
	case len(unreachable) > 0 && !connected && blockedPort(unreachable):
		port := strconv.Itoa(unreachable[0].Port)
		j.aggFindings = append(j.aggFindings, j.finding(Critical, "", FindingPortBlocked, map[string]string{"port": port}, blockedDetail(unreachable)))
	case refused && !session && j.r.Server == "" && !j.noMailHere():
		// Throttled hosts and failed TLS handshakes are not down; they
		// have findings of their own. With --server there is one host
		// and no MX set to speak of: its own finding says it all.
		j.aggFindings = append(j.aggFindings, j.finding(Critical, "", FindingServersDown, nil, ""))
	}
}

// noMailHere tells whether every host that opened no session greeted
// with 521 or 556 (RFC 7504): hosts that say they accept no mail at all.
// That is not servers being down, and their replies say it best.
func (j *judge) noMailHere() bool {
	n := 0
	for i, hj := range j.hosts {
		if hj.outcome != outNoSession {
			continue
		}
		steps := j.r.Hosts[i].Steps
		if len(steps) == 0 || steps[0].Kind != probe.StepGreeting {
			return false
		}
		if c := steps[0].Reply.Code; c != probe.CodeNoMail && c != probe.CodeDomainNoMail {
			return false
		}
		n++
	}
	return n > 0
}

// downgrade makes the findings after which a sender tries the next MX host
// warnings.
func downgrade(fs []Finding, nextMX []bool) {
	for i := range fs {
		if nextMX[i] && fs[i].Severity == Critical {
			fs[i].Severity = Warning
		}
	}
}

// interrupted tells whether the run was stopped, or its time went to
// waiting for other probes, so that its missing answers prove nothing
// about the servers.
func interrupted(r *probe.Result) bool {
	for _, h := range r.Hosts {
		if h.Err != nil && (h.Err.Kind == probe.ErrCanceled || h.Err.Kind == probe.ErrQueued) {
			return true
		}
	}
	return false
}

// notProbed is the unknown finding of a dialogue that ended for the
// probe's own reasons, not the server's: the run was interrupted, or its
// time ran out in the queue for the address (queue time is never the
// server's).
func (j *judge) notProbed(h probe.Host) (Finding, bool) {
	if h.Err == nil {
		return Finding{}, false
	}
	switch h.Err.Kind {
	case probe.ErrCanceled:
		return j.finding(Unknown, h.Name, FindingInterrupted, nil, h.Err.Error()), true
	case probe.ErrQueued:
		return j.finding(Unknown, h.Name, FindingQueued, nil, h.Err.Error()), true
	}
	return Finding{}, false
}

// blockedPort tells whether every connection attempt to every host timed
// out or was refused: what a firewall on this side looks like. Refusals
// alone point at this side only when several hosts give them; one host
// that refuses is more likely one server not listening.
func blockedPort(hosts []probe.Host) bool {
	timeouts, refused := attemptCounts(hosts)
	for _, h := range hosts {
		if len(h.Attempts) == 0 {
			return false
		}
		for _, at := range h.Attempts {
			if at.Err == nil || at.Err.Kind != probe.ErrTimeout && at.Err.Kind != probe.ErrRefused {
				return false
			}
		}
	}
	// A host probed at each of its addresses has an entry for each: two
	// addresses of one host refusing are still one server not listening.
	return timeouts > 0 || refused > 0 && len(hostNames(hosts)) > 1
}

// blockedDetail counts the failed attempts by kind.
func blockedDetail(hosts []probe.Host) string {
	return strings.Join(hostNames(hosts), ", ") + ": " + blockedCounts(hosts)
}

// hostNames lists the names of hosts once each, in order: a host probed
// at each of its addresses has an entry for each.
func hostNames(hosts []probe.Host) []string {
	var names []string
	for _, h := range hosts {
		if !slices.Contains(names, h.Name) {
			names = append(names, h.Name)
		}
	}
	return names
}

// dnsNoAddress returns the finding by which DNS already explained why
// host has no address (mx-no-address, mx-resolve-failed, ...), if any.
func (j *judge) dnsNoAddress(host string) (Finding, bool) {
	for _, f := range j.dnsFindings {
		if isMXAddressFinding(f.ID) && f.Host == host {
			return f, true
		}
	}
	return Finding{}, false
}

// attemptsText describes the failed connection attempts of a host:
// "192.0.2.1:25 timeout; [2001:db8::1]:25 refused".
func attemptsText(h probe.Host) string {
	var parts []string
	for _, at := range h.Attempts {
		if at.Err != nil {
			parts = append(parts, fmt.Sprintf("%s %s", netip.AddrPortFrom(at.Addr, uint16(h.Port)), at.Err.Kind))
		}
	}
	if len(parts) == 0 {
		return errText(h.Err)
	}
	return strings.Join(parts, "; ")
}

func errText(e *probe.Error) string {
	if e == nil {
		return ""
	}
	return e.Error()
}
