// Package dkim reads DKIM public-key records (RFC 6376 section 3.6.1,
// RFC 8463 for Ed25519) at SELECTOR._domainkey.DOMAIN: the key type and
// size, the flags, and whether the key is revoked. Selectors cannot be
// discovered from the DNS; the caller names them (the s= tag of a
// DKIM-Signature header shows one).
//
// The package records facts; package report judges them.
package dkim

import (
	"context"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/miekg/dns"
	"github.com/smtpprobe/smtpprobe/dnsx"
)

// Errors of a key lookup; resolver failures are *dnsx.ResolverError.
var (
	ErrSyntax         = errors.New("syntax error")
	ErrNoRecord       = errors.New("no DKIM key record")
	ErrSeveralRecords = errors.New("more than one DKIM key record")
)

// Key is a parsed key record.
type Key struct {
	Record string
	// Type is the k tag: "rsa" (the default) or "ed25519"; other values
	// are kept as written and Bits stays 0.
	Type string
	// Bits is the RSA modulus size, or 256 for Ed25519; 0 when the key
	// does not parse or is revoked.
	Bits int
	// Revoked says p= is empty (RFC 6376 section 3.6.1).
	Revoked bool
	// Flags are the t tag's flags: "y" (testing), "s" (strict).
	Flags []string
	// Hashes and Services are the h and s tags, as written.
	Hashes, Services []string
}

// Testing reports t=y: receivers must not treat failures differently
// from unsigned mail.
func (k *Key) Testing() bool {
	for _, f := range k.Flags {
		if f == "y" {
			return true
		}
	}
	return false
}

// Parse parses a DKIM key record. A record without a p tag, with a v tag
// other than DKIM1, or whose key does not decode is an error wrapping
// ErrSyntax.
func Parse(s string) (*Key, error) {
	k := &Key{Record: s, Type: "rsa"}
	var p string
	hasP := false
	seen := map[string]bool{}
	for i, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, value, ok := strings.Cut(part, "=")
		name = strings.TrimSpace(name)
		value = strings.TrimSpace(value)
		if !ok || name == "" {
			return nil, fmt.Errorf("%w: %q is not a tag=value pair", ErrSyntax, short(part))
		}
		if seen[name] {
			return nil, fmt.Errorf("%w: tag %s appears more than once", ErrSyntax, short(name))
		}
		seen[name] = true
		switch name {
		case "v":
			if i != 0 || value != "DKIM1" {
				return nil, fmt.Errorf("%w: v=%s is not DKIM1 as the first tag", ErrSyntax, short(value))
			}
		case "k":
			k.Type = strings.ToLower(value)
		case "p":
			hasP = true
			p = strings.Join(strings.Fields(value), "")
		case "t":
			k.Flags = list(value, ":")
		case "h":
			k.Hashes = list(value, ":")
		case "s":
			k.Services = list(value, ":")
		}
	}
	if !hasP {
		return nil, fmt.Errorf("%w: no p tag", ErrSyntax)
	}
	if p == "" {
		k.Revoked = true
		return k, nil
	}
	der, err := base64.StdEncoding.DecodeString(p)
	if err != nil {
		return nil, fmt.Errorf("%w: p is not base64: %v", ErrSyntax, err)
	}
	switch k.Type {
	case "rsa":
		pub, err := parseRSA(der)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSyntax, err)
		}
		k.Bits = pub.N.BitLen()
	case "ed25519":
		if len(der) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("%w: an Ed25519 key of %d bytes, not %d", ErrSyntax, len(der), ed25519.PublicKeySize)
		}
		k.Bits = 256
	}
	return k, nil
}

// parseRSA reads a SubjectPublicKeyInfo, as RFC 6376 asks, or the bare
// RSAPublicKey some signers publish.
func parseRSA(der []byte) (*rsa.PublicKey, error) {
	if pub, err := x509.ParsePKIXPublicKey(der); err == nil {
		if rk, ok := pub.(*rsa.PublicKey); ok {
			return rk, nil
		}
		return nil, errors.New("k=rsa with a key of another type")
	}
	pub, err := x509.ParsePKCS1PublicKey(der)
	if err != nil {
		return nil, errors.New("p is not an RSA public key")
	}
	return pub, nil
}

func list(v, sep string) []string {
	var out []string
	for _, x := range strings.Split(v, sep) {
		if x = strings.ToLower(strings.TrimSpace(x)); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func short(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// Selector is what one selector's record says.
type Selector struct {
	Selector string
	Name     string // SELECTOR._domainkey.DOMAIN
	Key      *Key   // nil when Err is set
	// Err is ErrNoRecord, ErrSeveralRecords, a syntax error (wrapping
	// ErrSyntax) or a resolver failure.
	Err error
}

// Facts is what the DKIM lookups of a domain found.
type Facts struct {
	Domain    string
	Selectors []Selector // in the order asked
	Queries   []dnsx.Query
}

// Check reads the key record of each selector of domain.
func Check(ctx context.Context, r *dnsx.Resolver, domain string, selectors []string) Facts {
	domain = strings.ToLower(strings.TrimSuffix(domain, "."))
	f := Facts{Domain: domain}
	for _, sel := range selectors {
		s := Selector{Selector: sel, Name: sel + "._domainkey." + domain}
		ans, err := r.Lookup(ctx, s.Name, dns.TypeTXT)
		f.Queries = append(f.Queries, ans.Queries...)
		if err != nil {
			s.Err = err
			f.Selectors = append(f.Selectors, s)
			continue
		}
		var keys []*Key
		var firstErr error
		for _, txt := range dnsx.TXT(ans.Records) {
			k, err := Parse(txt)
			if err != nil {
				firstErr = cmpErr(firstErr, err)
				continue
			}
			keys = append(keys, k)
		}
		switch {
		case len(keys) == 1:
			s.Key = keys[0]
		case len(keys) > 1:
			s.Err = ErrSeveralRecords
		case firstErr != nil:
			s.Err = firstErr
		default:
			s.Err = ErrNoRecord
		}
		f.Selectors = append(f.Selectors, s)
	}
	return f
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
