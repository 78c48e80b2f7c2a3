package probe_test

import (
	"crypto/tls"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// faultTimeout is the step timeout of the fault matrix; faults that stall
// cost this much each. It bounds the healthy steps too, TLS handshakes
// under -race among them, on a machine shared with other builds: at 200ms
// a handshake on a loaded machine timed out now and then.
const faultTimeout = time.Second

// faults a server can commit instead of answering, each with the error
// kind the probe must report for it outside a TLS handshake, and what the
// error's text must then say.
var faults = []struct {
	name string
	kind probe.ErrorKind
	has  string
	do   func(c *smtptest.Conn)
}{
	{"stall", probe.ErrTimeout, "i/o timeout", func(c *smtptest.Conn) { c.Stall() }},
	// Half a timeout a byte: a TLS record header (5 bytes) is still
	// incomplete when the handshake's timeout ends, so the fault is a
	// timeout there too, not a race with a misread header.
	{"trickle", probe.ErrTimeout, "i/o timeout", func(c *smtptest.Conn) {
		c.Trickle("250 "+strings.Repeat("slow ", 20)+"\r\n", faultTimeout/2)
	}},
	{"reset", probe.ErrReset, "connection reset by peer", func(c *smtptest.Conn) { c.Reset() }},
	{"half-close", probe.ErrClosed, "EOF", func(c *smtptest.Conn) { c.CloseWrite(); c.Stall() }},
	{"close mid-reply", probe.ErrClosed, `connection closed mid-line after "250-sec"`, func(c *smtptest.Conn) { c.Raw("250-first line\r\n250-sec") }},
	{"garbage", probe.ErrProtocol, `reply does not start with a three-digit code: got "\x00\xff\x16\x03 garbage"`, func(c *smtptest.Conn) { c.Raw("\x00\xff\x16\x03 garbage\r\n"); c.Stall() }},
	{"oversized line", probe.ErrProtocol, "reply line longer than 2000 bytes", func(c *smtptest.Conn) { c.Raw("250 " + strings.Repeat("x", 10000) + "\r\n"); c.Stall() }},
	{"endless reply", probe.ErrProtocol, "multiline reply longer than 100 lines", func(c *smtptest.Conn) {
		for c.Send("250-more and more") {
		}
	}},
	{"codes disagree", probe.ErrProtocol, `continuation line code differs from 250: got "354 second"`, func(c *smtptest.Conn) { c.Send("250-first", "354 second"); c.Stall() }},
}

// faultSteps are the points of a dialogue (STARTTLS offered, PIPELINING
// on) where a fault is injected, with the Error.Step the probe must name
// and the command of the last step it records.
var faultSteps = []struct {
	at   string
	step probe.StepKind
	last string
}{
	{"greeting", probe.StepGreeting, ""},
	{"EHLO", probe.StepEHLO, "EHLO probe.test"},
	{"STARTTLS", probe.StepStartTLS, "STARTTLS"},
	{"TLS handshake", probe.StepHandshake, "STARTTLS"},
	{"EHLO after TLS", probe.StepEHLO, "EHLO probe.test"},
	{"MAIL", probe.StepMail, "MAIL FROM:<>"},
	{"RCPT", probe.StepRcpt, "RCPT TO:<user@example.com>"},
}

// faultScript plays a healthy dialogue up to at, then commits fault. A
// fault in the TLS handshake comes after the ClientHello: bytes sent
// before it are injection, which the probe discards (see
// TestStartTLSInjection).
func faultScript(at string, cfg *tls.Config, fault func(c *smtptest.Conn)) func(c *smtptest.Conn) {
	return func(c *smtptest.Conn) {
		step := func(name string) bool {
			if name == at {
				fault(c)
				return true
			}
			return false
		}
		if step("greeting") || !c.Send("220 fault.test ESMTP") || !c.Expect("EHLO") || step("EHLO") ||
			!c.EHLOReply("PIPELINING", "STARTTLS") || !expectStartTLS(c) || step("STARTTLS") ||
			!c.Send("220 2.0.0 go ahead") || at == "TLS handshake" && !c.Await() || step("TLS handshake") || !c.StartTLS(cfg) ||
			!c.Expect("EHLO") || step("EHLO after TLS") || !c.EHLOReply("PIPELINING") ||
			!c.Expect("MAIL") || step("MAIL") || !c.Send("250 2.1.0 ok") ||
			!c.Expect("RCPT") || step("RCPT") {
			return
		}
		c.Send("250 2.1.5 ok")
		c.Answer(nil)
	}
}

// expectStartTLS reads STARTTLS, or, from the probe's retry in clear after
// a failed handshake, MAIL FROM: that dialogue is answered as a healthy
// server would, and expectStartTLS returns false.
func expectStartTLS(c *smtptest.Conn) bool {
	verb, _, ok := c.Command()
	if !ok || verb == "STARTTLS" {
		return ok
	}
	c.Send("250 2.1.0 ok")
	c.Answer(nil)
	return false
}

// TestFaultMatrix injects every fault at every step: the probe must end
// within its bound, name the step and the fault, keep the facts gathered
// before it, and never panic.
func TestFaultMatrix(t *testing.T) {
	ca := smtptest.NewCA(t)
	tlsCfg := smtptest.TLSConfig(ca.Issue(t, "mx.example.com", time.Now().Add(time.Hour)))
	for _, st := range faultSteps {
		for _, f := range faults {
			t.Run(st.at+"/"+f.name, func(t *testing.T) {
				t.Parallel()
				srv := smtptest.StartScript(t, faultScript(st.at, tlsCfg, f.do))
				cfg, _ := setup(t, srv.Addr)
				cfg.Timeout = faultTimeout
				cfg.RootCAs = ca.Pool()
				start := time.Now()
				h := oneHost(t, cfg, "user@example.com")
				took := time.Since(start)

				kind := f.kind
				if st.at == "TLS handshake" && kind != probe.ErrTimeout {
					kind = probe.ErrTLS // whatever breaks a handshake is a TLS failure
				}
				if h.Err == nil {
					t.Fatalf("no error; transcript\n%s", transcript(h))
				}
				if st.at == "greeting" && h.Err.Step == "connect" && h.Err.Kind == probe.ErrReset && f.kind == probe.ErrReset {
					// An RST sent at once can beat the end of the
					// probe's connect, which then reports it.
					return
				}
				if h.Err.Step != st.step || h.Err.Kind != kind {
					t.Errorf("Err %q: step %q kind %s, want %q %s", h.Err, h.Err.Step, h.Err.Kind, st.step, kind)
				}
				if st.at != "TLS handshake" && !strings.Contains(h.Err.Error(), f.has) {
					t.Errorf("Err %q, want it to say %q", h.Err, f.has)
				}
				// The steps before the fault are all there, and none after.
				if len(h.Steps) == 0 || h.Steps[0].Command != "" || h.Steps[len(h.Steps)-1].Command != st.last {
					t.Fatalf("steps from the greeting to %q wanted:\n%s", st.last, transcript(h))
				}
				if st.at == "TLS handshake" {
					if h.TLS == nil || h.TLS.HandshakeError == "" {
						t.Errorf("TLS %+v: want the handshake error recorded", h.TLS)
					}
					// Whatever broke the handshake, the probe delivers in
					// clear on a new connection, as senders do.
					if h.Retry == nil || h.Retry.Err != nil || len(h.Retry.Steps) != 6 {
						t.Errorf("retry in clear %+v", h.Retry)
					}
				} else if last := h.Steps[len(h.Steps)-1]; last.Reply.Code != 0 {
					t.Errorf("the failed step %q has code %d, want 0", last.Command, last.Reply.Code)
				}
				if st.at == "EHLO after TLS" || st.at == "MAIL" || st.at == "RCPT" {
					if h.TLS == nil || !h.TLS.Verified {
						t.Errorf("TLS facts lost: %+v", h.TLS)
					}
				}
				// Bound: every step is limited by the timeout; the margin
				// only absorbs a loaded machine.
				if bound := 10*faultTimeout + 10*time.Second; took > bound {
					t.Errorf("took %v, bound %v", took, bound)
				}
			})
		}
	}
}
