package probe_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// providerTargets returns n domains whose MX is mx.provider.test, the
// zone that holds them, and the targets.
func providerTargets(n int) (rrs, targets []string) {
	rrs = []string{"mx.provider.test. 300 IN A 192.0.2.1"}
	for i := range n {
		d := fmt.Sprintf("d%03d.example", i)
		rrs = append(rrs, d+". 300 IN MX 10 mx.provider.test.")
		targets = append(targets, d)
	}
	return rrs, targets
}

// opening is the server's time for a shared session's opening as its
// host records it: the connection, then every reply before MAIL.
func opening(h probe.Host) time.Duration {
	var d time.Duration
	for _, at := range h.Attempts {
		d += at.Duration
	}
	for _, s := range h.Steps {
		if s.Kind == probe.StepMail {
			break
		}
		d += s.Duration
	}
	return d
}

// TestPoolOpeningCountedOnce: the opening of a shared session (here made
// long by a latency proxy: a round trip for the connection, the greeting,
// one for EHLO) is the server's time for the one target it was opened for
// and queue time for the others that waited for it, never both. So no
// target's Duration and Queued add up to more than the wall time of its
// probe, and in each session one target's Duration holds the opening.
func TestPoolOpeningCountedOnce(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx.provider.test"})
	proxy := smtptest.NewProxy(t, srv.Addr, 100*time.Millisecond)
	rrs, targets := providerTargets(10)
	cfg := zoneConfig(t, &dialer{to: proxy.Addr}, rrs...)
	cfg.Dial = proxy.Dial
	cfg.Deadline = time.Minute
	gate := &probe.Gate{PerAddress: 2}
	cfg.Gate, cfg.Pool = gate, probe.NewPool(context.Background(), gate)
	res := make([]probe.Result, len(targets))
	wall := make([]time.Duration, len(targets))
	var wg sync.WaitGroup
	for i, tg := range targets {
		wg.Go(func() {
			start := time.Now()
			res[i] = probe.Run(context.Background(), cfg, target(t, tg))
			wall[i] = time.Since(start)
		})
	}
	wg.Wait()
	cfg.Pool.Close()

	holders := map[int]int{} // session -> targets whose Duration holds its opening
	for i, r := range res {
		if rep := rcptReply(t, r); rep.Code != 250 {
			t.Errorf("%s: RCPT got %d", r.Target.Domain, rep.Code)
		}
		h := r.Hosts[0]
		if h.Shared == nil {
			t.Fatalf("%s: not on a shared session", r.Target.Domain)
		}
		if h.Duration+h.Queued > wall[i] || r.Duration+r.Queued > wall[i] {
			t.Errorf("%s: host %v + %v queued, result %v + %v queued, in a probe of %v: the opening counted twice",
				r.Target.Domain, h.Duration, h.Queued, r.Duration, r.Queued, wall[i])
		}
		if h.Duration >= opening(h) {
			holders[h.Shared.Session]++
		}
		if _, ok := holders[h.Shared.Session]; !ok {
			holders[h.Shared.Session] = 0
		}
	}
	for s, n := range holders {
		if n == 0 {
			t.Errorf("session %d: no target's Duration holds the opening", s)
		}
	}
}

// cutSecondConn cuts the second connection dialed right after the probe
// sends its RCPTs on it, and records the first recipient of that write:
// the one whose turn it was when the session was lost.
type cutSecondConn struct {
	net.Conn
	first *atomic.Pointer[string]
}

var rcptTo = regexp.MustCompile(`RCPT TO:<([^>]*)>`)

func (c *cutSecondConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	if m := rcptTo.FindSubmatch(b); err == nil && m != nil && bytes.Contains(b, []byte("MAIL FROM:")) {
		rcpt := string(m[1])
		if c.first.CompareAndSwap(nil, &rcpt) {
			c.Conn.Close()
		}
	}
	return n, err
}

// TestPoolLostSessionPausesDeadline: a recipient whose shared session is
// lost in its turn waits for another session without its deadline
// running: the wait is queue time. A go-smtp server holds the first RCPT
// of the first session until the test releases it; meanwhile enough
// targets queue for a second session, which the path cuts right after its
// MAIL and RCPTs go out. Its recipients go back to the queue, behind the
// held transaction, for longer than their deadline, and must all get
// their replies when it ends; only the held recipient's probe ends at its
// deadline.
func TestPoolLostSessionPausesDeadline(t *testing.T) {
	const deadline = 4 * time.Second
	release := make(chan struct{})
	var releaseOnce sync.Once
	var heldRcpt atomic.Pointer[string]
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx.provider.test", BeforeRcpt: func(to string) {
		if heldRcpt.CompareAndSwap(nil, &to) {
			<-release
		}
	}})
	t.Cleanup(func() { releaseOnce.Do(func() { close(release) }) })
	// More than two transactions' worth: the first session takes at most
	// one, and while it is held the rest queue up to more than another.
	rrs, targets := providerTargets(210)
	d := &dialer{to: srv.Addr}
	cfg := zoneConfig(t, d, rrs...)
	// One cache for the run, as the command has: the MX host's address is
	// asked once, not by each of the 210 targets on a busy machine.
	cfg.Resolver.Cache = &dnsx.Cache{}
	cfg.Deadline = deadline
	cfg.Timeout = time.Minute // the hold is the deadline's to cut, not the step timeout's
	var dials atomic.Int32
	var cutRcpt atomic.Pointer[string]
	cfg.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.Dial(ctx, network, addr)
		if err != nil || dials.Add(1) != 2 {
			return c, err
		}
		return &cutSecondConn{Conn: c, first: &cutRcpt}, nil
	}
	gate := &probe.Gate{PerAddress: 2}
	cfg.Gate, cfg.Pool = gate, probe.NewPool(context.Background(), gate)

	res := make([]probe.Result, len(targets))
	done := make([]chan struct{}, len(targets))
	var wg sync.WaitGroup
	for i, tg := range targets {
		done[i] = make(chan struct{})
		wg.Go(func() {
			defer close(done[i])
			res[i] = probe.Run(context.Background(), cfg, target(t, tg))
		})
	}
	// Hold the first session until the cut recipient's deadline has
	// passed twice over, or its probe ended (with the defect, at its
	// deadline): a watchdog, not a measure.
	watch := time.After(30 * time.Second)
	for cutRcpt.Load() == nil {
		select {
		case <-watch:
			releaseOnce.Do(func() { close(release) })
			wg.Wait()
			t.Fatalf("no second session was cut (%d connections): the test did not test", dials.Load())
		case <-time.After(10 * time.Millisecond):
		}
	}
	cut := *cutRcpt.Load()
	var cutDone chan struct{}
	for i, tg := range targets {
		if strings.HasSuffix(cut, "@"+tg) {
			cutDone = done[i]
		}
	}
	select {
	case <-cutDone:
	case <-time.After(2 * deadline):
	}
	releaseOnce.Do(func() { close(release) })
	wg.Wait()
	cfg.Pool.Close()

	held := *heldRcpt.Load()
	for _, r := range res {
		if r.Target.Rcpt == held {
			continue // held past its deadline in its turn: its timeout is right
		}
		h := r.Hosts[0]
		if h.Err != nil || h.Shared == nil {
			t.Errorf("%s: Err %v, shared %+v: want its reply on a shared session", r.Target.Rcpt, h.Err, h.Shared)
			continue
		}
		if rep := rcptReply(t, r); rep.Code != 250 {
			t.Errorf("%s: RCPT got %d", r.Target.Rcpt, rep.Code)
		}
		if r.Target.Rcpt == cut && h.Duration+h.Queued > r.Duration+r.Queued {
			t.Errorf("%s: host %v + %v queued exceeds its probe's %v + %v", cut, h.Duration, h.Queued, r.Duration, r.Queued)
		}
	}
	t.Logf("held %s, cut %s, %d connections", held, cut, dials.Load())
}

// runAll probes targets at once with cfg and returns their results, or
// fails the test when they are not all back within the watchdog: a bound
// on a hang, not a measure.
func runAll(t *testing.T, cfg probe.Config, targets []string, watchdog time.Duration) []probe.Result {
	t.Helper()
	res := make([]probe.Result, len(targets))
	var wg sync.WaitGroup
	for i, tg := range targets {
		wg.Go(func() { res[i] = probe.Run(context.Background(), cfg, target(t, tg)) })
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(watchdog):
		t.Fatalf("the probes were not all back after %v: the queue is not bounded", watchdog)
	}
	return res
}

// runStalled probes targets at once over a Pool (perAddress connections
// an address) with a deadline and a queue limit of limit each and an
// hour's step timeout, so that only those bound the probes, and returns
// their results once the Pool's sessions are over.
func runStalled(t *testing.T, cfg probe.Config, targets []string, perAddress int, limit time.Duration) []probe.Result {
	t.Helper()
	cfg.Deadline = limit
	cfg.QueueLimit = limit
	cfg.Timeout = time.Hour
	gate := &probe.Gate{PerAddress: perAddress}
	cfg.Gate, cfg.Pool = gate, probe.NewPool(context.Background(), gate)
	res := runAll(t, cfg, targets, 30*time.Second)
	cfg.Pool.Close()
	return res
}

// TestPoolStalledTransaction: a server that stops answering in the middle
// of a shared transaction (it never replies to an RCPT; the step timeout
// is an hour) gives every target a bounded, reported failure: the one
// whose turn it was times out at its deadline (so does the one a later
// session was opened for, if any: its turn too), the others, whose RCPTs
// wait behind it or who wait for the session, end once they have queued
// as long as a probe may (Config.QueueLimit) with ErrQueued, which blames
// the queue, not the server.
func TestPoolStalledTransaction(t *testing.T) {
	release := make(chan struct{})
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx.provider.test", BeforeRcpt: func(string) { <-release }})
	t.Cleanup(func() { close(release) }) // before the server's cleanup
	rrs, targets := providerTargets(6)
	cfg := zoneConfig(t, &dialer{to: srv.Addr}, rrs...)
	res := runStalled(t, cfg, targets, 2, time.Second)
	var timedOut, queued int
	for _, r := range res {
		h := r.Hosts[0]
		switch {
		case h.Err == nil:
			t.Errorf("%s: no error from a server that never answered its RCPT", r.Target.Domain)
		case h.Err.Kind == probe.ErrTimeout && h.Err.Step == probe.StepRcpt:
			timedOut++
		case h.Err.Kind == probe.ErrQueued && h.Queued > 0:
			queued++
		default:
			t.Errorf("%s: Err %v (%s at %s), queued %v: want a timeout at RCPT or a queue failure", r.Target.Domain, h.Err, h.Err.Kind, h.Err.Step, h.Queued)
		}
	}
	if timedOut == 0 || queued == 0 {
		t.Errorf("%d targets timed out at RCPT, %d queued out: want the one whose turn it was, and the others waiting", timedOut, queued)
	}
	t.Logf("%d timed out, %d queued out", timedOut, queued)
}

// TestPoolStalledAfterReplies: a server that answers the first RCPT of a
// shared transaction and then stops answering: the target that got its
// reply keeps it (no error: only other targets' replies and the RSET did
// not come), rather than wait for the step timeout (an hour) with the
// rest; the one whose turn it was times out, the others queue out. The
// latency proxy makes the opening last long enough for every target to
// join the first transaction.
func TestPoolStalledAfterReplies(t *testing.T) {
	release := make(chan struct{})
	var seen atomic.Int32
	srv := smtptest.Start(t, smtptest.Options{Domain: "mx.provider.test", BeforeRcpt: func(string) {
		if seen.Add(1) >= 2 {
			<-release
		}
	}})
	t.Cleanup(func() { close(release) }) // before the server's cleanup
	proxy := smtptest.NewProxy(t, srv.Addr, 100*time.Millisecond)
	rrs, targets := providerTargets(6)
	cfg := zoneConfig(t, &dialer{to: proxy.Addr}, rrs...)
	cfg.Dial = proxy.Dial
	res := runStalled(t, cfg, targets, 2, 2*time.Second)
	var replied, timedOut, queued int
	for _, r := range res {
		h := r.Hosts[0]
		switch {
		case h.Err == nil:
			if rep := rcptReply(t, r); rep.Code != 250 || h.Shared == nil || h.Shared.Transaction != 1 {
				t.Errorf("%s: RCPT %d, shared %+v: want its 250 in the first transaction", r.Target.Domain, rep.Code, h.Shared)
			}
			if last := h.Steps[len(h.Steps)-1]; last.Kind == probe.StepRset {
				t.Fatalf("%s: its transaction ended (RSET %d): no other target was behind it, the test did not test", r.Target.Domain, last.Reply.Code)
			}
			replied++
		case h.Err.Kind == probe.ErrTimeout && h.Err.Step == probe.StepRcpt:
			timedOut++
		case h.Err.Kind == probe.ErrQueued:
			queued++
		default:
			t.Errorf("%s: Err %v (%s at %s)", r.Target.Domain, h.Err, h.Err.Kind, h.Err.Step)
		}
	}
	if replied != 1 || timedOut == 0 {
		t.Errorf("%d kept their reply, %d timed out, %d queued out: want the one the server answered, a timeout for the one whose turn it was, the rest queued out", replied, timedOut, queued)
	}
}

// TestPoolStalledOpening: a path that stalls every connection (a latency
// proxy with an hour's delay, dialed through the proxy so that the connect
// stalls, or reached directly so that the greeting never comes) fails the
// shared session's opening at the deadline of the target it was opened
// for, which gets that opening as its result: a timeout at the step that
// stalled, as a dialogue of its own would have recorded, not a second
// dialogue with no time left that would blame the connection. The others
// then wait for dialogues of their own at the Gate (one connection at a
// time), and no longer than Config.QueueLimit in all: some end with
// ErrQueued rather than each waiting its turn to time out in a row.
func TestPoolStalledOpening(t *testing.T) {
	for _, tc := range []struct {
		name      string
		viaDialer bool // the proxy's dialer, whose connect costs a (stalled) round trip
		step      probe.StepKind
	}{
		{"connect", true, probe.StepConnect},
		{"greeting", false, probe.StepGreeting},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.Start(t, smtptest.Options{Domain: "mx.provider.test"})
			proxy := smtptest.NewProxy(t, srv.Addr, time.Hour)
			rrs, targets := providerTargets(6)
			cfg := zoneConfig(t, &dialer{to: proxy.Addr}, rrs...)
			if tc.viaDialer {
				cfg.Dial = proxy.Dial
			}
			res := runStalled(t, cfg, targets, 1, time.Second)
			var stalled, queued int
			for _, r := range res {
				h := r.Hosts[0]
				switch {
				case h.Err == nil:
					t.Errorf("%s: no error through a path that stalls", r.Target.Domain)
				case h.Err.Kind == probe.ErrQueued:
					queued++
				case h.Err.Kind == probe.ErrTimeout && h.Err.Step == tc.step:
					stalled++
					if h.Duration+h.Queued > r.Duration+r.Queued {
						t.Errorf("%s: host %v + %v queued exceeds its probe's %v + %v", r.Target.Domain, h.Duration, h.Queued, r.Duration, r.Queued)
					}
				default:
					t.Errorf("%s: Err %v (%s at %s): want a timeout at %s or a queue failure", r.Target.Domain, h.Err, h.Err.Kind, h.Err.Step, tc.step)
				}
			}
			if stalled == 0 || queued == 0 {
				t.Errorf("%d timed out at %s, %d queued out: want the target the session was opened for, and others that gave up queueing", stalled, tc.step, queued)
			}
		})
	}
}
