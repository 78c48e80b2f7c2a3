package smtptest

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// Scripted is a server that plays a script for each connection, for the
// hostile and broken behaviour that no real server shows: silence, endless
// replies, garbage, resets, half-closes, injected replies, stalled TLS
// handshakes. The script is a plain function over a *Conn, so a fault can
// be injected at any step of a dialogue.
type Scripted struct {
	Addr string // 127.0.0.1:port

	t        testing.TB
	l        net.Listener
	wg       sync.WaitGroup
	mu       sync.Mutex
	received bytes.Buffer
	conns    []net.Conn
	done     chan struct{}
}

// StartScript runs script on 127.0.0.1:0 for every connection until the
// test ends; the connection is closed when script returns.
func StartScript(t testing.TB, script func(c *Conn)) *Scripted {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Scripted{Addr: l.Addr().String(), t: t, l: l, done: make(chan struct{})}
	s.wg.Add(1)
	go s.serve(script)
	t.Cleanup(s.close)
	return s
}

func (s *Scripted) serve(script func(c *Conn)) {
	defer s.wg.Done()
	for {
		nc, err := s.l.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns = append(s.conns, nc)
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer nc.Close()
			script(&Conn{Conn: nc, r: bufio.NewReader(nc), s: s, tcp: nc})
		}()
	}
}

// close stops accepting, ends every connection (so that a stalled script
// returns) and waits for the scripts.
func (s *Scripted) close() {
	close(s.done)
	s.l.Close()
	s.mu.Lock()
	for _, c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// Received returns every line the clients sent, CRLF-terminated, in the
// order the scripts read them. TLS payload is included once decrypted.
func (s *Scripted) Received() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.received.String()
}

// Conns returns how many connections were accepted.
func (s *Scripted) Conns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// Conn is one connection as a script sees it. Its methods return false
// when the connection fails, rather than stopping the goroutine; Expect
// also reports a line other than the one expected with t.Errorf.
type Conn struct {
	net.Conn // the current connection: TCP, or TLS after StartTLS
	r        *bufio.Reader
	s        *Scripted
	tcp      net.Conn
}

// Send writes each line with CRLF, all in one write.
func (c *Conn) Send(lines ...string) bool {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l + "\r\n")
	}
	return c.Raw(b.String())
}

// Raw writes s as it is.
func (c *Conn) Raw(s string) bool {
	c.SetWriteDeadline(time.Now().Add(10 * time.Second))
	_, err := io.WriteString(c.Conn, s)
	return err == nil
}

// Trickle writes s one byte at a time, every interval, until done or the
// connection fails.
func (c *Conn) Trickle(s string, every time.Duration) bool {
	for i := 0; i < len(s); i++ {
		if !c.Raw(s[i:i+1]) || !c.sleep(every) {
			return false
		}
	}
	return true
}

// Line reads one line from the client, without its CRLF; ok is false when
// the client closed the connection or sent nothing for 10s.
func (c *Conn) Line() (line string, ok bool) {
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	var b []byte
	for {
		chunk, err := c.r.ReadSlice('\n')
		b = append(b, chunk...)
		if err == bufio.ErrBufferFull && len(b) < 1<<16 {
			continue
		}
		if err != nil {
			return "", false
		}
		break
	}
	c.s.mu.Lock()
	c.s.received.Write(b)
	c.s.mu.Unlock()
	return strings.TrimRight(string(b), "\r\n"), true
}

// Await waits until the client sends something, such as a TLS
// ClientHello, and consumes what has arrived. It is false when the client
// closed the connection or sent nothing for 10s.
func (c *Conn) Await() bool {
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.r.Peek(1); err != nil {
		return false
	}
	c.r.Discard(c.r.Buffered())
	return true
}

// Expect reads a line and reports a test error unless it starts with
// prefix (compared case-insensitively).
func (c *Conn) Expect(prefix string) bool {
	line, ok := c.Line()
	if !ok {
		c.s.t.Errorf("smtptest: expected %q, the client closed the connection", prefix)
		return false
	}
	if !strings.HasPrefix(strings.ToUpper(line), strings.ToUpper(prefix)) {
		c.s.t.Errorf("smtptest: expected %q, got %q", prefix, line)
		return false
	}
	return true
}

// Command reads a line and returns its verb in upper case ("MAIL" for
// "MAIL FROM:<>") and the line.
func (c *Conn) Command() (verb, line string, ok bool) {
	line, ok = c.Line()
	if !ok {
		return "", "", false
	}
	verb, _, _ = strings.Cut(line, " ")
	return strings.ToUpper(verb), line, true
}

// Greet sends a 220 greeting and answers EHLO with the given extensions.
func (c *Conn) Greet(exts ...string) bool {
	if !c.Send("220 scripted.test ESMTP") || !c.Expect("EHLO") {
		return false
	}
	return c.EHLOReply(exts...)
}

// EHLOReply sends a 250 reply to EHLO listing exts.
func (c *Conn) EHLOReply(exts ...string) bool {
	lines := []string{"250-scripted.test"}
	for _, e := range exts {
		lines = append(lines, "250-"+e)
	}
	lines[len(lines)-1] = "250 " + lines[len(lines)-1][4:]
	return c.Send(lines...)
}

// Answer reads commands and answers each from replies, keyed by verb
// ("MAIL", "RCPT", "RSET", ...; "*" for any other), until the client sends
// QUIT (answered with 221) or closes. It returns the verbs seen.
func (c *Conn) Answer(replies map[string]string) []string {
	var verbs []string
	for {
		verb, _, ok := c.Command()
		if !ok {
			return verbs
		}
		verbs = append(verbs, verb)
		r, found := replies[verb]
		switch {
		case found:
		case verb == "QUIT":
			r = "221 2.0.0 bye"
		case verb == "DATA":
			r = "554 5.5.1 no DATA here"
		default:
			r = replies["*"]
			if r == "" {
				r = "250 2.0.0 ok"
			}
		}
		if !c.Send(r) || verb == "QUIT" {
			return verbs
		}
	}
}

// StartTLS runs the server side of a TLS handshake; later reads and
// writes go over TLS. Bytes the client sent before are kept in order.
func (c *Conn) StartTLS(cfg *tls.Config) bool {
	c.tcp.SetDeadline(time.Now().Add(10 * time.Second))
	tc := tls.Server(&prefixConn{Conn: c.tcp, r: c.r}, cfg)
	if err := tc.Handshake(); err != nil {
		return false
	}
	c.tcp.SetDeadline(time.Time{})
	c.Conn = tc
	c.r = bufio.NewReader(tc)
	return true
}

// Stall waits, reading and dropping what the client sends, until the
// client closes the connection or the test ends.
func (c *Conn) Stall() {
	c.tcp.SetReadDeadline(time.Time{})
	go func() {
		<-c.s.done
		c.tcp.Close()
	}()
	io.Copy(io.Discard, c.tcp)
}

// Reset ends the connection with a TCP RST.
func (c *Conn) Reset() {
	if tc, ok := c.tcp.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	c.tcp.Close()
}

// CloseWrite half-closes the connection: the client reads EOF, the
// script can still read.
func (c *Conn) CloseWrite() {
	if tc, ok := c.tcp.(*net.TCPConn); ok {
		tc.CloseWrite()
	}
}

func (c *Conn) sleep(d time.Duration) bool {
	select {
	case <-time.After(d):
		return true
	case <-c.s.done:
		return false
	}
}

// prefixConn reads through r first, so that a TLS handshake sees bytes the
// script's reader had already buffered.
type prefixConn struct {
	net.Conn
	r *bufio.Reader
}

func (p *prefixConn) Read(b []byte) (int, error) { return p.r.Read(b) }
