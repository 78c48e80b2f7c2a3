package smtptest

import (
	"bufio"
	"context"
	"crypto/tls"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

func TestError(t *testing.T) {
	e := Error(550, "5.1.1", "user does not exist")
	if e.Code != 550 || e.EnhancedCode != (smtp.EnhancedCode{5, 1, 1}) || e.Message != "user does not exist" {
		t.Errorf("%+v", e)
	}
	for _, bad := range []string{"", "5.1", "5.1.x", "5.-1.1"} {
		if e := Error(451, bad, "later"); e.EnhancedCode != smtp.NoEnhancedCode {
			t.Errorf("Error(451, %q): %+v", bad, e)
		}
	}
}

// TestProxy checks that the proxy relays both ways, keeps order, lets a
// pipelined group through and passes the server's close on.
func TestProxy(t *testing.T) {
	srv := StartScript(t, func(c *Conn) {
		c.Send("220 hello")
		c.Answer(map[string]string{"NOOP": "250 noop"})
	})
	p := NewProxy(t, srv.Addr, 2*time.Millisecond)
	c, err := p.Dial(context.Background(), "tcp", "ignored:25")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := io.WriteString(c, "NOOP\r\nNOOP\r\nRSET\r\nQUIT\r\n"); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(c) // ends when the server's close has come through
	if err != nil {
		t.Fatal(err)
	}
	if want := "220 hello\r\n250 noop\r\n250 noop\r\n250 2.0.0 ok\r\n221 2.0.0 bye\r\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if r := srv.Received(); r != "NOOP\r\nNOOP\r\nRSET\r\nQUIT\r\n" {
		t.Errorf("server received %q", r)
	}
}

func TestScriptStartTLS(t *testing.T) {
	ca := NewCA(t)
	cert := ca.Issue(t, "mx.test", time.Now().Add(time.Hour))
	srv := StartScript(t, func(c *Conn) {
		c.Greet("STARTTLS")
		c.Expect("STARTTLS")
		c.Send("220 go ahead")
		if c.StartTLS(TLSConfig(cert)) {
			c.Expect("EHLO")
			c.EHLOReply("PIPELINING")
		}
	})
	conn, err := net.Dial("tcp", srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	read := func() string {
		var lines []string
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, strings.TrimSpace(l))
			if len(l) > 3 && l[3] == ' ' {
				return strings.Join(lines, "|")
			}
		}
	}
	read()
	io.WriteString(conn, "EHLO c\r\n")
	if got := read(); got != "250-scripted.test|250 STARTTLS" {
		t.Errorf("EHLO reply %q", got)
	}
	io.WriteString(conn, "STARTTLS\r\n")
	read()
	tc := tls.Client(conn, &tls.Config{ServerName: "mx.test", RootCAs: ca.Pool()})
	if err := tc.Handshake(); err != nil {
		t.Fatalf("handshake with a certificate from the test CA: %v", err)
	}
	io.WriteString(tc, "EHLO c\r\n")
	r = bufio.NewReader(tc)
	if got := read(); got != "250-scripted.test|250 PIPELINING" {
		t.Errorf("EHLO reply over TLS %q", got)
	}
}

func TestSink(t *testing.T) {
	addr := StartSink(t, "-h", "sink.test")
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	l, err := bufio.NewReader(c).ReadString('\n')
	if err != nil || !strings.HasPrefix(l, "220 sink.test") {
		t.Errorf("greeting %q %v", l, err)
	}
}
