package smtptest

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"
)

// Proxy relays TCP connections to an upstream server, delaying every chunk
// in each direction by a fixed one-way delay, as netem does: chunks are in
// flight concurrently, so pipelined commands cost one round trip, not one
// each. With Proxy.Dial as the client's dialer, the TCP handshake costs a
// round trip too, and the wall time of a dialogue divided by RTT counts
// its round trips.
type Proxy struct {
	Addr   string        // 127.0.0.1:port of the proxy
	OneWay time.Duration // delay per direction; a round trip is twice this

	upstream string
	l        net.Listener
	wg       sync.WaitGroup
	mu       sync.Mutex
	conns    []net.Conn
	done     chan struct{} // closed when the test ends: no delay outlasts it
}

// NewProxy relays to upstream with the given one-way delay until the test
// ends.
func NewProxy(t testing.TB, upstream string, oneWay time.Duration) *Proxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{Addr: l.Addr().String(), OneWay: oneWay, upstream: upstream, l: l, done: make(chan struct{})}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() {
		close(p.done)
		l.Close()
		p.mu.Lock()
		for _, c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
		p.wg.Wait()
	})
	return p
}

// Dial connects to the proxy whatever addr says, after a round trip that
// stands for the TCP handshake (SYN, SYN-ACK). It fits probe.Config.Dial.
func (p *Proxy) Dial(ctx context.Context, network, _ string) (net.Conn, error) {
	select {
	case <-time.After(2 * p.OneWay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	var d net.Dialer
	return d.DialContext(ctx, network, p.Addr)
}

func (p *Proxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.relay(c)
		}()
	}
}

func (p *Proxy) relay(c net.Conn) {
	defer c.Close()
	// The server learns of the connection when the client's ACK arrives,
	// half a round trip after the client's connect returned.
	if !p.wait(p.OneWay) {
		return
	}
	u, err := net.Dial("tcp", p.upstream)
	if err != nil {
		return
	}
	defer u.Close()
	p.mu.Lock()
	p.conns = append(p.conns, c, u)
	p.mu.Unlock()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); p.pipe(u, c) }()
	go func() { defer wg.Done(); p.pipe(c, u) }()
	wg.Wait()
}

// wait sleeps for d, or until the test ends: then it returns false.
func (p *Proxy) wait(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-p.done:
		return false
	}
}

type chunk struct {
	data []byte
	due  time.Time
}

// pipe copies src to dst, each chunk written OneWay after it was read,
// and half-closes dst after src's end has been delayed the same way.
func (p *Proxy) pipe(dst, src net.Conn) {
	ch := make(chan chunk, 1024)
	go func() {
		defer close(ch)
		for {
			buf := make([]byte, 32<<10)
			n, err := src.Read(buf)
			if n > 0 {
				ch <- chunk{data: buf[:n], due: time.Now().Add(p.OneWay)}
			}
			if err != nil {
				ch <- chunk{due: time.Now().Add(p.OneWay)}
				return
			}
		}
	}()
	for c := range ch {
		if !p.wait(time.Until(c.due)) || c.data == nil {
			break
		}
		if _, err := dst.Write(c.data); err != nil {
			break
		}
	}
	if tc, ok := dst.(*net.TCPConn); ok {
		tc.CloseWrite()
	}
	for range ch {
	}
}
