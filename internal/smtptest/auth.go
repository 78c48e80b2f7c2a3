package smtptest

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// AuthMechanisms lists the mechanisms the server offers (go-smtp's
// AuthSession); none without Options.Auth or Options.Tokens, so that
// servers without them offer no AUTH.
func (s *session) AuthMechanisms() []string {
	o := s.b.o
	if o.AuthMechanisms != nil {
		return o.AuthMechanisms
	}
	var ms []string
	if o.Auth != nil {
		ms = append(ms, sasl.Plain, sasl.Login)
	}
	if o.Tokens != nil {
		ms = append(ms, "XOAUTH2", sasl.OAuthBearer)
	}
	return ms
}

// Auth starts the server side of a mechanism.
func (s *session) Auth(mech string) (sasl.Server, error) {
	o := s.b.o
	done := func(user string, ok bool) error {
		if !ok {
			s.b.s.event("AUTH " + mech + " " + user + " failed")
			return smtp.ErrAuthFailed
		}
		s.b.s.event("AUTH " + mech + " " + user + " ok")
		s.authed = true
		return nil
	}
	password := func(user, pass string) error {
		want, ok := o.Auth[user]
		return done(user, ok && want == pass)
	}
	token := func(user, tok string) bool {
		want, ok := o.Tokens[user]
		return ok && want == tok
	}
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(_, user, pass string) error { return password(user, pass) }), nil
	case sasl.Login:
		return &loginServer{check: password}, nil
	case "XOAUTH2":
		return &xoauth2Server{check: func(user, tok string) error { return done(user, token(user, tok)) }}, nil
	case sasl.OAuthBearer:
		var user string
		return as535{sasl.NewOAuthBearerServer(func(opts sasl.OAuthBearerOptions) *sasl.OAuthBearerError {
			user = opts.Username
			if token(opts.Username, opts.Token) {
				done(user, true)
				return nil
			}
			return &sasl.OAuthBearerError{Status: "invalid_token", Schemes: "bearer"}
		}), func() { done(user, false) }}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

// loginServer is the server side of LOGIN, which go-sasl lacks: a
// "Username:" and a "Password:" challenge.
type loginServer struct {
	step  int
	user  string
	check func(user, pass string) error
}

func (l *loginServer) Next(resp []byte) ([]byte, bool, error) {
	switch l.step {
	case 0:
		if resp == nil {
			l.step = 1
			return []byte("Username:"), false, nil
		}
		l.user, l.step = string(resp), 2 // initial response: the user name
		return []byte("Password:"), false, nil
	case 1:
		l.user, l.step = string(resp), 2
		return []byte("Password:"), false, nil
	}
	return nil, true, l.check(l.user, string(resp))
}

// xoauth2Server is the server side of Google's XOAUTH2: on failure it
// sends a JSON error as a challenge, waits for the client's empty
// response, then fails with 535 5.7.8, as Gmail does.
type xoauth2Server struct {
	failed bool
	check  func(user, token string) error
}

func (x *xoauth2Server) Next(resp []byte) ([]byte, bool, error) {
	if x.failed {
		return nil, true, smtp.ErrAuthFailed
	}
	if resp == nil {
		return []byte{}, false, nil
	}
	var user, tok string
	for _, f := range bytes.Split(resp, []byte{1}) {
		k, v, _ := strings.Cut(string(f), "=")
		switch k {
		case "user":
			user = v
		case "auth":
			tok, _ = strings.CutPrefix(v, "Bearer ")
		}
	}
	if err := x.check(user, tok); err != nil {
		x.failed = true
		challenge, _ := json.Marshal(map[string]string{"status": "401", "schemes": "bearer", "scope": "https://mail.google.com/"})
		return challenge, false, nil
	}
	return nil, true, nil
}

// as535 makes a mechanism's failure a 535 5.7.8 reply, as real servers
// send, rather than go-smtp's 454 for errors that are not SMTP replies.
type as535 struct {
	sasl.Server
	failed func()
}

func (a as535) Next(resp []byte) ([]byte, bool, error) {
	c, done, err := a.Server.Next(resp)
	if err != nil {
		if _, ok := err.(*smtp.SMTPError); !ok {
			a.failed()
			err = smtp.ErrAuthFailed
		}
	}
	return c, done, err
}
