// Package report judges the facts of a probe into an Assessment: findings,
// a status per host and a verdict with a one-line summary. Package
// report/render prints assessments and never judges again.
//
// Assess is a pure function of a probe.Result and Options: it is the one
// place that reads the catalog and the clock. Nothing here touches the
// network.
package report

import (
	"net/netip"
	"slices"
	"time"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// Status is a verdict. Its value is the process exit status of the
// monitoring-plugins convention.
type Status int

// The verdicts.
const (
	OK       Status = 0
	Warning  Status = 1
	Critical Status = 2
	Unknown  Status = 3
	// Untestable is the status of a check that could not be decided from
	// this machine or resolver (a resolver that does not validate DNSSEC,
	// no IPv6 route). It is never an assessment's status: Worst ranks it
	// below OK, so it never raises the exit status. A resolver that fails
	// a check's question is not a limit of this machine but a probe that
	// could not finish: that check is Unknown, as a failed MX lookup is.
	Untestable Status = 4
)

// String returns "ok", "warning", "critical", "unknown" or "untestable".
func (s Status) String() string {
	switch s {
	case OK:
		return "ok"
	case Warning:
		return "warning"
	case Critical:
		return "critical"
	case Untestable:
		return "untestable"
	}
	return "unknown"
}

// Worse tells whether s is worse than t, in the order of Worst.
func (s Status) Worse(t Status) bool { return s.rank() > t.rank() }

// rank orders statuses by how bad they are for Worst: the contract ranks
// critical > warning > unknown > ok, so that one target that could not be
// probed does not hide a failing one. Untestable ranks lowest.
func (s Status) rank() int {
	switch s {
	case Untestable:
		return -1
	case OK:
		return 0
	case Unknown:
		return 1
	case Warning:
		return 2
	}
	return 3
}

// Worst returns the worst of the statuses, OK for none.
func Worst(ss ...Status) Status {
	w := OK
	for _, s := range ss {
		if s.rank() > w.rank() {
			w = s
		}
	}
	return w
}

// Assessment is a probe result with the whole of its judgement: what the
// renderers print and nothing they must work out again.
type Assessment struct {
	Result probe.Result
	// Judged is when Assess judged: the "now" of certificate lifetimes.
	// Zero for an input that was never probed (Invalid).
	Judged time.Time
	// Thresholds are the limits the result was judged by, with their
	// defaults filled in.
	Thresholds Thresholds
	Findings   []Finding
	Hosts      []HostAssessment // one per Result.Hosts entry
	Status     Status
	Summary    string // one line a person can act on, in Options.Lang
	// Headline is Summary without the advice: what happened in a few
	// words, for a verdict line printed below findings that give the
	// advice already.
	Headline string
	// Checks are the verdicts of the domain-level checks that ran, in
	// report order (the per-host ones are in HostAssessment.Checks). Empty
	// for a Result that ran no checks beyond the dialogue (Result.Ran of
	// zero or checks.SMTP alone).
	Checks []Check
}

// HostAssessment is the judgement of one host of Result.Hosts.
type HostAssessment struct {
	Status Status
	// TLS are the host's TLS facts as of Assessment.Judged.
	TLS TLSFacts
	// CertStatus is the worst severity of the findings about the lifetime
	// of the host's certificate (thresholds included); OK when none.
	CertStatus Status
	// Steps are the judgement of each of the host's steps, in order.
	Steps []StepAssessment
	// Retry is the judgement of each step of Host.Retry, the dialogue in
	// clear after a failed STARTTLS handshake; nil when there was none.
	// Its names start with "retry_".
	Retry []StepAssessment
	// Checks are the verdicts of the per-host checks that ran, in report
	// order.
	Checks []Check
}

// NamedHost is the judgement of one MX host over all its entries in
// Result.Hosts: what is said of the host by name alone, as a metric
// labelled only by host is.
type NamedHost struct {
	Name string
	// Entries are the indexes of the host's entries in Result.Hosts, in
	// order.
	Entries []int
	// Status is the worst of its entries' verdicts, so that a failing
	// address is never hidden by another; untestable only when every
	// entry is.
	Status Status
	// Checks are the per-host checks that ran, in the order first met:
	// each the verdict of the address it judged worst (the first such).
	Checks []Check
}

// StepAssessment is the judgement of one step of a dialogue.
type StepAssessment struct {
	// Name names the step uniquely within its host for metrics and
	// performance data: "greeting", "ehlo", "starttls", "ehlo_tls",
	// "rcpt", "rcpt_2", "data_end".
	Name string
	// Diagnosis is the catalog's explanation of the step's reply, in
	// Options.Lang; nil when no reply came.
	Diagnosis *catalog.Diagnosis
	// Finding is set when a finding is about this reply, so that a
	// transcript explains it where it appears.
	Finding bool
}

// Check is the verdict of one check.
type Check struct {
	Name checks.Name
	// Status is the worst of the check's findings, or Untestable when it
	// could not be decided from here.
	Status  Status
	Summary string // one line in Options.Lang: the title of its worst finding
}

// Finding is something in a result that is not what a healthy exchange
// gives, with what to do about it.
type Finding struct {
	// Severity is how bad it is; OK marks a finding that is only
	// information (rendered as "info").
	Severity Status
	Host     string // "" for findings about the target as a whole (DNS)
	// Addr is the address of the host the finding is about, when it is
	// about one entry of the hosts (probe.Host.EntryAddr): a host has an
	// entry per address, and one address failing says nothing of another.
	// Invalid for findings about the host name or the target.
	Addr netip.Addr
	// Check names the check the finding belongs to; "" for the findings of
	// the SMTP dialogue and the MX lookup.
	Check    checks.Name
	ID       string // catalog key of the finding's text, e.g. "port25-blocked"
	Code     int    // the reply code behind it, 0 when none
	Enhanced string
	// Step is the kind of step whose reply the finding is about, and
	// Command the command as sent ("" for the greeting); both are zero for
	// findings that are not about a reply (Code 0).
	Step    probe.StepKind
	Command string
	// Diagnosis explains the reply or the finding in Options.Lang. A
	// finding's own text (every ID but FindingReply) is matched "rule",
	// with the ID as its Rule.
	Diagnosis catalog.Diagnosis
	// Detail is the evidence in the probe's own words, not translated: the
	// reply text, the error of a failed connection, the certificate dates.
	Detail string
	// Publish is the exact DNS record or file to publish as the fix, when
	// there is one: lines to copy as they are, never wrapped.
	Publish string
}

// CommandLabel names the command a finding's reply answered for people:
// "greeting" for the greeting, "end of data" for the final dot.
func (f Finding) CommandLabel() string {
	switch f.Step {
	case probe.StepGreeting, probe.StepEndOfData:
		return string(f.Step)
	}
	return f.Command
}

// Options controls judging. How the judgement is printed (colour, the
// language of labels) is render's business.
type Options struct {
	// Lang is the language of the findings' texts and the summary.
	Lang catalog.Lang
	// CertWarnDays is the certificate lifetime below which a warning is
	// raised. Zero means 14.
	CertWarnDays int
	// CertCritDays is the certificate lifetime below which the status is
	// critical. Zero means never on lifetime alone (an expired certificate
	// is a warning, per the contract).
	CertCritDays int
	// WarningTime and CriticalTime raise the status when the whole probe
	// of a target takes longer. Zero means no threshold.
	WarningTime, CriticalTime time.Duration
	// Now tells the time for certificate lifetimes. Nil means time.Now.
	Now func() time.Time
}

// Thresholds are the limits of a monitoring check an assessment was
// judged by (Options), with their defaults filled in.
type Thresholds struct {
	CertWarnDays, CertCritDays int
	WarningTime, CriticalTime  time.Duration
}

// thresholds returns the thresholds of o with their defaults.
func (o Options) thresholds() Thresholds {
	t := Thresholds{CertWarnDays: o.CertWarnDays, CertCritDays: o.CertCritDays, WarningTime: o.WarningTime, CriticalTime: o.CriticalTime}
	if t.CertWarnDays == 0 {
		t.CertWarnDays = 14
	}
	return t
}

// now is Options.Now with its default.
func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// Host returns the judgement of Result.Hosts[i]; status unknown for a
// host the assessment has no judgement of.
func (a Assessment) Host(i int) HostAssessment {
	if i < len(a.Hosts) {
		return a.Hosts[i]
	}
	return HostAssessment{Status: Unknown}
}

// Named is the judgement of each MX host by name over its entries (one
// per address probed), in the order of their first entries: the worst
// entry decides, and a per-host check's verdict is that of its worst
// address. It is worked out from Hosts, so it always agrees with them.
func (a Assessment) Named() []NamedHost {
	var out []NamedHost
	at := map[string]int{}
	for i, h := range a.Result.Hosts {
		ha := a.Host(i)
		k, seen := at[h.Name]
		if !seen {
			at[h.Name] = len(out)
			out = append(out, NamedHost{Name: h.Name, Entries: []int{i}, Status: ha.Status, Checks: slices.Clone(ha.Checks)})
			continue
		}
		n := &out[k]
		n.Entries = append(n.Entries, i)
		// Worst would make two untestable entries OK: compare instead.
		if ha.Status.Worse(n.Status) {
			n.Status = ha.Status
		}
		for _, c := range ha.Checks {
			j := slices.IndexFunc(n.Checks, func(o Check) bool { return o.Name == c.Name })
			switch {
			case j < 0:
				n.Checks = append(n.Checks, c)
			case c.Status.Worse(n.Checks[j].Status):
				n.Checks[j] = c
			}
		}
	}
	return out
}

// NamedHost returns the judgement of the MX host called name over all
// its entries; zero when no entry has that name.
func (a Assessment) NamedHost(name string) NamedHost {
	for _, n := range a.Named() {
		if n.Name == name {
			return n
		}
	}
	return NamedHost{}
}

// Step returns the judgement of Result.Hosts[i].Steps[k]; zero when the
// assessment has none.
func (h HostAssessment) Step(k int) StepAssessment {
	if k < len(h.Steps) {
		return h.Steps[k]
	}
	return StepAssessment{}
}

// Probed tells whether a probe ran at all: an input that was not a target
// has no timings to report.
func (a Assessment) Probed() bool {
	return !a.Result.Started.IsZero() || a.Result.Duration != 0
}

// Dialogue tells whether the run spoke SMTP to the hosts: the smtp check
// ran (a result that names no checks is the dialogue alone). Without it
// the hosts were only looked up, for the checks about them.
func (a Assessment) Dialogue() bool {
	return a.Result.Ran == 0 || a.Result.Ran.Has(checks.SMTP)
}

// Invalid is the assessment of an input that is not a target at all: the
// probe could not run, so its status is unknown.
func Invalid(input string, err error) Assessment {
	return Assessment{
		Result:   probe.Result{Target: probe.Target{Input: input}},
		Status:   Unknown,
		Summary:  err.Error(),
		Headline: err.Error(),
	}
}
