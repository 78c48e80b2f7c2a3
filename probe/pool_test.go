package probe_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// probeShared probes targets at once with a shared Pool, as a run of the
// command does, and returns their results in order once the Pool's
// sessions are over.
func probeShared(t *testing.T, cfg probe.Config, targets []string) []probe.Result {
	t.Helper()
	gate := &probe.Gate{PerAddress: 2}
	cfg.Gate, cfg.Pool = gate, probe.NewPool(context.Background(), gate)
	res := make([]probe.Result, len(targets))
	var wg sync.WaitGroup
	for i, tg := range targets {
		wg.Go(func() { res[i] = probe.Run(context.Background(), cfg, target(t, tg)) })
	}
	wg.Wait()
	cfg.Pool.Close()
	return res
}

// rcptReply is the reply a result's only host got to its RCPT.
func rcptReply(t *testing.T, r probe.Result) probe.Reply {
	t.Helper()
	if len(r.Hosts) != 1 {
		t.Fatalf("%s: %d hosts", r.Target.Input, len(r.Hosts))
	}
	h := r.Hosts[0]
	if h.Err != nil {
		t.Errorf("%s: %v", r.Target.Input, h.Err)
	}
	for _, s := range h.Steps {
		if s.Kind == probe.StepRcpt {
			return s.Reply
		}
	}
	t.Errorf("%s: no RCPT step in %+v", r.Target.Input, h.Steps)
	return probe.Reply{}
}

// TestPoolShared: 60 domains hosted on one MX share its sessions (at
// most two connections at once, far fewer than 60 in all), with their
// RCPTs batched, and each gets its own reply: the greeting, EHLO and TLS
// facts of the session, and says it was shared.
func TestPoolShared(t *testing.T) {
	const domains = 60
	reject := map[string]*smtptest.SMTPError{}
	rrs := []string{"mx.provider.test. 300 IN A 192.0.2.1"}
	var targets []string
	for i := range domains {
		d := fmt.Sprintf("d%02d.example", i)
		rrs = append(rrs, d+". 300 IN MX 10 mx.provider.test.")
		targets = append(targets, d)
		if i%7 == 3 {
			reject["postmaster@"+d] = smtptest.Error(550, "5.1.1", "Email address could not be found, or was misspelled (G8)")
		}
	}
	ca := smtptest.NewCA(t)
	srv := smtptest.Start(t, smtptest.Options{
		Domain:     "mx.provider.test",
		TLS:        smtptest.TLSConfig(ca.Issue(t, "mx.provider.test", time.Now().Add(90*24*time.Hour))),
		RejectRcpt: reject,
	})
	d := &dialer{to: srv.Addr}
	cfg := zoneConfig(t, d, rrs...)
	cfg.RootCAs = ca.Pool()
	res := probeShared(t, cfg, targets)
	for _, r := range res {
		rep := rcptReply(t, r)
		want := 250
		if reject["postmaster@"+r.Target.Domain] != nil {
			want = 550
		}
		if rep.Code != want {
			t.Errorf("%s: RCPT got %d, want %d", r.Target.Domain, rep.Code, want)
		}
		h := r.Hosts[0]
		if h.Shared == nil || h.TLS == nil || !h.TLS.Verified || h.Steps[0].Reply.Code != 220 {
			t.Errorf("%s: shared %+v TLS %+v steps %+v", r.Target.Domain, h.Shared, h.TLS, h.Steps)
		}
	}
	if d.max > 2 || len(d.dialed) >= domains/2 {
		t.Errorf("%d connections in all, %d at once; want a few, at most 2 at once", len(d.dialed), d.max)
	}
}

// TestPoolPostfix runs shared sessions against a real Postfix that makes
// the batching show: a recipient limit per transaction, refused
// multi-recipient bounces, and sessions cut with 421 after a few errors.
// Each target's verdict must be its own all the same.
func TestPoolPostfix(t *testing.T) {
	known := []string{"u1@example.com", "u2@example.com", "u3@example.com", "u4@example.com", "u5@example.com"}
	var targets []string
	for i, k := range known {
		targets = append(targets, k, fmt.Sprintf("nobody%d@example.com", i))
	}
	for _, tc := range []struct {
		name string
		main map[string]string
		// seen is a reply the batching caused, which no target may get.
		seen string
	}{
		{"recipient limit", map[string]string{"smtpd_recipient_limit": "3"}, "4.5.3"},
		{"multi-recipient bounce", map[string]string{
			"smtpd_recipient_restrictions": "reject_multi_recipient_bounce, permit_mynetworks, reject_unauth_destination",
			// Postfix tarpits a session with many errors (a second each
			// after smtpd_soft_error_limit); that is real, but slow here.
			"smtpd_error_sleep_time": "0",
		}, "5.5.3"},
		{"421 after errors", map[string]string{
			"smtpd_hard_error_limit": "2", "smtpd_soft_error_limit": "1", "smtpd_error_sleep_time": "0",
		}, "4.7.0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ca := smtptest.NewCA(t)
			cert := ca.Issue(t, "mx.example.com", time.Now().Add(90*24*time.Hour))
			p := smtptest.StartPostfix(t, smtptest.PostfixOptions{
				Hostname: "mx.example.com", Domain: "example.com", Recipients: known, TLS: &cert, Main: tc.main,
			})
			cfg, d := postfixConfig(t, p, ca.Pool())
			cfg.From = "" // the null sender, as the command sends
			res := probeShared(t, cfg, targets)
			for _, r := range res {
				rep := rcptReply(t, r)
				want := 250
				if strings.HasPrefix(r.Target.Rcpt, "nobody") {
					want = 550
				}
				if rep.Code != want || rep.Enhanced == tc.seen {
					t.Errorf("%s: RCPT got %d %s %v, want %d", r.Target.Rcpt, rep.Code, rep.Enhanced, rep.Lines, want)
				}
			}
			if d.max > 2 {
				t.Errorf("%d connections at once, want at most 2", d.max)
			}
			if t.Failed() || testing.Verbose() {
				t.Log(p.Log())
			}
		})
	}
}

// dropConn is a connection that the path cuts right after the probe sends
// its first RCPT: the session dies mid-way, its replies never come.
type dropConn struct {
	net.Conn
	cut *atomic.Bool // shared: only the first session is cut
}

func (c *dropConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	if err == nil && bytes.Contains(b, []byte("RCPT TO:")) && c.cut.CompareAndSwap(false, true) {
		c.Conn.Close()
	}
	return n, err
}

// TestPoolPostfixDropped: a shared session to a real Postfix that is cut
// mid-way, after its RCPTs went out and before any reply came back, makes
// the pool open a new session and ask again; every target still gets its
// own verdict.
func TestPoolPostfixDropped(t *testing.T) {
	known := []string{"u1@example.com", "u2@example.com", "u3@example.com"}
	var targets []string
	for i, k := range known {
		targets = append(targets, k, fmt.Sprintf("nobody%d@example.com", i))
	}
	p := smtptest.StartPostfix(t, smtptest.PostfixOptions{Hostname: "mx.example.com", Domain: "example.com", Recipients: known})
	cfg, _ := setup(t, p.Addr)
	cfg.From = ""
	var cut atomic.Bool
	var dials atomic.Int32
	dial := cfg.Dial
	cfg.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		dials.Add(1)
		return &dropConn{Conn: c, cut: &cut}, nil
	}
	res := probeShared(t, cfg, targets)
	if !cut.Load() {
		t.Fatal("no session was cut: the test did not test")
	}
	for _, r := range res {
		rep := rcptReply(t, r)
		want := 250
		if strings.HasPrefix(r.Target.Rcpt, "nobody") {
			want = 550
		}
		if rep.Code != want {
			t.Errorf("%s: RCPT got %d %s %v, want %d", r.Target.Rcpt, rep.Code, rep.Enhanced, rep.Lines, want)
		}
	}
	if n := dials.Load(); n < 2 {
		t.Errorf("%d connections: want a new session after the cut", n)
	}
	if t.Failed() {
		t.Log(p.Log())
	}
}

// TestPoolDeadline: over a shared session each target keeps to its own
// deadline. A go-smtp server holds back its reply to one recipient's RCPT
// (as a server busy with a slow recipient check does) until that target's
// probe is over: the probe ends at its deadline with a timeout at RCPT,
// its facts those of the shared session, while the session goes on and
// the other targets on it get their replies there, not blamed for the
// wait and not pushed into dialogues of their own. The wait is their queue
// time, not the probe's: the targets of its transaction count the whole
// hold as queued.
func TestPoolDeadline(t *testing.T) {
	const slowRcpt = "slow@d00.example"
	release := make(chan struct{})
	var held atomic.Int32
	heldAt := make(chan time.Time, 1)
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx.provider.test", BeforeRcpt: func(to string) {
		if strings.EqualFold(to, slowRcpt) {
			if held.Add(1) == 1 {
				heldAt <- time.Now()
			}
			<-release
		}
	}})
	rrs := []string{"mx.provider.test. 300 IN A 192.0.2.1"}
	targets := []string{slowRcpt}
	for i := range 10 {
		d := fmt.Sprintf("d%02d.example", i)
		rrs = append(rrs, d+". 300 IN MX 10 mx.provider.test.")
		if i > 0 {
			targets = append(targets, d)
		}
	}
	cfg := zoneConfig(t, &dialer{to: srv.Addr}, rrs...)
	cfg.Deadline = 2 * time.Second
	cfg.Timeout = time.Minute // the held reply is the deadline's to cut, not the step timeout's
	gate := &probe.Gate{PerAddress: 2}
	cfg.Gate, cfg.Pool = gate, probe.NewPool(context.Background(), gate)

	res := make([]probe.Result, len(targets))
	slowDone := make(chan struct{})
	var wg sync.WaitGroup
	for i, tg := range targets {
		wg.Go(func() {
			res[i] = probe.Run(context.Background(), cfg, target(t, tg))
			if i == 0 {
				close(slowDone)
			}
		})
	}
	<-slowDone // by its deadline alone: the reply is held until then
	var hold time.Duration
	select {
	case at := <-heldAt:
		hold = time.Since(at)
	default:
	}
	close(release)
	wg.Wait()
	cfg.Pool.Close()

	if held.Load() == 0 {
		t.Fatal("the slow RCPT never reached the server: the test did not test")
	}
	slow := res[0].Hosts[0]
	if slow.Err == nil || slow.Err.Step != probe.StepRcpt || slow.Err.Kind != probe.ErrTimeout || !strings.Contains(slow.Err.Error(), "run deadline exceeded") {
		t.Errorf("%s: Err %v, want a timeout at RCPT by the run's deadline", slowRcpt, slow.Err)
	}
	if slow.Shared == nil {
		t.Errorf("%s: not on the shared session (Err %v)", slowRcpt, slow.Err)
	}
	if n := len(slow.Steps); n < 3 || slow.Steps[0].Reply.Code != 220 || slow.Steps[n-2].Kind != probe.StepMail || slow.Steps[n-2].Reply.Code != 250 ||
		slow.Steps[n-1].Kind != probe.StepRcpt || slow.Steps[n-1].Reply.Code != 0 || slow.Steps[n-1].Command != "RCPT TO:<"+slowRcpt+">" {
		t.Errorf("%s: want the session's greeting and EHLO, MAIL 250, then its RCPT without a reply:\n%s", slowRcpt, transcript(slow))
	}
	sameTx := 0
	for _, r := range res[1:] {
		if rep := rcptReply(t, r); rep.Code != 250 {
			t.Errorf("%s: RCPT got %d, want 250", r.Target.Input, rep.Code)
		}
		h := r.Hosts[0]
		if h.Shared == nil {
			t.Errorf("%s: a dialogue of its own, not the shared session", r.Target.Input)
			continue
		}
		// In the slow recipient's transaction it waited for the held reply
		// from before the hold began to after it ended, ahead of its RCPT
		// or behind it.
		if slow.Shared != nil && h.Shared.Session == slow.Shared.Session && h.Shared.Transaction == slow.Shared.Transaction {
			sameTx++
			if r.Queued < hold || h.Queued < hold {
				t.Errorf("%s: queued %v (host %v), duration %v: the %v held for another target's RCPT is not all queue time", r.Target.Input, r.Queued, h.Queued, r.Duration, hold)
			}
		}
	}
	t.Logf("%d targets shared the slow recipient's transaction", sameTx)
}

// closeConn tells when the connection is closed.
type closeConn struct {
	net.Conn
	once   sync.Once
	closed chan struct{}
}

func (c *closeConn) Close() error {
	c.once.Do(func() { close(c.closed) })
	return c.Conn.Close()
}

// TestPoolAbandoned: a shared session whose transaction no target waits
// for any more (the only one reached its deadline while the server held
// its RCPT) is closed at once, rather than kept open for the reply until
// the step timeout (an hour here) and holding the end of the run.
func TestPoolAbandoned(t *testing.T) {
	release := make(chan struct{})
	srv := smtptest.Start(t, smtptest.Options{BeforeRcpt: func(string) { <-release }})
	t.Cleanup(func() { close(release) }) // before the server's cleanup
	cfg := zoneConfig(t, &dialer{to: srv.Addr}, zone...)
	cfg.Deadline = time.Second
	cfg.Timeout = time.Hour
	conns := make(chan *closeConn, 4)
	dial := cfg.Dial
	cfg.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		cc := &closeConn{Conn: c, closed: make(chan struct{})}
		conns <- cc
		return cc, nil
	}
	gate := &probe.Gate{PerAddress: 2}
	cfg.Gate, cfg.Pool = gate, probe.NewPool(context.Background(), gate)
	h := oneHost(t, cfg, "user@example.com")
	if h.Shared == nil || h.Err == nil || h.Err.Kind != probe.ErrTimeout {
		t.Fatalf("Shared %+v, Err %v: want a timeout on the shared session", h.Shared, h.Err)
	}
	c := <-conns
	select {
	case <-c.closed:
	case <-time.After(30 * time.Second): // a watchdog, not a measure: it is closed at once or in an hour
		t.Fatal("the session's connection stayed open after its only target gave up")
	}
	cfg.Pool.Close()
}

// abandonAtReset is a connection on which every target gives up just as
// the reply to the transaction's RSET comes: its Read, on reading that
// reply, cancels the probes (give) and returns it only once the Pool has
// closed the connection. It records any write after that close.
type abandonAtReset struct {
	net.Conn
	give      context.CancelFunc
	once      sync.Once
	closed    chan struct{}
	abandoned atomic.Bool // the RSET reply came and the connection was closed
	late      atomic.Pointer[string]
}

func (c *abandonAtReset) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if bytes.Contains(b[:n], []byte("Session reset")) {
		c.give()
		select {
		case <-c.closed:
			c.abandoned.Store(true)
		case <-time.After(30 * time.Second): // a watchdog, not a measure
		}
	}
	return n, err
}

func (c *abandonAtReset) Write(b []byte) (int, error) {
	select {
	case <-c.closed:
		s := string(b)
		c.late.CompareAndSwap(nil, &s)
	default:
	}
	return c.Conn.Write(b)
}

func (c *abandonAtReset) Close() error {
	c.once.Do(func() { close(c.closed) })
	return c.Conn.Close()
}

// TestPoolAbandonedAfterReplies: a shared session whose transaction every
// target gave up on after all its replies had come (here the only target
// is cancelled as the RSET reply arrives) has had its connection closed
// by the Pool: the session ends there, and sends nothing more on the
// closed connection (with the defect it went on to take the next batch,
// here none, and sent QUIT on it).
func TestPoolAbandonedAfterReplies(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	cfg := zoneConfig(t, &dialer{to: srv.Addr}, zone...)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	conns := make(chan *abandonAtReset, 4)
	dial := cfg.Dial
	cfg.Dial = func(dctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(dctx, network, addr)
		if err != nil {
			return nil, err
		}
		ac := &abandonAtReset{Conn: c, give: cancel, closed: make(chan struct{})}
		conns <- ac
		return ac, nil
	}
	gate := &probe.Gate{PerAddress: 2}
	cfg.Gate, cfg.Pool = gate, probe.NewPool(context.Background(), gate)
	res := probe.Run(ctx, cfg, target(t, "user@example.com"))
	cfg.Pool.Close() // the session is over
	if res.DNSErr != nil || len(res.Hosts) != 1 {
		t.Fatalf("DNS %v, %d hosts: want the one MX host", res.DNSErr, len(res.Hosts))
	}
	c := <-conns
	if !c.abandoned.Load() {
		t.Fatal("the connection was not closed when the target gave up at the RSET reply: the test did not test")
	}
	if late := c.late.Load(); late != nil {
		t.Errorf("the session wrote %q on the connection the Pool had closed: it went on after its transaction was abandoned", *late)
	}
}
