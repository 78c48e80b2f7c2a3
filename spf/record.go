// Package spf reads a domain's Sender Policy Framework record (RFC 7208)
// and evaluates it: the whole include/redirect tree with the DNS-lookup
// cost of every term, the void lookups, the mx and ptr name limits, loops,
// and, for a sending address, the RFC 7208 result and the term that
// decided it. The tree, the counts and the result come from one walk in
// the order check_host() evaluates terms, so they cannot disagree.
//
// The package records facts; it does not judge them (package report
// does).
package spf

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Mechanism names (RFC 7208 section 5).
const (
	All     = "all"
	Include = "include"
	A       = "a"
	MX      = "mx"
	PTR     = "ptr"
	IP4     = "ip4"
	IP6     = "ip6"
	Exists  = "exists"
)

// Modifier names with a meaning (RFC 7208 section 6); others are ignored.
const (
	Redirect = "redirect"
	Exp      = "exp"
)

// Term is one directive or modifier of a record.
type Term struct {
	Text string // as written
	// Qualifier is '+', '-', '~' or '?' for a mechanism ('+' when none is
	// written), 0 for a modifier.
	Qualifier byte
	// Mechanism is the mechanism's name in lower case, "" for a modifier.
	Mechanism string
	// Modifier is the modifier's name in lower case, "" for a mechanism.
	Modifier string
	// Domain is the domain-spec as written (it may hold macros), or the
	// modifier's value; "" when absent (a, mx and ptr then mean the
	// current domain).
	Domain string
	// Prefix4 and Prefix6 are the CIDR lengths of a and mx (32 and 128
	// when absent).
	Prefix4, Prefix6 int
	// Net is the network of ip4 and ip6.
	Net netip.Prefix
}

// CostsLookup reports whether the term counts against the limit of 10
// DNS-querying terms (RFC 7208 section 4.6.4).
func (t Term) CostsLookup() bool {
	switch t.Mechanism {
	case Include, A, MX, PTR, Exists:
		return true
	}
	return t.Modifier == Redirect
}

// Record is a parsed SPF record.
type Record struct {
	Text     string
	Terms    []Term // directives and modifiers in the order written
	Redirect string // the redirect modifier's domain-spec, "" when absent
	Exp      string // the exp modifier's domain-spec, "" when absent
}

// ErrSyntax is wrapped by every parse error.
var ErrSyntax = errors.New("syntax error")

// IsSPF reports whether a TXT record is an SPF record: it begins with
// "v=spf1" followed by a space or nothing (RFC 7208 section 4.5).
func IsSPF(txt string) bool {
	if len(txt) < 6 || !strings.EqualFold(txt[:6], "v=spf1") {
		return false
	}
	return len(txt) == 6 || txt[6] == ' '
}

// MaxTerms bounds the terms parsed from one record; a TXT record can hold
// thousands, no real record needs more.
const MaxTerms = 256

// Parse parses an SPF record. A record that is not SPF or breaks the
// grammar of RFC 7208 section 12 gives an error wrapping ErrSyntax that
// names the term.
func Parse(s string) (*Record, error) {
	if !IsSPF(s) {
		return nil, fmt.Errorf("%w: does not begin with v=spf1", ErrSyntax)
	}
	r := &Record{Text: s}
	for _, text := range strings.Split(s[6:], " ") {
		if text == "" {
			continue
		}
		if len(r.Terms) == MaxTerms {
			return nil, fmt.Errorf("%w: more than %d terms", ErrSyntax, MaxTerms)
		}
		t, err := parseTerm(text)
		if err != nil {
			return nil, fmt.Errorf("%w: %q: %v", ErrSyntax, truncate(text), err)
		}
		switch t.Modifier {
		case Redirect:
			if r.Redirect != "" {
				return nil, fmt.Errorf("%w: more than one redirect", ErrSyntax)
			}
			r.Redirect = t.Domain
		case Exp:
			if r.Exp != "" {
				return nil, fmt.Errorf("%w: more than one exp", ErrSyntax)
			}
			r.Exp = t.Domain
		}
		r.Terms = append(r.Terms, t)
	}
	return r, nil
}

// truncate keeps error messages about hostile records short.
func truncate(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}

func parseTerm(text string) (Term, error) {
	t := Term{Text: text, Prefix4: 32, Prefix6: 128}
	// A modifier is a name followed by "=".
	if i := strings.IndexByte(text, '='); i > 0 && isName(text[:i]) {
		t.Modifier = strings.ToLower(text[:i])
		t.Domain = text[i+1:]
		var err error
		switch t.Modifier {
		case Redirect, Exp:
			// exp names where the explanation is; only the explanation
			// text there may use c, r and t (RFC 7208 section 7.1).
			err = checkDomainSpec(t.Domain, false)
		default:
			err = checkMacroString(t.Domain, false)
		}
		return t, err
	}
	rest := text
	t.Qualifier = '+'
	switch rest[0] {
	case '+', '-', '~', '?':
		t.Qualifier, rest = rest[0], rest[1:]
	}
	name := rest
	if i := strings.IndexAny(rest, ":/"); i >= 0 {
		name = rest[:i]
	}
	t.Mechanism = strings.ToLower(name)
	arg := rest[len(name):]
	switch t.Mechanism {
	case All:
		if arg != "" {
			return t, errors.New("all takes no argument")
		}
	case Include, Exists:
		if !strings.HasPrefix(arg, ":") {
			return t, fmt.Errorf("%s needs a domain", t.Mechanism)
		}
		t.Domain = arg[1:]
		return t, checkDomainSpec(t.Domain, false)
	case A, MX:
		if strings.HasPrefix(arg, ":") {
			arg = arg[1:]
			i := strings.IndexByte(arg, '/')
			if i < 0 {
				i = len(arg)
			}
			t.Domain, arg = arg[:i], arg[i:]
			if err := checkDomainSpec(t.Domain, false); err != nil {
				return t, err
			}
		}
		return t, parseDualCIDR(&t, arg)
	case PTR:
		if arg == "" {
			return t, nil
		}
		if !strings.HasPrefix(arg, ":") {
			return t, errors.New("ptr takes no CIDR length")
		}
		t.Domain = arg[1:]
		return t, checkDomainSpec(t.Domain, false)
	case IP4, IP6:
		if !strings.HasPrefix(arg, ":") {
			return t, fmt.Errorf("%s needs an address", t.Mechanism)
		}
		return t, parseNet(&t, arg[1:])
	default:
		return t, fmt.Errorf("unknown mechanism %q", truncate(name))
	}
	return t, nil
}

func parseNet(t *Term, s string) error {
	addr, length, hasLen := strings.Cut(s, "/")
	ip, err := netip.ParseAddr(addr)
	if err != nil || ip.Zone() != "" {
		return fmt.Errorf("invalid %s address %q", t.Mechanism, truncate(addr))
	}
	bits := 32
	if t.Mechanism == IP6 {
		bits = 128
	}
	if (t.Mechanism == IP4) != ip.Is4() {
		return fmt.Errorf("%s with an address of the other family", t.Mechanism)
	}
	n := bits
	if hasLen {
		if n, err = cidr(length, bits); err != nil {
			return err
		}
	}
	t.Net = netip.PrefixFrom(ip, n).Masked()
	return nil
}

// parseDualCIDR reads "/N", "//M" or "/N//M" after a or mx.
func parseDualCIDR(t *Term, s string) error {
	if s == "" {
		return nil
	}
	v4, v6, dual := strings.Cut(s, "//")
	var err error
	if v4 != "" {
		if !strings.HasPrefix(v4, "/") {
			return fmt.Errorf("invalid CIDR length %q", truncate(s))
		}
		if t.Prefix4, err = cidr(v4[1:], 32); err != nil {
			return err
		}
	}
	if dual {
		if t.Prefix6, err = cidr(v6, 128); err != nil {
			return err
		}
	}
	return nil
}

func cidr(s string, max int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > max || (len(s) > 1 && s[0] == '0') {
		return 0, fmt.Errorf("invalid CIDR length %q", truncate(s))
	}
	return n, nil
}

// isName checks a modifier name: ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ).
func isName(s string) bool {
	for i, c := range []byte(s) {
		alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !alpha && (i == 0 || !(c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')) {
			return false
		}
	}
	return s != ""
}

// checkDomainSpec checks a domain-spec: a macro-string that ends in a
// macro or a top label (RFC 7208 section 7.1).
func checkDomainSpec(s string, exp bool) error {
	if s == "" {
		return errors.New("empty domain")
	}
	if err := checkMacroString(s, exp); err != nil {
		return err
	}
	if strings.HasSuffix(s, "}") {
		return nil
	}
	trimmed := strings.TrimSuffix(s, ".")
	i := strings.LastIndexByte(trimmed, '.')
	if i < 0 {
		return fmt.Errorf("domain %q has no top label", truncate(s))
	}
	if !isTopLabel(trimmed[i+1:]) {
		return fmt.Errorf("domain %q ends in an invalid top label", truncate(s))
	}
	return nil
}

// isTopLabel checks toplabel = ( *alphanum ALPHA *alphanum ) /
// ( 1*alphanum "-" *( alphanum / "-" ) alphanum ).
func isTopLabel(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	alpha, dash := false, false
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			alpha = true
		case c >= '0' && c <= '9':
		case c == '-':
			dash = true
		default:
			return false
		}
	}
	return alpha || dash
}

// checkMacroString checks the macros of s (RFC 7208 section 7.1); exp
// allows the letters c, r and t, which only explanations may use.
func checkMacroString(s string, exp bool) error {
	_, err := expand(s, nil, exp)
	return err
}
