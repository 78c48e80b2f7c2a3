package dnsx

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/miekg/dns"
)

// Bounds on the DNSSEC facts, against a hostile resolver.
const (
	// MaxEDE caps the Extended DNS Errors kept per answer.
	MaxEDE = 4
	// MaxEDEText caps the length of an Extended DNS Error's text.
	MaxEDEText = 200
)

// SelfTestName is the name whose SOA record the DNSSEC self-test asks
// for: the root zone is signed, and every validating resolver holds its
// trust anchor, so a validating resolver sets AD on the answer.
const SelfTestName = "."

// EDE is an Extended DNS Error (RFC 8914) that came with an answer.
type EDE struct {
	Code uint16 // the INFO-CODE, such as 6 for "DNSSEC Bogus"
	Text string // EXTRA-TEXT, "" when none; cut to MaxEDEText
}

// String returns "DNSSEC Bogus (6)" or "DNSSEC Bogus (6): text".
func (e EDE) String() string {
	name, ok := dns.ExtendedErrorCodeToString[e.Code]
	if !ok {
		name = "EDE"
	}
	s := name + " (" + strconv.Itoa(int(e.Code)) + ")"
	if e.Text != "" {
		s += ": " + e.Text
	}
	return s
}

// extendedErrors returns the Extended DNS Errors of r, bounded.
func extendedErrors(r *dns.Msg) []EDE {
	opt := r.IsEdns0()
	if opt == nil {
		return nil
	}
	var out []EDE
	for _, o := range opt.Option {
		e, ok := o.(*dns.EDNS0_EDE)
		if !ok || len(out) == MaxEDE {
			continue
		}
		text := strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f {
				return -1
			}
			return r
		}, e.ExtraText)
		if len(text) > MaxEDEText {
			text = text[:MaxEDEText]
		}
		out = append(out, EDE{Code: e.InfoCode, Text: text})
	}
	return out
}

// NameSecurity is what the resolver's answers say about the DNSSEC status
// of one name and type.
type NameSecurity struct {
	Name  string // without the final dot ("." for the root)
	Type  string // "MX", "A", "AAAA", "SOA", "TLSA", ...
	Rcode string // of the last answer; "" when none came
	// AD is the answer's AD bit: the resolver validated the data, which
	// is then authentic when the resolver validates (DNSSEC).
	AD bool
	// Bogus says the resolver answered SERVFAIL and the same question
	// with the CD bit (checking disabled) got an answer: the data exists
	// but fails validation, and no validating resolver will use it.
	Bogus bool
	EDE   []EDE  // Extended DNS Errors (RFC 8914) of the last answer
	Err   string // why no answer came, "" when one did
	// Queued says the question was never sent: its time ran out while
	// the run's other queries held every slot of the QueryLimit
	// (ErrNoSlot). Nothing is known of the name or against the resolver.
	Queued bool
}

// DNSSEC holds the DNSSEC facts of a domain's mail DNS.
type DNSSEC struct {
	// ResolverValidates says the resolver set the AD bit on the signed
	// SelfTestName: it validates, so its AD bits mean something.
	ResolverValidates bool
	// SelfTest is the answer to the self-test.
	SelfTest NameSecurity
	// Names are the names and types of the lookup, in the order first
	// asked: the domain's MX, then each MX host's addresses.
	Names []NameSecurity
	// Queries are the questions CheckDNSSEC asked: the self-test and the
	// CD retries.
	Queries []Query
}

// SelfTestFailed says the self-test got no usable answer: none came, or
// the resolver answered SERVFAIL or REFUSED. Whether the resolver
// validates is then unknown, not "no".
func (d DNSSEC) SelfTestFailed() bool {
	switch d.SelfTest.Rcode {
	case "", "SERVFAIL", "REFUSED":
		return true
	}
	return false
}

// CheckDNSSEC gathers the DNSSEC facts of a lookup whose queries are
// given (MXResult.Queries): it asks the resolver for the SOA of
// SelfTestName to learn whether it validates, takes the AD bit, rcode and
// Extended DNS Errors of each name and type asked, and asks each question
// that got SERVFAIL again with the CD bit to tell bogus data from a broken
// server. The error is set only when the resolver has no configuration.
func (r *Resolver) CheckDNSSEC(ctx context.Context, lookup []Query) (DNSSEC, error) {
	cfg, err := r.config()
	if err != nil {
		return DNSSEC{}, err
	}
	s := &session{config: cfg}
	var d DNSSEC
	d.SelfTest = s.security(ctx, SelfTestName, dns.TypeSOA)
	d.ResolverValidates = d.SelfTest.AD
	seen := map[string]int{}
	for _, q := range lookup {
		if q.Truncated || q.CD {
			continue // the TCP retry follows; CD answers are not the resolver's verdict
		}
		key := dns.CanonicalName(q.Name) + " " + q.Type
		ns := NameSecurity{Name: trimDot(q.Name), Type: q.Type, Rcode: q.Rcode, AD: q.AD, EDE: q.EDE, Err: q.Err}
		if i, ok := seen[key]; ok {
			d.Names[i] = ns
			continue
		}
		seen[key] = len(d.Names)
		d.Names = append(d.Names, ns)
	}
	// The lookup asks concurrently, so the order answered changes from
	// run to run; the facts go in one order: the MX questions as asked
	// (the domain's, then a CNAME target's), then the rest by name and
	// type. With the MX lookup skipped (--server) that makes the server's
	// A answer, not whichever came first, the Primary one.
	slices.SortStableFunc(d.Names, func(a, b NameSecurity) int {
		if a.Type == "MX" || b.Type == "MX" {
			return cmp.Compare(mxLast(a), mxLast(b))
		}
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Type, b.Type))
	})
	for i, ns := range d.Names {
		if ns.Rcode == "SERVFAIL" {
			d.Names[i].Bogus = s.bogus(ctx, ns.Name, ns.Type)
		}
	}
	d.Queries = s.recorded()
	return d, nil
}

// mxLast is 0 for an MX question and 1 for any other, to sort MX first.
func mxLast(ns NameSecurity) int {
	if ns.Type == "MX" {
		return 0
	}
	return 1
}

// security asks for name and qtype and records what the answer says.
func (s *session) security(ctx context.Context, name string, qtype uint16) NameSecurity {
	fq, err := fqdnOrRoot(name)
	ns := NameSecurity{Name: trimDot(name), Type: typeString(qtype)}
	if err != nil {
		ns.Err = err.Error()
		return ns
	}
	a, err := s.ask(ctx, fq, qtype)
	ns.Queued = errors.Is(err, ErrNoSlot)
	var re *ResolverError
	if errors.As(err, &re) {
		ns.Rcode, ns.EDE = re.Rcode, re.EDE
		if re.Err != nil {
			ns.Err = re.Err.Error()
		}
		if re.Rcode == "SERVFAIL" {
			ns.Bogus = s.bogus(ctx, name, ns.Type)
		}
		return ns
	}
	if err != nil {
		ns.Err = err.Error()
		return ns
	}
	ns.Rcode, ns.AD, ns.EDE = rcodeString(a.rcode), a.ad, a.ede
	return ns
}

// bogus asks for name and type with the CD bit: an answer means the
// resolver could fetch the data and failed only to validate it.
func (s *session) bogus(ctx context.Context, name, qtype string) bool {
	t, ok := dns.StringToType[qtype]
	fq, err := fqdnOrRoot(name)
	if !ok || err != nil || len(s.servers) == 0 {
		return false
	}
	for _, server := range s.servers {
		if _, err := s.askServer(ctx, server, fq, t, true); err == nil {
			return true
		}
	}
	return false
}

// fqdnOrRoot is fqdn, which also takes the root.
func fqdnOrRoot(name string) (string, error) {
	if name == "." {
		return name, nil
	}
	return fqdn(name)
}

// Answer returns what the resolver said to the question of name and
// qtype ("MX"), if it was asked.
func (d *DNSSEC) Answer(name, qtype string) (NameSecurity, bool) {
	for _, ns := range d.Names {
		if ns.Type == qtype && strings.EqualFold(ns.Name, trimDot(name)) {
			return ns, true
		}
	}
	return NameSecurity{}, false
}

// Authentic reports whether the resolver set the AD bit on every answer
// among qs (a lookup's queries; a truncated UDP answer counts by its TCP
// retry): the data was validated, as far as the resolver is trusted.
func Authentic(qs []Query) bool {
	n := 0
	for _, q := range qs {
		if q.Truncated || q.CD {
			continue
		}
		if !q.AD {
			return false
		}
		n++
	}
	return n > 0
}

// Primary returns the answer that says whether domain is signed: its MX
// answer, or with the MX lookup skipped (--server) the first name asked.
func (d *DNSSEC) Primary(domain string) (NameSecurity, bool) {
	if ns, ok := d.Answer(domain, "MX"); ok {
		return ns, true
	}
	if len(d.Names) > 0 {
		return d.Names[0], true
	}
	return NameSecurity{}, false
}
