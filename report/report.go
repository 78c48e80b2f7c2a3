// Package report judges the facts of a probe into findings and a verdict, and
// renders them as text, JSON, Nagios plugin output or Prometheus metrics.
//
// Judging is a pure function of a probe.Result; rendering is a pure function
// of the judgement. Nothing here touches the network.
package report

import (
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
	// below OK, so it never raises the exit status.
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

// Assessment is a probe result with its judgement.
type Assessment struct {
	Result   probe.Result
	Findings []Finding
	Hosts    []Status // verdict per Result.Hosts entry
	Status   Status
	Summary  string // one line a person can act on, in Options.Lang
	// Checks are the verdicts of the domain-level checks that ran, in
	// report order; HostChecks those of the per-host checks, one list per
	// Result.Hosts entry. Both are empty for a Result that ran no checks
	// beyond the dialogue (Result.Ran of zero or checks.SMTP alone).
	Checks     []Check
	HostChecks [][]Check
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
	// Check names the check the finding belongs to; "" for the findings of
	// the SMTP dialogue and the MX lookup.
	Check    checks.Name
	ID       string // catalog key of the finding's text, e.g. "port25-blocked"
	Code     int    // the reply code behind it, 0 when none
	Enhanced string
	// Command is the command the reply answered, as sent; "" for the
	// greeting, and for findings that are not about a reply (Code 0).
	Command string
	// Diagnosis explains the reply or the finding in Options.Lang. A
	// finding's own text (every ID but FindingReply) is matched "rule",
	// with the ID as its Rule.
	Diagnosis catalog.Diagnosis
	// Detail is the evidence in the probe's own words, not translated: the
	// reply text, the error of a failed connection, the certificate dates.
	Detail string
}

// Options controls judging and rendering.
type Options struct {
	Lang  catalog.Lang
	Color bool // ANSI colour in text output
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

// now is Options.Now with its default.
func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// Invalid is the assessment of an input that is not a target at all: the
// probe could not run, so its status is unknown.
func Invalid(input string, err error) Assessment {
	return Assessment{
		Result:  probe.Result{Target: probe.Target{Input: input}},
		Status:  Unknown,
		Summary: err.Error(),
	}
}
