package dnsx

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"

	"github.com/miekg/dns"
)

// MaxPTR caps the PTR names of one address that are resolved forward.
const MaxPTR = 10

// Answer is the answer to one question after CNAMEs were followed.
type Answer struct {
	Name     string   // the name asked, lower case, without the final dot
	Records  []dns.RR // records of the asked type at the canonical name
	CNAME    string   // the canonical name when Name is an alias, without the final dot
	NXDomain bool     // the (canonical) name does not exist
	Queries  []Query  // every question asked, in the order answered
}

// Lookup asks for qtype at name, following CNAMEs as LookupMX does.
// NXDOMAIN and empty answers are facts in the Answer; the error is a
// *ResolverError when the resolver failed, wraps ErrCNAME when the chain
// loops or is too long, or says that name cannot be asked about. The
// Answer holds the queries made in every case.
func (r *Resolver) Lookup(ctx context.Context, name string, qtype uint16) (Answer, error) {
	ans := Answer{Name: strings.ToLower(trimDot(name))}
	fq, err := fqdn(name)
	if err != nil {
		return ans, err
	}
	cfg, err := r.config()
	if err != nil {
		return ans, err
	}
	s := &session{config: cfg}
	res, err := s.resolve(ctx, fq, qtype)
	ans.Queries = s.recorded()
	if err != nil {
		return ans, wrapChainErr(typeString(qtype), fq, err)
	}
	ans.Records, ans.CNAME, ans.NXDomain = res.rrs, res.cname, res.nx
	return ans, nil
}

// TXT returns the TXT records among rrs, each record's strings joined
// without separator as RFC 7208 section 3.3 and RFC 6376 section 3.6.2.2
// read them.
func TXT(rrs []dns.RR) []string {
	var out []string
	for _, rr := range rrs {
		if t, ok := rr.(*dns.TXT); ok {
			var b strings.Builder
			for _, s := range t.Txt {
				b.WriteString(unescapeTXT(s))
			}
			out = append(out, b.String())
		}
	}
	return out
}

// unescapeTXT turns a character-string as miekg/dns unpacks it, with
// bytes outside printable ASCII written \DDD and '"' and '\' escaped,
// back into the bytes the record holds, so that a parser sees what the
// zone published and not its presentation form.
func unescapeTXT(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b = append(b, c)
			continue
		}
		if i+3 < len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) {
			if n := int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0'); n < 256 {
				b = append(b, byte(n))
				i += 3
				continue
			}
		}
		i++
		b = append(b, s[i])
	}
	return string(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Addrs returns the distinct addresses of the A and AAAA records among
// rrs, in their order.
func Addrs(rrs []dns.RR) []netip.Addr { return addrsOf(rrs) }

// PTRName is one name an address's PTR records point to, and whether it
// resolves back to the address.
type PTRName struct {
	Name string // without the final dot, lower case
	// Addresses are the name's addresses of the family of the address
	// asked about (A for IPv4, AAAA for IPv6).
	Addresses []netip.Addr
	// Confirmed says Addresses holds the address whose PTR named it:
	// forward-confirmed reverse DNS (FCrDNS).
	Confirmed bool
	// Err says why the name could not be resolved forward (a resolver
	// failure or a CNAME problem); "" when it was, even to nothing.
	Err string
}

// Reverse is the reverse DNS of an address: its PTR names and whether each
// resolves back to it.
type Reverse struct {
	Addr     netip.Addr
	Names    []PTRName // at most MaxPTR, in the order of the PTR answer
	Omitted  int       // PTR names beyond MaxPTR, not resolved
	NXDomain bool      // the reverse name does not exist
	Queries  []Query
}

// FCrDNS reports whether some PTR name of the address resolves back to it.
func (rv Reverse) FCrDNS() bool {
	return slices.ContainsFunc(rv.Names, func(n PTRName) bool { return n.Confirmed })
}

// LookupReverse finds the PTR names of addr (in in-addr.arpa or ip6.arpa)
// and resolves each forward to see whether it names addr again, which is
// what receivers mean by forward-confirmed reverse DNS. Both the ptr check
// of an MX address and the sending-ip check use it. The error is set only
// when the PTR question itself failed; forward failures are PTRName.Err.
func (r *Resolver) LookupReverse(ctx context.Context, addr netip.Addr) (rv Reverse, err error) {
	addr = addr.Unmap().WithZone("")
	rv.Addr = addr
	if !addr.IsValid() {
		return rv, fmt.Errorf("invalid address")
	}
	arpa, err := dns.ReverseAddr(addr.String())
	if err != nil {
		return rv, fmt.Errorf("failed to build the reverse name of %s: %w", addr, err)
	}
	cfg, err := r.config()
	if err != nil {
		return rv, err
	}
	s := &session{config: cfg}
	defer func() { rv.Queries = s.recorded() }()
	res, err := s.resolve(ctx, arpa, dns.TypePTR)
	if err != nil {
		return rv, wrapChainErr("PTR", arpa, err)
	}
	rv.NXDomain = res.nx
	var names []string
	for _, rr := range res.rrs {
		if p, ok := rr.(*dns.PTR); ok {
			n := strings.ToLower(trimDot(p.Ptr))
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	if len(names) > MaxPTR {
		rv.Omitted = len(names) - MaxPTR
		names = names[:MaxPTR]
	}
	rv.Names = make([]PTRName, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		rv.Names[i].Name = n
		wg.Go(func() {
			pn := &rv.Names[i]
			fq, err := fqdn(n)
			if err != nil {
				pn.Err = err.Error()
				return
			}
			// Only the address's own family can confirm it, and all
			// of its records are read: a cap could hide the match.
			qtype := dns.TypeA
			if addr.Is6() {
				qtype = dns.TypeAAAA
			}
			res, err := s.resolve(ctx, fq, qtype)
			if err != nil {
				pn.Err = wrapChainErr(typeString(qtype), fq, err).Error()
				return
			}
			pn.Addresses = addrsOf(res.rrs)
			pn.Confirmed = slices.Contains(pn.Addresses, addr)
		})
	}
	wg.Wait()
	return rv, nil
}
