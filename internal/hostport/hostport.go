// Package hostport parses HOST[:PORT], the one form in which the command
// line, the exporter, the probe and the resolver name a server: a host
// name or IP address, with or without a port.
package hostport

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
)

// Limits of RFC 1035 section 2.3.4, and a bound on the input so that no
// work is spent on what can never be a host.
const (
	maxDomain = 253 // octets of a domain name without the final dot
	maxLabel  = 63  // octets of a label
	maxInput  = 1024
)

// HostPort is a parsed HOST[:PORT].
type HostPort struct {
	// Host is an IP address in its canonical form, or a domain name in
	// A-label form, lower case, without the final dot.
	Host string
	// Port is 1 to 65535, or the default given to Parse when the input
	// has none.
	Port int
}

// Addr returns the host as an IP address, and false when it is a name.
func (h HostPort) Addr() (netip.Addr, bool) {
	a, err := netip.ParseAddr(h.Host)
	return a, err == nil
}

// String returns "host:port", "[v6]:port", or the host alone when Port
// is 0.
func (h HostPort) String() string {
	if h.Port == 0 {
		return h.Host
	}
	return net.JoinHostPort(h.Host, strconv.Itoa(h.Port))
}

// Parse parses "host", "host:port", "[v6]:port", "[v6]" or a bare IPv6
// address. The host is an IP address or a domain name (letters, digits
// and hyphens; international names in any form IDNA maps to an A-label);
// the port is a number from 1 to 65535, never 0. Without a port the
// result has defaultPort. The errors do not repeat s; callers name it.
func Parse(s string, defaultPort int) (HostPort, error) {
	switch {
	case s == "":
		return HostPort{}, errors.New("empty")
	case len(s) > maxInput:
		return HostPort{}, fmt.Errorf("longer than %d bytes", maxInput)
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return HostPort{}, errors.New("contains a space or a control character")
		}
	}
	if a, err := netip.ParseAddr(s); err == nil {
		if err := checkZone(a); err != nil {
			return HostPort{}, err
		}
		return HostPort{Host: a.String(), Port: defaultPort}, nil
	}
	host, port, hasPort := s, "", false
	if rest, ok := strings.CutPrefix(s, "["); ok {
		end := strings.LastIndexByte(rest, ']')
		if end < 0 {
			return HostPort{}, errors.New(`"[" without "]"`)
		}
		host = rest[:end]
		if after := rest[end+1:]; after != "" {
			if port, hasPort = strings.CutPrefix(after, ":"); !hasPort {
				return HostPort{}, fmt.Errorf("%q after the closing bracket: want :PORT", after)
			}
		}
		if a, err := netip.ParseAddr(host); err != nil || !a.Is6() {
			return HostPort{}, fmt.Errorf("brackets hold an IPv6 address, not %q", host)
		}
	} else if i := strings.IndexByte(s, ':'); i >= 0 {
		if strings.Count(s, ":") > 1 {
			return HostPort{}, errors.New("not an IPv6 address; with a port, an IPv6 address goes in brackets: [2001:db8::1]:25")
		}
		host, port, hasPort = s[:i], s[i+1:], true
	}
	hp := HostPort{Port: defaultPort}
	if hasPort {
		p, err := ParsePort(port)
		if err != nil {
			return HostPort{}, err
		}
		hp.Port = p
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if err := checkZone(a); err != nil {
			return HostPort{}, err
		}
		hp.Host = a.String()
		return hp, nil
	}
	d, err := Domain(host)
	if err != nil {
		return HostPort{}, fmt.Errorf("host %q: %w", host, err)
	}
	hp.Host = d
	return hp, nil
}

// checkZone allows in the zone of an IPv6 address (fe80::1%eth0) only
// what interface names hold: letters, digits, ".", "-" and "_".
func checkZone(a netip.Addr) error {
	z := a.Zone()
	for i := 0; i < len(z); i++ {
		if c := z[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_') {
			return fmt.Errorf("zone %q: want an interface name", z)
		}
	}
	return nil
}

// ParsePort parses a port: a number from 1 to 65535. Port 0, which
// network APIs take for "any port", names no server.
func ParsePort(s string) (int, error) {
	n := 0
	for i := 0; i < len(s) && n <= 65535; i++ {
		if s[i] < '0' || s[i] > '9' {
			n = -1
			break
		}
		n = n*10 + int(s[i]-'0')
	}
	if s == "" || n < 1 || n > 65535 {
		return 0, fmt.Errorf("port %q: want a number from 1 to 65535", s)
	}
	return n, nil
}

// Domain checks a domain name and returns its A-label form in lower case
// without the final dot: letters, digits and hyphens in labels of 1 to
// 63 bytes, 253 bytes in all, the last label not all digits.
// International names are converted with the IDNA lookup profile (UTS
// #46).
func Domain(s string) (string, error) {
	d := strings.TrimSuffix(s, ".")
	switch {
	case d == "":
		return "", errors.New("empty")
	case len(d) > maxInput:
		return "", fmt.Errorf("longer than %d bytes", maxInput)
	}
	a, err := idna.Lookup.ToASCII(d)
	if err != nil {
		return "", err
	}
	a = strings.ToLower(a)
	// The A-label must itself be valid: what the probe sends, a later
	// parse must accept.
	if again, err := idna.Lookup.ToASCII(a); err != nil || again != a {
		return "", errors.New("does not convert to a valid A-label")
	}
	if len(a) > maxDomain {
		return "", fmt.Errorf("longer than %d bytes", maxDomain)
	}
	labels := strings.Split(a, ".")
	for _, l := range labels {
		if err := checkLabel(l); err != nil {
			return "", err
		}
	}
	if last := labels[len(labels)-1]; strings.Trim(last, "0123456789") == "" {
		return "", errors.New("the last label is numeric")
	}
	return a, nil
}

func checkLabel(l string) error {
	switch {
	case l == "":
		return errors.New("empty label")
	case len(l) > maxLabel:
		return fmt.Errorf("label longer than %d bytes", maxLabel)
	case l[0] == '-' || l[len(l)-1] == '-':
		return fmt.Errorf("label %q starts or ends with a hyphen", l)
	}
	for i := 0; i < len(l); i++ {
		if c := l[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return fmt.Errorf("label %q has %q: only letters, digits and hyphens are allowed", l, c)
		}
	}
	return nil
}
