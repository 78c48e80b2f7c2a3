package probe

import (
	"bufio"
	"bytes"
	"net"
	"net/netip"
	"os"
	"strings"
)

// LocalName returns this machine's fully qualified domain name, for the
// EHLO name: the host name when it has a dot, else the canonical name
// /etc/hosts gives it ("127.0.1.1 host.example.org host", as Debian's
// installer writes). It asks no DNS server, so it is quick and private.
// It returns "" when no fully qualified name is found; then Config.Helo
// stays empty and the probe sends an address literal (RFC 5321 section
// 4.1.4), which servers that refuse bare host names accept.
func LocalName() string {
	h, err := os.Hostname()
	if err != nil {
		return ""
	}
	hosts, _ := os.ReadFile("/etc/hosts")
	return fqdn(h, hosts)
}

// fqdn finds the fully qualified name of host: host itself when it has a
// dot, else the first name of an /etc/hosts line that lists host and whose
// first name has a dot. The name must be one ParseHelo accepts.
func fqdn(host string, hosts []byte) string {
	valid := func(name string) string {
		if !strings.Contains(strings.TrimSuffix(name, "."), ".") {
			return ""
		}
		d, err := ParseHelo(name)
		if err != nil {
			return ""
		}
		return d
	}
	if d := valid(host); d != "" {
		return d
	}
	sc := bufio.NewScanner(bytes.NewReader(hosts))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		for _, alias := range f[1:] {
			if strings.EqualFold(alias, host) {
				if d := valid(f[1]); d != "" {
					return d
				}
			}
		}
	}
	return ""
}

// addressLiteral is the EHLO name of a client with no name: its address
// in brackets, "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321 section
// 4.1.3).
func addressLiteral(a net.Addr) string {
	ap, err := netip.ParseAddrPort(a.String())
	if err != nil {
		return "[127.0.0.1]"
	}
	ip := ap.Addr().Unmap().WithZone("")
	if ip.Is4() {
		return "[" + ip.String() + "]"
	}
	return "[IPv6:" + ip.String() + "]"
}
