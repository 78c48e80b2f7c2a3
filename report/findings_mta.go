package report

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/smtpprobe/smtpprobe/probe"
)

// The IDs of the findings about how a server answers that every MTA can
// show (issue 10).
const (
	// FindingHeloRefused: the server refused the name the probe sent in
	// EHLO or HELO. It is the probe's own name, so delivery is untested:
	// unknown, never the domain's fault.
	FindingHeloRefused = "helo-refused"
	// FindingSizeTooSmall: the SIZE extension announces a limit below
	// what ordinary mail needs (minMessageSize): critical.
	FindingSizeTooSmall = "size-too-small"
	// FindingDataNot354: DATA got a positive reply other than 354, a
	// protocol violation by the server: critical.
	FindingDataNot354 = "data-not-354"
	// FindingTLSPortPlain: --tls against a port that speaks plain SMTP;
	// FindingTLSPortImplicit: a plain probe of a port that speaks
	// implicit TLS. Both are the probe's wrong choice: unknown.
	FindingTLSPortPlain    = "tls-port-plain"
	FindingTLSPortImplicit = "tls-port-implicit"
	// FindingTLSObsolete: the best TLS the server negotiates is 1.0 or
	// 1.1 (RFC 8996): warning.
	FindingTLSObsolete = "tls-obsolete"
	// FindingTLSRenegotiation: the server asked to renegotiate TLS and the
	// probe refused; the probe ended the session: warning.
	FindingTLSRenegotiation = "tls-renegotiation-refused"
)

// minMessageSize is the smallest SIZE limit (RFC 1870) that ordinary mail
// fits in: a plain message with its headers takes a few kilobytes, an
// HTML one with a signature tens of kilobytes. Below it nearly every real
// message is refused with 552.
const minMessageSize = 100_000

// heloText matches replies that are about the EHLO or HELO name: Exim
// "Invalid HELO name", OpenSMTPD "Helo name is not a fully qualified
// domain name", Postfix "Helo command rejected: need fully-qualified
// hostname" (at RCPT with its delayed rejects).
var heloText = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(helo|ehlo)\b`)
})

// heloRefused tells whether a negative reply refuses the name the probe
// sent: any refusal of EHLO or HELO that names it or mentions HELO, and a
// later refusal that speaks of the HELO name.
func heloRefused(h probe.Host, s probe.Step) bool {
	if s.Reply.Code < 400 || h.Helo == "" {
		return false
	}
	text := replyText(s.Reply)
	if s.Kind == probe.StepEHLO || s.Kind == probe.StepHELO {
		return heloText().MatchString(text) || strings.Contains(strings.ToLower(text), strings.ToLower(h.Helo)) ||
			strings.Contains(strings.ToLower(text), "qualified")
	}
	return heloText().MatchString(text)
}

// judgeReplyKind retitles a reply finding when the reply means more than
// the catalog's explanation of its code says: the probe's own name
// refused, or a protocol violation at DATA. It tells whether it did.
func (j *judge) judgeReplyKind(h probe.Host, s probe.Step, f *Finding) bool {
	switch {
	case heloRefused(h, s):
		j.retitleWith(f, FindingHeloRefused, map[string]string{"helo": h.Helo})
		f.Severity = Unknown
	case s.Kind == probe.StepData && s.Reply.Code < 400:
		j.retitleWith(f, FindingDataNot354, map[string]string{"code": strconv.Itoa(s.Reply.Code)})
		f.Severity = Critical
	default:
		return false
	}
	return true
}

// retitleWith is retitle with the placeholders of the finding's text.
func (j *judge) retitleWith(f *Finding, id string, vars map[string]string) {
	d := findingDiagnosis(id, j.explain(f.Host), vars)
	d.Code, d.Enhanced, d.Class = f.Diagnosis.Code, f.Diagnosis.Enhanced, f.Diagnosis.Class
	f.ID, f.Diagnosis = id, d
}

// judgeSize judges the SIZE limit of the last EHLO of h.
func (j *judge) judgeSize(h probe.Host, add func(Finding, bool)) {
	v, ok := h.Extensions["SIZE"]
	if !ok {
		return
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	// SIZE 0, or none given, means no limit (RFC 1870 section 4).
	if err != nil || n <= 0 || n >= minMessageSize {
		return
	}
	size := strconv.FormatInt(n, 10)
	add(j.finding(Critical, h.Name, FindingSizeTooSmall, map[string]string{"size": size}, "EHLO: SIZE "+size), false)
}

// explainStep makes the diagnosis of f the explanation of the reply it is
// about in steps, the judgement of h's steps.
func (j *judge) explainStep(steps []StepAssessment, h probe.Host, f Finding) {
	for k, s := range h.Steps {
		if k < len(steps) && s.Command == f.Command && s.Reply.Code == f.Code {
			d := f.Diagnosis
			steps[k].Diagnosis = &d
		}
	}
}

// rcptAccepted tells whether a dialogue got a positive reply to RCPT TO.
func rcptAccepted(h probe.Host) bool {
	for _, s := range h.Steps {
		if s.Kind == probe.StepRcpt && s.Reply.Code >= 200 && s.Reply.Code < 300 {
			return true
		}
	}
	return false
}
