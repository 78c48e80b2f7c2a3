package report

import (
	"strings"

	"github.com/smtpprobe/smtpprobe/dnsx"
)

// The findings of the dnssec check.
const (
	FindingDNSSECSigned        = "dnssec-signed"           // ok: the MX answer validated
	FindingDNSSECUnsigned      = "dnssec-unsigned"         // ok: not signed; DANE needs it
	FindingDNSSECHostUnsigned  = "dnssec-mx-host-unsigned" // ok: an MX host's addresses are not signed
	FindingDNSSECBogus         = "dnssec-bogus"            // critical: validating resolvers cannot resolve it
	FindingDNSSECNotValidating = "dnssec-not-validating"   // untestable: the resolver does not validate
	FindingDNSSECNoAnswer      = "dnssec-no-answer"        // untestable: no answer says whether the domain is signed
)

// dnssecSigned tells whether the Primary answer for domain validated (its
// AD bit), and known whether that can be told from this resolver: it
// validates (so its AD bits mean something) and the answer came (NOERROR
// or NXDOMAIN), or failed validation (bogus, which is not validated).
// With no primary answer at all nothing is known.
func dnssecSigned(d *dnsx.DNSSEC, domain string) (signed, known bool) {
	ns, ok := d.Primary(domain)
	answered := ns.Rcode == "NOERROR" || ns.Rcode == "NXDOMAIN" || ns.Bogus
	if !ok || !d.ResolverValidates || d.SelfTestFailed() || !answered {
		return false, false
	}
	return ns.AD, true
}

// judgeDNSSEC judges the DNSSEC facts of the domain: bogus data is
// critical whatever the resolver, since it was seen failing; otherwise
// the AD bits mean something only from a resolver that passed the
// self-test. A domain that accepts no mail (noMail) gets no note that
// DANE needs signing: it has no mail to protect.
func judgeDNSSEC(c *checkJudge, d *dnsx.DNSSEC, domain string, noMail bool) {
	if signed, known := dnssecSigned(d, domain); known {
		c.signed = &signed
	}
	var bogus []string
	for _, ns := range d.Names {
		if ns.Bogus {
			bogus = append(bogus, nameDetail(ns))
		}
	}
	if len(bogus) > 0 {
		c.add(Critical, FindingDNSSECBogus, nil, strings.Join(bogus, "; "))
		return
	}
	if d.SelfTestFailed() {
		// The resolver failed (or the run's DNS queue never let the
		// question out), which says nothing about validation.
		c.selfTestFailed(d.SelfTest, nameDetail(d.SelfTest))
		return
	}
	if !d.ResolverValidates {
		c.untestable = true
		c.add(OK, FindingDNSSECNotValidating, nil, nameDetail(d.SelfTest)+": no AD bit")
		return
	}
	mx, ok := d.Primary(domain)
	if !ok {
		// No answer was asked for or came: not a sign of no signature.
		c.untestable = true
		c.add(OK, FindingDNSSECNoAnswer, nil, domain+": no MX answer to judge")
		return
	}
	domain = mx.Name
	if mx.Rcode != "NOERROR" && mx.Rcode != "NXDOMAIN" {
		// A failed answer that is not bogus says nothing of signatures.
		c.add(Unknown, FindingCheckLookupErr, map[string]string{"name": mx.Name + " " + mx.Type}, nameDetail(mx))
		return
	}
	if !mx.AD {
		if noMail {
			c.summary = findingDiagnosis(FindingDNSSECUnsigned, c.j.explain(""), nil).Title
			return
		}
		c.add(OK, FindingDNSSECUnsigned, nil, domain+": no AD bit")
		return
	}
	c.add(OK, FindingDNSSECSigned, nil, nameDetail(mx))
	var unsigned []string
	for _, ns := range d.Names {
		if (ns.Type == "A" || ns.Type == "AAAA") && !ns.AD && ns.Rcode == "NOERROR" {
			unsigned = append(unsigned, ns.Name+" "+ns.Type)
		}
	}
	if len(unsigned) > 0 {
		c.add(OK, FindingDNSSECHostUnsigned, nil, strings.Join(unsigned, ", ")+": no AD bit")
	}
}

// selfTestFailed records that the resolver's self-test question got no
// answer: dns-queued when the run's own DNS queue never sent it, else
// the resolver's failure to answer it.
func (c *checkJudge) selfTestFailed(ns dnsx.NameSecurity, detail string) {
	if ns.Queued {
		c.add(Unknown, FindingDNSQueued, nil, detail)
		return
	}
	c.add(Unknown, FindingCheckLookupErr, map[string]string{"name": ns.Name + " " + ns.Type}, detail)
}

// nameDetail describes an answer: "example.com MX: SERVFAIL, DNSSEC
// Bogus (6): ...".
func nameDetail(ns dnsx.NameSecurity) string {
	s := ns.Name + " " + ns.Type + ": " + ns.Rcode
	if ns.Rcode == "" {
		s = ns.Name + " " + ns.Type + ": " + ns.Err
	}
	if ns.AD {
		s += ", AD"
	}
	if ns.Bogus {
		s += ", answered with CD (checking disabled)"
	}
	for _, e := range ns.EDE {
		s += ", " + e.String()
	}
	return s
}
