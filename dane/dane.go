// Package dane finds the TLSA records of an SMTP server (RFC 7672 with RFC
// 6698 and RFC 7671) and matches a certificate chain from a STARTTLS
// handshake against them, as a DANE sender does: DANE-EE(3) records match
// the server's own certificate or key and ignore its names and dates;
// DANE-TA(2) records match a trust anchor the server sends in its chain,
// which must then issue a valid certificate for the MX host name. PKIX
// usages (0 and 1) are unusable for SMTP (RFC 7672 section 3.1.3). It
// records facts and never judges.
package dane

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/smtpprobe/smtpprobe/dnsx"
)

// MaxRecords caps the TLSA records kept of one answer; the rest are
// counted in Facts.Omitted.
const MaxRecords = 32

// The fields of a TLSA record (RFC 6698 section 2.1, RFC 7218 names).
const (
	UsagePKIXTA  = 0
	UsagePKIXEE  = 1
	UsageDANETA  = 2
	UsageDANEEE  = 3
	SelectorCert = 0
	SelectorSPKI = 1
	MatchFull    = 0
	MatchSHA256  = 1
	MatchSHA512  = 2
)

// Record is one TLSA record.
type Record struct {
	Usage, Selector, MatchingType uint8
	Data                          []byte
}

// String returns the record's presentation form, "3 1 1 ab12...".
func (r Record) String() string {
	return fmt.Sprintf("%d %d %d %s", r.Usage, r.Selector, r.MatchingType, hex.EncodeToString(r.Data))
}

// Usable reports whether an SMTP sender uses the record (RFC 7672 section
// 3.1): DANE-TA or DANE-EE, a known selector and matching type, and data
// of the length the matching type needs.
func (r Record) Usable() bool {
	if r.Usage != UsageDANETA && r.Usage != UsageDANEEE || r.Selector > SelectorSPKI {
		return false
	}
	switch r.MatchingType {
	case MatchFull:
		return len(r.Data) > 0
	case MatchSHA256:
		return len(r.Data) == sha256.Size
	case MatchSHA512:
		return len(r.Data) == sha512.Size
	}
	return false
}

// ParseRecord reads a TLSA record's data in presentation form: usage,
// selector, matching type and the association data in hexadecimal, which
// may be split by white space.
func ParseRecord(s string) (Record, error) {
	f := strings.Fields(s)
	if len(f) < 4 {
		return Record{}, errors.New("want usage, selector, matching type and data")
	}
	var n [3]uint8
	for i := range n {
		v, err := strconv.ParseUint(f[i], 10, 8)
		if err != nil {
			return Record{}, fmt.Errorf("field %d %q is not a number from 0 to 255", i+1, f[i])
		}
		n[i] = uint8(v)
	}
	data, err := hex.DecodeString(strings.Join(f[3:], ""))
	if err != nil || len(data) == 0 {
		return Record{}, errors.New("association data is not hexadecimal")
	}
	return Record{Usage: n[0], Selector: n[1], MatchingType: n[2], Data: data}, nil
}

// Facts is what DNS says about the TLSA records of one MX host and port.
type Facts struct {
	// Name is the TLSA name the records came from, "_25._tcp.mx.example.com";
	// the CNAME-expanded host's when that has records (RFC 7672 section
	// 2.2.2), else the MX host's own.
	Name    string
	Records []Record // at most MaxRecords
	Omitted int      // records beyond MaxRecords
	// Authentic says the resolver validated the TLSA answer (its AD bit):
	// senders use the records only then.
	Authentic bool
	// Err says why the question got no answer: a failure is never a
	// missing record.
	Err string
	// Broken says Err is the zone's, not the resolver's: the name's
	// CNAME chain loops or is too long (dnsx.ErrCNAME).
	Broken bool
	// Queued says the question was never sent: its time ran out while
	// the run's other DNS queries held every slot (dnsx.ErrNoSlot).
	Queued  bool
	Queries []dnsx.Query
}

// Lookup asks for the TLSA records of host (an MX host name) and port.
// cname is the host's canonical name when it is an alias, "" otherwise:
// its TLSA name is tried first (RFC 7672 section 2.2.2).
func Lookup(ctx context.Context, r *dnsx.Resolver, host, cname string, port int) Facts {
	var f Facts
	names := []string{host}
	if cname != "" && !strings.EqualFold(cname, host) {
		names = []string{cname, host}
	}
	for _, n := range names {
		f = Facts{Queries: f.Queries}
		f.Name = "_" + strconv.Itoa(port) + "._tcp." + strings.TrimSuffix(strings.ToLower(n), ".")
		ans, err := r.Lookup(ctx, f.Name, dns.TypeTLSA)
		f.Queries = append(f.Queries, ans.Queries...)
		if err != nil {
			f.Err, f.Broken, f.Queued = err.Error(), errors.Is(err, dnsx.ErrCNAME), errors.Is(err, dnsx.ErrNoSlot)
			return f
		}
		for _, rr := range ans.Records {
			t, ok := rr.(*dns.TLSA)
			if !ok {
				continue
			}
			data, err := hex.DecodeString(t.Certificate)
			if err != nil {
				continue
			}
			if len(f.Records) == MaxRecords {
				f.Omitted++
				continue
			}
			f.Records = append(f.Records, Record{Usage: t.Usage, Selector: t.Selector, MatchingType: t.MatchingType, Data: data})
		}
		f.Authentic = dnsx.Authentic(ans.Queries)
		if len(f.Records) > 0 {
			return f
		}
	}
	return f
}

// Match is how a certificate chain fares against TLSA records.
type Match struct {
	Matched bool
	// Record is the record that matched, Depth the position in the chain
	// of the certificate it matched: 0 for the server's own, more for a
	// trust anchor.
	Record *Record
	Depth  int
	// TANotSent lists the usable DANE-TA records that match no
	// certificate of the chain: the server does not send their anchor.
	TANotSent []Record
	// Why says why no record matched; "" when one did.
	Why string
}

// MatchChain matches chain (leaf first, as the server sent it) against
// the usable records, for the MX host name (and its canonical name, when
// an alias) at now.
func MatchChain(records []Record, chain []*x509.Certificate, names []string, now time.Time) Match {
	var m Match
	if len(chain) == 0 {
		m.Why = "the server sent no certificate"
		return m
	}
	var why []string
	usable := 0
	for i := range records {
		r := records[i]
		if !r.Usable() {
			continue
		}
		usable++
		switch r.Usage {
		case UsageDANEEE:
			if matches(r, chain[0]) {
				if !m.Matched {
					m.Matched, m.Record, m.Depth = true, &records[i], 0
				}
			} else {
				why = append(why, r.short()+": does not match the server's certificate")
			}
		case UsageDANETA:
			depth := -1
			for d, c := range chain {
				if matches(r, c) {
					depth = d
					break
				}
			}
			if depth < 0 {
				m.TANotSent = append(m.TANotSent, r)
				why = append(why, r.short()+": no certificate in the chain is this trust anchor")
				continue
			}
			if err := verifyTA(chain, depth, names, now); err != nil {
				why = append(why, r.short()+": "+err.Error())
				continue
			}
			if !m.Matched {
				m.Matched, m.Record, m.Depth = true, &records[i], depth
			}
		}
	}
	switch {
	case m.Matched:
	case usable == 0:
		m.Why = "no usable record"
	default:
		m.Why = strings.Join(why, "; ")
	}
	return m
}

// short names a record by its fields and the start of its data.
func (r Record) short() string {
	s := r.String()
	if len(s) > 24 {
		s = s[:24] + "..."
	}
	return s
}

// matches reports whether r's data is c's certificate or key, hashed as
// r says.
func matches(r Record, c *x509.Certificate) bool {
	data := c.Raw
	if r.Selector == SelectorSPKI {
		data = c.RawSubjectPublicKeyInfo
	}
	switch r.MatchingType {
	case MatchSHA256:
		h := sha256.Sum256(data)
		data = h[:]
	case MatchSHA512:
		h := sha512.Sum512(data)
		data = h[:]
	}
	return bytes.Equal(data, r.Data)
}

// verifyTA checks that the leaf chains up to chain[depth], the trust
// anchor, and is valid for one of names (RFC 7672 section 3.2.3). A trust
// anchor that is the leaf itself must simply carry the name.
func verifyTA(chain []*x509.Certificate, depth int, names []string, now time.Time) error {
	roots := x509.NewCertPool()
	roots.AddCert(chain[depth])
	inter := x509.NewCertPool()
	for _, c := range chain[1:depth] {
		inter.AddCert(c)
	}
	var last error
	for _, n := range names {
		_, err := chain[0].Verify(x509.VerifyOptions{
			Roots: roots, Intermediates: inter, DNSName: strings.TrimSuffix(n, "."),
			CurrentTime: now, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		})
		if err == nil {
			return nil
		}
		last = err
	}
	if last == nil {
		return errors.New("no name to verify")
	}
	return last
}

// RecordFor returns the DANE-EE record of c's public key, "3 1 1" with
// the SHA-256 of its SubjectPublicKeyInfo, which RFC 7671 section 5.1
// recommends (it survives renewals that keep the key).
func RecordFor(c *x509.Certificate) Record {
	h := sha256.Sum256(c.RawSubjectPublicKeyInfo)
	return Record{Usage: UsageDANEEE, Selector: SelectorSPKI, MatchingType: MatchSHA256, Data: h[:]}
}
