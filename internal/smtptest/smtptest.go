// Package smtptest runs SMTP peers on loopback for tests: a real
// github.com/emersion/go-smtp server with a configurable backend (Start),
// scripted servers for behaviour no real server shows (StartScript),
// Postfix's smtp-sink (StartSink), a real Postfix smtpd with STARTTLS and
// Cyrus SASL (StartPostfix), real Exim, OpenSMTPD and Sendmail daemons
// (StartExim, StartOpenSMTPD, StartSendmail), certificates made in the test
// (NewCA, SelfSigned) and a proxy that adds network latency (NewProxy).
//
// It is imported only by _test.go files. Everything binds to 127.0.0.1 and
// is stopped by t.Cleanup.
package smtptest

import (
	"cmp"
	"crypto/tls"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Options configure a go-smtp server. The zero value accepts every sender
// and recipient and offers no STARTTLS.
type Options struct {
	// Domain is the name in the greeting and EHLO reply; empty means
	// "mx.test".
	Domain string
	// TLS, when set, makes the server offer STARTTLS with this
	// configuration.
	TLS *tls.Config
	// ImplicitTLS serves TLS from the first byte (SMTPS); TLS must be set.
	ImplicitTLS bool
	// RejectMail, when set, is the reply to every MAIL FROM.
	RejectMail *smtp.SMTPError
	// RejectRcpt maps recipient addresses (compared case-insensitively) to
	// the reply they get, e.g. a 550 5.1.1 or a 451 4.7.1 greylisting.
	RejectRcpt map[string]*smtp.SMTPError
	// BeforeRcpt, when set, is called with the address of each RCPT
	// before it is answered: a test holds a reply back by blocking in it,
	// as a server busy verifying a recipient does.
	BeforeRcpt func(to string)
	// RejectData, when set, is the reply to the message after DATA.
	RejectData *smtp.SMTPError

	// Auth maps user names to passwords for AUTH PLAIN and LOGIN; wrong
	// ones get 535 5.7.8. With Auth or Tokens set the server offers AUTH,
	// by default only over TLS (go-smtp's AllowInsecureAuth).
	Auth map[string]string
	// Tokens maps user names to OAuth bearer tokens for AUTH XOAUTH2 and
	// OAUTHBEARER.
	Tokens map[string]string
	// AuthMechanisms overrides the mechanisms offered; nil means PLAIN
	// and LOGIN with Auth, then XOAUTH2 and OAUTHBEARER with Tokens.
	AuthMechanisms []string
	// AllowInsecureAuth offers AUTH before STARTTLS too.
	AllowInsecureAuth bool
	// RequireAuth answers MAIL FROM with 530 5.7.0 until the client has
	// authenticated.
	RequireAuth bool

	// Listen is the loopback address to listen on, such as
	// "127.0.0.2:2525" for several servers on one port; "" means
	// 127.0.0.1 on a free port.
	Listen string
}

// SMTPError is go-smtp's error reply, so that tests need not import
// go-smtp to fill Options.
type SMTPError = smtp.SMTPError

// Error builds an SMTP error reply for Options, such as Error(550, "5.1.1",
// "no such user"). enhanced "" means none.
func Error(code int, enhanced, msg string) *smtp.SMTPError {
	return &smtp.SMTPError{Code: code, EnhancedCode: enhancedCode(enhanced), Message: msg}
}

// enhancedCode parses "x.y.z"; anything else is smtp.NoEnhancedCode.
func enhancedCode(s string) smtp.EnhancedCode {
	var ec smtp.EnhancedCode
	parts := strings.Split(s, ".")
	if len(parts) != len(ec) {
		return smtp.NoEnhancedCode
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return smtp.NoEnhancedCode
		}
		ec[i] = n
	}
	return ec
}

// Server is a running go-smtp server.
type Server struct {
	Addr string // 127.0.0.1:port

	mu        sync.Mutex
	events    []string
	messages  []Message
	conns     int
	active    int
	maxActive int
}

// Message is a mail transaction the server completed with DATA.
type Message struct {
	Helo string
	From string
	To   []string
	Data []byte
}

// Start runs a go-smtp server on 127.0.0.1:0 until the test ends.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	s := &Server{}
	srv := smtp.NewServer(backend{s: s, o: o})
	srv.Domain = o.Domain
	if srv.Domain == "" {
		srv.Domain = "mx.test"
	}
	srv.TLSConfig = o.TLS
	srv.AllowInsecureAuth = o.AllowInsecureAuth
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.MaxMessageBytes = 1 << 20
	srv.ErrorLog = discardLogger{}
	l, err := net.Listen("tcp", cmp.Or(o.Listen, "127.0.0.1:0"))
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = l.Addr().String()
	// Connections are counted under TLS, so that go-smtp sees *tls.Conn
	// and knows that implicit TLS is TLS (it offers AUTH only then).
	l = countingListener{Listener: l, s: s}
	if o.ImplicitTLS {
		if o.TLS == nil {
			t.Fatal("smtptest: ImplicitTLS needs TLS")
		}
		l = tls.NewListener(l, o.TLS)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(l)
	}()
	t.Cleanup(func() {
		srv.Close()
		// Close does not reach a listener that Serve has not yet taken
		// up (a test that ends at once); closing it ends Serve then too,
		// instead of leaving the cleanup waiting forever.
		l.Close()
		<-done
	})
	return s
}

// Events lists what the server's backend saw, in order: "AUTH <mech>
// <user> ok" (or "failed"), "MAIL <from>", "RCPT <to>", "DATA" (a message
// arrived), "RESET", "LOGOUT".
func (s *Server) Events() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.events...)
}

// Messages returns the messages received with DATA.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Conns returns how many connections the server accepted, and the most
// that were open at once.
func (s *Server) Conns() (total, maxOpen int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns, s.maxActive
}

func (s *Server) event(e string) {
	s.mu.Lock()
	s.events = append(s.events, e)
	s.mu.Unlock()
}

type backend struct {
	s *Server
	o Options
}

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{b: b, helo: c.Hostname()}, nil
}

type session struct {
	b      backend
	helo   string
	from   string
	to     []string
	authed bool
}

func (s *session) Reset() {
	s.from, s.to = "", nil
	s.b.s.event("RESET")
}

func (s *session) Logout() error {
	s.b.s.event("LOGOUT")
	return nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.b.s.event("MAIL <" + from + ">")
	if s.b.o.RequireAuth && !s.authed {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}
	}
	if s.b.o.RejectMail != nil {
		return s.b.o.RejectMail
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.b.s.event("RCPT <" + to + ">")
	if s.b.o.BeforeRcpt != nil {
		s.b.o.BeforeRcpt(to)
	}
	for addr, e := range s.b.o.RejectRcpt {
		if strings.EqualFold(addr, to) {
			return e
		}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.b.s.event("DATA")
	s.b.s.mu.Lock()
	s.b.s.messages = append(s.b.s.messages, Message{Helo: s.helo, From: s.from, To: s.to, Data: data})
	s.b.s.mu.Unlock()
	if s.b.o.RejectData != nil {
		return s.b.o.RejectData
	}
	return nil
}

// countingListener counts the connections the server holds open.
type countingListener struct {
	net.Listener
	s *Server
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.s.mu.Lock()
	l.s.conns++
	l.s.active++
	l.s.maxActive = max(l.s.maxActive, l.s.active)
	l.s.mu.Unlock()
	return &countedConn{Conn: c, s: l.s}, nil
}

type countedConn struct {
	net.Conn
	s    *Server
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() {
		c.s.mu.Lock()
		c.s.active--
		c.s.mu.Unlock()
	})
	return c.Conn.Close()
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}
func (discardLogger) Println(...any)        {}
