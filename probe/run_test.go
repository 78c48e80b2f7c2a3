package probe_test

import (
	"context"
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// closedPort returns a loopback address that refuses connections.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestRunMX(t *testing.T) {
	good := smtptest.Start(t, smtptest.Options{})
	d := &dialer{to: good.Addr, routes: map[string]string{"192.0.2.2": closedPort(t)}}
	cfg := zoneConfig(t, d,
		"example.com. 300 IN MX 30 mx3.example.com.",
		"example.com. 300 IN MX 10 mx1.example.com.",
		"example.com. 300 IN MX 20 mx2.example.com.",
		"mx1.example.com. 300 IN A 192.0.2.1",
		"mx2.example.com. 300 IN A 192.0.2.2",
		"mx3.example.com. 300 IN TXT \"no address\"",
	)
	res := probe.Run(context.Background(), cfg, target(t, "user@example.com"))
	if res.DNSErr != nil || len(res.DNS.MX) != 3 {
		t.Fatalf("DNSErr %v MX %+v", res.DNSErr, res.DNS.MX)
	}
	if len(res.Hosts) != 3 {
		t.Fatalf("%d hosts", len(res.Hosts))
	}
	h1, h2, h3 := res.Hosts[0], res.Hosts[1], res.Hosts[2]
	if h1.Name != "mx1.example.com" || h1.Err != nil || len(h1.Steps) != 6 {
		t.Errorf("mx1: %+v", h1)
	}
	if h2.Name != "mx2.example.com" || h2.Err == nil || h2.Err.Kind != probe.ErrRefused || h2.Err.Step != "connect" ||
		h2.Addr.IsValid() || len(h2.Attempts) != 1 || h2.Attempts[0].Err.Kind != probe.ErrRefused {
		t.Errorf("mx2: %+v err %v", h2, h2.Err)
	}
	if h3.Name != "mx3.example.com" || h3.Err == nil || h3.Err.Kind != probe.ErrNetwork || len(h3.Attempts) != 0 {
		t.Errorf("mx3: %+v err %v", h3, h3.Err)
	}
	if res.Started.IsZero() || res.Duration <= 0 {
		t.Errorf("Started %v Duration %v", res.Started, res.Duration)
	}
}

func TestRunAddressFallback(t *testing.T) {
	good := smtptest.Start(t, smtptest.Options{})
	refused := closedPort(t)
	rrs := []string{
		"example.com. 300 IN MX 10 mx.example.com.",
		"mx.example.com. 300 IN A 192.0.2.1",
		"mx.example.com. 300 IN A 192.0.2.2",
	}
	t.Run("first that accepts", func(t *testing.T) {
		d := &dialer{to: good.Addr, routes: map[string]string{"192.0.2.1": refused}}
		cfg := zoneConfig(t, d, rrs...)
		cfg.FirstAddress = true
		res := probe.Run(context.Background(), cfg, target(t, "example.com"))
		h := res.Hosts[0]
		if len(res.Hosts) != 1 || h.Err != nil || h.Addr.String() != "192.0.2.2" || len(h.Attempts) != 2 ||
			h.Attempts[0].Err == nil || h.Attempts[1].Err != nil {
			t.Errorf("%d hosts, %+v", len(res.Hosts), h)
		}
	})
	t.Run("all addresses", func(t *testing.T) {
		d := &dialer{to: good.Addr, routes: map[string]string{"192.0.2.1": refused}}
		cfg := zoneConfig(t, d, rrs...)
		res := probe.Run(context.Background(), cfg, target(t, "example.com"))
		if len(res.Hosts) != 2 {
			t.Fatalf("%d hosts, want one per address", len(res.Hosts))
		}
		a, b := res.Hosts[0], res.Hosts[1]
		if a.Name != "mx.example.com" || a.Err == nil || a.Err.Kind != probe.ErrRefused || a.Attempts[0].Addr.String() != "192.0.2.1" {
			t.Errorf("first: %+v", a)
		}
		if b.Name != "mx.example.com" || b.Err != nil || b.Addr.String() != "192.0.2.2" || len(b.Steps) != 6 {
			t.Errorf("second: %+v", b)
		}
	})
}

func TestRunNoHosts(t *testing.T) {
	for _, tc := range []struct {
		name string
		rrs  []string
		null bool
		nx   bool
	}{
		{"null MX", []string{"example.com. 300 IN MX 0 ."}, true, false},
		{"NXDOMAIN", []string{"other.example. 300 IN A 192.0.2.1"}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &dialer{to: closedPort(t)}
			res := probe.Run(context.Background(), zoneConfig(t, d, tc.rrs...), target(t, "example.com"))
			if res.DNSErr != nil || len(res.Hosts) != 0 || res.DNS.NullMX != tc.null || res.DNS.NXDomain != tc.nx || len(d.dialed) != 0 {
				t.Errorf("DNSErr %v hosts %d DNS %+v dialed %v", res.DNSErr, len(res.Hosts), res.DNS, d.dialed)
			}
		})
	}
}

func TestRunResolverFails(t *testing.T) {
	d := &dialer{to: closedPort(t)}
	cfg := probe.Config{
		Resolver: &dnsx.Resolver{Servers: []string{closedPort(t)}, Timeout: 300 * time.Millisecond, Attempts: 1},
		Dial:     d.Dial,
	}
	res := probe.Run(context.Background(), cfg, target(t, "example.com"))
	if res.DNSErr == nil || len(res.Hosts) != 0 {
		t.Errorf("DNSErr %v hosts %d", res.DNSErr, len(res.Hosts))
	}
}

func TestRunServer(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	for _, tc := range []struct {
		server, dialed, name string
		port                 int
	}{
		{"mx.example.com:2525", "192.0.2.10:2525", "mx.example.com", 2525},
		{"mx.example.com", "192.0.2.10:25", "mx.example.com", 25},
		{"192.0.2.99", "192.0.2.99:25", "192.0.2.99", 25},
		{"[2001:db8::1]:587", "[2001:db8::1]:587", "2001:db8::1", 587},
		{"2001:db8::1", "[2001:db8::1]:25", "2001:db8::1", 25},
		{"[2001:db8::1]", "[2001:db8::1]:25", "2001:db8::1", 25},
		// The name is the one the command line checked: lower case,
		// without the final dot.
		{"MX.Example.COM.:2525", "192.0.2.10:2525", "mx.example.com", 2525},
	} {
		t.Run(tc.server, func(t *testing.T) {
			cfg, d := setup(t, srv.Addr)
			cfg.Server = tc.server
			res := probe.Run(context.Background(), cfg, target(t, "user@example.org"))
			if res.DNSErr != nil || len(res.Hosts) != 1 || res.Server != tc.server || len(res.DNS.MX) != 0 {
				t.Fatalf("DNSErr %v hosts %d", res.DNSErr, len(res.Hosts))
			}
			h := res.Hosts[0]
			if h.Err != nil || h.Name != tc.name || h.Port != tc.port || len(d.dialed) != 1 || d.dialed[0] != tc.dialed {
				t.Errorf("host %+v dialed %v", h, d.dialed)
			}
			if h.Steps[3].Command != "RCPT TO:<user@example.org>" {
				t.Errorf("RCPT %q", h.Steps[3].Command)
			}
		})
	}
	for _, bad := range []struct {
		server string
		port   int
	}{{"mx.example.com:0", 0}, {"mx.example.com:", 0}, {"mx.example.com", 70000}, {"mx.example.com", -1}, {"[mx.example.com]:25", 0}} {
		t.Run(fmt.Sprintf("bad %s port %d", bad.server, bad.port), func(t *testing.T) {
			cfg, d := setup(t, srv.Addr)
			cfg.Server, cfg.Port = bad.server, bad.port
			res := probe.Run(context.Background(), cfg, target(t, "example.com"))
			if res.DNSErr == nil || len(res.Hosts) != 0 || len(d.dialed) != 0 {
				t.Errorf("DNSErr %v hosts %+v dialed %v; want an error and nothing dialed", res.DNSErr, res.Hosts, d.dialed)
			}
		})
	}
	t.Run("no address", func(t *testing.T) {
		cfg, d := setup(t, srv.Addr)
		cfg.Server = "nothing.example.com"
		res := probe.Run(context.Background(), cfg, target(t, "example.com"))
		if res.DNSErr != nil || len(res.Hosts) != 1 || res.Hosts[0].Err == nil || len(d.dialed) != 0 {
			t.Errorf("DNSErr %v hosts %+v", res.DNSErr, res.Hosts)
		}
	})
	t.Run("rcpt override", func(t *testing.T) {
		cfg, _ := setup(t, srv.Addr)
		cfg.Rcpt = "other@example.net"
		res := probe.Run(context.Background(), cfg, target(t, "example.com"))
		if got := res.Hosts[0].Steps[3].Command; got != "RCPT TO:<other@example.net>" {
			t.Errorf("RCPT %q", got)
		}
	})
}

// slowGreeting holds each connection a while before greeting, so that
// connections would overlap if the probe allowed it.
func slowGreeting(c *smtptest.Conn) {
	time.Sleep(30 * time.Millisecond)
	c.Greet("PIPELINING")
	c.Answer(nil)
}

func TestOneConnectionPerIP(t *testing.T) {
	t.Run("hosts of one run sharing an address", func(t *testing.T) {
		srv := smtptest.StartScript(t, slowGreeting)
		d := &dialer{to: srv.Addr}
		cfg := zoneConfig(t, d,
			"example.com. 300 IN MX 10 mx1.example.com.",
			"example.com. 300 IN MX 20 mx2.example.com.",
			"example.com. 300 IN MX 30 mx3.example.com.",
			"mx1.example.com. 300 IN A 192.0.2.1",
			"mx2.example.com. 300 IN A 192.0.2.1",
			"mx3.example.com. 300 IN A 192.0.2.1",
		)
		res := probe.Run(context.Background(), cfg, target(t, "example.com"))
		for _, h := range res.Hosts {
			if h.Err != nil {
				t.Errorf("%s: %v", h.Name, h.Err)
			}
		}
		if len(d.dialed) != 3 || d.max != 1 {
			t.Errorf("%d connections, %d at most at once; want 3, 1", len(d.dialed), d.max)
		}
	})
	t.Run("runs sharing a gate", func(t *testing.T) {
		srv := smtptest.StartScript(t, slowGreeting)
		cfg, d := setup(t, srv.Addr)
		cfg.Gate = &probe.Gate{}
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				if h := probe.Run(context.Background(), cfg, target(t, "example.com")).Hosts[0]; h.Err != nil {
					t.Errorf("%v", h.Err)
				}
			})
		}
		wg.Wait()
		if len(d.dialed) != 4 || d.max != 1 {
			t.Errorf("%d connections, %d at most at once; want 4, 1", len(d.dialed), d.max)
		}
	})
	t.Run("waiting at the gate ends with the context", func(t *testing.T) {
		srv := smtptest.StartScript(t, func(c *smtptest.Conn) { c.Stall() })
		cfg, _ := setup(t, srv.Addr)
		cfg.Gate = &probe.Gate{}
		cfg.Server = "192.0.2.10" // no DNS: the second run goes straight to the gate
		cfg.Timeout = time.Second
		first := make(chan probe.Result)
		go func() { first <- probe.Run(context.Background(), cfg, target(t, "example.com")) }()
		for srv.Conns() == 0 {
			time.Sleep(time.Millisecond)
		}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		r2 := probe.Run(ctx, cfg, target(t, "example.com"))
		if h := r2.Hosts[0]; h.Err == nil || h.Err.Kind != probe.ErrCanceled || len(h.Attempts) != 0 {
			t.Errorf("second run: %+v", h)
		}
		if n := srv.Conns(); n != 1 {
			t.Errorf("%d connections, want 1", n)
		}
		if r1 := <-first; r1.Hosts[0].Err.Kind != probe.ErrTimeout {
			t.Errorf("first run: %v", r1.Hosts[0].Err)
		}
	})
}

// TestRunRequireTLS checks that the result says whether TLS was required,
// the fact by which the report judges a failed handshake.
func TestRunRequireTLS(t *testing.T) {
	for _, tc := range []struct {
		mode     probe.StartTLSMode
		implicit bool
		want     bool
	}{
		{probe.StartTLSAuto, false, false},
		{probe.StartTLSNever, false, false},
		{probe.StartTLSRequire, false, true},
		{probe.StartTLSAuto, true, true},
	} {
		cfg := probe.Config{Server: closedPort(t), StartTLS: tc.mode, ImplicitTLS: tc.implicit, Timeout: time.Second}
		res := probe.Run(context.Background(), cfg, target(t, "user@example.org"))
		if res.RequireTLS != tc.want {
			t.Errorf("StartTLS %v, implicit %v: RequireTLS %v, want %v", tc.mode, tc.implicit, res.RequireTLS, tc.want)
		}
	}
}

// TestQueueTime checks that waiting at the Gate is recorded apart
// (Host.Queued, Result.Queued), left out of every duration, and that a
// dialogue cut short by the caller's deadline after such a wait is
// ErrQueued, never a timeout of the server's (issue 10 item 17).
func TestQueueTime(t *testing.T) {
	srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
		time.Sleep(150 * time.Millisecond)
		c.Greet("PIPELINING")
		c.Answer(nil)
	})
	cfg, _ := setup(t, srv.Addr)
	cfg.Gate = &probe.Gate{}
	cfg.Server = "192.0.2.10"
	first := make(chan probe.Result)
	go func() { first <- probe.Run(context.Background(), cfg, target(t, "example.com")) }()
	for srv.Conns() == 0 {
		time.Sleep(time.Millisecond)
	}
	// The second run waits about 150ms for the first, then its own
	// greeting takes 150ms more: more than its caller's 200ms.
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	r2 := probe.Run(ctx, cfg, target(t, "example.com"))
	h := r2.Hosts[0]
	if h.Err == nil || h.Err.Kind != probe.ErrQueued || h.Queued <= 0 {
		t.Errorf("second run: err %v, queued %v; want ErrQueued after a wait", h.Err, h.Queued)
	}
	if r2.Queued <= 0 || r2.Queued > h.Queued+10*time.Millisecond || h.Duration+h.Queued > time.Second {
		t.Errorf("second run: queued %v, host queued %v, host duration %v", r2.Queued, h.Queued, h.Duration)
	}
	r1 := <-first
	if h := r1.Hosts[0]; h.Err != nil || h.Queued != 0 || r1.Queued != 0 {
		t.Errorf("first run: err %v queued %v/%v, want a clean dialogue with no wait", h.Err, h.Queued, r1.Queued)
	}
}
