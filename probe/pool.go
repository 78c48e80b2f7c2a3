package probe

import (
	"context"
	"crypto/x509"
	"net"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Pool shares SMTP sessions between the probes of targets whose MX hosts
// coincide, as a sending MTA's connection cache does: one connection to a
// server holds the greeting, EHLO, STARTTLS and EHLO once, then one
// transaction after another, and with PIPELINING the RCPTs of many targets
// in one transaction (MAIL FROM, up to maxRecipients RCPTs, RSET, in one
// write). Without it a thousand domains hosted at one provider would be a
// thousand dialogues in a row, one connection at a time.
//
// A destination is one (address, port, host name) with one dialogue
// configuration: the host name is what the certificate is verified
// against, so targets whose MX names differ never share a session. The
// Gate bounds the sessions open to an address (Gate.PerAddress).
//
// A recipient's verdict never depends on another's. Replies that only
// follow from the batching are not verdicts: a 452 "too many recipients"
// starts a new transaction for the rest, a 550 5.5.3 "multi-recipient
// bounce" (Postfix's reject_multi_recipient_bounce) makes the destination
// take one recipient a transaction and the recipient is asked again alone,
// and a session that is dropped or answers 421 is replaced by a new one
// for the recipients not yet answered. When a session cannot be opened at
// all (no connection, a refusing greeting, a failed STARTTLS), its
// requests, and later ones to the destination, get no shared session:
// each target then holds its own dialogue, which records the failure in
// full (and, after a failed STARTTLS, retries in clear).
//
// The zero Pool is not usable; NewPool makes one. A Pool may be shared by
// concurrent Runs.
type Pool struct {
	ctx     context.Context // ends every session: the run's
	gate    *Gate
	wg      sync.WaitGroup // sessions running
	mu      sync.Mutex
	dests   map[poolKey]*destination
	seq     int  // numbers sessions for the report
	closing bool // Close was called: no session lingers
}

// NewPool returns a Pool whose sessions take their connections from g
// and end at once when ctx does (Ctrl-C).
func NewPool(ctx context.Context, g *Gate) *Pool {
	return &Pool{ctx: ctx, gate: g, dests: map[poolKey]*destination{}}
}

const (
	// maxRecipients is the most RCPTs in one transaction: the number RFC
	// 5321 section 4.5.3.1.8 requires every server to accept.
	maxRecipients = 100
	// maxTries bounds how often a recipient is asked again after its
	// session was lost; then it gets a dialogue of its own.
	maxTries = 3
	// linger is how long an idle session to a destination that has been
	// shared waits for more recipients before it sends QUIT: the targets
	// of a run reach it as their DNS answers come.
	linger = 200 * time.Millisecond
)

// poolKey is what must coincide for two probes to share a session.
type poolKey struct {
	addr     netip.Addr
	port     int
	name     string
	helo     string
	from     string
	startTLS StartTLSMode
	implicit bool
	timeout  time.Duration
	roots    *x509.CertPool
}

// destination is the state of one poolKey: the recipients waiting and the
// sessions serving them.
type destination struct {
	key      poolKey
	cfg      Config // of the first probe: equal in everything the key holds
	pending  []*request
	sessions int  // sessions running, at most the Gate's per-address limit
	served   int  // recipients answered: a destination served once does not linger
	single   bool // the server refused a multi-recipient bounce: one recipient a transaction
	limit    int  // the server's recipients per transaction, learnt from a 452
	broken   bool // a session could not be opened: no more sharing
}

// request is one target's recipient waiting for its reply.
type request struct {
	ctx    context.Context // ends when the probe no longer waits
	rcpt   string
	queued time.Time // when it was handed to the pool
	tries  int
	done   chan poolResult // buffered: a session never waits for the reader
	turn   *turn           // when the target's own time runs (pool_turn.go)
	budget *budget         // the target's
	prior  time.Duration   // what it queued before the Pool: moves the budget's end
	limit  time.Duration   // Config.QueueLimit: the longest it may queue, prior included
}

type poolResult struct {
	host Host
	own  bool // no shared session: hold a dialogue of its own
}

// SharedSession says that a host's dialogue was shared with other targets:
// the greeting, EHLO and TLS facts are the session's, the MAIL, RCPT and
// RSET replies those of the transaction that carried the target's RCPT.
type SharedSession struct {
	Session     int // number of the session within the Pool, from 1
	Transaction int // number of the transaction within the session, from 1
	Recipients  int // RCPTs in the transaction, this one included
}

// shares tells whether a probe with cfg can share sessions: only the
// plain MX probe, without DATA, VRFY, AUTH or submission, whose
// transactions can be told apart and repeated.
func (p *Pool) shares(cfg *Config) bool {
	return p != nil && !cfg.Data && cfg.Vrfy == "" && cfg.Auth == nil && !cfg.Submission
}

// probe asks for rcpt's reply at a over a shared session. ok is false
// when no shared session can be had: the caller holds its own dialogue,
// and the host returned holds only the time queued in the Pool.
// Waiting for the session, and for the replies to other targets' RCPTs,
// is queue time: Host.Queued, and waiting in b's clock. The rest is
// bounded by the target's budget b, moved later by prior, the time it
// queued before. The caller has counted the host as waiting in b's clock.
func (p *Pool) probe(ctx context.Context, cfg *Config, b *budget, prior time.Duration, name string, a netip.Addr, port int, rcpt string) (Host, bool) {
	key := poolKey{a.Unmap(), port, name, cfg.Helo, cfg.From, cfg.StartTLS, cfg.ImplicitTLS, cfg.Timeout, cfg.RootCAs}
	rctx, cancel := context.WithCancel(ctx)
	defer cancel() // a request nobody waits for is dropped from the queue
	now := time.Now()
	req := &request{ctx: rctx, rcpt: rcpt, queued: now, done: make(chan poolResult, 1), turn: newTurn(now, &b.clock), budget: b, prior: prior, limit: cfg.QueueLimit}
	defer req.turn.leave()
	p.mu.Lock()
	d := p.dests[key]
	if d == nil {
		d = &destination{key: key, cfg: *cfg}
		p.dests[key] = d
	}
	if d.broken {
		p.mu.Unlock()
		return Host{}, false
	}
	d.pending = append(d.pending, req)
	p.startLocked(d)
	p.mu.Unlock()

	return p.await(ctx, req, b, prior, name, port, a)
}

// startLocked opens another session to d when recipients wait and the
// Gate's limit allows. p.mu is held.
func (p *Pool) startLocked(d *destination) {
	if len(d.pending) == 0 || d.sessions >= max(p.gate.PerAddress, 1) {
		return
	}
	// A second session only for a queue the first cannot take at once.
	if d.sessions > 0 && len(d.pending) <= d.batchSize() {
		return
	}
	d.sessions++
	p.seq++
	p.wg.Add(1)
	go p.serve(d, p.seq)
}

// batchSize is how many recipients one transaction to d takes. p.mu is
// held.
func (d *destination) batchSize() int {
	switch {
	case d.single:
		return 1
	case d.limit > 0:
		return d.limit
	}
	return maxRecipients
}

// take removes up to one transaction's recipients from d's queue, waiting
// up to linger for the first. It drops requests whose probe has given up.
// first, when not nil, is the recipient the session was opened for, which
// the session holds out of the queue: it leads the batch.
func (p *Pool) take(d *destination, first *request) []*request {
	if first != nil && first.ctx.Err() != nil {
		first = nil
	}
	deadline := time.Now().Add(linger)
	for {
		p.mu.Lock()
		live := d.pending[:0]
		for _, r := range d.pending {
			if r.ctx.Err() == nil {
				live = append(live, r)
			}
		}
		clear(d.pending[len(live):])
		d.pending = live
		room := d.batchSize()
		if first != nil {
			room--
		}
		if n := min(len(d.pending), room); n > 0 || first != nil {
			batch := slices.Clone(d.pending[:n])
			d.pending = slices.Delete(d.pending, 0, n)
			p.mu.Unlock()
			if first != nil {
				batch = slices.Insert(batch, 0, first)
			}
			return batch
		}
		lingers := d.served >= 2 && !p.closing && p.ctx.Err() == nil
		p.mu.Unlock()
		if !lingers || !time.Now().Before(deadline) {
			return nil
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// requeue puts recipients back at the front of d's queue after their
// session was lost (counted) or their reply was a consequence of the
// batching; one asked too often gets a dialogue of its own.
func (p *Pool) requeue(d *destination, rs []*request, counted bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var back []*request
	for _, r := range rs {
		if counted {
			r.tries++
		}
		// Waiting to be asked again, for another transaction or a new
		// session, is not the target's time: its turn, and its deadline,
		// resume when it is asked.
		r.turn.end()
		if r.tries >= maxTries {
			r.done <- poolResult{own: true}
			continue
		}
		back = append(back, r)
	}
	d.pending = append(back, d.pending...)
}

// serve runs one session to d until no recipient is left, then starts a
// successor if recipients arrived after all or the session was lost.
func (p *Pool) serve(d *destination, id int) {
	defer p.wg.Done()
	defer func() {
		p.mu.Lock()
		d.sessions--
		if d.broken || p.ctx.Err() != nil {
			for _, r := range d.pending {
				r.done <- poolResult{own: true}
			}
			d.pending = nil
		} else if d.sessions == 0 {
			p.startLocked(d)
		}
		if d.sessions == 0 && len(d.pending) == 0 {
			delete(p.dests, d.key)
		}
		p.mu.Unlock()
	}()
	// The session outlives any one probe: opening it is bounded by the
	// step timeout and the probes' deadline (Config.Deadline), each
	// transaction by the step timeout and by its recipients (it ends when
	// none waits any more; each keeps to its own deadline in await), and
	// the session ends when no recipient is waiting.
	cfg := d.cfg
	release, _, err := p.gate.acquire(p.ctx, d.key.addr, nil)
	if err != nil {
		return
	}
	defer release()
	owner := p.claim(d)
	ctx, cancel := p.phase(&cfg, owner)
	setup := Host{Name: d.key.name, Port: d.key.port}
	conn, at := dial(ctx, &cfg, d.key.addr, d.key.port)
	setup.Attempts = []Attempt{at}
	if conn == nil {
		setup.Err = at.Err
		p.openFailed(ctx, d, owner, &setup)
		cancel()
		return
	}
	defer conn.Close()
	// Ctrl-C: closing the connection ends any read or write at once.
	stop := context.AfterFunc(p.ctx, func() { conn.Close() })
	defer stop()
	setup.Addr = d.key.addr
	s := newSession(ctx, &cfg, &setup, d.key.name, "", conn)
	opened := s.open()
	if !opened {
		p.openFailed(ctx, d, owner, &setup)
		cancel()
		return
	}
	cancel()
	for n := 1; ; n++ {
		batch := p.take(d, owner)
		owner = nil
		if batch == nil {
			s.exchange(closingCmd(StepQuit))
			return
		}
		s.ctx = p.ctx
		watch := closeWhenAbandoned(batch, conn)
		results, more := p.transaction(s, d, batch, &setup, SharedSession{Session: id, Transaction: n})
		if watch() {
			more = false // the connection is closed
		} else if more && p.drained(d) {
			// Nothing more to send: close before the probes learn their
			// replies, so that a run's sessions are over when it is.
			s.exchange(closingCmd(StepQuit))
			more = false
		}
		for _, a := range results {
			a.req.done <- poolResult{host: a.host}
		}
		if !more {
			return
		}
	}
}

// claim takes the first recipient waiting for d out of the queue: the
// session about to open is its, and the opening its time (its turn); the
// others waiting count it as queue time. nil when none waits.
func (p *Pool) claim(d *destination) *request {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(d.pending) > 0 {
		r := d.pending[0]
		d.pending = slices.Delete(d.pending, 0, 1)
		if r.ctx.Err() == nil {
			r.turn.startOpening()
			return r
		}
	}
	return nil
}

// openFailed hands back the recipients of a session to d that could not
// be opened (setup says how far it went), ctx the opening's: d shares no
// more sessions, and the recipients waiting hold dialogues of their own.
// So does the one it was opened for, unless its deadline ended the
// opening: then the opening is its result, what a dialogue of its own
// would have recorded in its time, and it has no time left for another.
func (p *Pool) openFailed(ctx context.Context, d *destination, owner *request, setup *Host) {
	p.mu.Lock()
	defer p.mu.Unlock()
	d.broken = true
	if owner == nil {
		return
	}
	if dl, ok := ctx.Deadline(); ok && !time.Now().Before(dl) && p.ctx.Err() == nil {
		h := *setup
		queued, own := owner.turn.spent()
		h.Queued, h.Duration = owner.prior+queued, own
		owner.done <- poolResult{host: h}
		return
	}
	d.pending = slices.Insert(d.pending, 0, owner)
}

// phase bounds the opening of a shared session by the deadline of the
// recipient it is opened for, whose time it is; without one, by the
// probes' deadline.
func (p *Pool) phase(cfg *Config, owner *request) (context.Context, context.CancelFunc) {
	if owner != nil {
		if dl, ok := owner.turn.openingDeadline(owner.budget, owner.prior); ok {
			return context.WithDeadline(p.ctx, dl)
		}
	}
	if cfg.Deadline > 0 {
		return context.WithTimeout(p.ctx, cfg.Deadline)
	}
	return context.WithCancel(p.ctx)
}

// closeWhenAbandoned closes conn once no probe waits for a recipient of
// batch any more (each has its reply, its deadline or its end), so that a
// transaction to a server that takes its time for every reply does not
// outlast them all. The function it returns stops watching and tells
// whether conn was closed.
func closeWhenAbandoned(batch []*request, conn net.Conn) func() bool {
	var left atomic.Int32
	left.Store(int32(len(batch)))
	var closed atomic.Bool
	stops := make([]func() bool, len(batch))
	for i, r := range batch {
		stops[i] = context.AfterFunc(r.ctx, func() {
			if left.Add(-1) == 0 {
				closed.Store(true)
				conn.Close()
			}
		})
	}
	return func() bool {
		for _, stop := range stops {
			stop()
		}
		return closed.Load()
	}
}

// drained tells whether no recipient waits for d and its session would
// not linger for more.
func (p *Pool) drained(d *destination) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(d.pending) == 0 && (d.served < 2 || p.closing)
}

// Close waits for the Pool's sessions to end; idle ones send QUIT at once
// instead of waiting for more recipients. Call it when no more probes will
// use the Pool.
func (p *Pool) Close() {
	p.mu.Lock()
	p.closing = true
	p.mu.Unlock()
	p.wg.Wait()
}

// answer is a recipient's reply, ready to hand over.
type answer struct {
	req  *request
	host Host
}

// transaction sends MAIL, the batch's RCPTs and RSET (in one write with
// PIPELINING) and returns each recipient's reply; it puts back those
// whose reply says nothing of them. more is false when the session is
// over.
func (p *Pool) transaction(s *session, d *destination, batch []*request, setup *Host, shared SharedSession) (answers []answer, more bool) {
	var tx Host
	s.host = &tx
	s.lastEnd = time.Now()
	start := s.lastEnd
	shared.Recipients = len(batch)
	cmds := make([]command, 0, len(batch)+2)
	cmds = append(cmds, command{step: StepMail, line: "MAIL FROM:<" + s.cfg.From + ">"})
	for _, r := range batch {
		cmds = append(cmds, command{step: StepRcpt, line: "RCPT TO:<" + r.rcpt + ">"})
	}
	cmds = append(cmds, closingCmd(StepRset))
	// The first recipient's turn starts with MAIL, each next one's when
	// the reply ahead of its RCPT has come; each ends with its reply.
	view := &txView{setup: setup, start: start, shared: shared, from: s.cfg.From}
	batch[0].turn.start(view, 0)
	s.replied = func(st Step) {
		n := view.add(st) // cmds[n-1] is answered, cmds[n] awaited
		if i := n - 2; i >= 0 && i < len(batch) && st.Kind == StepRcpt {
			batch[i].turn.end()
		}
		if i := n - 1; i < len(batch) {
			batch[i].turn.start(view, i)
		}
	}
	defer func() { s.replied = nil }()
	ok := true
	if _, pipelining := s.ext["PIPELINING"]; pipelining {
		_, ok = s.exchange(cmds...)
	} else {
		for _, c := range cmds {
			var reps []Reply
			if reps, ok = s.exchange(c); !ok {
				break
			}
			if c.step == StepMail && !positive(reps[0]) {
				// No RCPT after a refused MAIL: each recipient gets the
				// refusal, as its own dialogue would.
				_, ok = s.exchange(closingCmd(StepRset))
				break
			}
		}
	}
	steps := tx.Steps
	if len(steps) == 0 || steps[0].Reply.Code == 0 || steps[0].Reply.Code == CodeUnavailable {
		// Lost, or closing, before MAIL was answered: nothing is known of
		// any recipient.
		p.requeue(d, batch, true)
		return nil, false
	}
	mail := steps[0]
	var rset []Step
	if last := steps[len(steps)-1]; last.Kind == StepRset {
		rset = []Step{last}
	}
	var again, lost []*request
	for i, r := range batch {
		var rcpt []Step
		if k := 1 + i; k < len(steps) && steps[k].Kind == StepRcpt && steps[k].Reply.Code != 0 {
			rep := steps[k].Reply
			switch {
			case rep.Code == CodeUnavailable:
				// The server is closing (a rate limit, too many errors):
				// a new session asks again.
				lost = batch[i:]
			case tooManyRecipients(rep):
				p.learnLimit(d, i)
				again = append(again, r)
				continue
			case len(batch) > 1 && multiRecipientBounce(rep):
				p.mu.Lock()
				d.single = true
				p.mu.Unlock()
				again = append(again, r)
				continue
			}
			rcpt = steps[k : k+1]
		} else if positive(mail.Reply) || tx.Err != nil {
			// MAIL accepted, then no reply to this RCPT: the session
			// broke off.
			lost = batch[i:]
		}
		if len(lost) > 0 {
			break
		}
		h := *setup
		h.Steps = slices.Concat(setup.Steps, []Step{mail}, rcpt, rset)
		if setup.TLS != nil {
			t := *setup.TLS
			h.TLS = &t
		}
		// The target's own turn (with the session's opening when it was
		// opened for it); the rest was waiting for the session and other
		// targets (Queued).
		queued, own := r.turn.spent()
		h.Queued, h.Duration = r.prior+queued, own
		sh := shared
		h.Shared = &sh
		answers = append(answers, answer{r, h})
	}
	p.mu.Lock()
	d.served += len(answers)
	p.mu.Unlock()
	p.requeue(d, again, false)
	p.requeue(d, lost, true)
	return answers, len(lost) == 0 && ok
}

// learnLimit records that the server took n recipients in a transaction
// and refused the next as too many.
func (p *Pool) learnLimit(d *destination, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n > 0 && (d.limit == 0 || n < d.limit) {
		d.limit = n
	}
}

// tooManyRecipients tells a server's per-transaction recipient limit
// (RFC 5321 section 4.5.3.1.10: 452, or 552 from older servers) from a
// verdict on the recipient.
func tooManyRecipients(r Reply) bool {
	if r.Code != 452 && r.Code != 552 {
		return false
	}
	return r.Enhanced == "4.5.3" || r.Enhanced == "5.5.3" && !multiRecipientBounce(r) ||
		strings.Contains(strings.ToLower(strings.Join(r.Lines, " ")), "too many recipients")
}

// multiRecipientBounce tells Postfix's reject_multi_recipient_bounce
// ("550 5.5.3 <...>: Recipient address rejected: Multi-recipient bounce"):
// a refusal of the null sender with several recipients, which the batching
// caused.
func multiRecipientBounce(r Reply) bool {
	return r.Code >= 500 && strings.Contains(strings.ToLower(strings.Join(r.Lines, " ")), "multi-recipient bounce")
}
