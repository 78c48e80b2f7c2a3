package report

import (
	"net/netip"
	"strings"
	"time"

	"github.com/smtpprobe/smtpprobe/probe"
)

// TLSFacts are the TLS facts of one host, each established on its own and
// never merged into one "TLS broken": whether STARTTLS was offered, whether
// the handshake worked, whether the chain is trusted, whether the name
// matches and how long the certificate has left.
type TLSFacts struct {
	Offered bool // STARTTLS in the EHLO reply before TLS; never with implicit TLS
	// OfferKnown is set when an EHLO reply before TLS says whether
	// STARTTLS is offered: never with implicit TLS.
	OfferKnown     bool
	Attempted      bool // a handshake was tried
	HandshakeOK    bool
	HandshakeError string
	Chain          TLSCheck // the chain leads to a trusted root
	Name           TLSCheck // the leaf is valid for the MX host name
	HasCert        bool     // a leaf certificate was received
	NotAfter       time.Time
	DaysLeft       int // whole days at Assessment.Judged, negative once expired
	Expired        bool
	// Other is a verify error that none of the facts above explains.
	Other string
}

// TLSCheck is one verification fact: unknown when the probe's single verify
// error stopped before it.
type TLSCheck struct {
	Known bool
	OK    bool
	Err   string
}

// tlsFactsOf works out the TLS facts of a host at now.
func tlsFactsOf(h probe.Host, now time.Time) TLSFacts {
	var f TLSFacts
	ext := offeredExts(h)
	_, f.Offered = ext["STARTTLS"]
	f.OfferKnown = ext != nil
	info := h.TLS
	if info == nil {
		return f
	}
	f.Attempted = true
	// Over implicit TLS no EHLO precedes TLS, so nothing offered STARTTLS
	// (as smtpprobe_starttls_offered, which has no sample then).
	f.Offered = f.Offered && !info.Implicit
	f.OfferKnown = f.OfferKnown && !info.Implicit
	if len(info.Chain) > 0 {
		leaf := info.Chain[0]
		f.HasCert, f.NotAfter = true, leaf.NotAfter
		f.DaysLeft = daysLeft(leaf.NotAfter, now)
		f.Expired = now.After(leaf.NotAfter)
	}
	if info.HandshakeError != "" {
		f.HandshakeError = info.HandshakeError
		return f
	}
	f.HandshakeOK = true
	if info.Verified {
		f.Chain = TLSCheck{Known: true, OK: true}
		f.Name = TLSCheck{Known: true, OK: true}
		return f
	}
	ve := info.VerifyError
	if info.NameError != "" || info.ChainError != "" {
		// The probe checked name and chain separately.
		f.Chain = TLSCheck{Known: true, OK: info.ChainError == "", Err: info.ChainError}
		f.Name = TLSCheck{Known: true, OK: info.NameError == "", Err: info.NameError}
	} else {
		// x509 checks expiry, then the name, then the chain, and reports
		// only the first failure: a chain error means the name passed, a
		// name error says nothing about the chain.
		switch {
		case chainError(ve):
			f.Chain = TLSCheck{Known: true, Err: ve}
			f.Name = TLSCheck{Known: true, OK: true}
		case nameError(ve):
			f.Name = TLSCheck{Known: true, Err: ve}
		default:
			if len(info.Chain) > 0 {
				ok := nameMatches(info.Chain[0].DNSNames, info.ServerName)
				f.Name = TLSCheck{Known: true, OK: ok}
				if !ok {
					f.Name.Err = "certificate is not valid for " + info.ServerName
				}
			}
		}
	}
	// Expiry is judged from the dates; "not yet valid" and anything else
	// x509 can say (key usage, malformed certificates) is left over.
	explained := ve == "" || chainError(ve) || nameError(ve) || expiryError(ve) && f.Expired
	if !explained {
		f.Other = ve
	}
	return f
}

// offeredExts is the EHLO extension list where STARTTLS would be offered:
// before TLS when STARTTLS happened, else the only one.
func offeredExts(h probe.Host) map[string]string {
	if h.ExtensionsBeforeTLS != nil {
		return h.ExtensionsBeforeTLS
	}
	return h.Extensions
}

func chainError(ve string) bool {
	return strings.Contains(ve, "unknown authority") || strings.Contains(ve, "self-signed") ||
		strings.Contains(ve, "self signed") || strings.Contains(ve, "not standards compliant") ||
		strings.Contains(ve, "not trusted")
}

func nameError(ve string) bool {
	return strings.Contains(ve, "valid for") || strings.Contains(ve, "IP SANs") ||
		strings.Contains(ve, "legacy Common Name")
}

func expiryError(ve string) bool {
	return strings.Contains(ve, "expired") || strings.Contains(ve, "not yet valid")
}

// nameMatches applies the rules of RFC 6125 that x509 uses: names compare
// without case and without a final dot, and a wildcard stands for exactly
// the leftmost label.
func nameMatches(names []string, host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if _, err := netip.ParseAddr(host); err == nil {
		return false // IP addresses are in IP SANs, which Cert does not hold
	}
	for _, n := range names {
		n = strings.ToLower(strings.TrimSuffix(n, "."))
		if n == host {
			return true
		}
		if rest, ok := strings.CutPrefix(n, "*."); ok {
			if _, after, found := strings.Cut(host, "."); found && after == rest && rest != "" {
				return true
			}
		}
	}
	return false
}
