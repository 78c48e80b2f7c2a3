package probe

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/hostport"
	"github.com/smtpprobe/smtpprobe/internal/specialaddr"
)

// Defaults of Config.
const (
	DefaultTimeout = 10 * time.Second
	DefaultPort    = 25
	DefaultTLSPort = 465 // with ImplicitTLS (RFC 8314)
	// DefaultSubmissionPort is the port of Config.Submission without
	// ImplicitTLS (RFC 6409).
	DefaultSubmissionPort = 587
)

// maxSessions caps the dialogues one Run holds open at once; dnsx caps
// the hosts (dnsx.MaxMX) and their addresses (dnsx.MaxAddresses).
const maxSessions = 8

// job is one host to probe, with the addresses to try in order.
type job struct {
	name  string // host name, verified against its certificate
	pref  uint16
	port  int
	addrs []netip.Addr
	err   error // why the host has no addresses
}

// Run probes the mail servers of t and returns what it saw. With
// cfg.Server set it talks to that host; otherwise to every MX host of
// t.Domain, concurrently, at every address (with cfg.FirstAddress, at the
// first that accepts a connection). The other checks of cfg.Checks run
// alongside the dialogues. Run never sends DATA unless cfg.Data is set.
// When ctx ends, Run returns promptly with what it gathered, the
// interrupted dialogues marked ErrCanceled (or ErrQueued, when waiting at
// the Gate took the time). Config.Deadline bounds the probe's own time,
// not its time in the Gate's queue.
func Run(ctx context.Context, cfg Config, t Target) Result {
	cfg = withDefaults(cfg)
	if cfg.Rcpt != "" {
		// The report names the recipient the dialogue used.
		t.Rcpt = cfg.Rcpt
	}
	if cfg.RootCAs == nil && cfg.SystemRoots != nil && (cfg.ImplicitTLS || cfg.StartTLS != StartTLSNever) {
		cfg.SystemRoots.start() // while DNS and the greeting are awaited
	}
	b := &budget{start: time.Now(), limit: cfg.Deadline}
	hostCtx := ctx // hosts get their budget after the Gate: see probeHost
	ctx, cancel := b.context(ctx, 0)
	defer cancel()
	res := Result{
		Target: t, Started: cfg.Now(), Server: cfg.Server, From: cfg.From, Submission: cfg.Submission,
		RequireTLS: cfg.StartTLS == StartTLSRequire || cfg.ImplicitTLS,
		Ran:        cfg.Checks,
	}
	var g gatherer
	g.startSender(ctx, &cfg, t, &res)
	g.startDomain(ctx, &cfg, t, &res)
	if !cfg.Checks.NeedsMX() {
		// A DNS-only audit of the domain asks nothing of the MX.
		g.finish(&res, nil, cfg.Now())
		b.done(&res)
		return res
	}
	jobs, err := plan(ctx, &cfg, t, &res)
	if !cfg.FirstAddress {
		jobs = perAddress(jobs)
	}
	g.start(ctx, &cfg, t, &res, jobs)
	g.startDNSBL(ctx, &cfg, &res)
	if err != nil {
		res.DNSErr = err
		g.finish(&res, nil, cfg.Now())
		b.done(&res)
		return res
	}
	res.Hosts = make([]Host, len(jobs))
	sem := make(chan struct{}, maxSessions)
	var wg sync.WaitGroup
	for i, j := range jobs {
		if !cfg.Checks.Has(checks.SMTP) {
			res.Hosts[i] = Host{Name: j.name, Preference: j.pref, Port: j.port}
			if len(j.addrs) > 0 {
				res.Hosts[i].Addr = j.addrs[0]
			}
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			res.Hosts[i] = probeHost(hostCtx, &cfg, t, j, b)
		})
	}
	wg.Wait()
	g.finish(&res, jobs, cfg.Now())
	b.done(&res)
	return res
}

func withDefaults(cfg Config) Config {
	if cfg.Port == 0 {
		switch {
		case cfg.ImplicitTLS:
			cfg.Port = DefaultTLSPort
		case cfg.Submission:
			cfg.Port = DefaultSubmissionPort
		default:
			cfg.Port = DefaultPort
		}
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Resolver == nil {
		cfg.Resolver = &dnsx.Resolver{}
	}
	if cfg.Dial == nil {
		var d net.Dialer
		cfg.Dial = d.DialContext
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Gate == nil {
		cfg.Gate = &Gate{}
	}
	if cfg.Checks == 0 {
		cfg.Checks = checks.Of(checks.SMTP)
	}
	return cfg
}

// plan finds the hosts to probe: the --server host, or the MX hosts. An
// error means the resolver failed and nothing can be probed.
func plan(ctx context.Context, cfg *Config, t Target, res *Result) ([]job, error) {
	if cfg.Port < 0 || cfg.Port > 65535 {
		return nil, fmt.Errorf("invalid port %d: want 1 to 65535", cfg.Port)
	}
	if cfg.Server != "" {
		hp, err := hostport.Parse(cfg.Server, cfg.Port)
		if err != nil {
			return nil, fmt.Errorf("invalid server %q: %w", cfg.Server, err)
		}
		addrs, queries, err := cfg.Resolver.LookupHost(ctx, hp.Host)
		res.DNS.Queries = queries
		if err != nil && !errors.Is(err, dnsx.ErrNoAddresses) {
			return nil, err
		}
		return []job{{name: hp.Host, port: hp.Port, addrs: addrs, err: err}}, nil
	}
	mx, err := cfg.Resolver.LookupMX(ctx, t.Domain)
	res.DNS = mx
	if err != nil {
		return nil, err
	}
	if mx.NullMX || mx.NXDomain {
		return nil, nil
	}
	jobs := make([]job, 0, len(mx.MX))
	for _, m := range mx.MX {
		j := job{name: m.Host, pref: m.Preference, port: cfg.Port, addrs: m.Addresses}
		if len(m.Addresses) == 0 {
			j.err = errors.New(cmp.Or(m.Err, dnsx.NoAddresses))
		}
		jobs = append(jobs, j)
	}
	return jobs, nil
}

// perAddress splits each job into one job per address.
func perAddress(jobs []job) []job {
	var out []job
	for _, j := range jobs {
		if len(j.addrs) <= 1 {
			out = append(out, j)
			continue
		}
		for _, a := range j.addrs {
			k := j
			k.addrs = []netip.Addr{a}
			out = append(out, k)
		}
	}
	return out
}

// probeHost tries the job's addresses in order until one accepts a
// connection and holds the dialogue there. ctx is the caller's: the time
// waited at the Gate does not count against the budget b, and is
// Host.Queued, not part of Host.Duration.
func probeHost(ctx context.Context, cfg *Config, t Target, j job, b *budget) (h Host) {
	b.clock.update(1, 0)
	defer b.clock.update(-1, 0)
	start := time.Now()
	h = Host{Name: j.name, Preference: j.pref, Port: j.port}
	defer func() {
		if h.Shared == nil { // a shared session's host has its own
			h.Duration = time.Since(start) - h.Queued
		}
	}()
	if j.err != nil {
		h.Err = &Error{Step: StepConnect, Kind: ErrNetwork, Err: j.err}
		return h
	}
	rcpt := cmp.Or(cfg.Rcpt, t.Rcpt)
	for _, a := range j.addrs {
		var special specialaddr.Range
		if cfg.Server == "" {
			special, _ = specialaddr.Lookup(a)
		}
		if special.Kind != 0 && !cfg.AllowSpecialAddresses {
			h.Attempts = append(h.Attempts, Attempt{Addr: a, Special: special, Skipped: true})
			continue
		}
		if cfg.Pool.shares(cfg) {
			b.clock.update(0, 1) // until its turn in a shared transaction
			ph, ok := cfg.Pool.probe(ctx, cfg, b, h.Queued, j.name, a, j.port, rcpt)
			if ok {
				ph.Preference = j.pref
				ph.Attempts = append(h.Attempts, ph.Attempts...)
				b.blameQueue(ctx, &ph)
				return ph
			}
			h.Queued += ph.Queued
		}
		release, waited, err := acquireWithin(ctx, cfg, a, &b.clock, h.Queued)
		h.Queued += waited
		if err != nil {
			h.Err = queueError(ctx, err, h.Queued, a)
			return h
		}
		hctx, cancel := b.context(ctx, h.Queued)
		conn, at := dial(hctx, cfg, a, j.port)
		at.Special = special
		h.Attempts = append(h.Attempts, at)
		if conn == nil {
			ended := expired(hctx)
			release()
			cancel()
			h.Err = at.Err
			if ended {
				b.blameQueue(ctx, &h)
				return h
			}
			continue
		}
		h.Addr, h.Err = a, nil
		dialogue(hctx, cfg, &h, j.name, rcpt, conn)
		if retryInClear(cfg, &h) {
			h.Retry = clearRetry(hctx, cfg, h, rcpt)
		}
		if silentGreeting(cfg, &h) {
			h.ImplicitTLSPort = speaksTLS(hctx, cfg, h)
		}
		release()
		cancel()
		b.blameQueue(ctx, &h)
		return h
	}
	h.Untestable = untestable(h.Attempts)
	b.blameQueue(ctx, &h)
	return h
}

// expired tells whether ctx has ended or its deadline has passed: a
// context's timer can fire a moment after a connection's deadline, which
// is the same instant.
func expired(ctx context.Context) bool {
	dl, ok := ctx.Deadline()
	return ctx.Err() != nil || ok && !time.Now().Before(dl)
}

// budget is the time a Run may spend on its own work: Config.Deadline
// from its start, moved later for each host by what it waited at the Gate.
type budget struct {
	start time.Time
	limit time.Duration // Config.Deadline; zero means none
	clock idleClock
}

// context bounds ctx by the budget of a host that queued for queued.
func (b *budget) context(ctx context.Context, queued time.Duration) (context.Context, context.CancelFunc) {
	if b.limit <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithDeadline(ctx, b.start.Add(b.limit+queued))
}

// done records the Run's duration, less the time it only queued.
func (b *budget) done(res *Result) {
	res.Queued = b.clock.total()
	res.Duration = time.Since(b.start) - res.Queued
}

// blameQueue tells apart a dialogue cut short by the caller's deadline
// after queuing at the Gate: without the wait it would have had the time,
// so its timeouts are ErrQueued, never the server's. Timeouts of a
// dialogue that reached its own budget, or that did not queue, stay.
func (b *budget) blameQueue(ctx context.Context, h *Host) {
	dl, ok := ctx.Deadline()
	if h.Queued <= 0 || !ok || time.Now().Before(dl) ||
		(b.limit > 0 && !dl.Before(b.start.Add(b.limit+h.Queued))) {
		return
	}
	blame := func(e *Error) {
		if e != nil && e.Kind == ErrTimeout {
			e.Kind = ErrQueued
			e.Err = fmt.Errorf("the run's time ran out, %s of it spent waiting for other probes of %s: %w", h.Queued.Round(time.Millisecond), h.Addr, e.Err)
		}
	}
	blame(h.Err)
	for i := range h.Attempts {
		blame(h.Attempts[i].Err)
	}
	if h.Retry != nil {
		blame(h.Retry.Err)
	}
}

// errQueueLimit ends a wait that reached Config.QueueLimit.
var errQueueLimit = errors.New("queue limit reached")

// acquireWithin waits at the Gate for a, at most what is left of
// cfg.QueueLimit after the host queued for queued.
func acquireWithin(ctx context.Context, cfg *Config, a netip.Addr, clk *idleClock, queued time.Duration) (func(), time.Duration, error) {
	if cfg.QueueLimit <= 0 {
		return cfg.Gate.acquire(ctx, a, clk)
	}
	qctx, cancel := context.WithTimeoutCause(ctx, cfg.QueueLimit-queued, errQueueLimit)
	defer cancel()
	release, waited, err := cfg.Gate.acquire(qctx, a, clk)
	if err != nil && context.Cause(qctx) == errQueueLimit && ctx.Err() == nil {
		err = errQueueLimit
	}
	return release, waited, err
}

// queueError says why waiting at the Gate, or for a shared session, for
// a ended: interrupted, the longest a probe may queue reached, or the
// caller's time ran out with nothing sent.
func queueError(ctx context.Context, err error, queued time.Duration, a netip.Addr) *Error {
	switch {
	case errors.Is(err, errQueueLimit):
		return &Error{Step: StepConnect, Kind: ErrQueued, Err: fmt.Errorf("not probed: waited %s for other probes of %s, as long as a probe may queue (the server may have stalled)", queued.Round(time.Millisecond), a)}
	case errors.Is(err, context.Canceled):
		return classify(ctx, StepConnect, err)
	}
	return &Error{Step: StepConnect, Kind: ErrQueued, Err: fmt.Errorf("not probed: the run's time ran out after %s waiting for other probes of %s: %w", queued.Round(time.Millisecond), a, err)}
}

// untestable reports whether every attempt failed for want of a route from
// this machine, so that nothing is known of the server.
func untestable(ats []Attempt) bool {
	for _, at := range ats {
		if at.Err == nil || at.Err.Kind != ErrNoRoute {
			return false
		}
	}
	return len(ats) > 0
}

// dial connects to a within the step timeout.
func dial(ctx context.Context, cfg *Config, a netip.Addr, port int) (net.Conn, Attempt) {
	dctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	start := time.Now()
	conn, err := cfg.Dial(dctx, "tcp", netip.AddrPortFrom(a, uint16(port)).String())
	at := Attempt{Addr: a, Duration: time.Since(start)}
	if err != nil {
		at.Err = classify(ctx, StepConnect, err)
		return nil, at
	}
	return conn, at
}

// retryInClear tells whether the dialogue with h ended in a failed
// STARTTLS handshake (an alert, a broken record or no answer to the
// ClientHello alike) that an opportunistic sender follows with a new
// connection in clear, as Postfix does: only with StartTLSAuto.
func retryInClear(cfg *Config, h *Host) bool {
	return cfg.StartTLS == StartTLSAuto && !cfg.ImplicitTLS && h.Err != nil &&
		h.Err.Step == StepHandshake && h.Err.Kind != ErrCanceled && h.TLS != nil && !h.TLS.Implicit
}

// clearRetry holds the dialogue again with the address of h, on a new
// connection and without STARTTLS. The caller still holds the address's
// slot of the Gate: the first connection is closed.
func clearRetry(ctx context.Context, cfg *Config, h Host, rcpt string) *Host {
	start := time.Now()
	clear := *cfg
	clear.StartTLS = StartTLSNever
	r := &Host{Name: h.Name, Preference: h.Preference, Port: h.Port}
	defer func() { r.Duration = time.Since(start) }()
	conn, at := dial(ctx, &clear, h.Addr, h.Port)
	r.Attempts = []Attempt{at}
	if conn == nil {
		r.Err = at.Err
		return r
	}
	r.Addr = h.Addr
	dialogue(ctx, &clear, r, h.Name, rcpt, conn)
	return r
}

// silentGreeting tells whether a plain dialogue ended because no greeting
// came: what a port that expects implicit TLS looks like to a plain
// client.
func silentGreeting(cfg *Config, h *Host) bool {
	return !cfg.ImplicitTLS && h.Err != nil && h.Err.Step == StepGreeting && h.Err.Kind == ErrTimeout &&
		len(h.Steps) == 1 && h.Steps[0].Reply.Code == 0
}

// speaksTLS tells whether a TLS handshake with the address of h succeeds
// on a new connection. Only its success is recorded: the certificate is
// not judged, since the user did not ask for TLS on this port.
func speaksTLS(ctx context.Context, cfg *Config, h Host) bool {
	conn, _ := dial(ctx, cfg, h.Addr, h.Port)
	if conn == nil {
		return false
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(cfg.Timeout))
	tc := tls.Client(conn, &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS10, CipherSuites: cipherSuites()})
	return tc.HandshakeContext(ctx) == nil
}
