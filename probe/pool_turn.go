package probe

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"sync"
	"time"
)

// A target's probe over a shared session keeps to its own deadline
// (Config.Deadline) as a dialogue of its own does. Its time is its own
// only during its turn: from the moment its RCPT is out and every reply
// ahead of it in the transaction has come (the first recipient's turn
// starts when MAIL goes out, as MAIL is part of its dialogue) until its
// reply comes. A session's opening (connect to the EHLO after STARTTLS)
// is the turn of the one recipient it was opened for, as it would be in
// a dialogue of its own; that turn goes on into the session's first
// transaction. Before and after its turn a target waits for the session
// or for other targets, which is queue time (Host.Queued) and does not
// count, as waiting at the Gate does not: so a target's Duration and
// Queued never add up to more than its time in the Pool. When the
// deadline comes in its turn, the probe ends with a timeout at the step
// it awaited; the session and the other targets' transactions go on
// without it. A session lost mid-transaction ends the turn: waiting for
// the next session is queue time again.

// turn is where a request stands in the transactions that carry it.
type turn struct {
	changed chan struct{} // a token when the request's turn starts or ends
	clock   *idleClock    // the Run's: the host waits out of turn

	mu      sync.Mutex
	left    bool          // the probe no longer waits: the clock is not its any more
	opening bool          // in turn while a session is opened for it: no transaction yet
	tx      *txView       // the transaction of the request's latest turn
	index   int           // the request's place among tx's recipients
	since   time.Time     // when the turn started; zero out of turn
	outFrom time.Time     // when the time out of turn began
	out     time.Duration // out of turn, up to outFrom
	in      time.Duration // in turn, up to since
}

// newTurn starts out of turn at queued, the host counted as waiting in
// clock.
func newTurn(queued time.Time, clock *idleClock) *turn {
	return &turn{changed: make(chan struct{}, 1), clock: clock, outFrom: queued}
}

// leave ends the request's wait, in turn or not: the host is no longer
// waiting in the clock.
func (t *turn) leave() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.left && t.since.IsZero() {
		t.clock.update(0, -1)
	}
	t.left = true
}

// startOpening begins the request's turn as a session is opened for it.
// The session bounds the opening by the request's deadline (Pool.phase):
// until its transaction starts, there is no step of its own to cut.
func (t *turn) startOpening() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.opening = true
	t.begin()
	t.signal()
}

// start begins the request's turn in the transaction v, whose recipient
// i it is, or goes on with the turn that began with the opening.
func (t *turn) start(v *txView, i int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.tx, t.index, t.opening = v, i, false
	t.begin()
	t.signal()
}

// begin starts the time in turn unless it runs already. t.mu is held.
func (t *turn) begin() {
	if !t.since.IsZero() {
		return
	}
	t.since = time.Now()
	t.out += t.since.Sub(t.outFrom)
	if !t.left {
		t.clock.update(0, -1)
	}
}

// end ends the request's turn: its reply came and it waits for the rest
// of the transaction, or it is asked again in another transaction, because
// of the batching itself (a recipient limit) or because the session was
// lost. None of that waiting is the target's time.
func (t *turn) end() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.opening = false
	if !t.since.IsZero() {
		t.outFrom = time.Now()
		t.in += t.outFrom.Sub(t.since)
		t.since = time.Time{}
		if !t.left {
			t.clock.update(0, 1)
		}
		t.signal()
	}
}

func (t *turn) signal() {
	select {
	case t.changed <- struct{}{}:
	default:
	}
}

// carried tells whether a transaction has carried the request's RCPT.
func (t *turn) carried() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.tx != nil
}

// spent is the time the request has spent out of its turn (queued) and
// in it (own).
func (t *turn) spent() (queued, own time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.since.IsZero() {
		return t.out + time.Since(t.outFrom), t.in
	}
	return t.out, t.in + time.Since(t.since)
}

// due is when the request's wait must end. In turn it is when the
// target's budget b ends, moved later by prior and the time out of turn;
// out of turn, when its queue time (prior included) reaches limit (queue
// is then true). ok is false while a session is opened for it (the
// session keeps to its deadline), or without a bound.
func (t *turn) due(b *budget, prior, limit time.Duration) (at time.Time, queue, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case t.opening:
	case !t.since.IsZero():
		if b.limit > 0 {
			return b.start.Add(b.limit + prior + t.out), false, true
		}
	case limit > 0:
		return t.outFrom.Add(limit - prior - t.out), true, true
	}
	return time.Time{}, false, false
}

// openingDeadline is when the target's budget b ends for a session
// opened for it; ok is false unless it is in that turn with a budget.
func (t *turn) openingDeadline(b *budget, prior time.Duration) (time.Time, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.opening || b.limit <= 0 {
		return time.Time{}, false
	}
	return b.start.Add(b.limit + prior + t.out), true
}

// txView is what a transaction of a shared session shows of itself to
// its requests while it runs: the session's setup and the replies so far.
type txView struct {
	setup  *Host // read only once the session is open
	start  time.Time
	shared SharedSession
	from   string

	mu    sync.Mutex
	steps []Step
}

// add records a reply of the transaction and returns how many came.
func (v *txView) add(s Step) int {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.steps = append(v.steps, s)
	return len(v.steps)
}

// await waits for req's reply. The caller's context ends the wait; in
// turn the target's budget b (moved later by prior, the time it queued
// before the Pool, and its time out of turn) does too, and out of turn
// its queue limit.
func (p *Pool) await(ctx context.Context, req *request, b *budget, prior time.Duration, name string, port int, a netip.Addr) (Host, bool) {
	var timer *time.Timer
	var expire <-chan time.Time
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	arm := func() {
		if timer != nil {
			timer.Stop()
		}
		timer, expire = nil, nil
		if at, _, ok := req.turn.due(b, prior, req.limit); ok {
			timer = time.NewTimer(time.Until(at))
			expire = timer.C
		}
	}
	arm()
	for {
		select {
		case r := <-req.done:
			return req.result(r)
		case <-req.turn.changed:
			arm()
		case <-expire:
			at, queue, ok := req.turn.due(b, prior, req.limit)
			if !ok || time.Now().Before(at) {
				arm() // the turn began or ended meanwhile
				continue
			}
			if r, ok := answered(req); ok {
				return req.result(r)
			}
			if queue {
				return req.queuedOut(prior, name, port, a), true
			}
			return req.cutShort(prior, &Error{Kind: ErrTimeout,
				Err: errors.New("run deadline exceeded: no reply in the probe's time; the session, shared with other targets, goes on for them")}), true
		case <-ctx.Done():
			if r, ok := answered(req); ok {
				return req.result(r)
			}
			if req.turn.carried() {
				return req.cutShort(prior, classify(ctx, "", ctx.Err())), true
			}
			queued, _ := req.turn.spent()
			h := Host{Name: name, Port: port, Queued: prior + queued}
			h.Err = queueError(ctx, ctx.Err(), h.Queued, a)
			return h, true
		}
	}
}

// queuedOut is the host of a request that waited as long as a probe may
// queue (Config.QueueLimit) for a shared session or for the replies ahead
// of its own: a failure of the queue, not a verdict on the server.
func (req *request) queuedOut(prior time.Duration, name string, port int, a netip.Addr) Host {
	queued, _ := req.turn.spent()
	if req.turn.carried() {
		h := req.cutShort(prior, &Error{Kind: ErrQueued, Err: fmt.Errorf(
			"no reply: waited %s for the replies to other targets' commands ahead of its own on the shared session, as long as a probe may queue (the server may have stalled)",
			(prior + queued).Round(time.Millisecond))})
		if h.Err.Step == StepRset {
			// Its reply came; only the rest of the transaction, other
			// targets' replies and the RSET, did not: the reply stands.
			h.Err = nil
		}
		return h
	}
	h := Host{Name: name, Port: port, Queued: prior + queued}
	h.Err = queueError(req.ctx, errQueueLimit, h.Queued, a)
	return h
}

// answered returns req's reply when it has come, so that a reply and the
// end of the wait that come together keep the reply.
func answered(req *request) (poolResult, bool) {
	select {
	case r := <-req.done:
		return r, true
	default:
		return poolResult{}, false
	}
}

// result is what Pool.probe returns for r: the host, or for a dialogue
// of its own the time req queued in the Pool.
func (req *request) result(r poolResult) (Host, bool) {
	if r.own {
		queued, _ := req.turn.spent()
		return Host{Queued: queued}, false
	}
	return r.host, true
}

// cutShort is the host of a request whose probe ended before its
// transaction did: the session's facts, the transaction's replies that
// concern it up to the one awaited, which gets none, and why (e, its
// Step set here).
func (req *request) cutShort(prior time.Duration, e *Error) Host {
	t := req.turn
	t.mu.Lock()
	v, i, since := t.tx, t.index, t.since
	t.mu.Unlock()
	queued, own := t.spent()
	v.mu.Lock()
	var mail, rcpt *Step
	if len(v.steps) > 0 && v.steps[0].Kind == StepMail {
		m := v.steps[0]
		mail = &m
	}
	if k := 1 + i; k < len(v.steps) && v.steps[k].Kind == StepRcpt {
		r := v.steps[k]
		rcpt = &r
	}
	v.mu.Unlock()
	h := *v.setup
	h.Steps = slices.Clone(v.setup.Steps)
	if v.setup.TLS != nil {
		tls := *v.setup.TLS
		h.TLS = &tls
	}
	switch {
	case mail == nil:
		e.Step = StepMail
		h.Steps = append(h.Steps, Step{Kind: StepMail, Command: "MAIL FROM:<" + v.from + ">", Duration: time.Since(v.start)})
	case rcpt == nil:
		e.Step = StepRcpt
		var d time.Duration // none out of turn: the replies ahead of it had not all come
		if !since.IsZero() {
			d = time.Since(since)
		}
		h.Steps = append(h.Steps, *mail, Step{Kind: StepRcpt, Command: "RCPT TO:<" + req.rcpt + ">", Duration: d})
	default:
		// Its reply came; the wait for the rest of the transaction (the
		// RSET) ended.
		e.Step = StepRset
		h.Steps = append(h.Steps, *mail, *rcpt)
	}
	h.Err = e
	h.Queued = prior + queued
	h.Duration = own
	sh := v.shared
	h.Shared = &sh
	return h
}
