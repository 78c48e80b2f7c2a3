package report

import (
	"errors"
	"fmt"
	"strings"

	"github.com/smtpprobe/smtpprobe/dnsbl"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/probe"
)

// The findings of the sending-ip check and of dnsbl.
const (
	FindingSendingIPOK          = "sending-ip-ok"          // ok: PTR forward-confirmed, not listed
	FindingSendingIPNoPTR       = "sending-ip-no-ptr"      // critical: no PTR
	FindingSendingIPUnconfirmed = "sending-ip-unconfirmed" // critical: no PTR name resolves back
	FindingSendingIPListed      = "sending-ip-listed"      // critical: listed on a named blocklist
	FindingSendingIPResolver    = "sending-ip-resolver"    // unknown: the PTR question failed
	FindingDNSBLOK              = "dnsbl-ok"               // ok: no named list lists the address
	FindingDNSBLMXListed        = "dnsbl-mx-listed"        // warning: an MX address is listed
	FindingDNSBLUnknown         = "dnsbl-unknown"          // unknown: an answer that is not a listing code, or none
)

// judgeSendingIP judges the address the user's mail leaves from: the
// large receivers refuse senders without forward-confirmed reverse DNS,
// and every receiver using a list refuses a listed one.
func judgeSendingIP(c *checkJudge, s *probe.SendingIP, bl *probe.DNSBL) {
	rv := s.Reverse
	switch {
	case errors.Is(s.Err, dnsx.ErrNoSlot):
		// Never asked: the run's own DNS queue, not the resolver.
		c.add(Unknown, FindingDNSQueued, nil, s.Err.Error())
	case s.Err != nil:
		c.add(Unknown, FindingSendingIPResolver, nil, s.Err.Error())
	case len(rv.Names) == 0:
		detail := s.Addr.String() + ": no PTR record"
		if rv.NXDomain {
			detail += " (NXDOMAIN)"
		}
		c.add(Critical, FindingSendingIPNoPTR, nil, detail)
	case !rv.FCrDNS():
		c.add(Critical, FindingSendingIPUnconfirmed, nil, reverseDetail(rv))
	default:
		c.add(OK, FindingSendingIPOK, nil, reverseDetail(rv))
	}
	if bl == nil {
		return
	}
	for _, a := range bl.About(s.Addr) {
		switch a.Status {
		case dnsbl.Listed:
			c.add(Critical, FindingSendingIPListed, nil, listingDetail(a))
		case dnsbl.Unknown:
			c.add(Unknown, dnsblUnknown(a), nil, a.Zone+": "+a.Reason)
		}
	}
}

// dnsblUnknown names the finding of an answer that says nothing: the
// run's own DNS queue when the question never got a slot (nothing is
// known against the list), else the list's or the resolver's failure.
func dnsblUnknown(a dnsbl.Answer) string {
	if errors.Is(a.Err, dnsx.ErrNoSlot) {
		return FindingDNSQueued
	}
	return FindingDNSBLUnknown
}

// reverseDetail shows the PTR names and where each resolves:
// "192.0.2.1 -> mail.example.com -> 192.0.2.1 (confirmed)".
func reverseDetail(rv dnsx.Reverse) string {
	var parts []string
	for _, n := range rv.Names {
		s := fmt.Sprintf("%s -> %s -> %v", rv.Addr, n.Name, n.Addresses)
		switch {
		case n.Confirmed:
			s += " (confirmed)"
		case n.Err != "":
			s += " (" + n.Err + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// listingDetail shows a listing: "zen.example: 127.0.0.2 "reason"".
func listingDetail(a dnsbl.Answer) string {
	s := fmt.Sprintf("%s listed on %s: %v", a.Addr, a.Zone, a.Codes)
	if len(a.TXT) > 0 {
		s += fmt.Sprintf(" %q", strings.Join(a.TXT, " "))
	}
	return s
}

// judgeDNSBL judges the lists' answers about one MX address: its mail
// still arrives, but what the server sends is refused.
func judgeDNSBL(c *checkJudge, bl *probe.DNSBL, h *probe.Host) bool {
	// An address that refused the probe is still the MX address the
	// lists were asked about.
	addr := h.EntryAddr()
	if !addr.IsValid() {
		return false
	}
	answers := bl.About(addr)
	if len(answers) == 0 {
		return false
	}
	clean := true
	for _, a := range answers {
		switch a.Status {
		case dnsbl.Listed:
			clean = false
			c.add(Warning, FindingDNSBLMXListed, nil, listingDetail(a))
		case dnsbl.Unknown:
			clean = false
			c.add(Unknown, dnsblUnknown(a), nil, a.Zone+": "+a.Reason)
		}
	}
	if clean {
		c.add(OK, FindingDNSBLOK, nil, fmt.Sprintf("%s: not listed on %s", addr, strings.Join(bl.Zones, ", ")))
	}
	return true
}
