// Package dnstest runs a real DNS server (github.com/miekg/dns) on loopback
// for tests, the way net/http/httptest runs an HTTP server.
//
// The server answers authoritatively from a zone given as record text
// ("example.com. 300 IN MX 10 mx1.example.com."): the records of the asked
// type, CNAMEs followed inside the zone, NODATA for a name that exists
// without that type and NXDOMAIN for a name that does not exist, with the
// zone's SOA in the authority section of negative answers when it has one.
// UDP answers larger than the client's buffer (512 bytes, or its EDNS0 size)
// are truncated with the TC bit, as real servers do.
//
// Knobs make chosen names misbehave (ServFail, Refuse, Truncate, Silence) or
// slow every answer (Delay); Handle replaces the answering altogether for
// faults no real server produces (mismatched IDs, malformed packets). Every query is counted per
// transport so that tests can assert a TCP retry happened.
//
// Import it only from _test.go files.
package dnstest

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// maxChase bounds how many CNAMEs an answer follows inside the zone, so a
// CNAME loop in a test zone cannot hang the server.
const maxChase = 16

// Query is one question the server received.
type Query struct {
	Name string // as asked, lower case, fully qualified
	Type string // "MX", "A", ...
	TCP  bool   // it came over TCP
}

// Server is a DNS server on 127.0.0.1, listening on the same port for UDP
// and TCP. Its methods are safe for concurrent use.
type Server struct {
	addr string
	udp  *dns.Server
	tcp  *dns.Server
	done chan struct{} // closed at shutdown: ends delays

	mu       sync.Mutex
	zone     map[string][]dns.RR // by canonical owner name
	exist    map[string]bool     // owner names and their ancestors
	servfail map[string]bool
	refused  map[string]bool
	truncate map[string]bool
	silent   map[string]bool
	delay    time.Duration
	handler  dns.HandlerFunc
	queries  []Query
	inflight int                  // queries being answered now
	peak     int                  // the most inflight has been
	zones    map[string]*zoneKeys // made with Sign, by apex
	anchor   string               // the trust anchor's zone with Validate; "" when not validating
}

// Start starts a server answering from the zone records rrs (zone file
// syntax, fully qualified names) and stops it when the test ends. A record
// that does not parse fails the test.
func Start(t testing.TB, rrs ...string) *Server {
	t.Helper()
	s := &Server{
		done:     make(chan struct{}),
		zone:     map[string][]dns.RR{},
		exist:    map[string]bool{},
		servfail: map[string]bool{},
		refused:  map[string]bool{},
		truncate: map[string]bool{},
		silent:   map[string]bool{},
		zones:    map[string]*zoneKeys{},
	}
	s.add(t, rrs)

	pc, ln, err := listen()
	if err != nil {
		t.Fatalf("dnstest: %v", err)
	}
	s.addr = ln.Addr().String()

	mux := dns.NewServeMux()
	mux.HandleFunc(".", s.serveDNS)
	s.udp = &dns.Server{PacketConn: pc, Handler: mux}
	s.tcp = &dns.Server{Listener: ln, Handler: mux}
	for _, srv := range []*dns.Server{s.udp, s.tcp} {
		started := make(chan struct{})
		srv.NotifyStartedFunc = func() { close(started) }
		go srv.ActivateAndServe()
		<-started
	}
	t.Cleanup(s.close)
	return s
}

// listen binds TCP on a free loopback port and UDP on the same port,
// trying a few ports in case another process holds the UDP one.
func listen() (net.PacketConn, net.Listener, error) {
	var lastErr error
	for range 20 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, nil, err
		}
		pc, err := net.ListenPacket("udp", ln.Addr().String())
		if err == nil {
			return pc, ln, nil
		}
		ln.Close()
		lastErr = err
	}
	return nil, nil, lastErr
}

func (s *Server) close() {
	close(s.done)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s.udp.ShutdownContext(ctx)
	s.tcp.ShutdownContext(ctx)
}

// Addr returns "127.0.0.1:port", the address for both UDP and TCP.
func (s *Server) Addr() string { return s.addr }

// Add adds records to the zone.
func (s *Server) Add(t testing.TB, rrs ...string) {
	t.Helper()
	s.add(t, rrs)
}

func (s *Server) add(t testing.TB, rrs []string) {
	t.Helper()
	parsed := make([]dns.RR, 0, len(rrs))
	for _, text := range rrs {
		rr, err := dns.NewRR(text)
		if err != nil {
			t.Fatalf("dnstest: record %q: %v", text, err)
		}
		if rr == nil {
			t.Fatalf("dnstest: record %q: empty", text)
		}
		parsed = append(parsed, rr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rr := range parsed {
		owner := canonical(rr.Header().Name)
		s.zone[owner] = append(s.zone[owner], rr)
		for off, end := 0, false; !end; off, end = dns.NextLabel(owner, off) {
			s.exist[owner[off:]] = true
		}
	}
}

// ServFail makes the server answer SERVFAIL for the names.
func (s *Server) ServFail(names ...string) { s.mark(s.servfail, names) }

// Refuse makes the server answer REFUSED for the names.
func (s *Server) Refuse(names ...string) { s.mark(s.refused, names) }

// Truncate makes UDP answers for the names empty with the TC bit set, so
// that the client must ask again over TCP. TCP answers stay whole.
func (s *Server) Truncate(names ...string) { s.mark(s.truncate, names) }

// Silence makes the server never answer questions about the names.
func (s *Server) Silence(names ...string) { s.mark(s.silent, names) }

func (s *Server) mark(set map[string]bool, names []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range names {
		set[canonical(n)] = true
	}
}

// Delay makes the server wait d before every answer.
func (s *Server) Delay(d time.Duration) {
	s.mu.Lock()
	s.delay = d
	s.mu.Unlock()
}

// Handle replaces the answering with h for every later query, for faults
// such as mismatched IDs or malformed packets; h may call Reply to build
// the normal answer first. Queries are still counted. Nil restores the
// normal answering.
func (s *Server) Handle(h dns.HandlerFunc) {
	s.mu.Lock()
	s.handler = h
	s.mu.Unlock()
}

// Queries returns the questions received so far, in order of arrival.
func (s *Server) Queries() []Query {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Query(nil), s.queries...)
}

// Peak returns the most queries the server was answering at once (with
// Delay, how many a client had in flight).
func (s *Server) Peak() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

// Count returns how many questions for name and type (such as "MX") came
// over UDP and over TCP. An empty name or type matches any.
func (s *Server) Count(name, qtype string) (udp, tcp int) {
	name = canonical(name)
	for _, q := range s.Queries() {
		if (name != "." && q.Name != name) || (qtype != "" && q.Type != qtype) {
			continue
		}
		if q.TCP {
			tcp++
		} else {
			udp++
		}
	}
	return udp, tcp
}

func (s *Server) serveDNS(w dns.ResponseWriter, r *dns.Msg) {
	_, tcp := w.RemoteAddr().(*net.TCPAddr)
	var name string
	if len(r.Question) == 1 {
		name = canonical(r.Question[0].Name)
	}

	s.mu.Lock()
	if len(r.Question) == 1 {
		s.queries = append(s.queries, Query{Name: name, Type: dns.TypeToString[r.Question[0].Qtype], TCP: tcp})
	}
	s.inflight++
	s.peak = max(s.peak, s.inflight)
	// A query stops being in flight just before its answer goes out: a
	// client may send its next one as soon as the answer arrives.
	answered := sync.OnceFunc(func() {
		s.mu.Lock()
		s.inflight--
		s.mu.Unlock()
	})
	defer answered()
	handler, delay := s.handler, s.delay
	silent, truncate := s.silent[name], s.truncate[name] && !tcp
	s.mu.Unlock()

	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-s.done:
			return
		}
	}
	answered()
	if handler != nil {
		handler(w, r)
		return
	}
	if silent {
		return
	}
	m := s.Reply(r)
	if truncate {
		m.Answer, m.Ns, m.Extra = nil, nil, nil
		m.Truncated = true
		if opt := r.IsEdns0(); opt != nil {
			m.SetEdns0(opt.UDPSize(), false)
		}
	} else if !tcp {
		size := dns.MinMsgSize
		if opt := r.IsEdns0(); opt != nil {
			size = int(opt.UDPSize())
		}
		m.Truncate(size)
	}
	w.WriteMsg(m)
}

// Reply builds the answer to r from the zone and the ServFail and Refuse
// knobs, without truncation.
func (s *Server) Reply(r *dns.Msg) *dns.Msg {
	m := new(dns.Msg)
	m.SetReply(r)
	var ede *dns.EDNS0_EDE
	if opt := r.IsEdns0(); opt != nil {
		defer func() {
			m.SetEdns0(opt.UDPSize(), opt.Do())
			if ede != nil {
				o := m.IsEdns0()
				o.Option = append(o.Option, ede)
			}
		}()
	}
	if len(r.Question) != 1 {
		m.Rcode = dns.RcodeFormatError
		return m
	}
	q := r.Question[0]
	name := canonical(q.Name)

	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.servfail[name]:
		m.Rcode = dns.RcodeServerFailure
		return m
	case s.refused[name]:
		m.Rcode = dns.RcodeRefused
		return m
	}
	m.Authoritative = true
	defer func() { ede = s.secure(r, m) }()
	seen := map[string]bool{}
	for range maxChase {
		seen[name] = true
		data, cname := s.lookup(name, q.Qtype)
		m.Answer = append(m.Answer, data...)
		if len(data) > 0 || cname == nil {
			break
		}
		m.Answer = append(m.Answer, cname)
		name = canonical(cname.(*dns.CNAME).Target)
		if seen[name] {
			break
		}
	}
	if len(m.Answer) > 0 && m.Answer[len(m.Answer)-1].Header().Rrtype != dns.TypeCNAME {
		return m
	}
	if !s.exists(name) {
		m.Rcode = dns.RcodeNameError
	}
	if soa := s.soa(name); soa != nil {
		m.Ns = append(m.Ns, soa)
	}
	return m
}

// lookup returns the records of type qtype at name, or else its CNAME.
func (s *Server) lookup(name string, qtype uint16) (data []dns.RR, cname dns.RR) {
	if rrs, ok := s.dnssecRecords(name, qtype); ok {
		return rrs, nil
	}
	for _, rr := range s.zone[name] {
		switch t := rr.Header().Rrtype; {
		case t == qtype || qtype == dns.TypeANY:
			data = append(data, dns.Copy(rr))
		case t == dns.TypeCNAME:
			cname = dns.Copy(rr)
		}
	}
	return data, cname
}

// exists says whether name owns records or has descendants that do (an
// empty non-terminal exists too).
func (s *Server) exists(name string) bool { return s.exist[name] }

// soa returns the SOA of the closest enclosing zone of name, if any.
func (s *Server) soa(name string) dns.RR {
	for off, end := 0, false; !end; off, end = dns.NextLabel(name, off) {
		for _, rr := range s.zone[name[off:]] {
			if rr.Header().Rrtype == dns.TypeSOA {
				return dns.Copy(rr)
			}
		}
	}
	return nil
}

func canonical(name string) string { return dns.CanonicalName(name) }
