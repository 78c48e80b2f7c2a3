package probe_test

import (
	"testing"

	"github.com/smtpprobe/smtpprobe/probe"
)

// TestSenderDomain: the sender checks are about --from's domain, and about
// the target's when --from has none: the null sender, and an address
// literal, which has no SPF, DKIM or DMARC record of its own (they ran on
// "[192.0.2.1]" while the refusal's hint said there was no domain).
func TestSenderDomain(t *testing.T) {
	target := probe.Target{Domain: "example.org"}
	for _, tt := range []struct{ from, addr, checks string }{
		{"me@Mail.Example.COM.", "mail.example.com", "mail.example.com"},
		{"", "", "example.org"},
		{"postmaster", "", "example.org"},
		{"me@", "", "example.org"},
		{"me@[192.0.2.1]", "", "example.org"},
		{"me@[IPv6:2001:db8::1]", "", "example.org"},
		{`"a@b"@example.net`, "example.net", "example.net"},
	} {
		if got := probe.AddressDomain(tt.from); got != tt.addr {
			t.Errorf("AddressDomain(%q) = %q, want %q", tt.from, got, tt.addr)
		}
		if got := probe.SenderDomain(&probe.Config{From: tt.from}, target); got != tt.checks {
			t.Errorf("SenderDomain(from %q) = %q, want %q", tt.from, got, tt.checks)
		}
	}
}
