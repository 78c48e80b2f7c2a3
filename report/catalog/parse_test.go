package catalog

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseReply(t *testing.T) {
	tests := []struct {
		name, in string
		code     int
		enhanced string
		text     string
	}{
		// Replies from testdata/replies.tsv (its source column cites each).
		{"one line", "450 4.1.8 <foo@bad.domain>: Sender address rejected: Domain not found", 450, "4.1.8", "<foo@bad.domain>: Sender address rejected: Domain not found"},
		{"no enhanced", "421 mx.example.com Service not available", 421, "", "mx.example.com Service not available"},
		{"code only", "250", 250, "", ""},
		{"multiline", "550-5.7.1 [192.0.2.1] Our system has detected\r\n550-5.7.1 an unusual rate of mail.\r\n550 5.7.1 Bulk Email Senders Guidelines. - gsmtp\r\n",
			550, "5.7.1", "[192.0.2.1] Our system has detected\nan unusual rate of mail.\nBulk Email Senders Guidelines. - gsmtp"},
		{"multiline pasted on one line", "550-5.7.1 [145.239.80.210 12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. Please visit 550-5.7.1 https://support.google.com/mail/?p=UnsolicitedMessageError 550 5.7.1 for more information. w28si1688632wra.157 - gsmtp",
			550, "5.7.1", "[145.239.80.210 12] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. Please visit https://support.google.com/mail/?p=UnsolicitedMessageError for more information. w28si1688632wra.157 - gsmtp"},
		{"diagnostic-code", "Diagnostic-Code: smtp; 550 Service unavailable; Client host [smtp001.thundermail.com] blocked using Barracuda Reputation",
			550, "", "Service unavailable; Client host [smtp001.thundermail.com] blocked using Barracuda Reputation"},
		{"postfix bounce", "<onesoftlab@gmail.com>: host email-smtp.ap-southeast-1.amazonaws.com[18.138.111.200] said: 530 Authentication required (in reply to MAIL FROM command)",
			530, "", "Authentication required"},
		{"wrapped bounce", "host mx.example.com[192.0.2.1] said:\n552 5.2.2 Mailbox size limit exceeded\n(in reply to end of DATA command)", 552, "5.2.2", "Mailbox size limit exceeded"},
		{"exim", "SMTP error from remote mail server after RCPT TO:<user@example.com>:\n550 relay not permitted", 550, "", "relay not permitted"},
		{"qmail", "Remote host said: 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", 553, "5.7.1", "sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"},
		{"enhanced only", "5.7.501 Access denied, spam abuse detected", 0, "5.7.501", "Access denied, spam abuse detected"},
		{"prose", "Domain example.com does not accept mail (nullMX)", 0, "", "Domain example.com does not accept mail (nullMX)"},
		{"semicolon", "smtp;550 user unknown", 550, "", "user unknown"},
		{"sendmail transcript", "<<< 550 5.7.1 <info@example.com>... Relaying denied. Proper authentication required.", 550, "5.7.1", "<info@example.com>... Relaying denied. Proper authentication required."},
	}
	for _, tt := range tests {
		r, err := ParseReply(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if r.Code != tt.code || r.Enhanced != tt.enhanced || r.Text != tt.text {
			t.Errorf("%s: ParseReply = %d %q %q; want %d %q %q", tt.name, r.Code, r.Enhanced, r.Text, tt.code, tt.enhanced, tt.text)
		}
	}
}

func TestParseReplyErrors(t *testing.T) {
	for _, in := range []string{"", "   \r\n\t", strings.Repeat("a", MaxReplyText+1)} {
		if _, err := ParseReply(in); err == nil {
			t.Errorf("ParseReply(%.20q) succeeded", in)
		}
	}
}

func TestParseCode(t *testing.T) {
	tests := []struct {
		in       string
		code     int
		enhanced string
		ok       bool
	}{
		{"550", 550, "", true},
		{"5.1.1", 0, "5.1.1", true},
		{"x.7.26", 0, "X.7.26", true},
		{"550 5.1.1", 550, "5.1.1", true},
		{"550-5.1.1", 550, "5.1.1", true},
		{" 421 ", 421, "", true},
		{"450 X.2.2", 450, "X.2.2", true},
		{"599", 599, "", true},
		{"550 4.1.1", 0, "", false},
		{"150", 0, "", false},
		{"600", 0, "", false},
		{"55", 0, "", false},
		{"5500", 0, "", false},
		{"abc", 0, "", false},
		{"5.1", 0, "", false},
		{"6.1.1", 0, "", false},
		{"550 5.1.1 extra", 0, "", false},
		{"", 0, "", false},
		{"+50", 0, "", false},
		{"-550", 0, "", false},
		{"550--5.1.1", 0, "", false},
		{strings.Repeat("9", 3000), 0, "", false},
	}
	for _, tt := range tests {
		code, enh, err := ParseCode(tt.in)
		if (err == nil) != tt.ok || code != tt.code || enh != tt.enhanced {
			t.Errorf("ParseCode(%q) = %d %q %v; want %d %q ok=%v", tt.in, code, enh, err, tt.code, tt.enhanced, tt.ok)
		}
		if err != nil && strings.ContainsAny(err.Error(), "\n") {
			t.Errorf("ParseCode(%q): multi-line error %q", tt.in, err)
		}
		if err != nil && len(err.Error()) > 200 {
			t.Errorf("ParseCode(%.20q...): error of %d bytes quotes all of the input", tt.in, len(err.Error()))
		}
	}
}

func FuzzParseReply(f *testing.F) {
	f.Add("550-5.1.1 first\r\n550 5.1.1 last")
	f.Add("Diagnostic-Code: smtp; 554 5.7.1 blocked")
	f.Add("5.7.1 Delivery not authorized")
	f.Add("553 sorry (#5.7.1)")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := ParseReply(in)
		if err != nil {
			return
		}
		if r.Code != 0 && (r.Code < 200 || r.Code > 599) {
			t.Errorf("code %d out of range", r.Code)
		}
		if r.Enhanced != "" && !validEnhanced(r.Enhanced) {
			t.Errorf("enhanced %q invalid", r.Enhanced)
		}
		if len(r.Text) > len(in) {
			t.Errorf("text grew: %d > %d", len(r.Text), len(in))
		}
		d := Diagnose(r.Code, r.Enhanced, r.Text, Japanese)
		if d.Title == "" || (d.Retry != Transient && d.Retry != Permanent) || !validCategory(d.Category) {
			t.Errorf("Diagnose(%q) = %+v", in, d)
		}
	})
}

func FuzzDiagnose(f *testing.F) {
	f.Add(550, "5.1.1", "<nobody@example.org>: user does not exist")
	f.Add(0, "", "421 4.7.0 [TSS04] deferred")
	f.Add(999, "9.9.9", "")
	f.Add(-1, "5.", "\xff")
	f.Fuzz(func(t *testing.T, code int, enhanced, text string) {
		d := Diagnose(code, enhanced, text, English)
		if d.Title == "" || d.Meaning == "" || d.Fix == "" {
			t.Errorf("Diagnose(%d, %q, %q): empty text", code, enhanced, text)
		}
		if d.Retry != Transient && d.Retry != Permanent {
			t.Errorf("retry %q", d.Retry)
		}
		if !validCategory(d.Category) {
			t.Errorf("category %q", d.Category)
		}
		if utf8.ValidString(text) && !utf8.ValidString(d.Meaning) {
			t.Errorf("invalid UTF-8 in meaning")
		}
	})
}
