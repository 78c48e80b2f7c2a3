package probe_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// shortTimeout keeps the hostile tests quick; the bound is what they test.
const shortTimeout = 300 * time.Millisecond

// TestHostile covers what TestFaultMatrix does not: a peer that is not an
// SMTP server at all, and a fault after the answer the probe asked for.
func TestHostile(t *testing.T) {
	for _, tc := range []struct {
		name   string
		script func(c *smtptest.Conn)
		step   probe.StepKind
		kind   probe.ErrorKind
		errHas string // in Host.Err's text
		cmds   []string
	}{
		{
			name:   "garbage greeting",
			script: func(c *smtptest.Conn) { c.Raw("HTTP/1.1 400 Bad Request\r\n\x1b[31m\r\n"); c.Stall() },
			step:   "greeting", kind: probe.ErrProtocol, errHas: `got "HTTP/1.1 400 Bad Request"`,
			cmds: []string{""},
		},
		{
			name: "half-close after RCPT",
			script: func(c *smtptest.Conn) {
				c.Greet()
				c.Expect("MAIL")
				c.Send("250 ok")
				c.Expect("RCPT")
				c.Send("250 ok")
				c.CloseWrite()
				c.Stall()
			},
			// The verdict is in: a missing reply to RSET is only recorded.
			cmds: []string{"", "EHLO probe.test", "MAIL FROM:<>", "RCPT TO:<user@example.com>"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.StartScript(t, tc.script)
			cfg, _ := setup(t, srv.Addr)
			cfg.Timeout = shortTimeout
			h := oneHost(t, cfg, "user@example.com")
			wantCmds(t, h, tc.cmds...)
			if tc.step == "" {
				if h.Err != nil {
					t.Errorf("Err %v, want none", h.Err)
				}
				if h.CloseErr == nil {
					t.Errorf("CloseErr nil, want the missing RSET reply recorded")
				}
				return
			}
			if h.Err == nil {
				t.Fatalf("Err nil, want %s at %s", tc.kind, tc.step)
			}
			if h.Err.Step != tc.step || h.Err.Kind != tc.kind || !strings.Contains(h.Err.Error(), tc.errHas) {
				t.Errorf("Err %q (step %q, kind %s), want step %q kind %s containing %q", h.Err, h.Err.Step, h.Err.Kind, tc.step, tc.kind, tc.errHas)
			}
			if last := h.Steps[len(h.Steps)-1]; last.Reply.Code != 0 {
				t.Errorf("the failed step has code %d, want 0", last.Reply.Code)
			}
			// Every step is bounded: the whole dialogue cannot take much
			// more than its steps' timeouts.
			if limit := time.Duration(len(h.Steps)+2) * (shortTimeout + time.Second); h.Duration > limit {
				t.Errorf("took %v, more than %v", h.Duration, limit)
			}
		})
	}
}

func TestGreetingRefused(t *testing.T) {
	for _, tc := range []struct {
		greeting string
		cmds     []string
	}{
		{"521 5.3.2 mx.example.com does not accept mail", []string{""}},
		{"421 4.3.2 too busy, try later", []string{""}},
		{"554 5.7.1 no SMTP service here", []string{"", "QUIT"}},
	} {
		t.Run(tc.greeting[:3], func(t *testing.T) {
			srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
				c.Send(tc.greeting)
				c.Answer(nil)
			})
			cfg, _ := setup(t, srv.Addr)
			h := oneHost(t, cfg, "user@example.com")
			wantCmds(t, h, tc.cmds...)
			g := h.Steps[0].Reply
			if h.Err != nil || strconv.Itoa(g.Code) != tc.greeting[:3] || g.Enhanced != tc.greeting[4:9] {
				t.Errorf("Err %v greeting %+v", h.Err, g)
			}
		})
	}
}

func TestHeloFallback(t *testing.T) {
	for _, code := range []string{"500", "502"} {
		t.Run(code, func(t *testing.T) {
			srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
				c.Send("220 old.example.com SMTP")
				c.Expect("EHLO")
				c.Send(code + " 5.5.1 command not recognized")
				c.Expect("HELO probe.test")
				c.Send("250 old.example.com")
				c.Answer(nil)
			})
			cfg, d := setup(t, srv.Addr)
			h := oneHost(t, cfg, "user@example.com")
			wantCmds(t, h, "", "EHLO probe.test", "HELO probe.test", "MAIL FROM:<>", "RCPT TO:<user@example.com>", "RSET", "QUIT")
			if h.Err != nil || h.Extensions == nil || len(h.Extensions) != 0 {
				t.Errorf("Err %v extensions %v", h.Err, h.Extensions)
			}
			// Without PIPELINING: one command per write.
			for _, w := range d.Writes() {
				if strings.Count(w, "\r\n") != 1 {
					t.Errorf("write %q holds more than one command", w)
				}
			}
		})
	}
	t.Run("no fallback on 554", func(t *testing.T) {
		srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
			c.Send("220 ok")
			c.Expect("EHLO")
			c.Send("554 5.7.1 go away")
			c.Answer(nil)
		})
		cfg, _ := setup(t, srv.Addr)
		h := oneHost(t, cfg, "user@example.com")
		wantCmds(t, h, "", "EHLO probe.test", "QUIT")
	})
}

func TestStartTLSInjection(t *testing.T) {
	ca := smtptest.NewCA(t)
	cert := ca.Issue(t, "mx.example.com", time.Now().Add(24*time.Hour))
	srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
		c.Greet("PIPELINING", "STARTTLS")
		c.Expect("STARTTLS")
		// The injected replies ride behind the 220: a client that kept
		// them would take them for the answers to its EHLO and MAIL.
		c.Raw("220 ready\r\n250-injected\r\n250 PIPELINING\r\n250 injected MAIL ok\r\n")
		if !c.StartTLS(smtptest.TLSConfig(cert)) {
			return
		}
		c.Expect("EHLO")
		c.EHLOReply("PIPELINING")
		c.Answer(map[string]string{"RCPT": "550 5.1.1 real reply over TLS"})
	})
	cfg, _ := setup(t, srv.Addr)
	cfg.RootCAs = ca.Pool()
	h := oneHost(t, cfg, "user@example.com")
	if h.Err != nil || h.TLS == nil || !h.TLS.Verified {
		t.Fatalf("Err %v TLS %+v", h.Err, h.TLS)
	}
	if want := len("250-injected\r\n250 PIPELINING\r\n250 injected MAIL ok\r\n"); h.TLS.DiscardedBytes != want {
		t.Errorf("DiscardedBytes %d, want %d", h.TLS.DiscardedBytes, want)
	}
	for _, s := range h.Steps {
		for _, l := range s.Reply.Lines {
			if strings.Contains(l, "injected") {
				t.Errorf("injected reply taken as the reply to %q", s.Command)
			}
		}
	}
	if rcpt := h.Steps[5]; rcpt.Command != "RCPT TO:<user@example.com>" || rcpt.Reply.Code != 550 {
		t.Errorf("RCPT step %+v\n%s", rcpt, transcript(h))
	}
}

func TestCancel(t *testing.T) {
	srv := smtptest.StartScript(t, func(c *smtptest.Conn) { c.Stall() })
	cfg, d := setup(t, srv.Addr)
	cfg.Timeout = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan probe.Result)
	go func() { done <- probe.Run(ctx, cfg, target(t, "user@example.com")) }()
	// Cancel once the probe is waiting for the greeting: once its Dial has
	// returned, not once the server has accepted, which comes first and
	// would let the cancel fail the connect instead.
	for len(d.Dialed()) == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case res := <-done:
		h := res.Hosts[0]
		if h.Err == nil || h.Err.Kind != probe.ErrCanceled || h.Err.Step != "greeting" || !errors.Is(h.Err, context.Canceled) {
			t.Errorf("Err %v", h.Err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestRunDeadline(t *testing.T) {
	srv := smtptest.StartScript(t, func(c *smtptest.Conn) { c.Stall() })
	cfg, _ := setup(t, srv.Addr)
	cfg.Timeout = time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	res := probe.Run(ctx, cfg, target(t, "user@example.com"))
	h := res.Hosts[0]
	if h.Err == nil || h.Err.Kind != probe.ErrTimeout || !strings.Contains(h.Err.Error(), "run deadline") {
		t.Errorf("Err %v", h.Err)
	}
}

func TestMissingQuitReply(t *testing.T) {
	srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
		c.Greet("PIPELINING")
		c.Expect("MAIL")
		c.Expect("RCPT")
		c.Send("250 ok", "250 ok")
		c.Stall() // never answers RSET or QUIT
	})
	cfg, _ := setup(t, srv.Addr)
	cfg.Timeout = time.Minute
	start := time.Now()
	h := oneHost(t, cfg, "user@example.com")
	if h.Err != nil || h.CloseErr == nil || h.CloseErr.Step != "RSET" || h.CloseErr.Kind != probe.ErrTimeout {
		t.Errorf("Err %v CloseErr %v", h.Err, h.CloseErr)
	}
	// Waiting for the closing replies is capped well below Timeout.
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("waited %v for the closing replies", d)
	}
}

func TestTLSAlert(t *testing.T) {
	// The server demands a client certificate the probe does not send:
	// the handshake fails with an alert, recorded as text.
	cert := smtptest.SelfSigned(t, "mx.example.com", time.Now().Add(time.Hour))
	cfg := smtptest.TLSConfig(cert)
	cfg.ClientAuth = tls.RequireAnyClientCert
	cfg.MaxVersion = tls.VersionTLS12 // TLS 1.3 would fail only after the handshake
	srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
		if c.Greet("STARTTLS") && expectStartTLS(c) {
			c.Send("220 go ahead")
			c.StartTLS(cfg)
		}
	})
	pcfg, _ := setup(t, srv.Addr)
	h := oneHost(t, pcfg, "user@example.com")
	if h.Err == nil || h.Err.Kind != probe.ErrTLS || h.TLS == nil || h.TLS.HandshakeError == "" {
		t.Fatalf("Err %v TLS %+v", h.Err, h.TLS)
	}
}

func TestImplicitTLSToPlainServer(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	cfg, _ := setup(t, srv.Addr)
	cfg.ImplicitTLS = true
	h := oneHost(t, cfg, "user@example.com")
	if h.Err == nil || h.Err.Step != "TLS handshake" || h.Err.Kind != probe.ErrTLS || h.TLS == nil || !h.TLS.Implicit ||
		!strings.Contains(h.TLS.HandshakeError, "does not look like a TLS handshake") || len(h.Steps) != 0 || !h.TLS.PlainGreeting {
		t.Errorf("Err %v TLS %+v steps %d", h.Err, h.TLS, len(h.Steps))
	}
}

// TestNoInjectionFromConfig: whatever a caller puts in Config, CR, LF or
// NUL never reach the wire as a second command.
func TestNoInjectionFromConfig(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(c *probe.Config)
		step probe.StepKind
	}{
		{"helo", func(c *probe.Config) { c.Helo = "probe.test\r\nMAIL FROM:<x@y>" }, "EHLO"},
		{"from", func(c *probe.Config) { c.From = "a@b>\r\nDATA" }, "MAIL FROM"},
		{"rcpt", func(c *probe.Config) { c.Rcpt = "a@b\nDATA" }, "RCPT TO"},
		{"vrfy", func(c *probe.Config) { c.Vrfy = "x\x00y" }, "VRFY"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.Start(t, smtptest.Options{})
			cfg, d := setup(t, srv.Addr)
			tc.set(&cfg)
			h := oneHost(t, cfg, "user@example.com")
			if h.Err == nil || h.Err.Kind != probe.ErrPolicy || h.Err.Step != tc.step {
				t.Errorf("Err %v", h.Err)
			}
			for _, w := range d.Writes() {
				if strings.Contains(w, "DATA") || strings.Contains(w, "x@y") {
					t.Errorf("injected: %q", w)
				}
			}
		})
	}
}

// TestPlainToImplicitTLSPort: a plain probe of a port that speaks implicit
// TLS gets no greeting; a handshake on a new connection tells why. A
// server that is merely silent is not taken for one.
func TestPlainToImplicitTLSPort(t *testing.T) {
	cert := smtptest.SelfSigned(t, "mx.example.com", time.Now().Add(time.Hour))
	srv := smtptest.Start(t, smtptest.Options{TLS: smtptest.TLSConfig(cert), ImplicitTLS: true})
	cfg, _ := setup(t, srv.Addr)
	cfg.Timeout = 300 * time.Millisecond
	h := oneHost(t, cfg, "user@example.com")
	if h.Err == nil || h.Err.Step != probe.StepGreeting || h.Err.Kind != probe.ErrTimeout || !h.ImplicitTLSPort {
		t.Errorf("Err %v, ImplicitTLSPort %v; want a greeting timeout on an implicit-TLS port", h.Err, h.ImplicitTLSPort)
	}
	silent := smtptest.StartScript(t, func(c *smtptest.Conn) { c.Stall() })
	cfg, _ = setup(t, silent.Addr)
	cfg.Timeout = 300 * time.Millisecond
	if h = oneHost(t, cfg, "user@example.com"); h.ImplicitTLSPort {
		t.Error("a silent server taken for an implicit-TLS port")
	}
}

// TestRenegotiationRefused: crypto/tls answers a server's HelloRequest with
// a local no_renegotiation alert of an unexported type; the probe refused,
// and the kind says so rather than a network failure (issue 10 item 15).
func TestRenegotiationRefused(t *testing.T) {
	err := &net.OpError{Op: "local error", Err: errors.New("tls: no renegotiation")}
	if k := probe.KindOf(fmt.Errorf("EHLO: %w", err)); k != probe.ErrRenegotiation {
		t.Errorf("kind %s, want %s", k, probe.ErrRenegotiation)
	}
}
