package specialaddr

import (
	"net/netip"
	"testing"
)

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		addr string
		name string // "" for an ordinary address
		kind Kind
	}{
		{"127.0.0.1", "Loopback", Nowhere},
		{"127.255.0.9", "Loopback", Nowhere},
		{"0.0.0.0", "Unspecified", Nowhere},
		{"::1", "Loopback", Nowhere},
		{"::", "Unspecified", Nowhere},
		{"::ffff:127.0.0.1", "Loopback", Nowhere},
		{"0.1.2.3", "This network", Unroutable},
		{"169.254.1.1", "Link local", Unroutable},
		{"fe80::1%eth0", "Link-local unicast", Unroutable},
		{"224.0.0.251", "Multicast", Unroutable},
		{"ff02::1", "Multicast", Unroutable},
		{"255.255.255.255", "Limited broadcast", Unroutable},
		{"240.0.0.1", "Reserved", Unroutable},
		{"192.0.2.1", "Documentation (TEST-NET-1)", Unroutable},
		{"198.51.100.7", "Documentation (TEST-NET-2)", Unroutable},
		{"203.0.113.200", "Documentation (TEST-NET-3)", Unroutable},
		{"2001:db8::25", "Documentation", Unroutable},
		{"198.19.0.1", "Benchmarking", Unroutable},
		// Private ranges carry internal mail: not special here.
		{"10.0.0.1", "", 0},
		{"172.16.5.4", "", 0},
		{"192.168.1.1", "", 0},
		{"fd00::1", "", 0},
		{"100.64.0.1", "", 0},
		// Public addresses.
		{"8.8.8.8", "", 0},
		{"2a00:1450:4001::1a", "", 0},
		{"192.0.3.1", "", 0},
	} {
		r, ok := Lookup(netip.MustParseAddr(tc.addr))
		if ok != (tc.name != "") || r.Name != tc.name || r.Kind != tc.kind {
			t.Errorf("Lookup(%s) = %+v, %v; want %q kind %d", tc.addr, r, ok, tc.name, tc.kind)
		}
	}
}
