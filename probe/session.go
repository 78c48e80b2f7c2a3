package probe

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"
	"time"
)

// closeTimeout caps the wait for the replies to the closing RSET and QUIT.
// The answer the probe asked for has arrived by then; with PIPELINING these
// replies come in the same round trip, and a server that never sends its
// 221 must not hold the probe for a whole Timeout.
const closeTimeout = 2 * time.Second

// command is one line the probe sends.
type command struct {
	step StepKind // what Step.Kind and Host.Err record
	line string   // as sent, without CRLF
	// shown is what Step.Command records when line holds a secret (AUTH
	// PLAIN ********); "" means line.
	shown   string
	closing bool // RSET or QUIT after the answer: a missing reply is only recorded
}

// recorded is the command as steps and errors show it, secrets redacted.
func (c command) recorded() string {
	if c.shown != "" {
		return c.shown
	}
	return c.line
}

// closingCmd is RSET or QUIT after the answer.
func closingCmd(kind StepKind) command {
	return command{step: kind, line: string(kind), closing: true}
}

// session is the dialogue with one server over one connection. It runs
// straight through in dialogue; every method that returns false has ended
// the dialogue and recorded why.
type session struct {
	ctx     context.Context
	cfg     *Config // defaults filled in
	host    *Host
	name    string   // the host name certificates are verified against
	conn    net.Conn // the TCP connection
	c       net.Conn // conn, or TLS over it
	r       *bufio.Reader
	rcpt    string
	ext     map[string]string
	lastEnd time.Time // when the last reply ended
	// secrets recognises the AUTH credentials in the server's text once
	// they have been sent; nil before.
	secrets *secrets
	// verifying is closed when the certificate check that handshake
	// started is over (settle); nil when none is under way.
	verifying chan struct{}
	// replied, when set, is told of each step recorded: a shared
	// session follows its transaction reply by reply (Pool).
	replied func(Step)
}

// dialogue talks SMTP over conn, which it closes, and records into h.
func dialogue(ctx context.Context, cfg *Config, h *Host, name, rcpt string, conn net.Conn) {
	s := newSession(ctx, cfg, h, name, rcpt, conn)
	// Ctrl-C: closing the connection ends any read or write at once; the
	// errors that follow are classified as canceled.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	defer conn.Close()

	if !s.open() {
		return
	}
	if !s.auth() {
		return
	}
	s.transaction()
}

// newSession starts recording a dialogue over conn into h.
func newSession(ctx context.Context, cfg *Config, h *Host, name, rcpt string, conn net.Conn) *session {
	h.Helo = cfg.Helo
	if h.Helo == "" {
		h.Helo = addressLiteral(conn.LocalAddr())
	}
	return &session{
		ctx: ctx, cfg: cfg, host: h, name: name, conn: conn, c: conn,
		r: bufio.NewReader(conn), rcpt: rcpt, lastEnd: time.Now(),
	}
}

// open holds the part of a dialogue before any transaction: implicit
// TLS, the greeting, EHLO, and STARTTLS with EHLO again. It returns false,
// having recorded why, when the dialogue cannot go on.
func (s *session) open() bool {
	// The certificate is verified while the EHLO after TLS is in flight;
	// whatever comes next (AUTH above all) needs the outcome.
	defer s.settle()
	if s.cfg.ImplicitTLS && !s.handshake(true) {
		return false
	}
	greet, ok := s.read(command{step: StepGreeting}, s.lastEnd, false)
	if !ok {
		return false
	}
	s.host.Software = IdentifySoftware(greet.Lines, nil)
	if greet.Code != CodeReady {
		s.quit(greet)
		return false
	}
	if !s.hello() {
		return false
	}
	return s.cfg.ImplicitTLS || s.cfg.StartTLS == StartTLSNever || s.startTLS()
}

// hello sends EHLO, or HELO when EHLO is not understood (500, 502), and
// records the extensions.
func (s *session) hello() bool {
	reps, ok := s.exchange(command{step: StepEHLO, line: "EHLO " + s.host.Helo})
	if !ok {
		return false
	}
	rep := reps[0]
	if rep.Code == CodeOK {
		s.ext = parseExtensions(rep.Lines)
		s.host.Extensions = s.ext
		if s.host.Software == SoftwareUnknown {
			s.host.Software = IdentifySoftware(rep.Lines[:min(1, len(rep.Lines))], s.ext)
		}
		return true
	}
	if rep.Code == CodeSyntaxError || rep.Code == CodeNotImplemented {
		reps, ok = s.exchange(command{step: StepHELO, line: "HELO " + s.host.Helo})
		if !ok {
			return false
		}
		if rep = reps[0]; rep.Code == CodeOK {
			s.ext = map[string]string{}
			s.host.Extensions = s.ext
			return true
		}
	}
	s.quit(rep)
	return false
}

// startTLS upgrades the connection per Config.StartTLS. With
// StartTLSRequire any failure ends the dialogue with nothing more sent in
// clear; with StartTLSAuto a server that lacks or refuses STARTTLS is
// talked to in clear.
func (s *session) startTLS() bool {
	require := s.cfg.StartTLS == StartTLSRequire
	if _, offered := s.ext["STARTTLS"]; !offered {
		if require {
			s.fail(StepStartTLS, ErrPolicy, errors.New("STARTTLS required but not offered; nothing more sent in clear"))
			return false
		}
		return true
	}
	reps, ok := s.exchange(command{step: StepStartTLS, line: "STARTTLS"})
	if !ok {
		return false
	}
	if rep := reps[0]; rep.Code != CodeReady {
		if require {
			s.fail(StepStartTLS, ErrPolicy, fmt.Errorf("STARTTLS required but refused with %d; nothing more sent in clear", rep.Code))
			return false
		}
		return true
	}
	s.host.ExtensionsBeforeTLS = s.ext
	if !s.handshake(false) {
		return false
	}
	return s.hello()
}

// transaction sends MAIL, RCPT, the optional VRFY and DATA, and the closing
// RSET and QUIT. With PIPELINING everything up to the first command that
// must end a group (RFC 2920 section 3.1: VRFY, DATA, QUIT) goes out in one
// write; without it, one command per round trip.
func (s *session) transaction() {
	mail := command{step: StepMail, line: "MAIL FROM:<" + s.cfg.From + ">"}
	rcpt := command{step: StepRcpt, line: "RCPT TO:<" + s.rcpt + ">"}
	data := command{step: StepData, line: "DATA"}
	vrfy := command{step: StepVrfy, line: "VRFY " + s.cfg.Vrfy}
	wantVrfy := s.cfg.Vrfy != ""
	_, pipelining := s.ext["PIPELINING"]

	if !pipelining {
		reps, ok := s.exchange(mail)
		if !ok {
			return
		}
		if !positive(reps[0]) {
			s.quit(reps[0])
			return
		}
		if reps, ok = s.exchange(rcpt); !ok {
			return
		}
		accepted := positive(reps[0])
		if wantVrfy {
			if _, ok = s.exchange(vrfy); !ok {
				return
			}
		}
		if s.cfg.Data && accepted {
			if reps, ok = s.exchange(data); ok {
				s.message(reps[0], accepted)
			}
			return
		}
		s.closing()
		return
	}

	// QUIT never goes in a group: Exim holds every reply of a group that
	// holds QUIT until its 221 is out, about 200 ms later, so the wait
	// would show on MAIL. Alone, QUIT waits for its own reply, after the
	// answer the probe came for (see the README's Speed section).
	group := []command{mail, rcpt}
	switch {
	case wantVrfy:
		group = append(group, vrfy)
	case s.cfg.Data:
		group = append(group, data)
	default:
		group = append(group, closingCmd(StepRset))
	}
	reps, ok := s.exchange(group...)
	if !ok {
		return
	}
	if !wantVrfy && !s.cfg.Data {
		s.exchange(closingCmd(StepQuit))
		return
	}
	accepted := positive(reps[0]) && positive(reps[1])
	dataRep := Reply{}
	switch {
	case !wantVrfy:
		dataRep = reps[2]
	case s.cfg.Data && accepted:
		if reps, ok = s.exchange(data); !ok {
			return
		}
		dataRep = reps[0]
	default:
		// VRFY ended the group, so no DATA went out yet; after a
		// refused MAIL or RCPT none is due.
		s.closing()
		return
	}
	s.message(dataRep, accepted)
}

// message follows the reply to DATA: after 354 it sends the test message
// (or, when no recipient was accepted, an empty one: RFC 2920 section 3.1)
// and its final dot, then QUIT; otherwise RSET and QUIT.
func (s *session) message(dataRep Reply, accepted bool) {
	if dataRep.Code != CodeStartMail {
		s.closing()
		return
	}
	var body []byte
	if accepted {
		body = testMessage(s.cfg.From, s.rcpt, s.host.Helo, s.cfg.Now())
	}
	// The content is sent as is; the step shows only the final dot, which
	// is the "command" the reply answers.
	end := command{step: StepEndOfData, line: "."}
	if _, ok := s.exchangeRaw(body, end); ok {
		s.exchange(closingCmd(StepQuit))
	}
}

// closing sends RSET, then QUIT on its own (see transaction).
func (s *session) closing() {
	if _, ok := s.exchange(closingCmd(StepRset)); ok {
		s.exchange(closingCmd(StepQuit))
	}
}

// quit ends a dialogue after a negative reply: QUIT, unless the reply
// says the server is closing the connection anyway (421, 521).
func (s *session) quit(after Reply) {
	if after.Code == CodeUnavailable || after.Code == CodeNoMail {
		return
	}
	s.exchange(closingCmd(StepQuit))
}

func positive(r Reply) bool { return r.Code >= 200 && r.Code < 300 }

// exchange sends cmds in one write and reads a reply to each.
func (s *session) exchange(cmds ...command) ([]Reply, bool) {
	return s.exchangeRaw(nil, cmds...)
}

// exchangeRaw writes raw (message content) and cmds in one write and reads
// a reply to each command. It returns false, having recorded why, when the
// dialogue cannot go on: an error, or a 421 (the server is closing).
func (s *session) exchangeRaw(raw []byte, cmds ...command) ([]Reply, bool) {
	buf := raw
	for _, c := range cmds {
		// The Parse functions keep CR, LF and NUL out of every field; this
		// makes sure that nothing a caller puts in Config can reach the
		// wire as a second command.
		if strings.ContainsAny(c.line, "\r\n\x00") {
			s.fail(c.step, ErrPolicy, fmt.Errorf("refusing to send %q: contains CR, LF or NUL", c.recorded()))
			return nil, false
		}
		buf = append(buf, c.line...)
		buf = append(buf, "\r\n"...)
	}
	s.deadline(s.cfg.Timeout)
	sent := time.Now()
	if _, err := s.c.Write(buf); err != nil {
		s.record(cmds[0], err)
		return nil, false
	}
	reps := make([]Reply, 0, len(cmds))
	for _, c := range cmds {
		since := sent
		if s.lastEnd.After(since) {
			since = s.lastEnd
		}
		rep, ok := s.read(c, since, len(cmds) > 1)
		if !ok {
			return reps, false
		}
		reps = append(reps, rep)
		if rep.Code == CodeUnavailable {
			return reps, false
		}
	}
	return reps, true
}

// read reads the reply to c and records it as a step. A closing command
// whose reply does not come gets no step: its failure is only CloseErr.
func (s *session) read(c command, since time.Time, pipelined bool) (Reply, bool) {
	d := s.cfg.Timeout
	if c.closing {
		d = min(d, closeTimeout)
	}
	s.deadline(d)
	// Bytes already read with the previous reply: the server sent this one
	// with it, in one write.
	together := pipelined && s.r.Buffered() > 0
	rep, err := s.receive()
	s.lastEnd = time.Now()
	if err == nil || !c.closing {
		s.host.Steps = append(s.host.Steps, Step{Kind: c.step, Command: c.recorded(), Reply: rep, Duration: s.lastEnd.Sub(since),
			Pipelined: pipelined, WithPrevious: together})
		if s.replied != nil {
			s.replied(s.host.Steps[len(s.host.Steps)-1])
		}
	}
	if err != nil {
		s.record(c, err)
		return rep, false
	}
	return rep, true
}

// deadline sets the connection's deadline d from now, or to the context's
// deadline when that comes first.
func (s *session) deadline(d time.Duration) {
	t := time.Now().Add(d)
	if dl, ok := s.ctx.Deadline(); ok && dl.Before(t) {
		t = dl
	}
	s.conn.SetDeadline(t)
}

// record says why c got no reply: in CloseErr for a closing command,
// whose reply no longer matters, else in Err.
func (s *session) record(c command, err error) {
	if c.closing {
		s.host.CloseErr = s.classify(c.step, err)
		return
	}
	s.host.Err = s.classify(c.step, err)
}

func (s *session) fail(step StepKind, kind ErrorKind, err error) {
	s.host.Err = &Error{Step: step, Kind: kind, Err: err}
}

// classify turns an I/O error at step into an *Error of the right kind.
func (s *session) classify(step StepKind, err error) *Error {
	return classify(s.ctx, step, err)
}

func classify(ctx context.Context, step StepKind, err error) *Error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return &Error{Step: step, Kind: ErrCanceled, Err: fmt.Errorf("interrupted: %w", ctx.Err())}
	}
	// The connection's deadline is the context's when that comes first,
	// and the read can fail a moment before the context says so.
	if dl, ok := ctx.Deadline(); ok && !time.Now().Before(dl) {
		return &Error{Step: step, Kind: ErrTimeout, Err: fmt.Errorf("run deadline exceeded: %w", err)}
	}
	return &Error{Step: step, Kind: errorKind(err), Err: err}
}

func errorKind(err error) ErrorKind {
	var (
		pe  *ProtocolError
		ne  net.Error
		ae  tls.AlertError
		rhe tls.RecordHeaderError
	)
	switch {
	case errors.As(err, &pe):
		return ErrProtocol
	case strings.Contains(err.Error(), "tls: no renegotiation"):
		// crypto/tls refuses a HelloRequest with a local alert of an
		// unexported type; its text is all there is to go by.
		return ErrRenegotiation
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &ne) && ne.Timeout():
		return ErrTimeout
	case errors.Is(err, syscall.ECONNREFUSED):
		return ErrRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNABORTED):
		return ErrReset
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return ErrClosed
	case errors.As(err, &ae), errors.As(err, &rhe):
		return ErrTLS
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EADDRNOTAVAIL):
		// The fault is on this side: no route out, or no address of the
		// family to send from. EHOSTUNREACH, which a router far away can
		// cause, stays ErrNetwork.
		return ErrNoRoute
	}
	return ErrNetwork
}
