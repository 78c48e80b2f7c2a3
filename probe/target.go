package probe

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"unicode/utf8"

	"github.com/smtpprobe/smtpprobe/internal/hostport"
)

// Limits of RFC 5321 section 4.5.3.1; hostport has those of domains.
const (
	maxLocalPart = 64  // octets of a local part
	maxPath      = 256 // octets of a path, angle brackets included
	maxInput     = 1024
)

// ParseTarget parses what the user asked to probe: a domain, whose
// recipient is postmaster@domain (RFC 5321 section 4.5.1), or an address
// user@domain. Surrounding spaces and one pair of angle brackets are
// removed. An international domain name becomes its A-label form; a local
// part that is not a dot-string is quoted. Input with CR, LF or NUL
// anywhere is refused.
func ParseTarget(s string) (Target, error) {
	if err := checkInput("target", s); err != nil {
		return Target{}, err
	}
	in := strings.Trim(s, " \t")
	if host, ok := urlHost(in); ok {
		return Target{}, fmt.Errorf("invalid target %q: a URL, not a domain or an address%s", s, didYouMean(host))
	}
	if strings.Contains(in, "@") {
		addr, err := ParseAddress(in)
		if err != nil {
			return Target{}, err
		}
		return Target{Input: in, Domain: addr[strings.LastIndexByte(addr, '@')+1:], Rcpt: addr}, nil
	}
	d, err := ParseDomain(in)
	if err != nil {
		return Target{}, err
	}
	return Target{Input: in, Domain: d, Rcpt: "postmaster@" + d}, nil
}

// ParseAddress checks a mailbox for MAIL FROM, RCPT TO or VRFY and returns
// it as it goes on the wire: the local part as a dot-string or, when it
// needs one, a quoted-string (RFC 5321 section 4.1.2), and the domain in
// A-label form. One pair of angle brackets around it is removed.
func ParseAddress(s string) (string, error) {
	if err := checkInput("address", s); err != nil {
		return "", err
	}
	a := strings.Trim(s, " \t")
	if len(a) >= 2 && a[0] == '<' && a[len(a)-1] == '>' {
		a = a[1 : len(a)-1]
	}
	at := strings.LastIndexByte(a, '@')
	if at < 0 {
		return "", fmt.Errorf("invalid address %q: no @domain", s)
	}
	if rest, ok := cutPrefixFold(a, "mailto:"); ok {
		rest, _, _ = strings.Cut(rest, "?")
		return "", fmt.Errorf("invalid address %q: a mailto: link, not an address%s", s, didYouMean(rest))
	}
	if l := a[:at]; strings.Contains(l, "@") && !(len(l) >= 2 && l[0] == '"' && l[len(l)-1] == '"') {
		// An @ in a local part must be quoted ("a@b"@example.com); unquoted
		// it is a typo, not a request to quote it.
		var parts []string
		for p := range strings.SplitSeq(a, "@") {
			if p != "" {
				parts = append(parts, p)
			}
		}
		guess := ""
		if len(parts) >= 2 {
			guess = parts[0] + "@" + parts[1]
		}
		return "", fmt.Errorf("invalid address %q: more than one @%s", s, didYouMean(guess))
	}
	local, err := localPart(a[:at])
	if err != nil {
		return "", fmt.Errorf("invalid address %q: %w", s, err)
	}
	if strings.HasPrefix(a[at+1:], "[") {
		return "", fmt.Errorf("invalid address %q: address literals are not supported, use --server", s)
	}
	d, err := ParseDomain(a[at+1:])
	if err != nil {
		return "", fmt.Errorf("invalid address %q: %w", s, err)
	}
	addr := local + "@" + d
	if len(addr)+2 > maxPath {
		return "", fmt.Errorf("invalid address %q: longer than %d bytes", s, maxPath-2)
	}
	return addr, nil
}

// ParseVrfy checks the argument of VRFY: an address (see ParseAddress) or
// a bare user name, quoted when it needs to be.
func ParseVrfy(s string) (string, error) {
	if err := checkInput("VRFY argument", s); err != nil {
		return "", err
	}
	if strings.Contains(s, "@") {
		return ParseAddress(s)
	}
	v, err := localPart(strings.Trim(s, " \t"))
	if err != nil {
		return "", fmt.Errorf("invalid VRFY argument %q: %w", s, err)
	}
	return v, nil
}

// ParseHelo checks the name sent in EHLO and HELO: a domain, returned in
// A-label form, or an address literal such as "[192.0.2.1]" or
// "[IPv6:2001:db8::1]" (RFC 5321 section 4.1.3).
func ParseHelo(s string) (string, error) {
	if err := checkInput("HELO name", s); err != nil {
		return "", err
	}
	if lit, ok := strings.CutPrefix(s, "["); ok {
		lit, ok = strings.CutSuffix(lit, "]")
		v6, isV6 := strings.CutPrefix(lit, "IPv6:")
		a, err := netip.ParseAddr(v6)
		if !ok || err != nil || a.Zone() != "" || a.Is4() == isV6 {
			return "", fmt.Errorf("invalid HELO name %q: not an address literal like [192.0.2.1] or [IPv6:2001:db8::1]", s)
		}
		return s, nil
	}
	d, err := ParseDomain(s)
	if err != nil {
		return "", fmt.Errorf("invalid HELO name: %w", err)
	}
	return d, nil
}

// ParseDomain checks a domain name and returns its A-label form in lower
// case without the final dot: letters, digits and hyphens in labels of 1
// to 63 bytes, 253 bytes in all. International names are converted with
// the IDNA lookup profile (UTS #46).
func ParseDomain(s string) (string, error) {
	if err := checkInput("domain", s); err != nil {
		return "", err
	}
	d := strings.TrimSuffix(s, ".")
	if d == "" {
		return "", fmt.Errorf("invalid domain %q: empty", s)
	}
	if _, err := netip.ParseAddr(strings.Trim(d, "[]")); err == nil {
		return "", fmt.Errorf("invalid domain %q: an IP address is not a mail domain, use --server", s)
	}
	if host, ok := urlHost(d); ok {
		return "", fmt.Errorf("invalid domain %q: a URL, not a domain%s", s, didYouMean(host))
	}
	if host, port, ok := strings.Cut(d, ":"); ok && host != "" && allDigits(port) {
		if _, err := hostport.ParsePort(port); err != nil {
			return "", fmt.Errorf("invalid domain %q: a port is not part of a domain, and %q is no port (1 to 65535)", s, port)
		}
		return "", fmt.Errorf("invalid domain %q: a port is not part of a domain; did you mean %s with --port %s?", s, host, port)
	}
	if host, _, ok := strings.Cut(d, "/"); ok && host != "" {
		return "", fmt.Errorf("invalid domain %q: a path is not part of a domain%s", s, didYouMean(host))
	}
	a, err := hostport.Domain(s)
	if err != nil {
		return "", fmt.Errorf("invalid domain %q: %w", s, err)
	}
	return a, nil
}

// urlHost recognises a URL ("https://example.com/") given where a domain
// or an address belongs, and returns its host: what was probably meant.
func urlHost(s string) (string, bool) {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || scheme == "" || strings.ContainsAny(scheme, "@/ ") {
		return "", false
	}
	host, _, _ := strings.Cut(rest, "/")
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:] // user@host, as in smtp://user@host
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.Trim(host, "[]"), true
}

// didYouMean suggests what a mistyped target probably meant, when there is
// a suggestion to make.
func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %s?", s)
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// checkInput refuses what can never be valid: empty, overlong, or with a
// byte that would end or corrupt an SMTP command line.
func checkInput(what, s string) error {
	switch {
	case strings.Trim(s, " \t") == "":
		return fmt.Errorf("empty %s", what)
	case strings.ContainsAny(s, "\r\n\x00"):
		return fmt.Errorf("invalid %s %q: contains CR, LF or NUL", what, s)
	case len(s) > maxInput:
		return fmt.Errorf("invalid %s: longer than %d bytes", what, maxInput)
	case !utf8.ValidString(s):
		return fmt.Errorf("invalid %s %q: not valid UTF-8", what, s)
	}
	return nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// localPart returns the local part as it goes on the wire: unchanged when
// it is a valid dot-string or quoted-string, quoted when it consists of
// printable ASCII that needs quoting.
func localPart(l string) (string, error) {
	if l == "" {
		return "", errors.New("empty local part")
	}
	for i := 0; i < len(l); i++ {
		if l[i] < 0x20 || l[i] > 0x7e {
			return "", errors.New("local part is not printable ASCII (SMTPUTF8 is not supported)")
		}
	}
	var out string
	switch {
	case isDotString(l):
		out = l
	case len(l) >= 2 && l[0] == '"' && l[len(l)-1] == '"':
		if !isQuotedString(l) {
			return "", errors.New("malformed quoted local part")
		}
		out = l
	default:
		out = quote(l)
	}
	if len(out) > maxLocalPart {
		return "", fmt.Errorf("local part longer than %d bytes", maxLocalPart)
	}
	return out, nil
}

// isAtext reports whether c may appear in an atom (RFC 5322 section 3.2.3).
func isAtext(c byte) bool {
	return isAlnum(c) || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

// isDotString reports whether s is Atom *("." Atom).
func isDotString(s string) bool {
	for _, atom := range strings.Split(s, ".") {
		if atom == "" {
			return false
		}
		for i := 0; i < len(atom); i++ {
			if !isAtext(atom[i]) {
				return false
			}
		}
	}
	return true
}

// isQuotedString reports whether s is DQUOTE *QcontentSMTP DQUOTE.
func isQuotedString(s string) bool {
	for i := 1; i < len(s)-1; i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
			if i >= len(s)-1 || s[i] < 0x20 || s[i] > 0x7e {
				return false
			}
		case c == '"' || c < 0x20 || c > 0x7e:
			return false
		}
	}
	return true
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}
