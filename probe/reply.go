package probe

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds on one reply. RFC 5321 section 4.5.3.1.5 limits a reply line to
// 512 octets; real servers exceed that, so the bounds are generous, but a
// hostile server cannot make the probe buffer more than MaxReplySize.
const (
	// MaxLineLength is the longest reply line accepted, CRLF included
	// (the limit go-smtp uses).
	MaxLineLength = 2000
	// MaxReplyLines is the most lines a multiline reply may have.
	MaxReplyLines = 100
	// MaxReplySize is the most bytes a multiline reply may have in all.
	MaxReplySize = 64 << 10
)

// The reply codes the session acts on (RFC 5321 section 4.2, RFC 7504,
// RFC 4954).
const (
	CodeReady          = 220 // the greeting; ready to start TLS
	CodeClosing        = 221 // the reply to QUIT
	CodeAuthOK         = 235 // authentication succeeded
	CodeOK             = 250
	CodeAuthChallenge  = 334 // a SASL challenge follows
	CodeStartMail      = 354 // send the message content
	CodeUnavailable    = 421 // service not available, closing the connection
	CodeSyntaxError    = 500 // command not recognized (EHLO: try HELO)
	CodeNotImplemented = 502 // command not implemented (EHLO: try HELO)
	CodeBadSequence    = 503 // bad sequence of commands
	CodeNoMail         = 521 // the host does not accept mail (RFC 7504), closing
	CodeDomainNoMail   = 556 // the domain does not accept mail (RFC 7504)
	CodeFailed         = 554 // transaction failed (no valid recipients)
)

// seenMax is how many bytes of offending input a ProtocolError quotes.
const seenMax = 60

// ProtocolError says that the peer's bytes are not an SMTP reply.
type ProtocolError struct {
	Reason string // what is wrong
	Seen   string // the offending bytes, quoted and truncated
}

func (e *ProtocolError) Error() string {
	if e.Seen == "" {
		return e.Reason
	}
	return e.Reason + ": got " + e.Seen
}

func protocolErr(reason string, seen []byte, hide func([]byte) bool) *ProtocolError {
	return &ProtocolError{Reason: reason, Seen: quoteSeen(seen, hide)}
}

// quoteSeen quotes the first seenMax bytes of b for an error message, or
// gives Redacted when hide says that b holds a secret. hide sees the
// bytes whole, before they are cut, and what the quote would show.
func quoteSeen(b []byte, hide func([]byte) bool) string {
	var q string
	if len(b) > seenMax {
		q = strconv.QuoteToASCII(string(b[:seenMax])) + "..."
	} else {
		q = strconv.QuoteToASCII(string(b))
	}
	if hide != nil && (hide(b) || hide([]byte(q))) {
		return Redacted
	}
	return q
}

// readReply reads one SMTP reply, single or multiline, from r within the
// bounds MaxLineLength, MaxReplyLines and MaxReplySize. A reply that
// breaks the syntax of RFC 5321 section 4.2 or a bound gives a
// *ProtocolError. When the input ends mid-reply, the lines read so far are
// returned with an error wrapping io.ErrUnexpectedEOF, and Code is 0.
// hide, when set, says which of the peer's bytes an error must not quote
// (see quoteSeen).
//
// Reply.Lines hold the text after "NNN-" or "NNN ", made safe to print by
// escape: printable UTF-8 as sent, anything else as \xNN. Reply.Enhanced is the RFC 3463 code the
// first line's text starts with, when its class matches the reply's.
func readReply(r *bufio.Reader, hide func([]byte) bool) (Reply, error) {
	var (
		rep   Reply
		total int
		prior []byte // the text of the lines so far
	)
	if outer := hide; outer != nil {
		// An error quotes only the offending line; the check sees it
		// after the lines before it, so that a secret split across them
		// is found.
		hide = func(b []byte) bool { return outer(append(prior[:len(prior):len(prior)], b...)) }
	}
	for {
		err := checkStart(r, hide)
		var line []byte
		if err == nil {
			line, err = readLine(r, hide)
		}
		if err != nil {
			if errors.Is(err, io.EOF) && len(rep.Lines) > 0 {
				err = fmt.Errorf("connection closed after %d lines of a multiline reply: %w", len(rep.Lines), io.ErrUnexpectedEOF)
			}
			return Reply{Lines: rep.Lines}, err
		}
		total += len(line)
		code, last, text, perr := splitLine(line, hide)
		if perr != nil {
			return Reply{Lines: rep.Lines}, perr
		}
		if rep.Code == 0 {
			rep.Code = code
		} else if code != rep.Code {
			return Reply{Lines: rep.Lines}, protocolErr(fmt.Sprintf("continuation line code differs from %d", rep.Code), line, hide)
		}
		rep.Lines = append(rep.Lines, escape(text))
		prior = append(prior, text...)
		if last {
			break
		}
		if len(rep.Lines) >= MaxReplyLines {
			return Reply{Lines: rep.Lines}, protocolErr(fmt.Sprintf("multiline reply longer than %d lines", MaxReplyLines), line, hide)
		}
		if total > MaxReplySize {
			return Reply{Lines: rep.Lines}, protocolErr(fmt.Sprintf("multiline reply larger than %d bytes", MaxReplySize), line, hide)
		}
	}
	rep.Enhanced = enhancedCode(rep.Lines[0], rep.Code/100)
	return rep, nil
}

// checkStart waits for the next line to begin and fails at once when its
// first bytes cannot start a reply line, so that garbage without a line
// end (a TLS or HTTP peer, binary noise) is reported without waiting for
// the timeout.
func checkStart(r *bufio.Reader, hide func([]byte) bool) error {
	if _, err := r.Peek(1); err != nil {
		return err
	}
	buf, _ := r.Peek(r.Buffered())
	if bytes.IndexByte(buf, '\n') >= 0 {
		return nil // a whole line: splitLine says what is wrong with it
	}
	for i, c := range buf[:min(len(buf), 4)] {
		if i < 3 && isDigit(c) || i == 3 && (c == ' ' || c == '-' || c == '\r' || c == '\n') {
			continue
		}
		return protocolErr("reply does not start with a three-digit code", buf, hide)
	}
	return nil
}

// readLine reads a line ending in LF (CRLF or, leniently, a bare LF) of at
// most MaxLineLength bytes, and returns it without the line ending.
func readLine(r *bufio.Reader, hide func([]byte) bool) ([]byte, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > MaxLineLength {
			return nil, protocolErr(fmt.Sprintf("reply line longer than %d bytes", MaxLineLength), line, hide)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if err == io.EOF && len(line) > 0 {
				return nil, fmt.Errorf("connection closed mid-line after %s: %w", quoteSeen(line, hide), io.ErrUnexpectedEOF)
			}
			return nil, err
		}
		line = line[:len(line)-1]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		return line, nil
	}
}

// splitLine takes a reply line apart: "250-text" or "250 text" or "250".
func splitLine(line []byte, hide func([]byte) bool) (code int, last bool, text []byte, err error) {
	if len(line) < 3 || !isDigit(line[0]) || !isDigit(line[1]) || !isDigit(line[2]) {
		return 0, false, nil, protocolErr("reply does not start with a three-digit code", line, hide)
	}
	if line[0] < '2' || line[0] > '5' || line[1] > '5' {
		return 0, false, nil, protocolErr("reply code out of range", line, hide)
	}
	code = int(line[0]-'0')*100 + int(line[1]-'0')*10 + int(line[2]-'0')
	switch {
	case len(line) == 3:
		return code, true, nil, nil
	case line[3] == ' ':
		return code, true, line[4:], nil
	case line[3] == '-':
		return code, false, line[4:], nil
	}
	return 0, false, nil, protocolErr("reply code not followed by space or hyphen", line, hide)
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// Escape makes text from a peer, or pasted from one, safe to print and to
// judge, as the probe records every reply: see escape.
func Escape(text string) string { return escape([]byte(text)) }

// escape makes text safe to print. Valid UTF-8 that prints (letters, marks,
// numbers, punctuation, symbols and spaces, so Japanese and other
// non-English replies read as text) is kept; every byte of anything else
// becomes \xNN: control characters (C0, DEL, C1) that could drive a
// terminal, format characters such as bidirectional overrides that could
// disguise text, line and paragraph separators, unassigned and private-use
// code points, and invalid UTF-8. The backslash is escaped too, so that
// escaped text cannot pass for what it escapes.
func escape(text []byte) string {
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRune(text[i:])
		if r == '\\' || (r == utf8.RuneError && n == 1) || !unicode.IsGraphic(r) {
			for _, c := range text[i : i+n] {
				fmt.Fprintf(&b, `\x%02x`, c)
			}
		} else {
			b.Write(text[i : i+n])
		}
		i += n
	}
	return b.String()
}

// enhancedCode returns the RFC 3463 status code at the start of text
// ("5.1.1 Mailbox full" style), or "" when there is none or its class is not the
// reply's (2, 4 or 5).
func enhancedCode(text string, class int) string {
	code, _, _ := strings.Cut(text, " ")
	parts := strings.Split(code, ".")
	if len(parts) != 3 || len(parts[0]) != 1 || int(parts[0][0]-'0') != class {
		return ""
	}
	if class != 2 && class != 4 && class != 5 {
		return ""
	}
	for _, p := range parts[1:] {
		if len(p) < 1 || len(p) > 3 {
			return ""
		}
		for i := 0; i < len(p); i++ {
			if !isDigit(p[i]) {
				return ""
			}
		}
	}
	return code
}
