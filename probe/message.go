package probe

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"
)

// testMessage builds the message sent with Config.Data: short, and labelled
// in its headers and body as a probe, dot-stuffed (RFC 5321 section
// 4.5.2) and ending in CRLF, without the final dot.
func testMessage(from, rcpt, helo string, now time.Time) []byte {
	idHost := helo
	if strings.HasPrefix(idHost, "[") || idHost == "" {
		idHost = "smtpprobe.invalid"
	}
	var rnd [12]byte
	rand.Read(rnd[:])
	sender := from
	if sender == "" {
		sender = "MAILER-DAEMON@" + idHost
	}
	var b bytes.Buffer
	b.WriteString("Date: " + now.Format(time.RFC1123Z) + "\r\n")
	b.WriteString("From: smtpprobe <" + sender + ">\r\n")
	b.WriteString("To: <" + rcpt + ">\r\n")
	b.WriteString("Subject: smtpprobe test message\r\n")
	b.WriteString("Message-ID: <" + hex.EncodeToString(rnd[:]) + ".smtpprobe@" + idHost + ">\r\n")
	b.WriteString("Auto-Submitted: auto-generated\r\n")
	b.WriteString("X-Smtpprobe: test message\r\n")
	b.WriteString("MIME-Version: 1.0\r\n")
	b.WriteString("Content-Type: text/plain; charset=us-ascii\r\n")
	b.WriteString("\r\n")
	b.WriteString("This is a test message from smtpprobe, an SMTP diagnostic tool.\r\n")
	b.WriteString("Someone ran it with --data to check that mail to this address\r\n")
	b.WriteString("is delivered. It needs no action and can be deleted.\r\n")
	b.WriteString(".This line starts with a dot to check dot-stuffing.\r\n")
	return dotStuff(b.Bytes())
}

// dotStuff doubles the dot at the start of every line and makes sure the
// text ends in CRLF, so that the final "." cannot come early.
func dotStuff(msg []byte) []byte {
	var b bytes.Buffer
	for len(msg) > 0 {
		line, rest, found := bytes.Cut(msg, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if bytes.HasPrefix(line, []byte(".")) {
			b.WriteByte('.')
		}
		b.Write(line)
		b.WriteString("\r\n")
		msg = rest
		if !found {
			break
		}
	}
	return b.Bytes()
}
