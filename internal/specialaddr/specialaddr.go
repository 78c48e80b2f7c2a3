// Package specialaddr classifies IP addresses by the IANA special-purpose
// address registries (RFC 6890 and its successors): the ranges where no
// public mail server can be, such as loopback, documentation and link-local
// addresses. Private ranges (RFC 1918, unique local) are not listed here:
// internal mail legitimately uses them.
package specialaddr

import "net/netip"

// Kind says how a special-purpose range bears on mail delivery.
type Kind int

const (
	// Nowhere: no other host can connect to it (loopback, unspecified).
	// An MX there points every sender at itself.
	Nowhere Kind = iota + 1
	// Unroutable: reserved, documentation, link-local, multicast,
	// broadcast and similar ranges that carry no public mail.
	Unroutable
)

// Range is one entry of the registries.
type Range struct {
	Prefix netip.Prefix
	Name   string // the registry's name for it, e.g. "Loopback"
	RFC    string // where it is defined, e.g. "RFC 1122"
	Kind   Kind
}

// ranges are the special-purpose blocks that no public MX may use, from the
// IANA IPv4 and IPv6 Special-Purpose Address Registries. More specific
// entries come first so that Lookup returns the narrowest.
var ranges = []Range{
	{netip.MustParsePrefix("0.0.0.0/32"), "Unspecified", "RFC 1122", Nowhere},
	{netip.MustParsePrefix("0.0.0.0/8"), "This network", "RFC 791", Unroutable},
	{netip.MustParsePrefix("127.0.0.0/8"), "Loopback", "RFC 1122", Nowhere},
	{netip.MustParsePrefix("169.254.0.0/16"), "Link local", "RFC 3927", Unroutable},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol assignments", "RFC 6890", Unroutable},
	{netip.MustParsePrefix("192.0.2.0/24"), "Documentation (TEST-NET-1)", "RFC 5737", Unroutable},
	{netip.MustParsePrefix("198.18.0.0/15"), "Benchmarking", "RFC 2544", Unroutable},
	{netip.MustParsePrefix("198.51.100.0/24"), "Documentation (TEST-NET-2)", "RFC 5737", Unroutable},
	{netip.MustParsePrefix("203.0.113.0/24"), "Documentation (TEST-NET-3)", "RFC 5737", Unroutable},
	{netip.MustParsePrefix("224.0.0.0/4"), "Multicast", "RFC 5771", Unroutable},
	{netip.MustParsePrefix("255.255.255.255/32"), "Limited broadcast", "RFC 919", Unroutable},
	{netip.MustParsePrefix("240.0.0.0/4"), "Reserved", "RFC 1112", Unroutable},
	{netip.MustParsePrefix("::/128"), "Unspecified", "RFC 4291", Nowhere},
	{netip.MustParsePrefix("::1/128"), "Loopback", "RFC 4291", Nowhere},
	{netip.MustParsePrefix("100::/64"), "Discard-only", "RFC 6666", Unroutable},
	{netip.MustParsePrefix("2001:db8::/32"), "Documentation", "RFC 3849", Unroutable},
	{netip.MustParsePrefix("3fff::/20"), "Documentation", "RFC 9637", Unroutable},
	{netip.MustParsePrefix("fe80::/10"), "Link-local unicast", "RFC 4291", Unroutable},
	{netip.MustParsePrefix("ff00::/8"), "Multicast", "RFC 4291", Unroutable},
}

// Lookup returns the special-purpose range a lies in. An IPv4-mapped IPv6
// address (::ffff:127.0.0.1) is judged as the IPv4 address it maps, since
// that is where a connection to it goes.
func Lookup(a netip.Addr) (Range, bool) {
	a = a.Unmap().WithZone("")
	for _, r := range ranges {
		if r.Prefix.Contains(a) {
			return r, true
		}
	}
	return Range{}, false
}
