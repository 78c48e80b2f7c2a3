package probe

import (
	"context"
	"net/netip"
	"sync"
	"time"
)

// Gate keeps the probe polite: at most PerAddress connections to each IP
// address at a time (one by default), however many hosts, addresses or
// targets lead to it, shared sessions of a Pool included. The zero value
// is ready to use; a Gate may be shared by concurrent Runs.
//
// Waiting at the Gate is queue time, not probe time: it is recorded apart
// (Host.Queued, Result.Queued), it does not count against
// Config.Deadline, and no step's or host's duration includes it.
type Gate struct {
	// PerAddress is how many connections to one address may be open at
	// once; zero means one. Set it before first use.
	PerAddress int

	mu    sync.Mutex
	slots map[netip.Addr]*slot
}

type slot struct {
	busy chan struct{} // holds a token while a connection is open
	refs int           // holders and waiters; the slot goes at zero
}

// acquire waits until no other connection to a is open, or ctx ends. The
// caller must call release when its connection is closed. waited is how
// long it queued: zero when the address was free at once. clk, when not
// nil, is told while acquire waits.
func (g *Gate) acquire(ctx context.Context, a netip.Addr, clk *idleClock) (release func(), waited time.Duration, err error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	a = a.Unmap()
	g.mu.Lock()
	if g.slots == nil {
		g.slots = make(map[netip.Addr]*slot)
	}
	s := g.slots[a]
	if s == nil {
		s = &slot{busy: make(chan struct{}, max(g.PerAddress, 1))}
		g.slots[a] = s
	}
	s.refs++
	g.mu.Unlock()

	release = func() {
		<-s.busy
		g.unref(a, s)
	}
	select {
	case s.busy <- struct{}{}:
		return release, 0, nil
	default:
	}
	if clk != nil {
		clk.update(0, 1)
		defer clk.update(0, -1)
	}
	start := time.Now()
	select {
	case s.busy <- struct{}{}:
		if err := ctx.Err(); err != nil {
			// The address came free as the time ran out (select picks
			// either when both are ready): nothing can be sent now, and
			// that is the queue's doing, not the server's.
			release()
			return nil, time.Since(start), err
		}
		return release, time.Since(start), nil
	case <-ctx.Done():
		g.unref(a, s)
		return nil, time.Since(start), ctx.Err()
	}
}

func (g *Gate) unref(a netip.Addr, s *slot) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if s.refs--; s.refs == 0 {
		delete(g.slots, a)
	}
}

// idleClock measures the part of a Run's wall time in which it only
// queued: every host dialogue under way was waiting at the Gate. That
// time is Result.Queued and is left out of Result.Duration.
type idleClock struct {
	mu      sync.Mutex
	running int       // host probes under way
	waiting int       // of them, waiting at the Gate
	since   time.Time // when running == waiting > 0 began
	idle    time.Duration
}

// update applies a change of the counts, closing or opening an idle span.
func (c *idleClock) update(dRunning, dWaiting int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	wasIdle := c.running > 0 && c.running == c.waiting
	c.running += dRunning
	c.waiting += dWaiting
	isIdle := c.running > 0 && c.running == c.waiting
	switch {
	case wasIdle && !isIdle:
		c.idle += time.Since(c.since)
	case !wasIdle && isIdle:
		c.since = time.Now()
	}
}

func (c *idleClock) total() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.idle
}
