package report

import (
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/specialaddr"
	"github.com/smtpprobe/smtpprobe/probe"
)

// mxWithoutAddress judges an MX host that DNS gave no address for, by why:
// a resolver failure says nothing about the domain (unknown), nor does a
// question the run's DNS queue never let out (unknown), a name that
// is no host name is its own mistake, and the rest is a missing record.
// The boolean is the finding's nextMX: a sender moves on to the next MX.
func (j *judge) mxWithoutAddress(mx dnsx.MX) (Finding, bool) {
	detail := mx.Host + ": " + mx.Err
	switch mx.Problem {
	case dnsx.MXResolverFailed:
		return j.finding(Unknown, mx.Host, FindingMXResolveFailed, nil, detail), false
	case dnsx.MXQueued:
		// The probe's own queue: the question was never asked.
		return j.finding(Unknown, mx.Host, FindingDNSQueued, nil, detail), false
	case dnsx.MXInvalidName:
		return j.finding(Critical, mx.Host, FindingMXInvalidName, nil, mx.Err), true
	}
	if mx.Err == "" {
		detail = mx.Host + ": " + dnsx.NoAddresses
	}
	return j.finding(Critical, mx.Host, FindingMXNoAddress, nil, detail), true
}

// isMXAddressFinding tells whether id explains why an MX host had no
// address to connect to, so that no host finding repeats it.
func isMXAddressFinding(id string) bool {
	switch id {
	case FindingMXNoAddress, FindingMXResolveFailed, FindingMXInvalidName, FindingDNSQueued:
		return true
	}
	return false
}

// judgeSpecial makes a finding of each address of h that lies in a
// special-purpose range. Loopback and unspecified addresses send every
// sender to itself, so they are critical whatever the other MX hosts do;
// the other ranges carry no public mail, which matters when no other
// host takes it. Addresses the user let the probe connect to
// (--allow-special-addresses) keep only an info finding.
func (j *judge) judgeSpecial(h probe.Host, add func(Finding, bool)) {
	for _, at := range h.Attempts {
		if at.Special.Kind == 0 {
			continue
		}
		vars := map[string]string{"address": at.Addr.String(), "name": at.Special.Name}
		detail := at.Addr.String() + ": " + at.Special.Name + " (" + at.Special.RFC + ")"
		switch {
		case !at.Skipped:
			add(j.finding(OK, h.Name, FindingMXSpecialProbed, vars, detail), false)
		case at.Special.Kind == specialaddr.Nowhere:
			add(j.finding(Critical, h.Name, FindingMXSpecialAddress, vars, detail), false)
		default:
			add(j.finding(Critical, h.Name, FindingMXSpecialAddress, vars, detail), true)
		}
	}
}

// skippedAll tells whether every address of h was left out for lying in a
// special-purpose range, so that nothing was dialled.
func skippedAll(h probe.Host) bool {
	for _, at := range h.Attempts {
		if !at.Skipped {
			return false
		}
	}
	return len(h.Attempts) > 0 && len(h.Steps) == 0
}
