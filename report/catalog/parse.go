package catalog

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Reply is a reply read back from text that a person pasted: a server's
// reply as a transcript shows it, or a line of a bounce message.
type Reply struct {
	Code     int    `json:"code"`     // basic code, 0 when the text has none
	Enhanced string `json:"enhanced"` // enhanced status code, "" when the text has none
	// Text is the reply text with the codes of every line removed and the
	// bounce wrappers around it ("Diagnostic-Code: smtp;", "host ... said:",
	// "(in reply to RCPT TO command)") dropped; lines are joined by "\n".
	Text string `json:"text"`
}

// MaxReplyText is the most text ParseReply reads; a pasted bounce is far
// shorter.
const MaxReplyText = 64 << 10

var (
	// codeRegexp finds the first basic code that stands alone: at the start
	// or after a space, ';', ':', '<' or '(' (so "smtp;550" and "said: 550"
	// match but addresses and IP numbers do not), followed by a space, the
	// continuation '-', or the end.
	codeRegexp = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[\s;:<(])([2-5][0-9][0-9])(?:([ -])|$)`)
	})
	enhancedPrefix = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[#(]{0,2}([245]\.[0-9]{1,3}\.[0-9]{1,3})(?:[\s,;:)\]]|$)`)
	})
	// qmailEnhanced finds the enhanced code that qmail puts at the end of
	// its replies: "553 sorry, ... rcpthosts (#5.7.1)".
	qmailEnhanced = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\(#([245]\.[0-9]{1,3}\.[0-9]{1,3})[ )]`)
	})
	inReplyTo = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\s*\(in reply to [^)]*\)\s*$`)
	})
)

// ParseReply reads a reply from text: one line or many, with multiline
// continuation prefixes ("550-5.1.1 ...", then "550 5.1.1 ..."), as a
// transcript or a bounce message shows it ("Diagnostic-Code: smtp; 550
// ...", "host mx.example.com[192.0.2.1] said: 550 ... (in reply to RCPT TO
// command)", "Remote host said: 550 ..."). Text without a basic code is
// kept whole with Code 0 and may still start with an enhanced code, as in
// "5.7.501 Access denied, spam abuse detected". It fails only on empty or
// overlong text.
func ParseReply(text string) (Reply, error) {
	if len(text) > MaxReplyText {
		return Reply{}, fmt.Errorf("reply text is longer than %d bytes", MaxReplyText)
	}
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return Reply{}, errors.New("empty reply text")
	}

	var r Reply
	var body []string
	for i, l := range lines {
		if r.Code == 0 {
			if m := codeRegexp().FindStringSubmatchIndex(l); m != nil && (i == 0 || m[2] == 0) {
				r.Code, _ = strconv.Atoi(l[m[2]:m[3]])
				l = l[m[1]:]
				body = body[:0] // what came before the code was a bounce's wrapper
				l, r.Enhanced = stripEnhanced(l, r.Enhanced)
				body = append(body, l)
				continue
			}
			if i == 0 {
				l, r.Enhanced = stripEnhanced(l, r.Enhanced)
			}
			body = append(body, l)
			continue
		}
		// A continuation line repeats the code: "550-5.1.1 ..." or "550 5.1.1 ...".
		p := strconv.Itoa(r.Code)
		if strings.HasPrefix(l, p+"-") || strings.HasPrefix(l, p+" ") || l == p {
			l = strings.TrimSpace(l[len(p):])
			l = strings.TrimPrefix(l, "-")
			l, _ = stripEnhanced(l, r.Enhanced)
		}
		body = append(body, l)
	}
	t := strings.Join(body, "\n")
	t = removeInlineContinuations(t, r.Code, r.Enhanced)
	t = inReplyTo().ReplaceAllString(t, "")
	r.Text = strings.TrimSpace(t)
	if r.Enhanced == "" {
		r.Enhanced = embeddedEnhanced(r.Text)
	}
	return r, nil
}

// stripEnhanced removes a leading enhanced code from l and returns it as
// the reply's enhanced code when none was seen yet.
func stripEnhanced(l, enhanced string) (string, string) {
	l = strings.TrimLeft(l, " -")
	e, rest := leadingEnhanced(l)
	if e == "" {
		return l, enhanced
	}
	if enhanced == "" {
		enhanced = e
	}
	return rest, enhanced
}

// leadingEnhanced returns the enhanced code at the start of s, if any, and
// the rest of s after it.
func leadingEnhanced(s string) (string, string) {
	s = strings.TrimSpace(s)
	m := enhancedPrefix().FindStringSubmatchIndex(s)
	if m == nil {
		return "", s
	}
	return s[m[2]:m[3]], strings.TrimSpace(strings.TrimLeft(s[m[3]:], " ,;:)]"))
}

// embeddedEnhanced returns the enhanced code written inside a reply the
// qmail way, "(#5.7.1)" or "(#5.1.1 - chkuser)", or "".
func embeddedEnhanced(text string) string {
	if m := qmailEnhanced().FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// removeInlineContinuations drops the "550-5.1.1 " prefixes of a multiline
// reply that was pasted as one line, as bounce messages often show it.
func removeInlineContinuations(t string, code int, enhanced string) string {
	if code == 0 {
		return t
	}
	p := strconv.Itoa(code)
	seps := []string{" " + p + "-", "\n" + p + "-"}
	if enhanced != "" {
		seps = append(seps, " "+p+" "+enhanced+" ", "\n"+p+" "+enhanced+" ")
	}
	for _, sep := range seps {
		for {
			i := strings.Index(t, sep)
			if i < 0 {
				break
			}
			rest := t[i+len(sep):]
			if enhanced != "" {
				rest = strings.TrimPrefix(rest, enhanced+" ")
			}
			t = t[:i] + " " + rest
		}
	}
	return t
}

// ParseCode reads a code as a person types it for explain: a basic code
// ("550"), an enhanced code ("5.1.1", or "X.1.1" for a registry entry), or
// both ("550 5.1.1", "550-5.1.1"). The first digit of a basic code must be
// 2 to 5; an enhanced code has the form of RFC 3463.
func ParseCode(s string) (code int, enhanced string, err error) {
	t := strings.TrimSpace(s)
	// Only the hyphen of a continuation line ("550-5.1.1") separates; one
	// elsewhere ("-550") is not a code.
	if len(t) > 3 && t[3] == '-' {
		t = t[:3] + " " + t[4:]
	}
	f := strings.Fields(t)
	if len(f) == 0 || len(f) > 2 {
		return 0, "", fmt.Errorf("%s is not a reply code: want a basic code like 550, an enhanced code like 5.1.1 or X.7.26, or both", quoteInput(s))
	}
	if len(f) == 2 || !strings.Contains(f[0], ".") {
		code, err = parseBasic(f[0])
		if err != nil {
			return 0, "", err
		}
		f = f[1:]
	}
	if len(f) == 1 {
		enhanced = strings.ToUpper(f[0])
		if !validEnhanced(enhanced) {
			return 0, "", fmt.Errorf("%s is not an enhanced status code: want class.subject.detail such as 5.1.1 or X.7.26", quoteInput(f[0]))
		}
		if code != 0 && enhanced[0] != 'X' && enhanced[0] != byte('0'+code/100) {
			return 0, "", fmt.Errorf("%s: the classes of %d and %s differ", quoteInput(s), code, enhanced)
		}
	}
	return code, enhanced, nil
}

// parseBasic reads a three-digit basic reply code of class 2 to 5.
func parseBasic(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || len(s) != 3 || n < 200 || n > 599 {
		return 0, fmt.Errorf("%s is not a basic reply code: want three digits from 200 to 599", quoteInput(s))
	}
	return n, nil
}

// maxQuoted is how much of a mistyped code an error quotes: enough to
// recognise it, not a screenful of pasted text in a one-line error.
const maxQuoted = 40

// quoteInput quotes what the user typed for an error, cut to maxQuoted
// bytes (at a rune boundary) with an ellipsis.
func quoteInput(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	n := maxQuoted
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strconv.Quote(s[:n]) + "…"
}
