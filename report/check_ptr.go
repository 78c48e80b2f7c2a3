package report

import (
	"strings"

	"github.com/smtpprobe/smtpprobe/probe"
)

// The findings of the ptr check. None raises the verdict: no sender
// requires reverse DNS of a receiving MX (the sending-ip check judges the
// address mail leaves from). Only a failed PTR question does, as in every
// check: the verdict is then unknown.
const (
	FindingPTRConfirmed        = "ptr-confirmed"         // ok
	FindingPTRMissing          = "ptr-missing"           // info
	FindingPTRNotConfirmed     = "ptr-not-confirmed"     // info
	FindingPTRGreetingMismatch = "ptr-greeting-mismatch" // info
)

// judgePTR judges the reverse DNS of one host entry's address.
func judgePTR(c *checkJudge, h *probe.Host) {
	p := h.PTR
	addr := p.Addr.String()
	vars := map[string]string{"address": addr}
	switch {
	case p.Err != "":
		c.lookupFailed(addr+" PTR", p.Err, p.Broken, p.Queued, OK)
		return
	case len(p.Names) == 0:
		c.add(OK, FindingPTRMissing, vars, addr+": no PTR record")
		return
	case !p.FCrDNS():
		c.add(OK, FindingPTRNotConfirmed, vars, addr+" -> "+ptrNames(p)+": no name resolves back to "+addr)
	default:
		c.add(OK, FindingPTRConfirmed, vars, addr+" <-> "+ptrNames(p))
	}
	if g := GreetingName(h); g != "" && !ptrNamed(p, g) {
		c.add(OK, FindingPTRGreetingMismatch, vars, "greeting "+g+", PTR "+ptrNames(p))
	}
}

func ptrNames(p *probe.PTRFacts) string {
	names := make([]string, len(p.Names))
	for i, n := range p.Names {
		names[i] = n.Name
	}
	return strings.Join(names, ", ")
}

func ptrNamed(p *probe.PTRFacts, name string) bool {
	for _, n := range p.Names {
		if strings.EqualFold(n.Name, strings.TrimSuffix(name, ".")) {
			return true
		}
	}
	return false
}

// GreetingName is the host name a server gives at the start of its 220
// greeting (RFC 5321 section 4.2), "" when it gave none.
func GreetingName(h *probe.Host) string {
	if len(h.Steps) == 0 || h.Steps[0].Command != "" || h.Steps[0].Reply.Code != 220 || len(h.Steps[0].Reply.Lines) == 0 {
		return ""
	}
	name, _, _ := strings.Cut(strings.TrimSpace(h.Steps[0].Reply.Lines[0]), " ")
	if !strings.Contains(name, ".") || strings.HasPrefix(name, "[") {
		return "" // not a domain: an address literal or a bare word
	}
	return strings.ToLower(name)
}
