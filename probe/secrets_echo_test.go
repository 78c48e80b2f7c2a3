package probe_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// leakWindow is the rule the probe keeps (README, "Secrets"): it never
// shows 4 characters of a secret in a row, in any form, compared with
// ASCII case folded and URL-safe base64 read as standard.
const leakWindow = 4

// leaks returns the windows of secret that text shows. It restates the
// rule independently of the code that keeps it: the forms are the secret
// as given, upper and lower case, as the probe escapes and as Go quotes
// it, and in base64, alone or at each of the three byte alignments within
// longer base64 text. A form shorter than the window leaks whole.
func leaks(text, secret string) []string {
	if secret == "" {
		return nil
	}
	fold := func(s string) string {
		return strings.NewReplacer("-", "+", "_", "/").Replace(strings.Map(func(r rune) rune {
			if 'A' <= r && r <= 'Z' {
				return r + 'a' - 'A'
			}
			return r
		}, s))
	}
	var forms []string
	for _, v := range []string{secret, strings.ToUpper(secret), strings.ToLower(secret)} {
		forms = append(forms, v, probe.Escape(v), strings.Trim(strconv.QuoteToASCII(v), `"`), base64.RawStdEncoding.EncodeToString([]byte(v)))
		// Within longer base64 text: only windows of the characters
		// that carry nothing but the secret, at each alignment.
		for o := 0; o < 3; o++ {
			enc := base64.RawStdEncoding.EncodeToString([]byte(strings.Repeat("\x00", o) + v))
			// Character i carries bits 6i to 6i+5; keep those within the
			// secret's bits, 8o to 8(o+len).
			first := (8*o + 5) / 6
			last := 8 * (o + len(v)) / 6 // exclusive
			if last-first >= leakWindow {
				forms = append(forms, enc[first:last])
			}
		}
	}
	t := fold(text)
	var found []string
	for _, f := range forms {
		f = fold(f)
		if len(f) < leakWindow {
			if strings.Contains(t, f) {
				found = append(found, f)
			}
			continue
		}
		for i := 0; i+leakWindow <= len(f); i++ {
			if w := f[i : i+leakWindow]; strings.Contains(t, w) {
				found = append(found, w)
			}
		}
	}
	return found
}

// recorded is everything the probe recorded of a host, as text.
func recorded(h probe.Host) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%+v\n", h)
	if h.Auth != nil {
		fmt.Fprintf(&b, "%+v\n", *h.Auth)
	}
	for _, e := range []*probe.Error{h.Err, h.CloseErr} {
		if e != nil {
			b.WriteString(e.Error() + "\n")
		}
	}
	return b.String()
}

// TestAuthEchoForms: a hostile server echoes the credentials back, also
// in the forms issue 11 lists (items 13, 14); nothing the probe records
// shows 4 characters of the secret in a row, and the dialogue is still
// recorded (the codes stay).
func TestAuthEchoForms(t *testing.T) {
	const pass = "s3cret>>?Pässword!" // its base64 has "/" and padding
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	for _, tc := range []struct {
		name  string
		pass  string
		token string
		// reply answers the AUTH command line; false ends the
		// connection there.
		reply func(c *smtptest.Conn, line string) bool
		kind  probe.ErrorKind // of Host.Err, "" for none
	}{
		{"the AUTH command and the password in a reply", authPass, "", func(c *smtptest.Conn, line string) bool {
			return c.Send("535 5.7.8 you sent " + line + " with " + authPass)
		}, ""},
		{"the password and the AUTH command in garbage", authPass, "", func(c *smtptest.Conn, line string) bool {
			return c.Send("xyz " + authPass + " " + line)
		}, probe.ErrProtocol},
		{"the password in base64 in a multiline reply", authPass, "", func(c *smtptest.Conn, line string) bool {
			return c.Send("535-5.7.8 bad", "535-"+b64(authPass), "535 "+line)
		}, ""},
		{"the AUTH command echoed in garbage, cut at 60 bytes", pass, "", func(c *smtptest.Conn, line string) bool {
			return c.Raw("xyz " + line + "\r\n")
		}, probe.ErrProtocol},
		{"the AUTH command echoed, then the connection closed mid-line", pass, "", func(c *smtptest.Conn, line string) bool {
			c.Raw("535 5.7.8 " + line)
			return false
		}, probe.ErrClosed},
		{"the payload echoed without padding", pass, "", func(c *smtptest.Conn, line string) bool {
			return c.Send("535 5.7.8 you sent " + strings.TrimRight(line[len("AUTH PLAIN "):], "="))
		}, ""},
		{"the password in base64 without padding", pass, "", func(c *smtptest.Conn, line string) bool {
			return c.Send("535 5.7.8 bad: " + base64.RawStdEncoding.EncodeToString([]byte(pass)))
		}, ""},
		{"the password in URL-safe base64", pass, "", func(c *smtptest.Conn, line string) bool {
			return c.Send("535 5.7.8 bad: " + base64.URLEncoding.EncodeToString([]byte(pass)))
		}, ""},
		{"the password in base64 inside other text", pass, "", func(c *smtptest.Conn, line string) bool {
			return c.Send("535 5.7.8 bad: " + b64("login alice:"+pass+" refused"))
		}, ""},
		{"the password upper-cased", pass, "", func(c *smtptest.Conn, line string) bool {
			return c.Send("535 5.7.8 BAD PASSWORD " + strings.ToUpper(pass))
		}, ""},
		{"the password split over two reply lines", pass, "", func(c *smtptest.Conn, line string) bool {
			return c.Send("535-5.7.8 you sent s3cret>", "535 5.7.8 >?Pässword")
		}, ""},
		{"the start of the password in garbage after a good line", pass, "", func(c *smtptest.Conn, line string) bool {
			return c.Raw("535-5.7.8 you sent s3c\r\nret>> and more\r\n")
		}, probe.ErrProtocol},
		{"a short password", "pw1", "", func(c *smtptest.Conn, line string) bool {
			return c.Send("535 5.7.8 pw1 is not the password")
		}, ""},
		{"a short password in base64", "pw", "", func(c *smtptest.Conn, line string) bool {
			return c.Send("535 5.7.8 bad " + b64("pw"))
		}, ""},
		{"the token in an XOAUTH2 challenge", "", "ya29.Zq9-TOKEN_x", func(c *smtptest.Conn, line string) bool {
			if !c.Send("334 " + b64(`{"status":"401","token":"ya29.Zq9-TOKEN_x"}`)) {
				return false
			}
			if _, ok := c.Line(); !ok {
				return false
			}
			return c.Send("535 5.7.8 no")
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
				if !c.Greet("AUTH PLAIN LOGIN XOAUTH2") {
					return
				}
				_, line, ok := c.Command()
				if !ok || !tc.reply(c, line) {
					return
				}
				c.Answer(nil)
			})
			cfg, _ := setup(t, srv.Addr)
			cfg.Server = "mx.example.com"
			cfg.Auth = &probe.Auth{User: authUser, Password: tc.pass, Token: tc.token, AllowInsecure: true}
			h := oneHost(t, cfg, "bob@example.org")
			if !strings.Contains(srv.Received(), "AUTH ") {
				t.Fatalf("the server got no AUTH: %q", srv.Received())
			}
			if got := ""; h.Err != nil {
				got = string(h.Err.Kind)
				if got != string(tc.kind) {
					t.Errorf("Err %v, want kind %q", h.Err, tc.kind)
				}
			} else if tc.kind != "" {
				t.Errorf("no error, want kind %s", tc.kind)
			}
			if tc.kind == "" && (h.Auth == nil || h.Auth.Code != 535) {
				t.Errorf("Auth %+v, want the 535 recorded", h.Auth)
			}
			text := recorded(h)
			for _, s := range []string{tc.pass, tc.token} {
				if w := leaks(text, s); len(w) > 0 {
					t.Errorf("the result shows %q of the secret %q:\n%s", w, s, text)
				}
			}
		})
	}
}

// FuzzSecretsWithheld is the property behind TestAuthEchoForms: whatever
// the secret and however a reply carries it (the forms of issue 11, cut
// anywhere, split over lines, in garbage, cut off mid-line, in an
// overlong line), what the probe records of the reply shows no window of
// it (see leaks).
func FuzzSecretsWithheld(f *testing.F) {
	f.Add("s3cret-Pässword", uint8(0), uint8(0), "you sent ", " ok", uint8(3))
	f.Add("correct horse battery", uint8(9), uint8(2), "", "", uint8(40))
	f.Add("pw1", uint8(1), uint8(1), "5.7.8 ", "!", uint8(2))
	f.Add("s3cret>>?Pässword!", uint8(6), uint8(3), "x", "", uint8(7))
	f.Add("ya29.Zq9-TOKEN_x", uint8(8), uint8(4), "token=", "", uint8(0))
	f.Add("ya29.a0Af-secret_TOKEN.value", uint8(128+13), uint8(5), "x", "y", uint8(9))
	f.Fuzz(func(t *testing.T, secret string, form, shape uint8, before, after string, cut uint8) {
		a := &probe.Auth{User: "alice@example.com", Password: secret}
		if form >= 128 {
			// The same rule for a token.
			a = &probe.Auth{User: "alice@example.com", Token: secret}
		}
		if secret == "" || probe.CheckAuth(a) != nil {
			return
		}
		b64 := base64.StdEncoding.EncodeToString
		forms := []string{
			secret, strings.ToUpper(secret), strings.ToLower(secret),
			b64([]byte(secret)), base64.RawStdEncoding.EncodeToString([]byte(secret)),
			base64.URLEncoding.EncodeToString([]byte(secret)), base64.RawURLEncoding.EncodeToString([]byte(secret)),
			b64([]byte("x" + secret)), b64([]byte("xy" + secret)),
			b64([]byte("\x00" + a.User + "\x00" + secret)),
			b64([]byte("user=" + a.User + "\x01auth=Bearer " + secret + "\x01\x01")),
			strconv.QuoteToASCII(secret), probe.Escape(secret),
			strings.ToUpper(b64([]byte(secret))),
		}
		echo := forms[int(form)%len(forms)]
		text := before + echo + after
		k := 0
		if len(text) > 0 {
			k = int(cut) % len(text)
		}
		var in string
		switch shape % 6 {
		case 0:
			in = "535 " + text + "\r\n"
		case 1:
			in = "535-" + text[:k] + "\r\n535 " + text[k:] + "\r\n"
		case 2:
			in = "xyz " + text + "\r\n"
		case 3:
			in = "535 " + text
		case 4:
			in = "535 " + text + strings.Repeat(".", probe.MaxLineLength) + "\r\n"
		case 5:
			in = "535-" + text[:k] + "\r\n" + text[k:] + "\r\n"
		}
		rep, err := probe.ReadAfterAuth(in, a)
		// What the peer sent, as recorded; the probe's own words in an
		// error are not the peer's.
		shown := strings.Join(rep.Lines, "")
		var pe *probe.ProtocolError
		switch {
		case errors.As(err, &pe):
			shown += "\x00" + pe.Seen
		case err != nil:
			if quoted, ok := strings.CutPrefix(err.Error(), "connection closed mid-line after "); ok {
				shown += "\x00" + strings.TrimSuffix(quoted, ": unexpected EOF")
			}
		}
		shown = strings.ReplaceAll(shown, probe.Redacted, "\x00")
		if w := leaks(shown, secret); len(w) > 0 {
			t.Errorf("secret %q, reply %q: recorded %q, %v; shows %q", secret, in, rep.Lines, err, w)
		}
	})
}
