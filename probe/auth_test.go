package probe_test

import (
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

const (
	authUser  = "alice@example.com"
	authPass  = "s3cret-Pässword"
	authToken = "ya29.tokenTOKENtoken"
)

func TestAuthMechanisms(t *testing.T) {
	for _, tc := range []struct {
		ext  map[string]string
		want []string
	}{
		{map[string]string{"AUTH": "PLAIN LOGIN"}, []string{"PLAIN", "LOGIN"}},
		{map[string]string{"AUTH": "login plain cram-md5"}, []string{"LOGIN", "PLAIN", "CRAM-MD5"}},
		{map[string]string{"AUTH=LOGIN": "PLAIN"}, []string{"LOGIN", "PLAIN"}},
		{map[string]string{"AUTH": "PLAIN", "AUTH=LOGIN": "PLAIN"}, []string{"PLAIN", "LOGIN"}},
		{map[string]string{"AUTH": "PLAIN b@d THIS-NAME-IS-FAR-TOO-LONG-X"}, []string{"PLAIN"}},
		{map[string]string{"AUTH": ""}, nil},
		{map[string]string{"SIZE": "10"}, nil},
	} {
		if got := probe.AuthMechanisms(tc.ext); !slices.Equal(got, tc.want) {
			t.Errorf("AuthMechanisms(%v) = %v, want %v", tc.ext, got, tc.want)
		}
	}
}

func TestChooseMechanism(t *testing.T) {
	pass := &probe.Auth{User: "u", Password: "p"}
	tok := &probe.Auth{User: "u", Token: "t"}
	for _, tc := range []struct {
		a       *probe.Auth
		offered string
		want    string
		skip    probe.AuthSkip
	}{
		{pass, "LOGIN PLAIN", "PLAIN", ""},
		{pass, "LOGIN CRAM-MD5", "LOGIN", ""},
		{pass, "XOAUTH2 OAUTHBEARER", "", probe.AuthNoMechanism},
		{pass, "CRAM-MD5", "", probe.AuthNoMechanism},
		{tok, "PLAIN LOGIN XOAUTH2 OAUTHBEARER", "OAUTHBEARER", ""},
		{tok, "PLAIN XOAUTH2", "XOAUTH2", ""},
		{tok, "PLAIN LOGIN", "", probe.AuthNoMechanism},
		{&probe.Auth{User: "u", Password: "p", Mechanism: "login"}, "PLAIN LOGIN", "LOGIN", ""},
		{&probe.Auth{User: "u", Password: "p", Mechanism: "LOGIN"}, "PLAIN", "", probe.AuthMechNotOffered},
	} {
		m, skip := probe.ChooseMechanism(tc.a, strings.Fields(tc.offered))
		if m != tc.want || skip != tc.skip {
			t.Errorf("ChooseMechanism(%+v, %q) = %q, %q; want %q, %q", *tc.a, tc.offered, m, skip, tc.want, tc.skip)
		}
	}
}

// authServer starts a go-smtp server with STARTTLS under a certificate for
// mx.example.com from a CA the probe trusts, requiring AUTH for MAIL, and
// returns a submission Config aimed at it.
func authServer(t *testing.T, o smtptest.Options) (*smtptest.Server, probe.Config, *dialer) {
	t.Helper()
	ca := smtptest.NewCA(t)
	if o.TLS == nil {
		o.TLS = smtptest.TLSConfig(ca.Issue(t, "mx.example.com", time.Now().Add(90*24*time.Hour)))
	}
	if o.Auth == nil && o.Tokens == nil {
		o.Auth = map[string]string{authUser: authPass}
	}
	o.RequireAuth = true
	srv := smtptest.Start(t, o)
	cfg, d := setup(t, srv.Addr)
	cfg.RootCAs = ca.Pool()
	cfg.Server = "mx.example.com"
	cfg.Submission = true
	cfg.StartTLS = probe.StartTLSRequire
	return srv, cfg, d
}

// noSecrets fails when any form of the test credentials shows in what the
// probe recorded or in what it wrote in clear.
func noSecrets(t *testing.T, h probe.Host, d *dialer) {
	t.Helper()
	got := recorded(h)
	for _, s := range secretForms() {
		if strings.Contains(got, s) {
			t.Errorf("the result holds the secret %q:\n%s", s, got)
		}
	}
	if d == nil {
		return
	}
	// What went out before TLS is plain text; after, only ciphertext.
	for _, w := range d.Writes() {
		for _, s := range secretForms() {
			if strings.Contains(w, s) {
				t.Errorf("the probe wrote the secret %q on the wire in clear: %q", s, w)
			}
		}
	}
}

func secretForms() []string {
	b := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	return []string{
		authPass, authToken, b(authPass), b(authToken),
		`s3cret-P\xc3\xa4ssword`, // as ReadReply escapes non-ASCII bytes
		`s3cret-P\u00e4ssword`,   // as a ProtocolError quotes them
		b("\x00" + authUser + "\x00" + authPass), b(authUser + "\x00" + authUser + "\x00" + authPass),
		b("user=" + authUser + "\x01auth=Bearer " + authToken + "\x01\x01"),
	}
}

func authEvents(srv *smtptest.Server) []string {
	var out []string
	for _, e := range srv.Events() {
		if strings.HasPrefix(e, "AUTH ") || strings.HasPrefix(e, "MAIL ") {
			out = append(out, e)
		}
	}
	return out
}

func TestAuthPassword(t *testing.T) {
	for _, tc := range []struct {
		name, mech, pass string
		transcript       string
		events           []string
		code             int
	}{
		{"plain", "", authPass, `AUTH PLAIN ******** => 235 2.0.0
MAIL FROM:<> => 250 2.0.0
`, []string{"AUTH PLAIN " + authUser + " ok", "MAIL <>"}, 235},
		{"plain wrong", "", "wrong-password", `AUTH PLAIN ******** => 535 5.7.8
QUIT => 221 2.0.0
`, []string{"AUTH PLAIN " + authUser + " failed"}, 535},
		{"login", "LOGIN", authPass, `AUTH LOGIN => 334
******** => 334
******** => 235 2.0.0
MAIL FROM:<> => 250 2.0.0
`, []string{"AUTH LOGIN " + authUser + " ok", "MAIL <>"}, 235},
		{"login wrong", "LOGIN", "wrong-password", `AUTH LOGIN => 334
******** => 334
******** => 535 5.7.8
QUIT => 221 2.0.0
`, []string{"AUTH LOGIN " + authUser + " failed"}, 535},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, cfg, d := authServer(t, smtptest.Options{})
			cfg.Auth = &probe.Auth{User: authUser, Password: tc.pass, Mechanism: tc.mech}
			h := oneHost(t, cfg, "bob@example.org")
			if h.Err != nil {
				t.Fatalf("Err %v", h.Err)
			}
			got := transcript(h)
			i := strings.Index(got, "AUTH ")
			j := strings.Index(got, "RCPT")
			if i < 0 {
				t.Fatalf("no AUTH in\n%s", got)
			}
			if j < 0 {
				j = len(got)
			}
			if got[i:j] != tc.transcript {
				t.Errorf("AUTH part of the transcript:\n%s\nwant:\n%s", got[i:j], tc.transcript)
			}
			if ev := authEvents(srv); !slices.Equal(ev, tc.events) {
				t.Errorf("server events %q, want %q", ev, tc.events)
			}
			a := h.Auth
			mech := tc.mech
			if mech == "" {
				mech = "PLAIN"
			}
			if a == nil || a.Code != tc.code || a.Mechanism != mech || !a.Sent || !a.TLS || !a.Verified || a.Skipped != "" || a.User != authUser {
				t.Fatalf("Auth %+v", a)
			}
			if !slices.Equal(a.Offered, []string{"PLAIN", "LOGIN"}) || len(a.OfferedBeforeTLS) != 0 {
				t.Errorf("offered %v, before TLS %v; want PLAIN LOGIN after TLS only", a.Offered, a.OfferedBeforeTLS)
			}
			if h.Port != 587 {
				t.Errorf("port %d, want 587 for submission", h.Port)
			}
			noSecrets(t, h, d)
			// Nothing about AUTH went out before the handshake.
			for _, w := range d.Writes()[:2] {
				if strings.Contains(w, "AUTH") {
					t.Errorf("AUTH written in clear: %q", w)
				}
			}
		})
	}
}

func TestAuthToken(t *testing.T) {
	for _, tc := range []struct {
		name, mech, token string
		transcript        string
		code              int
		serverError       string
	}{
		{"oauthbearer", "", authToken, "AUTH OAUTHBEARER ******** => 235 2.0.0\n", 235, ""},
		{"oauthbearer wrong", "", "ya29.Expired.x9Q", "AUTH OAUTHBEARER ******** => 334\n******** => 535 5.7.8\n", 535, `"status":"invalid_token"`},
		// The error says "invalid_token", which holds "oken", 4
		// characters of this token in a row: withheld, by the rule.
		{"oauthbearer wrong, error holds part of the token", "", "expired-token", "AUTH OAUTHBEARER ******** => 334\n******** => 535 5.7.8\n", 535, probe.Redacted},
		{"xoauth2", "XOAUTH2", authToken, "AUTH XOAUTH2 ******** => 235 2.0.0\n", 235, ""},
		{"xoauth2 wrong", "XOAUTH2", "ya29.Expired.x9Q", "AUTH XOAUTH2 ******** => 334\n******** => 535 5.7.8\n", 535, `"status":"401"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, cfg, d := authServer(t, smtptest.Options{Tokens: map[string]string{authUser: authToken}})
			cfg.Auth = &probe.Auth{User: authUser, Token: tc.token, Mechanism: tc.mech}
			h := oneHost(t, cfg, "bob@example.org")
			got := transcript(h)
			i := strings.Index(got, "AUTH ")
			j := strings.Index(got, "MAIL")
			if j < 0 {
				j = strings.Index(got, "QUIT")
			}
			if i < 0 || j < i || got[i:j] != tc.transcript {
				t.Fatalf("transcript:\n%s\nwant AUTH part:\n%s", got, tc.transcript)
			}
			if h.Auth.Code != tc.code || !strings.Contains(h.Auth.ServerError, tc.serverError) || tc.serverError == "" && h.Auth.ServerError != "" {
				t.Errorf("Auth %+v, want code %d and server error with %q", *h.Auth, tc.code, tc.serverError)
			}
			noSecrets(t, h, d)
		})
	}
}

func TestAuthNotSent(t *testing.T) {
	ca := smtptest.NewCA(t)
	trusted := smtptest.TLSConfig(ca.Issue(t, "mx.example.com", time.Now().Add(90*24*time.Hour)))
	other := smtptest.NewCA(t)
	untrusted := smtptest.TLSConfig(other.Issue(t, "mx.example.com", time.Now().Add(90*24*time.Hour)))
	for _, tc := range []struct {
		name     string
		o        smtptest.Options
		auth     probe.Auth
		starttls probe.StartTLSMode
		skip     probe.AuthSkip
	}{
		{"no TLS", smtptest.Options{Auth: map[string]string{authUser: authPass}, AllowInsecureAuth: true},
			probe.Auth{User: authUser, Password: authPass}, probe.StartTLSAuto, probe.AuthInsecure},
		{"STARTTLS never", smtptest.Options{TLS: trusted, Auth: map[string]string{authUser: authPass}, AllowInsecureAuth: true},
			probe.Auth{User: authUser, Password: authPass}, probe.StartTLSNever, probe.AuthInsecure},
		{"unverified certificate", smtptest.Options{TLS: untrusted, Auth: map[string]string{authUser: authPass}},
			probe.Auth{User: authUser, Password: authPass}, probe.StartTLSRequire, probe.AuthUnverified},
		{"no AUTH", smtptest.Options{TLS: trusted},
			probe.Auth{User: authUser, Password: authPass}, probe.StartTLSRequire, probe.AuthNotOffered},
		{"mechanism not offered", smtptest.Options{TLS: trusted, Auth: map[string]string{authUser: authPass}, AuthMechanisms: []string{"PLAIN"}},
			probe.Auth{User: authUser, Password: authPass, Mechanism: "LOGIN"}, probe.StartTLSRequire, probe.AuthMechNotOffered},
		{"no usable mechanism", smtptest.Options{TLS: trusted, Auth: map[string]string{authUser: authPass}, AuthMechanisms: []string{"CRAM-MD5"}},
			probe.Auth{User: authUser, Password: authPass}, probe.StartTLSRequire, probe.AuthNoMechanism},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.Start(t, tc.o)
			cfg, d := setup(t, srv.Addr)
			cfg.RootCAs = ca.Pool()
			cfg.Server = "mx.example.com"
			cfg.StartTLS = tc.starttls
			cfg.Auth = &tc.auth
			h := oneHost(t, cfg, "bob@example.org")
			if h.Auth == nil || h.Auth.Skipped != tc.skip || h.Auth.Sent {
				t.Fatalf("Auth %+v, want skipped %q", h.Auth, tc.skip)
			}
			if h.Err == nil || h.Err.Step != "AUTH" || h.Err.Kind != probe.ErrPolicy {
				t.Errorf("Err %v, want an AUTH policy error", h.Err)
			}
			if last := h.Steps[len(h.Steps)-1]; last.Command != "QUIT" {
				t.Errorf("last step %q, want QUIT", last.Command)
			}
			for _, s := range h.Steps {
				if strings.HasPrefix(s.Command, "AUTH") || strings.HasPrefix(s.Command, "MAIL") {
					t.Errorf("sent %q although AUTH was skipped", s.Command)
				}
			}
			if ev := authEvents(srv); len(ev) != 0 {
				t.Errorf("server saw %q", ev)
			}
			noSecrets(t, h, d)
		})
	}
}

func TestAuthInsecureAllowed(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{Auth: map[string]string{authUser: authPass}, AllowInsecureAuth: true})
	cfg, _ := setup(t, srv.Addr)
	cfg.Server = "mx.example.com"
	cfg.Auth = &probe.Auth{User: authUser, Password: authPass, AllowInsecure: true}
	h := oneHost(t, cfg, "bob@example.org")
	a := h.Auth
	if a == nil || !a.Sent || a.TLS || a.Code != 235 || h.Err != nil {
		t.Fatalf("Auth %+v, Err %v; want credentials sent in clear and accepted", a, h.Err)
	}
	if !slices.Equal(a.Offered, []string{"PLAIN", "LOGIN"}) || a.OfferedBeforeTLS != nil {
		t.Errorf("offered %v, before TLS %v", a.Offered, a.OfferedBeforeTLS)
	}
	// Port 25: not the submission profile.
	if h.Port != 25 {
		t.Errorf("port %d", h.Port)
	}
}

func TestAuthOfferedBeforeTLS(t *testing.T) {
	_, cfg, _ := authServer(t, smtptest.Options{AllowInsecureAuth: true})
	cfg.Auth = &probe.Auth{User: authUser, Password: authPass}
	h := oneHost(t, cfg, "bob@example.org")
	if a := h.Auth; a == nil || !slices.Equal(a.OfferedBeforeTLS, []string{"PLAIN", "LOGIN"}) || a.Code != 235 {
		t.Fatalf("Auth %+v", a)
	}
}

func TestSubmissionWithoutCredentials(t *testing.T) {
	_, cfg, _ := authServer(t, smtptest.Options{})
	h := oneHost(t, cfg, "bob@example.org")
	a := h.Auth
	if a == nil || a.Skipped != probe.AuthNoCredentials || a.Sent || !slices.Equal(a.Offered, []string{"PLAIN", "LOGIN"}) {
		t.Fatalf("Auth %+v", a)
	}
	if !strings.Contains(transcript(h), "MAIL FROM:<> => 530 5.7.0") {
		t.Errorf("transcript:\n%s\nwant MAIL answered 530 5.7.0", transcript(h))
	}
}

func TestSubmissionImplicitTLS(t *testing.T) {
	ca := smtptest.NewCA(t)
	srv := smtptest.Start(t, smtptest.Options{
		TLS: smtptest.TLSConfig(ca.Issue(t, "mx.example.com", time.Now().Add(90*24*time.Hour))), ImplicitTLS: true,
		Auth: map[string]string{authUser: authPass}, RequireAuth: true,
	})
	cfg, _ := setup(t, srv.Addr)
	cfg.RootCAs = ca.Pool()
	cfg.Server = "mx.example.com"
	cfg.Submission, cfg.ImplicitTLS = true, true
	cfg.Auth = &probe.Auth{User: authUser, Password: authPass}
	h := oneHost(t, cfg, "bob@example.org")
	if h.Port != 465 || h.TLS == nil || !h.TLS.Implicit || h.Auth == nil || h.Auth.Code != 235 || !h.Auth.TLS {
		t.Fatalf("port %d TLS %+v Auth %+v", h.Port, h.TLS, h.Auth)
	}
	wantTranscript(t, h, `(greeting) => 220
EHLO probe.test => 250
AUTH PLAIN ******** => 235 2.0.0
MAIL FROM:<> => 250 2.0.0
RCPT TO:<bob@example.org> => 250 2.0.0
RSET => 250 2.0.0
QUIT => 221 2.0.0
`)
}

// TestAuthBounded: an unexpected challenge is cancelled with "*", and a
// server that answers even that with challenges does not hold the probe.
func TestAuthBounded(t *testing.T) {
	for _, tc := range []struct {
		name       string
		cancelWith string
		want       string
	}{
		{"cancelled", "501 5.0.0 cancelled", "AUTH LOGIN => 334\n******** => 334\n******** => 334\n* => 501 5.0.0\nQUIT => 221\n"},
		{"endless", "334 UGFzc3dvcmQ6", "AUTH LOGIN => 334\n******** => 334\n******** => 334\n* => 334\n* => 334\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
				if !c.Greet("AUTH LOGIN") {
					return
				}
				for {
					verb, _, ok := c.Command()
					if !ok {
						return
					}
					switch verb {
					case "*":
						c.Send(tc.cancelWith)
					case "QUIT":
						c.Send("221 bye")
						return
					default:
						c.Send("334 UGFzc3dvcmQ6")
					}
				}
			})
			cfg, _ := setup(t, srv.Addr)
			cfg.Server = "mx.example.com"
			cfg.Auth = &probe.Auth{User: authUser, Password: authPass, AllowInsecure: true}
			h := oneHost(t, cfg, "bob@example.org")
			got := transcript(h)
			if i := strings.Index(got, "AUTH"); i < 0 || got[i:] != tc.want {
				t.Errorf("transcript:\n%s\nwant from AUTH on:\n%s", got, tc.want)
			}
			if tc.name == "endless" && (h.Err == nil || h.Err.Kind != probe.ErrProtocol) {
				t.Errorf("Err %v, want a protocol error", h.Err)
			}
		})
	}
}

// TestCheckAuth: each rule is reported as an *AuthError naming the field
// that breaks it, so that callers can name their own input.
func TestCheckAuth(t *testing.T) {
	for _, tc := range []struct {
		a     probe.Auth
		field probe.AuthField // "" for no error
		want  string          // a piece of the error
	}{
		{probe.Auth{User: "alice@example.com", Password: "pä ss"}, "", ""},
		{probe.Auth{User: "alice", Token: "ya29.a0Af-_~+/="}, "", ""},
		{probe.Auth{Mechanism: probe.MechLogin}, "", ""},
		{probe.Auth{Mechanism: "login", Password: "p"}, "", ""},
		{probe.Auth{Mechanism: "xoauth2", Token: "t"}, "", ""},
		{probe.Auth{User: "al\x00ice"}, probe.AuthFieldUser, "control"},
		{probe.Auth{User: "al\x01ice"}, probe.AuthFieldUser, "control"},
		{probe.Auth{User: strings.Repeat("a", probe.MaxAuthUser+1)}, probe.AuthFieldUser, "longer"},
		{probe.Auth{Password: "a\x00b"}, probe.AuthFieldPassword, "NUL"},
		{probe.Auth{Password: "a\r\nb"}, probe.AuthFieldPassword, "line break"},
		{probe.Auth{Token: "a b"}, probe.AuthFieldToken, "printable"},
		{probe.Auth{Token: "tök"}, probe.AuthFieldToken, "printable"},
		{probe.Auth{Token: "t", Password: "pw-secret"}, probe.AuthFieldToken, "not both"},
		{probe.Auth{Mechanism: "CRAM-MD5"}, probe.AuthFieldMechanism, "CRAM-MD5"},
		{probe.Auth{Mechanism: "PLAIN", Token: "t"}, probe.AuthFieldMechanism, "takes a password"},
		{probe.Auth{Mechanism: "OAUTHBEARER", Password: "pw-secret"}, probe.AuthFieldMechanism, "takes a token"},
		// The first field in order is named.
		{probe.Auth{User: "al\x01ice", Password: "a\x00b", Mechanism: "CRAM-MD5"}, probe.AuthFieldUser, "control"},
	} {
		err := probe.CheckAuth(&tc.a)
		var ae *probe.AuthError
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("CheckAuth(%#v) = %v, want nil", tc.a, err)
		case tc.field == "":
		case !errors.As(err, &ae) || ae.Field != tc.field || !strings.Contains(err.Error(), tc.want):
			t.Errorf("CheckAuth(%#v) = %#v, want an *AuthError for %s with %q", tc.a, err, tc.field, tc.want)
		case tc.a.Password != "" && strings.Contains(err.Error(), tc.a.Password):
			t.Errorf("CheckAuth(%#v) = %v: shows the password", tc.a, err)
		}
	}
}
