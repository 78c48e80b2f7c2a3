package spf

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
)

// macroEnv holds the values macros expand to.
type macroEnv struct {
	sender string     // the MAIL FROM address
	domain string     // the current domain, without the final dot
	ip     netip.Addr // invalid when no sending address was given
	helo   string
}

// errNeedsIP says a macro needs the sending address, which was not given.
var errNeedsIP = errors.New("the macro needs the sending address")

// expand expands the macros of s (RFC 7208 section 7). With env nil it
// only checks the syntax.
func expand(s string, env *macroEnv, exp bool) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' {
			if c < 0x21 || c > 0x7e {
				return "", fmt.Errorf("invalid character %q", c)
			}
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(s) {
			return "", errors.New("% at the end")
		}
		i++
		switch s[i] {
		case '%':
			b.WriteByte('%')
			continue
		case '_':
			b.WriteByte(' ')
			continue
		case '-':
			b.WriteString("%20")
			continue
		case '{':
		default:
			return "", fmt.Errorf("invalid macro %%%c", s[i])
		}
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return "", errors.New("unterminated macro")
		}
		body := s[i+1 : i+end]
		i += end
		v, err := macro(body, env, exp)
		if err != nil {
			return "", err
		}
		b.WriteString(v)
	}
	out := b.String()
	// A domain longer than 253 characters loses labels on the left
	// (RFC 7208 section 7.3).
	for env != nil && !exp && len(out) > 253 {
		j := strings.IndexByte(out, '.')
		if j < 0 {
			break
		}
		out = out[j+1:]
	}
	return out, nil
}

// macro expands one macro body such as "ir" or "d2" or "l-".
func macro(body string, env *macroEnv, exp bool) (string, error) {
	if body == "" {
		return "", errors.New("empty macro")
	}
	letter := body[0]
	lower := letter | 0x20
	if !strings.ContainsRune("slodiphv", rune(lower)) && !(exp && strings.ContainsRune("crt", rune(lower))) {
		return "", fmt.Errorf("invalid macro letter %q", letter)
	}
	rest := body[1:]
	digits := 0
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		digits = digits*10 + int(rest[j]-'0')
		j++
		if digits > 128 {
			return "", errors.New("macro digit transformer too large")
		}
	}
	if j > 0 && digits == 0 {
		return "", errors.New("macro digit transformer of zero")
	}
	reverse := false
	if j < len(rest) && (rest[j] == 'r' || rest[j] == 'R') {
		reverse = true
		j++
	}
	delims := rest[j:]
	for _, d := range []byte(delims) {
		if !strings.ContainsRune(".-+,/_=", rune(d)) {
			return "", fmt.Errorf("invalid macro delimiter %q", d)
		}
	}
	if env == nil {
		return "", nil
	}
	v, err := env.value(lower)
	if err != nil {
		return "", err
	}
	if delims == "" {
		delims = "."
	}
	parts := strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(delims, r) })
	if reverse {
		for a, b := 0, len(parts)-1; a < b; a, b = a+1, b-1 {
			parts[a], parts[b] = parts[b], parts[a]
		}
	}
	if digits > 0 && digits < len(parts) {
		parts = parts[len(parts)-digits:]
	}
	v = strings.Join(parts, ".")
	if letter != lower {
		v = escapeUnreserved(v)
	}
	return v, nil
}

// escapeUnreserved URL-escapes every byte outside the unreserved set of
// RFC 3986 (ALPHA, DIGIT, "-", ".", "_", "~"), as uppercase macros ask
// (RFC 7208 section 7.3).
func escapeUnreserved(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func (e *macroEnv) value(letter byte) (string, error) {
	switch letter {
	case 's':
		return e.sender, nil
	case 'l':
		local, _, _ := strings.Cut(e.sender, "@")
		return local, nil
	case 'o':
		_, dom, _ := strings.Cut(e.sender, "@")
		return dom, nil
	case 'd':
		return e.domain, nil
	case 'h':
		return e.helo, nil
	case 'p':
		// The validated name of the address costs lookups of its own
		// and is discouraged (RFC 7208 section 7.3): "unknown" is allowed.
		return "unknown", nil
	case 'v', 'i', 'c':
		if !e.ip.IsValid() {
			return "", errNeedsIP
		}
		if letter == 'v' {
			if e.ip.Is4() {
				return "in-addr", nil
			}
			return "ip6", nil
		}
		if letter == 'c' || e.ip.Is4() {
			return e.ip.String(), nil
		}
		// IPv6 addresses expand to dot-separated nibbles.
		var b strings.Builder
		for _, x := range e.ip.As16() {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprintf(&b, "%x.%x", x>>4, x&0xf)
		}
		return b.String(), nil
	case 'r':
		return "unknown", nil
	case 't':
		return "0", nil
	}
	return "", fmt.Errorf("invalid macro letter %q", letter)
}
