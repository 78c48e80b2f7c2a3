package report

import (
	"strconv"
	"strings"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dane"
	"github.com/smtpprobe/smtpprobe/probe"
)

// The findings of the dane check, about one host entry (an address).
const (
	FindingDANEMatch         = "dane-match"          // ok: the chain matches a usable record
	FindingDANEAbsent        = "dane-absent"         // ok: no TLSA records
	FindingDANEOneRecord     = "dane-single-record"  // info: publish the next key's record before a rollover
	FindingDANEMismatch      = "dane-mismatch"       // critical: authentic TLSA, no record matches
	FindingDANENoTLS         = "dane-no-tls"         // critical: authentic TLSA, no STARTTLS or the handshake fails
	FindingDANEUnsigned      = "dane-unsigned"       // warning: TLSA in a zone that does not validate
	FindingDANEUnusable      = "dane-unusable"       // warning: only records senders cannot use
	FindingDANETANotSent     = "dane-ta-not-sent"    // warning: a DANE-TA record whose anchor is not in the chain
	FindingDANENotValidating = "dane-not-validating" // untestable: the resolver does not validate
	FindingDANENotTested     = "dane-not-tested"     // untestable: no handshake to match
)

// judgeDANE judges the TLSA records of a host entry and its chain.
func (j *judge) judgeDANE(c *checkJudge, h *probe.Host) {
	d := h.DANE
	vars := map[string]string{"host": h.Name, "name": d.Name}
	records := make([]string, len(d.Records))
	usable := 0
	for i, r := range d.Records {
		records[i] = r.String()
		if r.Usable() {
			usable++
		}
	}
	detail := d.Name + ": " + strings.Join(records, ", ")
	sec := j.r.Checks.DNSSEC
	validates := sec != nil && sec.ResolverValidates
	switch {
	case d.Err != "":
		// A TLSA record no one can read: DANE senders may defer mail
		// to the host, others ignore it.
		c.lookupFailed(d.Name, d.Err, d.Broken, d.Queued, Warning)
		return
	case len(d.Records) == 0:
		c.add(OK, FindingDANEAbsent, vars, d.Name+": no TLSA records")
		return
	case !d.Authentic && sec != nil && sec.SelfTestFailed():
		// Whether the resolver validates is not known: the records may
		// be unsigned, or the resolver may not validate. The question
		// that failed is the self-test's.
		c.selfTestFailed(sec.SelfTest, nameDetail(sec.SelfTest)+"; "+detail)
		return
	case !d.Authentic && !validates:
		c.untestable = true
		c.add(OK, FindingDANENotValidating, vars, detail)
		return
	case !d.Authentic:
		c.add(Warning, FindingDANEUnsigned, vars, detail+" (no AD bit)")
		return
	case usable == 0:
		c.add(Warning, FindingDANEUnusable, vars, detail).Publish = daneRecord(h)
		return
	case h.Untestable:
		c.untestable = true
		return // the host entry says it cannot be reached from here
	}
	at := h.Addr.String()
	switch {
	case !j.r.Ran.Has(checks.SMTP) || len(h.Steps) == 0:
		c.untestable = true
		c.add(OK, FindingDANENotTested, vars, detail)
		return
	case h.TLS == nil && h.Extensions != nil && !hasExt(h, "STARTTLS"):
		c.add(Critical, FindingDANENoTLS, vars, at+": no STARTTLS offered; "+detail)
		return
	case h.TLS != nil && h.TLS.HandshakeError != "":
		c.add(Critical, FindingDANENoTLS, vars, at+": TLS handshake failed: "+h.TLS.HandshakeError)
		return
	case d.Match == nil:
		c.untestable = true
		c.add(OK, FindingDANENotTested, vars, detail)
		return
	}
	m := d.Match
	if !m.Matched {
		c.add(Critical, FindingDANEMismatch, vars, at+": "+m.Why).Publish = daneRecord(h)
		return
	}
	c.add(OK, FindingDANEMatch, vars, at+": "+m.Record.String()+" matched at depth "+strconv.Itoa(m.Depth))
	if len(m.TANotSent) > 0 {
		var ta []string
		for _, r := range m.TANotSent {
			ta = append(ta, r.String())
		}
		c.add(Warning, FindingDANETANotSent, vars, at+": "+strings.Join(ta, ", "))
	}
	if usable == 1 {
		c.add(OK, FindingDANEOneRecord, vars, detail)
	}
}

// daneRecord is the DANE-EE record of the key the host presents, the
// record RFC 7671 section 5.1 recommends: "3 1 1" with the SHA-256 of its
// public key; "" when no certificate was seen.
func daneRecord(h *probe.Host) string {
	if h.TLS == nil || len(h.TLS.Certificates) == 0 || h.DANE == nil {
		return ""
	}
	r := dane.RecordFor(h.TLS.Certificates[0])
	return h.DANE.Name + ". IN TLSA " + r.String()
}
