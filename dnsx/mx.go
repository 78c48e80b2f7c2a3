package dnsx

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"sync"

	"github.com/miekg/dns"
)

// Bounds on what one lookup follows, so that a hostile zone cannot make a
// probe ask endless questions or hold endless addresses.
const (
	// MaxMX caps the MX records followed; those with the highest
	// preference values are left out (counted in MXResult.OmittedMX).
	MaxMX = 16
	// MaxAddresses caps the addresses kept per host: AAAA first, then A,
	// each family keeping at least half the places when it has that many
	// (the rest are counted in MX.OmittedAddresses).
	MaxAddresses = 8
	// MaxCNAMEChain caps the CNAMEs followed from one name.
	MaxCNAMEChain = 8
)

// NoAddresses is MX.Err for a host that has no A or AAAA records; when the
// name does not exist at all, " (NXDOMAIN)" follows.
const NoAddresses = "no A or AAAA records"

// ErrNoAddresses is returned by LookupHost for a name without A or AAAA
// records.
var ErrNoAddresses = errors.New(NoAddresses)

// LookupMX finds the mail exchangers of domain and their addresses (RFC
// 5321 section 5.1): MX records sorted by preference, equal preferences in
// random order, each host resolved to AAAA and A records concurrently; a
// null MX (RFC 7505) or an implicit MX when the domain has addresses but no
// MX. NXDOMAIN, empty answers and broken MX hosts are facts in the result;
// the error is set only when the resolver failed (a *ResolverError:
// SERVFAIL, REFUSED, timeout, network error), the domain's own CNAME chain
// loops or is longer than MaxCNAMEChain, or the domain cannot be asked
// about, and the result then holds the queries made so far.
func (r *Resolver) LookupMX(ctx context.Context, domain string) (res MXResult, err error) {
	res.Domain = strings.ToLower(trimDot(domain))
	name, err := fqdn(domain)
	if err != nil {
		return res, err
	}
	cfg, err := r.config()
	if err != nil {
		return res, err
	}
	s := &session{config: cfg}
	defer func() { res.Queries = s.recorded() }()

	mx, err := s.resolve(ctx, name, dns.TypeMX)
	if err != nil {
		return res, wrapChainErr("MX", name, err)
	}
	res.CNAME = mx.cname
	switch {
	case mx.nx:
		res.NXDomain = true
		return res, nil
	case len(mx.rrs) == 0:
		return s.implicitMX(ctx, res, name)
	}

	res.MX, res.OmittedMX = sortMX(mx.rrs)
	if len(res.MX) == 1 && res.MX[0].Host == "." && res.MX[0].Preference == 0 && res.OmittedMX == 0 {
		res.MX, res.NullMX = nil, true
		return res, nil
	}
	var wg sync.WaitGroup
	for i := range res.MX {
		wg.Go(func() { s.resolveMX(ctx, &res.MX[i]) })
	}
	wg.Wait()
	return res, nil
}

// implicitMX handles a domain without MX records: its own addresses, if
// any, make it the single MX with preference 0.
func (s *session) implicitMX(ctx context.Context, res MXResult, name string) (MXResult, error) {
	h := s.addresses(ctx, name)
	if len(h.addrs) == 0 {
		return res, h.err
	}
	res.ImplicitMX = true
	res.MX = []MX{{Host: res.Domain, Addresses: h.addrs, OmittedAddresses: h.omitted}}
	return res, nil
}

// LookupHost returns the addresses of name, AAAA then A, at most
// MaxAddresses, for --server HOST; an IP address is returned as it is,
// without DNS. A name without addresses gives an error wrapping
// ErrNoAddresses; a resolver failure a *ResolverError.
func (r *Resolver) LookupHost(ctx context.Context, name string) ([]netip.Addr, []Query, error) {
	if addr, ok := ipLiteral(name); ok {
		return []netip.Addr{addr}, nil, nil
	}
	fq, err := fqdn(name)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := r.config()
	if err != nil {
		return nil, nil, err
	}
	s := &session{config: cfg}
	h := s.addresses(ctx, fq)
	switch {
	case len(h.addrs) > 0:
		return h.addrs, s.recorded(), nil
	case h.err != nil:
		return nil, s.recorded(), h.err
	}
	return nil, s.recorded(), fmt.Errorf("%s: %w", trimDot(fq), ErrNoAddresses)
}

// sortMX turns MX records into the order a sender tries them, dropping
// duplicate hosts (keeping the lowest preference) and those beyond MaxMX.
func sortMX(rrs []dns.RR) ([]MX, int) {
	list := make([]MX, 0, len(rrs))
	for _, rr := range rrs {
		mx, ok := rr.(*dns.MX)
		if !ok {
			continue
		}
		host := strings.ToLower(trimDot(mx.Mx))
		list = append(list, MX{Host: host, Preference: mx.Preference})
	}
	slices.SortStableFunc(list, func(a, b MX) int { return cmp.Compare(a.Preference, b.Preference) })
	seen := map[string]bool{}
	list = slices.DeleteFunc(list, func(m MX) bool {
		dup := seen[m.Host]
		seen[m.Host] = true
		return dup
	})
	// RFC 5321 section 5.1: hosts of equal preference in random order, to
	// spread the load.
	for i := 0; i < len(list); {
		j := i + 1
		for j < len(list) && list[j].Preference == list[i].Preference {
			j++
		}
		group := list[i:j]
		rand.Shuffle(len(group), func(a, b int) { group[a], group[b] = group[b], group[a] })
		i = j
	}
	if len(list) > MaxMX {
		return list[:MaxMX:MaxMX], len(list) - MaxMX
	}
	return list, 0
}

// resolveMX fills in the addresses of one MX host.
func (s *session) resolveMX(ctx context.Context, mx *MX) {
	if mx.Host == "." {
		mx.Err, mx.Problem = `null MX (".") among other MX records`, MXNullAmongOthers
		return
	}
	if addr, ok := ipLiteral(mx.Host); ok {
		mx.IPLiteral = true
		mx.Addresses = []netip.Addr{addr}
		return
	}
	name, err := fqdn(mx.Host)
	if err != nil {
		mx.Err, mx.Problem = err.Error(), MXInvalidName
		return
	}
	h := s.addresses(ctx, name)
	mx.Addresses, mx.OmittedAddresses, mx.CNAME = h.addrs, h.omitted, h.cname
	switch {
	case len(h.addrs) > 0:
	case errors.Is(h.err, ErrCNAME):
		mx.Err, mx.Problem = h.err.Error(), MXBrokenCNAME
	case errors.Is(h.err, ErrNoSlot):
		mx.Err, mx.Problem = h.err.Error(), MXQueued
	case h.err != nil:
		mx.Err, mx.Problem = h.err.Error(), MXResolverFailed
	case h.nx:
		mx.Err, mx.Problem = NoAddresses+" (NXDOMAIN)", MXNXDomain
	default:
		mx.Err, mx.Problem = NoAddresses, MXNoAddresses
	}
}

// hostAddrs is what the AAAA and A lookups of a host found.
type hostAddrs struct {
	addrs   []netip.Addr // AAAA then A, capped
	omitted int          // beyond MaxAddresses
	cname   string       // canonical name when the host is an alias
	nx      bool         // the name does not exist
	err     error        // a failure of either lookup
}

// addresses asks for the AAAA and A records of name at the same time.
func (s *session) addresses(ctx context.Context, name string) hostAddrs {
	var v6, v4 resolved
	var err6, err4 error
	var wg sync.WaitGroup
	wg.Go(func() { v6, err6 = s.resolve(ctx, name, dns.TypeAAAA) })
	wg.Go(func() { v4, err4 = s.resolve(ctx, name, dns.TypeA) })
	wg.Wait()

	var h hostAddrs
	h.addrs, h.omitted = capAddrs(addrsOf(v6.rrs), addrsOf(v4.rrs))
	h.cname = cmp.Or(v6.cname, v4.cname)
	h.nx = v6.nx && v4.nx
	h.err = cmp.Or(wrapChainErr("A", name, err4), wrapChainErr("AAAA", name, err6))
	return h
}

// capAddrs orders AAAA before A and keeps at most MaxAddresses, each family
// keeping at least half the places when it has that many.
func capAddrs(v6, v4 []netip.Addr) ([]netip.Addr, int) {
	n4 := min(len(v4), max(MaxAddresses/2, MaxAddresses-len(v6)))
	n6 := min(len(v6), MaxAddresses-n4)
	out := make([]netip.Addr, 0, n6+n4)
	out = append(out, v6[:n6]...)
	out = append(out, v4[:n4]...)
	return out, len(v6) + len(v4) - n6 - n4
}

// addrsOf extracts the distinct addresses of A and AAAA records.
func addrsOf(rrs []dns.RR) []netip.Addr {
	var out []netip.Addr
	for _, rr := range rrs {
		var ip []byte
		switch rr := rr.(type) {
		case *dns.A:
			ip = rr.A.To4()
		case *dns.AAAA:
			ip = rr.AAAA.To16()
		}
		addr, ok := netip.AddrFromSlice(ip)
		if ok && !slices.Contains(out, addr) {
			out = append(out, addr)
		}
	}
	return out
}

// resolved is the answer to a question after following CNAMEs.
type resolved struct {
	rrs   []dns.RR // records of the asked type at the canonical name
	cname string   // the canonical name, without the final dot, when name is an alias
	nx    bool     // the (canonical) name does not exist
}

// ErrCNAME is wrapped by the errors of a CNAME chain that loops or is
// longer than MaxCNAMEChain. They are the zone's fault, not the resolver's:
// no sender can deliver to such a name.
var ErrCNAME = errors.New("CNAME")

// resolve asks for qtype at name, following CNAMEs in the answer, and asks
// again for the last alias when a server stops at it (as authoritative
// servers do for names outside their zones), at most MaxCNAMEChain times.
func (s *session) resolve(ctx context.Context, name string, qtype uint16) (resolved, error) {
	var res resolved
	cur := name
	seen := map[string]bool{dns.CanonicalName(name): true}
	for {
		a, err := s.query(ctx, cur, qtype)
		if err != nil {
			return res, err
		}
		advanced := false
		for {
			if rrs := recordsAt(a.rrs, cur, qtype); len(rrs) > 0 {
				res.rrs = rrs
				return res, nil
			}
			target, ok := cnameAt(a.rrs, cur)
			if !ok {
				break
			}
			if seen[dns.CanonicalName(target)] {
				return res, fmt.Errorf("%w loop at %s", ErrCNAME, trimDot(target))
			}
			if len(seen) > MaxCNAMEChain {
				return res, fmt.Errorf("%w chain longer than %d", ErrCNAME, MaxCNAMEChain)
			}
			seen[dns.CanonicalName(target)] = true
			cur, advanced = target, true
			res.cname = strings.ToLower(trimDot(target))
		}
		if !advanced {
			res.nx = a.rcode == dns.RcodeNameError
			return res, nil
		}
	}
}

// recordsAt returns the records of type qtype owned by name.
func recordsAt(rrs []dns.RR, name string, qtype uint16) []dns.RR {
	var out []dns.RR
	for _, rr := range rrs {
		h := rr.Header()
		if h.Rrtype == qtype && strings.EqualFold(h.Name, name) {
			out = append(out, rr)
		}
	}
	return out
}

// cnameAt returns the target of the CNAME owned by name.
func cnameAt(rrs []dns.RR, name string) (string, bool) {
	for _, rr := range rrs {
		if c, ok := rr.(*dns.CNAME); ok && strings.EqualFold(c.Hdr.Name, name) {
			return dns.Fqdn(c.Target), true
		}
	}
	return "", false
}

// wrapChainErr names the question in a CNAME failure; resolver failures
// name it already.
func wrapChainErr(qtype, name string, err error) error {
	if errors.Is(err, ErrCNAME) {
		return fmt.Errorf("%s %s: %w", qtype, trimDot(name), err)
	}
	return err
}

// fqdn checks that domain can be asked about and makes it fully qualified.
func fqdn(domain string) (string, error) {
	if domain == "" || domain == "." {
		return "", errors.New("empty domain name")
	}
	// Host names are letters, digits and hyphens (RFC 1123), and
	// underscores appear in the wild; anything else, such as the escaped
	// bytes miekg/dns shows for odd labels, is refused rather than asked.
	for _, c := range []byte(domain) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return "", fmt.Errorf("invalid domain name %q", domain)
		}
	}
	name := dns.Fqdn(domain)
	if _, ok := dns.IsDomainName(name); !ok {
		return "", fmt.Errorf("invalid domain name %q", domain)
	}
	return name, nil
}

// ipLiteral recognises an exchange or host written as an IP address,
// "192.0.2.1", "2001:db8::1" or bracketed as in an address literal.
func ipLiteral(host string) (netip.Addr, bool) {
	host = strings.TrimSuffix(host, ".")
	if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = strings.TrimPrefix(host[1:len(host)-1], "IPv6:")
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return addr.WithZone("").Unmap(), true
}
