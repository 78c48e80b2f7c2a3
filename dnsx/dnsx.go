// Package dnsx finds the mail exchangers of a domain with github.com/miekg/dns.
//
// It implements the parts of RFC 5321 section 5.1 that a sender follows: MX
// records sorted by preference (equal preferences shuffled), the implicit MX
// when a domain has an address but no MX, and RFC 7505 null MX. Every query's
// name, type, rcode and duration is kept so that the report can show how the
// answer was reached. Lookup asks any other question the checks need (TXT
// for SPF, DMARC and DKIM, A for blocklists) and LookupReverse finds an
// address's PTR names and whether they resolve back to it. The x in the
// name only avoids a clash with package dns.
//
// # Queries
//
// Each question goes over UDP with EDNS0 (UDPSize) and recursion desired,
// and again over TCP when the answer is truncated. Servers are asked in
// order, Attempts rounds over the list, each attempt bounded by Timeout and
// by the context. Over UDP a response whose ID or question does not match,
// or that does not parse, is ignored and the wait goes on, as stub
// resolvers do against spoofing.
//
// # Errors
//
// NXDOMAIN, empty answers, null MX and MX hosts without addresses are facts
// in the MXResult, not errors. LookupMX returns an error only when the
// resolver failed for the domain itself: a *ResolverError names the server
// and the question, and tells a failure code (SERVFAIL, REFUSED) from no
// answer (Timeout). A CNAME loop or overlong chain at the domain itself is
// an error too, naming the question. A failure while resolving one MX host
// is that MX's Err.
//
// # Bounds
//
// MaxMX, MaxAddresses, MaxCNAMEChain and MaxAttempts cap what one lookup
// follows; what is left out is counted (MXResult.OmittedMX,
// MX.OmittedAddresses). A Cache is capped by MaxCacheEntries and
// MaxCacheTTL.
package dnsx

import (
	"net/netip"
	"time"
)

// Resolver asks DNS servers. Its zero value reads the servers, timeout and
// attempts from /etc/resolv.conf.
type Resolver struct {
	// Servers are "host:port" addresses asked in order. Empty means the
	// nameservers of /etc/resolv.conf.
	Servers []string
	// Timeout bounds each query attempt. Zero means resolv.conf's timeout,
	// or 5s.
	Timeout time.Duration
	// Attempts is how many rounds over Servers a question gets before
	// giving up, as in resolv.conf: a SERVFAIL, REFUSED or silent server
	// passes the question to the next one. Zero means resolv.conf's
	// attempts, or 2; at most MaxAttempts. A lookup waits at most
	// Attempts x len(Servers) x Timeout per question, less when the
	// context's deadline comes first.
	Attempts int
	// ResolvConf is the file read when Servers is empty. Empty means
	// /etc/resolv.conf.
	ResolvConf string
	// Cache, when set, answers repeated questions without asking again and
	// lets concurrent lookups share one query. One Cache serves a whole run
	// of many targets. Nil means no caching.
	Cache *Cache
	// Limit, when set, caps the queries in flight at once over every
	// Resolver that shares it (DefaultMaxInFlight for a run of smtpprobe).
	// Nil means no cap.
	Limit *QueryLimit
}

// Query records one question asked and how it was answered.
type Query struct {
	Name     string        // the name asked, fully qualified
	Type     string        // "MX", "A", "AAAA", "CNAME"
	Server   string        // the server that answered or failed
	Rcode    string        // "NOERROR", "NXDOMAIN", "SERVFAIL", ... or "" when no answer came
	TCP      bool          // the answer came over TCP (after a truncated UDP answer)
	Duration time.Duration // time until the answer or the failure
	Err      string        // why no answer came, "" when one did
	// Truncated is set on a UDP answer with the TC bit; the next Query is
	// the same question over TCP.
	Truncated bool
	// Cached is set when the answer came from Resolver.Cache rather than
	// the network; Server, Rcode, TCP, AD and EDE are those of the
	// original answer.
	Cached bool
	// AD is the answer's AD bit: the resolver validated it with DNSSEC.
	// It means something only from a resolver that validates (see
	// CheckDNSSEC) and that the user chose, as Postfix trusts it.
	AD bool
	// CD is set on a question asked with the CD bit (checking disabled).
	CD bool
	// EDE are the Extended DNS Errors (RFC 8914) of the answer.
	EDE []EDE
}

// MX is one mail exchanger of a domain and what its name resolved to.
type MX struct {
	Host       string       // exchange name without the final dot
	Preference uint16       // lower is tried first
	Addresses  []netip.Addr // AAAA then A records, after following CNAMEs, at most MaxAddresses
	// OmittedAddresses counts the addresses beyond MaxAddresses left out.
	OmittedAddresses int
	// CNAME is the canonical name when Host is an alias. RFC 5321 section
	// 5.1 forbids MX records that point to aliases; many senders cope.
	CNAME string
	// IPLiteral is set when the exchange is written as an IP address, which
	// is not a host name (RFC 5321 section 5.1); senders may refuse it.
	IPLiteral bool
	// Err says why Host has no addresses, "" when it has some:
	// NoAddresses ("no A or AAAA records", with " (NXDOMAIN)" when the name
	// does not exist), a CNAME loop or overlong chain, or the resolver's
	// failure ("resolver 192.0.2.53:53: A mx1.example.com: SERVFAIL").
	Err string
	// Problem says, as a typed fact, what Err describes.
	Problem MXProblem
}

// MXProblem says why an MX host has no addresses to connect to.
type MXProblem int

const (
	// MXOK: the host has addresses (or is an IP literal).
	MXOK MXProblem = iota
	// MXNoAddresses: the name exists and has no A or AAAA records.
	MXNoAddresses
	// MXNXDomain: the name does not exist.
	MXNXDomain
	// MXResolverFailed: the resolver failed (SERVFAIL, a timeout, a local
	// error), so nothing is known of the name's addresses.
	MXResolverFailed
	// MXBrokenCNAME: the name is an alias whose chain loops or is too long.
	MXBrokenCNAME
	// MXInvalidName: the exchange is not a host name at all (spaces,
	// control bytes, escapes), so it was not asked about.
	MXInvalidName
	// MXNullAmongOthers: a null MX (".") stands among other MX records.
	MXNullAmongOthers
	// MXQueued: the address question was never sent: the lookup's time
	// ran out while the run's other queries held every slot of its
	// QueryLimit (ErrNoSlot). Nothing is known of the name or against
	// the resolver.
	MXQueued
)

// MXResult is what DNS says about where mail for a domain goes.
type MXResult struct {
	Domain     string // the domain asked about, A-label form, no final dot
	MX         []MX   // in the order a sender tries them
	NullMX     bool   // RFC 7505 "MX 0 .": the domain accepts no mail
	ImplicitMX bool   // no MX records; the domain's own address is used (RFC 5321 section 5.1)
	NXDomain   bool   // the domain does not exist
	// CNAME is the canonical name when Domain is an alias, which RFC 5321
	// section 5.1 allows; "" otherwise.
	CNAME string
	// OmittedMX counts the MX records beyond MaxMX left out (those with
	// the highest preference values).
	OmittedMX int
	// Queries are every question asked, in the order they were answered.
	Queries []Query
}
