package dnsx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/smtpprobe/smtpprobe/internal/hostport"
)

// Defaults used when neither the Resolver nor resolv.conf says otherwise.
const (
	// DefaultResolvConf is read when Resolver.Servers is empty.
	DefaultResolvConf = "/etc/resolv.conf"
	// DefaultTimeout bounds each query attempt (resolv.conf's default).
	DefaultTimeout = 5 * time.Second
	// DefaultAttempts is how often each server is asked (resolv.conf's
	// default).
	DefaultAttempts = 2
	// UDPSize is the EDNS0 buffer size advertised, the DNS Flag Day 2020
	// value that avoids IP fragmentation; larger answers come over TCP.
	UDPSize = 1232
	// MaxAttempts caps Resolver.Attempts, so that a typo cannot turn one
	// question into thousands.
	MaxAttempts = 5
)

// ResolverError says that the resolver could not answer a question: it
// answered SERVFAIL, REFUSED or another failure code, or no answer came
// (timeout, network error). NXDOMAIN and empty answers are answers, never a
// ResolverError.
type ResolverError struct {
	Server string // "host:port" of the last server asked
	Name   string // the name asked, without the final dot
	Type   string // "MX", "A", "AAAA"
	Rcode  string // "SERVFAIL", "REFUSED", ...; "" when no answer came
	Err    error  // why no answer came; nil when an Rcode came
	// EDE are the Extended DNS Errors (RFC 8914) the failure came with,
	// such as "DNSSEC Bogus" from a validating resolver.
	EDE []EDE
}

func (e *ResolverError) Error() string {
	why := e.Rcode
	if e.Err != nil {
		why = e.Err.Error()
	}
	return fmt.Sprintf("resolver %s: %s %s: %s", e.Server, e.Type, e.Name, why)
}

func (e *ResolverError) Unwrap() error { return e.Err }

// Timeout reports whether no answer came in time, as opposed to a failure
// code or a network error.
func (e *ResolverError) Timeout() bool {
	var ne net.Error
	return errors.Is(e.Err, os.ErrDeadlineExceeded) || errors.Is(e.Err, context.DeadlineExceeded) ||
		(errors.As(e.Err, &ne) && ne.Timeout())
}

// ParseServer turns a --resolver value, "host", "host:port", "[v6]:port" or
// a bare IPv6 address, into the "host:port" form of Resolver.Servers, port
// 53 by default.
func ParseServer(s string) (string, error) {
	hp, err := hostport.Parse(s, 53)
	if err != nil {
		return "", fmt.Errorf("invalid resolver address %q: %w", s, err)
	}
	return hp.String(), nil
}

// config is a Resolver with its defaults filled in.
type config struct {
	servers  []string
	timeout  time.Duration
	attempts int
	cache    *Cache
	limit    *QueryLimit
}

func (r *Resolver) config() (config, error) {
	c := config{servers: r.Servers, timeout: r.Timeout, attempts: r.Attempts, cache: r.Cache, limit: r.Limit}
	if len(c.servers) == 0 {
		path := r.ResolvConf
		if path == "" {
			path = DefaultResolvConf
		}
		rc, err := dns.ClientConfigFromFile(path)
		if err != nil {
			return c, fmt.Errorf("reading resolver configuration: %w", err)
		}
		for _, s := range rc.Servers {
			c.servers = append(c.servers, net.JoinHostPort(s, rc.Port))
		}
		if len(c.servers) == 0 {
			return c, fmt.Errorf("reading resolver configuration: no nameserver in %s", path)
		}
		if c.timeout <= 0 && rc.Timeout > 0 {
			c.timeout = time.Duration(rc.Timeout) * time.Second
		}
		if c.attempts <= 0 && rc.Attempts > 0 {
			c.attempts = rc.Attempts
		}
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.attempts <= 0 {
		c.attempts = DefaultAttempts
	}
	c.attempts = min(c.attempts, MaxAttempts)
	return c, nil
}

// answer is what a server said to one question.
type answer struct {
	rcode  int
	rrs    []dns.RR // the answer section; shared, never modified
	ttl    uint32   // how long the answer may be cached
	server string
	tcp    bool
	ad     bool  // the resolver vouched for the answer (DNSSEC)
	ede    []EDE // Extended DNS Errors; shared, never modified
}

// session asks the questions of one lookup and records them.
type session struct {
	config
	mu      sync.Mutex
	queries []Query
}

func (s *session) record(q Query) {
	s.mu.Lock()
	s.queries = append(s.queries, q)
	s.mu.Unlock()
}

func (s *session) recorded() []Query {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Query(nil), s.queries...)
}

// query asks for name (fully qualified) and qtype, from the cache or the
// servers.
func (s *session) query(ctx context.Context, name string, qtype uint16) (answer, error) {
	if s.cache == nil {
		return s.ask(ctx, name, qtype)
	}
	a, err, shared := s.cache.do(ctx, cacheKey{dns.CanonicalName(name), qtype}, func() (answer, error) {
		return s.ask(ctx, name, qtype)
	})
	if shared {
		q := Query{Name: name, Type: typeString(qtype), Server: a.server, Rcode: rcodeString(a.rcode), TCP: a.tcp, Cached: true, AD: a.ad, EDE: a.ede}
		if err != nil {
			q.Rcode = ""
			q.Err = err.Error()
			var re *ResolverError
			if errors.As(err, &re) {
				q.Server, q.Rcode, q.EDE = re.Server, re.Rcode, re.EDE
			}
		}
		s.record(q)
	}
	return a, err
}

// ask sends the question to each server in turn, Attempts times over, until
// one answers NOERROR or NXDOMAIN.
func (s *session) ask(ctx context.Context, name string, qtype uint16) (answer, error) {
	var last *ResolverError
	for range s.attempts {
		for _, server := range s.servers {
			if err := ctx.Err(); err != nil {
				if last != nil {
					return answer{}, last
				}
				return answer{}, &ResolverError{Server: server, Name: trimDot(name), Type: typeString(qtype), Err: err}
			}
			a, err := s.askServer(ctx, server, name, qtype, false)
			if err == nil {
				return a, nil
			}
			last = err
		}
	}
	if last == nil {
		return answer{}, &ResolverError{Name: trimDot(name), Type: typeString(qtype), Err: errors.New("no server to ask")}
	}
	return answer{}, last
}

// askServer asks one server over UDP, and again over TCP when the UDP
// answer is truncated. Every question sets the DO bit, so that a
// validating resolver says with the AD bit whether it validated the
// answer; cd sets the CD bit, which asks it not to validate.
func (s *session) askServer(ctx context.Context, server, name string, qtype uint16, cd bool) (answer, *ResolverError) {
	m := new(dns.Msg)
	m.SetQuestion(name, qtype)
	m.SetEdns0(UDPSize, true)
	m.CheckingDisabled = cd

	var ede []EDE
	fail := func(rcode string, err error) *ResolverError {
		return &ResolverError{Server: server, Name: trimDot(name), Type: typeString(qtype), Rcode: rcode, Err: err, EDE: ede}
	}
	var resp *dns.Msg
	var tcp bool
	for _, network := range []string{"udp", "tcp"} {
		// The wait for a slot is the run's, not the server's: it is
		// neither in Duration nor a query of its own.
		if err := s.limit.acquire(ctx); err != nil {
			return answer{}, fail("", err)
		}
		start := time.Now()
		r, err := exchange(ctx, m, network, server, s.timeout)
		s.limit.release()
		q := Query{Name: name, Type: typeString(qtype), Server: server, TCP: network == "tcp", CD: cd, Duration: time.Since(start)}
		if err != nil {
			q.Err = err.Error()
			s.record(q)
			return answer{}, fail("", err)
		}
		q.Rcode = rcodeString(r.Rcode)
		q.AD = r.AuthenticatedData
		q.EDE = extendedErrors(r)
		ede = q.EDE
		q.Truncated = r.Truncated && network == "udp"
		s.record(q)
		resp, tcp = r, q.TCP
		if !q.Truncated {
			break
		}
	}
	switch resp.Rcode {
	case dns.RcodeSuccess, dns.RcodeNameError:
	default:
		return answer{}, fail(rcodeString(resp.Rcode), nil)
	}
	return answer{rcode: resp.Rcode, rrs: resp.Answer, ttl: cacheTTL(resp), server: server, tcp: tcp, ad: resp.AuthenticatedData, ede: ede}, nil
}

// exchange sends m over network and waits for the matching response. Over
// UDP, responses with another ID or question, or that do not parse, are
// ignored (they may be spoofed or stale) and the wait goes on until the
// timeout.
func exchange(ctx context.Context, m *dns.Msg, network, server string, timeout time.Duration) (*dns.Msg, error) {
	// limit is the wait a timeout error names: timeout, or 0 when the
	// caller's deadline ends the wait first.
	limit := timeout
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < timeout {
		limit = 0
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, network, server)
	if err != nil {
		return nil, netErr(ctx, err, limit)
	}
	co := &dns.Conn{Conn: nc, UDPSize: UDPSize}
	defer co.Close()
	if deadline, ok := ctx.Deadline(); ok {
		co.SetDeadline(deadline)
	}
	// Cancellation (Ctrl-C) ends a blocked read at once.
	stop := context.AfterFunc(ctx, func() { co.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	if err := co.WriteMsg(m); err != nil {
		return nil, netErr(ctx, err, limit)
	}
	var ignored int
	var why error
	for {
		r, err := co.ReadMsg()
		if err == nil {
			err = matches(m, r)
		}
		if err == nil {
			return r, nil
		}
		if network != "udp" || isNetError(err) {
			err = netErr(ctx, err, limit)
			if ignored > 0 {
				return nil, fmt.Errorf("%w (ignored %d bad %s, the last: %v)", err, ignored, plural(ignored, "response"), why)
			}
			return nil, err
		}
		ignored++
		why = err
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// matches checks that r answers q: miekg checks nothing when reading.
func matches(q, r *dns.Msg) error {
	switch {
	case r.Id != q.Id:
		return errors.New("id mismatch")
	case !r.Response:
		return errors.New("not a response")
	case r.Rcode == dns.RcodeFormatError && len(r.Question) == 0:
		return nil // some servers drop the question from FORMERR
	case len(r.Question) != 1:
		return fmt.Errorf("response has %d questions", len(r.Question))
	}
	a, b := q.Question[0], r.Question[0]
	if a.Qtype != b.Qtype || a.Qclass != b.Qclass || !strings.EqualFold(a.Name, b.Name) {
		return fmt.Errorf("response answers another question (%s %s)", b.Name, typeString(b.Qtype))
	}
	return nil
}

// isNetError tells a failed read (timeout, closed) from a bad packet.
func isNetError(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, net.ErrClosed) || errors.Is(err, os.ErrDeadlineExceeded)
}

// netErr turns a connection's error into a stable message without the
// local port: the context's reason when it was canceled, "no answer within"
// for a timeout (wrapping os.ErrDeadlineExceeded), else the system's
// error, such as "read: connection refused". A timeout of 0 means the
// caller's deadline came first.
func netErr(ctx context.Context, err error, timeout time.Duration) error {
	if cerr := context.Cause(ctx); cerr != nil && errors.Is(cerr, context.Canceled) {
		return cerr
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, os.ErrDeadlineExceeded) {
		if timeout <= 0 {
			return fmt.Errorf("no answer before the deadline: %w", os.ErrDeadlineExceeded)
		}
		return fmt.Errorf("no answer within %v: %w", timeout, os.ErrDeadlineExceeded)
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err
	}
	return err
}

func typeString(t uint16) string {
	if s, ok := dns.TypeToString[t]; ok {
		return s
	}
	return "TYPE" + strconv.Itoa(int(t))
}

func rcodeString(rc int) string {
	if s, ok := dns.RcodeToString[rc]; ok {
		return s
	}
	return "RCODE" + strconv.Itoa(rc)
}

func trimDot(name string) string {
	if name == "." {
		return name
	}
	return strings.TrimSuffix(name, ".")
}
