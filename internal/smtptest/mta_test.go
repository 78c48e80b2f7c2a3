package smtptest

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strings"
	"testing"
	"time"
)

// mtaCase is what one MTA must do under the harness's options.
type mtaCase struct {
	name  string
	start func(testing.TB, MTAOptions) *MTA
	// greeting is a word the greeting names the software by.
	greeting string
	// unknown is the code and text an unknown local user gets.
	unknown string
	// badHelo is the reply to "EHLO vm" with StrictHelo; "" when the MTA
	// has no such check.
	badHelo  string
	tlsWorks bool
}

var mtaCases = []mtaCase{
	{"Exim", StartExim, "Exim 4.96", "550 Unrouteable address", "550 Access denied - Invalid HELO name (See RFC2821 4.1.1.1)", true},
	{"OpenSMTPD", StartOpenSMTPD, "OpenSMTPD", "524 5.2.4 Mailing list expansion problem", "550 5.7.1 Helo name is not a fully qualified domain name", false},
	{"Sendmail", StartSendmail, "Sendmail 8.17", "550 5.1.1 <nosuchuser@example.test>... User unknown", "", true},
}

func TestMTAs(t *testing.T) {
	ca := NewCA(t)
	cert := ca.Issue(t, "mx.example.test", time.Now().Add(30*24*time.Hour))
	for _, mc := range mtaCases {
		t.Run(mc.name, func(t *testing.T) {
			m := mc.start(t, MTAOptions{TLS: &cert, StrictHelo: true, SizeLimit: 400, RefusedSenderDomain: "refused.test"})
			if mc.badHelo != "" {
				greeting, replies := chat(t, m, "EHLO vm")
				reply := replies[0]
				if !strings.Contains(greeting, mc.greeting) {
					t.Errorf("greeting %q does not name %q", greeting, mc.greeting)
				}
				if !strings.HasPrefix(reply, mc.badHelo) {
					t.Errorf("EHLO vm: %q, want %q", reply, mc.badHelo)
				}
			}
			if _, replies := chat(t, m, "EHLO probe.example.test", "MAIL FROM:<a@refused.test>"); !strings.HasPrefix(replies[1], "550") {
				t.Errorf("MAIL FROM a refused domain: %q, want 550", replies[1])
			}

			c := dialAddr(t, m.Addr)
			if err := c.Hello("probe.example.test"); err != nil {
				t.Fatal(err)
			}
			if _, size := c.Extension("SIZE"); mc.name != "OpenSMTPD" && size != "400" {
				t.Errorf("SIZE %q, want 400", size)
			}
			if ok, _ := c.Extension("STARTTLS"); !ok {
				t.Fatal("no STARTTLS offered")
			}
			err := c.StartTLS(&tls.Config{RootCAs: ca.Pool(), ServerName: "mx.example.test"})
			if mc.tlsWorks != (err == nil) {
				t.Fatalf("STARTTLS: %v, want success %v", err, mc.tlsWorks)
			}
			if !mc.tlsWorks {
				return
			}
			if err := c.Mail(""); err != nil {
				t.Fatal(err)
			}
			for _, u := range []string{"user@example.test", "postmaster@example.test"} {
				if err := c.Rcpt(u); err != nil {
					t.Errorf("RCPT %s: %v", u, err)
				}
			}
			err = c.Rcpt("nosuchuser@example.test")
			var e *textproto.Error
			if !errors.As(err, &e) || !strings.HasPrefix(fmt.Sprintf("%d %s", e.Code, e.Msg), mc.unknown) {
				t.Errorf("RCPT to an unknown user: %v, want %q", err, mc.unknown)
			}
			c.Quit()
		})
	}
}

// TestOpenSMTPDUnknownUser checks the reply OpenSMTPD gives an unknown
// local user in the clear, where its TLS does not get in the way.
func TestOpenSMTPDUnknownUser(t *testing.T) {
	m := StartOpenSMTPD(t, MTAOptions{})
	_, replies := chat(t, m, "EHLO probe.example.test", "MAIL FROM:<>", "RCPT TO:<user@example.test>", "RCPT TO:<nosuchuser@example.test>", "VRFY user")
	for i, want := range []string{"250-", "250 ", "250 2.1.5", "524 5.2.4 Mailing list expansion problem: <nosuchuser@example.test>", "500 5.5.1 Invalid command: Command unrecognized"} {
		if !strings.HasPrefix(replies[i], want) {
			t.Errorf("reply %d %q, want %q", i, replies[i], want)
		}
	}
}

// chat sends each line in turn and returns the greeting and the reply to
// each line.
func chat(t *testing.T, m *MTA, lines ...string) (greeting string, replies []string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", m.Addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	read := func() string {
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := conn.Read(buf)
			b.Write(buf[:n])
			s := b.String()
			// The last line of a reply has a space after the code.
			if i := strings.LastIndex(strings.TrimSuffix(s, "\r\n"), "\n"); err != nil ||
				strings.HasSuffix(s, "\r\n") && len(s[i+1:]) > 3 && s[i+1:][3] == ' ' {
				return s
			}
		}
	}
	greeting = read()
	for _, l := range lines {
		if _, err := conn.Write([]byte(l + "\r\n")); err != nil {
			t.Fatal(err)
		}
		replies = append(replies, read())
	}
	return greeting, replies
}
