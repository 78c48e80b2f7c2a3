package dnsx

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"
)

// DefaultMaxInFlight is the number of queries a run of smtpprobe has in
// flight at once, whatever its concurrency. Each query in flight holds a
// socket, and a resolver answers a burst of thousands no faster than a
// steady stream of a few hundred (Unbound's num-queries-per-thread is
// 1024, shared by every client): 256 keeps a run of -c 10000 well inside
// the usual limit of 1024 open files and the resolver's budget, while a
// run of -c 200 rarely waits for a slot.
const DefaultMaxInFlight = 256

// ErrNoSlot says that a query was never sent: the caller's context ended
// while every slot of the QueryLimit was taken by other queries. It says
// nothing about the resolver.
var ErrNoSlot = errors.New("query not sent: the run's other DNS queries held every slot")

// QueryLimit caps the queries in flight at once over every lookup of the
// Resolvers that share it, so that many targets probed at once do not
// send their queries all at once. A query waits for a slot before it is
// sent; the wait is not part of its Duration. Make one with NewQueryLimit;
// it is safe for concurrent use.
type QueryLimit struct {
	slots chan struct{}
}

// NewQueryLimit returns a limit of n queries in flight, at least 1.
func NewQueryLimit(n int) *QueryLimit {
	return &QueryLimit{slots: make(chan struct{}, max(n, 1))}
}

// InFlight is the number of queries holding a slot now.
func (l *QueryLimit) InFlight() int { return len(l.slots) }

// acquire waits for a slot; a nil limit has one at once.
func (l *QueryLimit) acquire(ctx context.Context) error {
	if l == nil {
		return nil
	}
	select {
	case l.slots <- struct{}{}:
		return nil
	default:
	}
	select {
	case l.slots <- struct{}{}:
		// When the slot came free as the time ran out, select picks
		// either case, and a context's deadline passes a moment before it
		// is done: a query sent with no time left would fail at once as
		// the resolver's failure, though it only waited here.
		if timeUp(ctx) {
			<-l.slots
			return fmt.Errorf("%w (%d in flight): %w", ErrNoSlot, cap(l.slots), cmp.Or(context.Cause(ctx), context.DeadlineExceeded))
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%w (%d in flight): %w", ErrNoSlot, cap(l.slots), context.Cause(ctx))
	}
}

// timeUp tells whether ctx is done or its deadline has passed.
func timeUp(ctx context.Context) bool {
	d, ok := ctx.Deadline()
	return ctx.Err() != nil || ok && !time.Now().Before(d)
}

func (l *QueryLimit) release() {
	if l != nil {
		<-l.slots
	}
}
