// Package report judges the facts of a probe into findings and a verdict, and
// renders them as text, JSON, Nagios plugin output or Prometheus metrics.
//
// Judging is a pure function of a probe.Result; rendering is a pure function
// of the judgement. Nothing here touches the network.
package report

import (
	"time"

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
)

// String returns "ok", "warning", "critical" or "unknown".
func (s Status) String() string {
	switch s {
	case OK:
		return "ok"
	case Warning:
		return "warning"
	case Critical:
		return "critical"
	}
	return "unknown"
}

// rank orders statuses by how bad they are for Worst: the contract ranks
// critical > warning > unknown > ok, so that one target that could not be
// probed does not hide a failing one.
func (s Status) rank() int {
	switch s {
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
}

// Finding is something in a result that is not what a healthy exchange
// gives, with what to do about it.
type Finding struct {
	// Severity is how bad it is; OK marks a finding that is only
	// information (rendered as "info").
	Severity Status
	Host     string // "" for findings about the target as a whole (DNS)
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
