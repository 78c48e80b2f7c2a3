package dnstest

import (
	"crypto"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// Signing says how Sign makes a zone.
type Signing int

// The ways to sign a zone.
const (
	// Signed publishes a DNSKEY, signs every RRset with it and has the
	// signed parent zone publish the DS: a secure delegation.
	Signed Signing = iota
	// Unsigned makes a zone cut without a DS: everything at and below
	// the apex is insecure even under a signed parent.
	Unsigned
	// BogusSignatures publishes a DNSKEY and its DS but signs with
	// another key, so that no signature verifies: a bogus zone.
	BogusSignatures
)

// zoneKeys are the keys of a zone made with Sign.
type zoneKeys struct {
	apex      string
	how       Signing
	published *dns.DNSKEY   // the DNSKEY the zone serves and the DS names
	signer    crypto.Signer // what signs: the published key's, or another (BogusSignatures)
	signKey   *dns.DNSKEY   // the key of signer, for RRSIG key tags
}

// security is what a validating resolver concludes about data.
type security int

const (
	insecure security = iota
	secure
	bogus
)

// Sign makes apex a zone of its own, signed as how says. The server then
// serves its DNSKEY, an RRSIG (ECDSA P-256) over every RRset of the zone
// when the query sets the DO bit, and a DS for it from its closest signed
// parent zone. Sign the zones from the root down or in any order:
// signatures are made per answer.
func (s *Server) Sign(t testing.TB, apex string, how Signing) {
	t.Helper()
	apex = canonical(apex)
	zk := &zoneKeys{apex: apex, how: how}
	if how != Unsigned {
		var err error
		if zk.published, zk.signer, err = newKey(apex); err != nil {
			t.Fatalf("dnstest: key for %s: %v", apex, err)
		}
		zk.signKey = zk.published
		if how == BogusSignatures {
			if zk.signKey, zk.signer, err = newKey(apex); err != nil {
				t.Fatalf("dnstest: key for %s: %v", apex, err)
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.zones[apex] = zk
	for off, end := 0, false; !end; off, end = dns.NextLabel(apex, off) {
		s.exist[apex[off:]] = true
	}
}

func newKey(apex string) (*dns.DNSKEY, crypto.Signer, error) {
	k := &dns.DNSKEY{
		Hdr:       dns.RR_Header{Name: apex, Rrtype: dns.TypeDNSKEY, Class: dns.ClassINET, Ttl: 3600},
		Flags:     257, // zone key, secure entry point
		Protocol:  3,
		Algorithm: dns.ECDSAP256SHA256,
	}
	priv, err := k.Generate(256)
	if err != nil {
		return nil, nil, err
	}
	signer, ok := priv.(crypto.Signer)
	if !ok {
		return nil, nil, errors.New("generated key cannot sign")
	}
	return k, signer, nil
}

// Validate makes the server answer as a validating resolver whose trust
// anchor is the key of the signed zone anchor (usually "."): it verifies
// the chain of DS and DNSKEY records down from the anchor and the RRSIG of
// every RRset of an answer with github.com/miekg/dns, and then sets the AD
// bit on secure answers to queries with DO or AD set, answers SERVFAIL
// with the Extended DNS Error "DNSSEC Bogus" (RFC 8914) for bogus data
// unless the query sets CD, and leaves AD clear on insecure answers.
// Negative answers from a secure zone count as secure: the server proves
// no denial of existence (it serves no NSEC records). Without Validate the
// server never sets AD, like a resolver that does not validate.
func (s *Server) Validate(anchor string) {
	s.mu.Lock()
	s.anchor = canonical(anchor)
	s.mu.Unlock()
}

// zoneOf returns the closest zone made with Sign that holds name, nil when
// none does. The caller holds s.mu.
func (s *Server) zoneOf(name string) *zoneKeys {
	for off, end := 0, false; !end; off, end = dns.NextLabel(name, off) {
		if zk := s.zones[name[off:]]; zk != nil {
			return zk
		}
	}
	return s.zones["."]
}

// parentZone returns the zone holding the delegation of zk, nil for the
// root or a zone without a parent made with Sign.
func (s *Server) parentZone(zk *zoneKeys) *zoneKeys {
	if zk.apex == "." {
		return nil
	}
	off, end := dns.NextLabel(zk.apex, 0)
	if end {
		return s.zoneOf(".")
	}
	return s.zoneOf(zk.apex[off:])
}

// dnssecRecords answers the DNSKEY of a zone apex and the DS of a
// delegation, which Sign's keys stand for; ok is false for other questions.
func (s *Server) dnssecRecords(name string, qtype uint16) ([]dns.RR, bool) {
	zk := s.zones[name]
	if zk == nil || zk.how == Unsigned {
		return nil, false
	}
	switch qtype {
	case dns.TypeDNSKEY:
		return []dns.RR{dns.Copy(zk.published)}, true
	case dns.TypeDS:
		if s.parentZone(zk) == nil {
			return nil, false
		}
		return []dns.RR{zk.published.ToDS(dns.SHA256)}, true
	}
	return nil, false
}

// sign returns the RRSIG of zone zk over rrset.
func sign(zk *zoneKeys, rrset []dns.RR) (*dns.RRSIG, error) {
	now := time.Now()
	sig := &dns.RRSIG{
		Hdr:        dns.RR_Header{Ttl: rrset[0].Header().Ttl},
		Algorithm:  zk.signKey.Algorithm,
		KeyTag:     zk.signKey.KeyTag(),
		SignerName: zk.apex,
		Inception:  uint32(now.Add(-time.Hour).Unix()),
		Expiration: uint32(now.Add(24 * time.Hour).Unix()),
	}
	if err := sig.Sign(zk.signer, rrset); err != nil {
		return nil, fmt.Errorf("signing %s %s: %w", rrset[0].Header().Name, dns.TypeToString[rrset[0].Header().Rrtype], err)
	}
	return sig, nil
}

// signedBy returns the zone whose key signs rrset: the parent's for a DS,
// else the zone holding the owner name; nil when that zone is unsigned.
func (s *Server) signedBy(rrset []dns.RR) *zoneKeys {
	h := rrset[0].Header()
	zk := s.zoneOf(canonical(h.Name))
	if h.Rrtype == dns.TypeDS && zk != nil && zk.apex == canonical(h.Name) {
		zk = s.parentZone(zk)
	}
	if zk == nil || zk.how == Unsigned {
		return nil
	}
	return zk
}

// verify checks rrset and its RRSIG as a validator does: the signing
// zone's chain of trust from the anchor, then the signature with the
// zone's published DNSKEY.
func (s *Server) verify(rrset []dns.RR, sig *dns.RRSIG) security {
	zk := s.signedBy(rrset)
	if zk == nil {
		return insecure
	}
	st := s.chain(zk, 0)
	if st != secure {
		return st
	}
	if sig == nil || sig.Verify(zk.published, rrset) != nil || !sig.ValidityPeriod(time.Now()) {
		return bogus
	}
	return secure
}

// chain returns the security of zone zk: secure when its DNSKEY RRset is
// signed by the key that the anchor is, or that a secure DS in its parent
// names.
func (s *Server) chain(zk *zoneKeys, depth int) security {
	if zk.how == Unsigned || depth > 32 {
		return insecure
	}
	keys := []dns.RR{zk.published}
	sig, err := sign(zk, keys)
	if err != nil || sig.Verify(zk.published, keys) != nil {
		return bogus // the zone's own key set does not verify
	}
	if zk.apex == s.anchor {
		return secure
	}
	parent := s.parentZone(zk)
	if parent == nil {
		return insecure // no chain to the anchor: an island
	}
	if st := s.chain(parent, depth+1); st != secure {
		return st
	}
	ds := []dns.RR{zk.published.ToDS(dns.SHA256)}
	dsSig, err := sign(parent, ds)
	if err != nil || dsSig.Verify(parent.published, ds) != nil {
		return bogus
	}
	return secure
}

// secure signs the answer m to r when r sets the DO bit, and with
// Validate judges it as a validating resolver: AD on secure answers,
// SERVFAIL for bogus ones unless r sets CD, whose Extended DNS Error it
// returns. The caller holds s.mu.
func (s *Server) secure(r, m *dns.Msg) *dns.EDNS0_EDE {
	opt := r.IsEdns0()
	do := opt != nil && opt.Do()
	var isBogus, isInsecure bool
	worse := func(st security) {
		isBogus = isBogus || st == bogus
		isInsecure = isInsecure || st == insecure
	}
	var signed []dns.RR
	for _, set := range rrsets(m.Answer) {
		signed = append(signed, set...)
		var sig *dns.RRSIG
		if zk := s.signedBy(set); zk != nil {
			sig, _ = sign(zk, set)
			if sig != nil && do {
				signed = append(signed, sig)
			}
		}
		worse(s.verify(set, sig))
	}
	m.Answer = signed
	if len(m.Answer) == 0 || m.Answer[len(m.Answer)-1].Header().Rrtype == dns.TypeCNAME || m.Rcode == dns.RcodeNameError {
		// A negative answer is as secure as the zone it comes from.
		name := canonical(r.Question[0].Name)
		if n := len(m.Answer); n > 0 {
			name = canonical(m.Answer[n-1].(*dns.CNAME).Target)
		}
		if zk := s.zoneOf(name); zk != nil {
			worse(s.chain(zk, 0))
		} else {
			worse(insecure)
		}
	}
	if s.anchor == "" {
		return nil
	}
	switch {
	case !isBogus && !isInsecure && (do || r.AuthenticatedData):
		m.AuthenticatedData = true
	case isBogus && !r.CheckingDisabled:
		m.Answer, m.Ns, m.Extra = nil, nil, nil
		m.Authoritative = false
		m.Rcode = dns.RcodeServerFailure
		return &dns.EDNS0_EDE{InfoCode: dns.ExtendedErrorCodeDNSBogus, ExtraText: "signature of " + r.Question[0].Name + " does not verify"}
	}
	return nil
}

// rrsets splits an answer section into its RRsets, in order.
func rrsets(rrs []dns.RR) [][]dns.RR {
	var out [][]dns.RR
	for _, rr := range rrs {
		h := rr.Header()
		if n := len(out); n > 0 {
			last := out[n-1][0].Header()
			if last.Rrtype == h.Rrtype && canonical(last.Name) == canonical(h.Name) {
				out[n-1] = append(out[n-1], rr)
				continue
			}
		}
		out = append(out, []dns.RR{rr})
	}
	return out
}
