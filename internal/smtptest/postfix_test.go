package smtptest

import (
	"crypto/tls"
	"errors"
	"net"
	"net/smtp"
	"net/textproto"
	"strings"
	"testing"
	"time"
)

func TestPostfix(t *testing.T) {
	ca := NewCA(t)
	cert := ca.Issue(t, "mx.example.test", time.Now().Add(30*24*time.Hour))
	p := StartPostfix(t, PostfixOptions{
		TLS:        &cert,
		Recipients: []string{"user@example.test"},
		Users:      map[string]string{"alice@example.test": "pass word"},
	})
	c := dialPostfix(t, p)
	if err := c.Hello("client.test"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := c.Extension("STARTTLS"); !ok {
		t.Error("no STARTTLS offered")
	}
	if ok, _ := c.Extension("AUTH"); ok {
		t.Error("AUTH offered before STARTTLS")
	}
	if err := c.StartTLS(&tls.Config{RootCAs: ca.Pool(), ServerName: "mx.example.test"}); err != nil {
		t.Fatalf("STARTTLS: %v", err)
	}
	if ok, mechs := c.Extension("AUTH"); !ok || mechs != "PLAIN LOGIN" {
		t.Errorf("AUTH after STARTTLS %v %q, want PLAIN LOGIN", ok, mechs)
	}
	if err := c.Auth(smtp.PlainAuth("", "alice@example.test", "pass word", "mx.example.test")); err != nil {
		t.Fatalf("AUTH: %v", err)
	}
	if err := c.Mail("alice@example.test"); err != nil {
		t.Fatal(err)
	}
	if err := c.Rcpt("user@example.test"); err != nil {
		t.Errorf("RCPT to a local user: %v", err)
	}
	err := c.Rcpt("nobody@example.test")
	if code := replyCode(err); code != 550 || !strings.Contains(err.Error(), "5.1.1") {
		t.Errorf("RCPT to an unknown user: %v, want 550 5.1.1", err)
	}
	if err := c.Quit(); err != nil {
		t.Error(err)
	}
}

// TestPostfixWrongPassword checks that the sasldb is the one consulted:
// the wrong password gets 535 5.7.8.
func TestPostfixWrongPassword(t *testing.T) {
	ca := NewCA(t)
	cert := ca.Issue(t, "mx.example.test", time.Now().Add(30*24*time.Hour))
	p := StartPostfix(t, PostfixOptions{TLS: &cert, Users: map[string]string{"alice@example.test": "right"}})
	c := dialPostfix(t, p)
	if err := c.StartTLS(&tls.Config{RootCAs: ca.Pool(), ServerName: "mx.example.test"}); err != nil {
		t.Fatalf("STARTTLS: %v", err)
	}
	err := c.Auth(smtp.PlainAuth("", "alice@example.test", "wrong", "mx.example.test"))
	if code := replyCode(err); code != 535 || !strings.Contains(err.Error(), "5.7.8") {
		t.Errorf("AUTH with a wrong password: %v, want 535 5.7.8", err)
	}
}

// dialPostfix connects a net/smtp client to p, closed when the test ends.
func dialPostfix(t *testing.T, p *Postfix) *smtp.Client { return dialAddr(t, p.Addr) }

// dialAddr connects a net/smtp client to addr, closed when the test ends.
func dialAddr(t *testing.T, addr string) *smtp.Client {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	c, err := smtp.NewClient(conn, "mx.example.test")
	if err != nil {
		conn.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func replyCode(err error) int {
	var e *textproto.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}
