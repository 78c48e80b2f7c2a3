package probe_test

import (
	"context"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// TestRunUntestable: an address this machine has no route to (the dial
// fails with ENETUNREACH, as for IPv6 on an IPv4-only network) is marked
// untestable; an address of a far router's "host unreachable" is not.
func TestRunUntestable(t *testing.T) {
	good := smtptest.Start(t, smtptest.Options{})
	d := &dialer{to: good.Addr}
	cfg := zoneConfig(t, d,
		"example.com. 300 IN MX 10 mx.example.com.",
		"mx.example.com. 300 IN A 192.0.2.1",
		"mx.example.com. 300 IN AAAA 2001:db8::1",
		"mx.example.com. 300 IN AAAA 2001:db8::2",
	)
	cfg.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		switch {
		case strings.HasPrefix(addr, "[2001:db8::1]"):
			return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ENETUNREACH)}
		case strings.HasPrefix(addr, "[2001:db8::2]"):
			return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.EHOSTUNREACH)}
		}
		return d.Dial(ctx, network, addr)
	}
	res := probe.Run(context.Background(), cfg, target(t, "example.com"))
	got := map[string]probe.Host{}
	for _, h := range res.Hosts {
		got[h.Attempts[0].Addr.String()] = h
	}
	if len(res.Hosts) != 3 {
		t.Fatalf("%d hosts, want one per address", len(res.Hosts))
	}
	if h := got["2001:db8::1"]; !h.Untestable || h.Err.Kind != probe.ErrNoRoute {
		t.Errorf("no route: %+v", h)
	}
	if h := got["2001:db8::2"]; h.Untestable || h.Err.Kind != probe.ErrNetwork {
		t.Errorf("host unreachable: %+v", h)
	}
	if h := got["192.0.2.1"]; h.Untestable || h.Err != nil {
		t.Errorf("reachable: %+v", h)
	}
}

// TestRunWithoutSMTP: without the smtp check no connection is made, and
// the hosts are still listed, one per address.
func TestRunWithoutSMTP(t *testing.T) {
	good := smtptest.Start(t, smtptest.Options{})
	d := &dialer{to: good.Addr}
	cfg := zoneConfig(t, d,
		"example.com. 300 IN MX 10 mx.example.com.",
		"mx.example.com. 300 IN A 192.0.2.1",
		"mx.example.com. 300 IN A 192.0.2.2",
	)
	cfg.Checks = checks.Of(checks.DNSSEC, checks.PTR)
	res := probe.Run(context.Background(), cfg, target(t, "example.com"))
	if n := len(d.Dialed()); n != 0 {
		t.Errorf("%d connections without smtp", n)
	}
	if len(res.Hosts) != 2 || res.Hosts[1].Addr.String() != "192.0.2.2" || len(res.Hosts[0].Steps) != 0 {
		t.Errorf("hosts %+v", res.Hosts)
	}
	if res.Ran != cfg.Checks {
		t.Errorf("Ran %s, want %s", res.Ran, cfg.Checks)
	}
}

// TestRunSpecialAddresses: MX addresses in special-purpose ranges found
// through DNS are not dialled unless allowed; the --server address always
// is, since the user named it.
func TestRunSpecialAddresses(t *testing.T) {
	good := smtptest.Start(t, smtptest.Options{})
	d := &dialer{to: good.Addr}
	zone := []string{
		"example.com. 300 IN MX 10 mx.example.com.",
		"mx.example.com. 300 IN A 127.0.0.1",
		"mx.example.com. 300 IN AAAA ::1",
	}
	cfg := zoneConfig(t, d, zone...)
	cfg.AllowSpecialAddresses = false
	res := probe.Run(context.Background(), cfg, target(t, "example.com"))
	if len(res.Hosts) != 2 {
		t.Fatalf("%d hosts, want 2", len(res.Hosts))
	}
	for _, h := range res.Hosts {
		if len(h.Attempts) != 1 || !h.Attempts[0].Skipped || h.Attempts[0].Special.Name != "Loopback" || len(h.Steps) != 0 {
			t.Errorf("without the flag: %+v; want one skipped loopback attempt and no dialogue", h)
		}
	}
	d.mu.Lock()
	n := len(d.dialed)
	d.mu.Unlock()
	if n != 0 {
		t.Errorf("%d connections without the flag, want none", n)
	}

	cfg.AllowSpecialAddresses = true
	res = probe.Run(context.Background(), cfg, target(t, "example.com"))
	for _, h := range res.Hosts {
		if len(h.Attempts) != 1 || h.Attempts[0].Skipped || h.Attempts[0].Special.Name != "Loopback" || len(h.Steps) == 0 {
			t.Errorf("with the flag: %+v; want a dialogue with the range recorded", h)
		}
	}

	cfg.AllowSpecialAddresses = false
	cfg.Server = "127.0.0.1"
	res = probe.Run(context.Background(), cfg, target(t, "example.com"))
	if len(res.Hosts) != 1 || len(res.Hosts[0].Steps) == 0 || res.Hosts[0].Attempts[0].Special.Kind != 0 {
		t.Errorf("--server 127.0.0.1: %+v; want a dialogue, the address not flagged", res.Hosts)
	}
}
