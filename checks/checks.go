// Package checks names the checks a probe can run and parses the --checks
// list that selects them.
//
// A probe is a set of checks. The inbound group (smtp, dnssec, dane,
// mta-sts, tls-rpt, ptr) asks whether mail to a domain is delivered, and
// delivered securely; it is the default. The sender group (spf, dmarc,
// dkim) asks whether mail from a domain is accepted. dnsbl runs only when
// named.
package checks

import (
	"fmt"
	"strings"
)

// Name is the name of one check, as the --checks flag and the JSON "checks"
// objects spell it.
type Name string

// The checks, in the order reports list them.
const (
	SMTP   Name = "smtp"    // the SMTP dialogue and its TLS facts
	DNSSEC Name = "dnssec"  // the domain and its MX hosts resolve with validation
	DANE   Name = "dane"    // TLSA records match each MX address's certificate (RFC 7672)
	MTASTS Name = "mta-sts" // the MTA-STS policy and whether each MX passes it (RFC 8461)
	TLSRPT Name = "tls-rpt" // the TLS reporting record (RFC 8460)
	PTR    Name = "ptr"     // reverse DNS of each MX address
	SPF    Name = "spf"     // the sender domain's SPF record (RFC 7208)
	DMARC  Name = "dmarc"   // the sender domain's DMARC record (RFC 7489)
	DKIM   Name = "dkim"    // DKIM key records of the given selectors
	DNSBL  Name = "dnsbl"   // listings of the MX addresses and the sending IP on blocklists (RFC 5782)
	// SendingIP is not selected by --checks: it runs whenever
	// --sending-ip is given, and names its verdict and findings.
	SendingIP Name = "sending-ip" // PTR and forward confirmation of the --sending-ip address
)

// Set is a set of checks. The zero value is empty.
type Set uint32

// The bit of each check in a Set, in report order.
const (
	bitSMTP Set = 1 << iota
	bitDNSSEC
	bitDANE
	bitMTASTS
	bitTLSRPT
	bitPTR
	bitSPF
	bitDMARC
	bitDKIM
	bitDNSBL
	bitEnd // one past the last
)

// The groups of the --checks flag.
const (
	// Inbound is what decides whether mail to the domain is delivered,
	// and delivered securely: the default.
	Inbound = bitSMTP | bitDNSSEC | bitDANE | bitMTASTS | bitTLSRPT | bitPTR
	// Sender is what decides whether mail from the domain is accepted.
	Sender = bitSPF | bitDMARC | bitDKIM
	// All is Inbound and Sender; DNSBL runs only when named.
	All = Inbound | Sender
	// Default is the set run when --checks is not given.
	Default = Inbound
)

// Of returns the set of the given checks.
func Of(ns ...Name) Set {
	var s Set
	for _, n := range ns {
		s |= bit(n)
	}
	return s
}

func bit(n Name) Set {
	switch n {
	case SMTP:
		return bitSMTP
	case DNSSEC:
		return bitDNSSEC
	case DANE:
		return bitDANE
	case MTASTS:
		return bitMTASTS
	case TLSRPT:
		return bitTLSRPT
	case PTR:
		return bitPTR
	case SPF:
		return bitSPF
	case DMARC:
		return bitDMARC
	case DKIM:
		return bitDKIM
	case DNSBL:
		return bitDNSBL
	}
	return 0
}

// name is the inverse of bit for a single bit.
func name(b Set) Name {
	for _, n := range []Name{SMTP, DNSSEC, DANE, MTASTS, TLSRPT, PTR, SPF, DMARC, DKIM, DNSBL} {
		if bit(n) == b {
			return n
		}
	}
	return ""
}

// Has reports whether n is in s.
func (s Set) Has(n Name) bool { b := bit(n); return b != 0 && s&b != 0 }

// With returns s with the checks of t added.
func (s Set) With(t Set) Set { return s | t }

// Names returns the checks in s in report order.
func (s Set) Names() []Name {
	var out []Name
	for b := Set(1); b < bitEnd; b <<= 1 {
		if s&b != 0 {
			out = append(out, name(b))
		}
	}
	return out
}

// String returns the names in s, comma-separated, as Parse reads them.
func (s Set) String() string {
	var b strings.Builder
	for i, n := range s.Names() {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(string(n))
	}
	return b.String()
}

// NeedsMX reports whether a check of s needs the target's MX hosts: the
// dialogue, the per-host checks, DNSSEC of the MX answer, MTA-STS's MX
// coverage. The sender checks alone (spf, dmarc, dkim) do not.
func (s Set) NeedsMX() bool {
	return s&(bitSMTP|bitDNSSEC|bitDANE|bitMTASTS|bitPTR|bitDNSBL) != 0
}

// Known reports whether n names a check.
func Known(n Name) bool { return bit(n) != 0 }

// Parse reads the --checks list: comma-separated check names and groups
// ("inbound", "sender", "all"). Items written +NAME or -NAME add to or
// remove from what came before, starting from Default; a plain item adds
// to an empty set, so "spf,dmarc" is exactly those two and "+spf" is the
// default and spf. Items apply left to right. An unknown name, an empty
// item or a list that leaves no check selected is an error naming it.
func Parse(list string) (Set, error) { return ParseFrom(list, Default) }

// ParseFrom is Parse with another default set: the one that +NAME and
// -NAME change when every item is relative.
func ParseFrom(list string, def Set) (Set, error) {
	items := strings.Split(list, ",")
	var s Set
	relative := true
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it != "" && it[0] != '+' && it[0] != '-' {
			relative = false
		}
	}
	if relative {
		s = def
	}
	for _, it := range items {
		it = strings.TrimSpace(it)
		op := byte(0)
		if it != "" && (it[0] == '+' || it[0] == '-') {
			op, it = it[0], strings.TrimSpace(it[1:])
		}
		if it == "" {
			return 0, fmt.Errorf("empty check name in %q", list)
		}
		t, ok := lookup(it)
		if !ok {
			return 0, fmt.Errorf("unknown check %q (want %s, or a group: inbound, sender, all)", it, All.With(Of(DNSBL)))
		}
		if op == '-' {
			s &^= t
		} else {
			s |= t
		}
	}
	if s == 0 {
		return 0, fmt.Errorf("%q selects no check", list)
	}
	return s, nil
}

// lookup finds a check or group by name, ignoring case.
func lookup(name string) (Set, bool) {
	switch n := strings.ToLower(name); n {
	case "inbound":
		return Inbound, true
	case "sender":
		return Sender, true
	case "all":
		return All, true
	default:
		b := bit(Name(n))
		return b, b != 0
	}
}
