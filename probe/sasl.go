package probe

import (
	"strconv"
	"strings"

	"github.com/emersion/go-sasl"
)

// mechanism is a SASL mechanism the probe speaks: its name, the kind of
// credential it takes, and how to make its client. The clients only
// compute payloads; session.sasl talks to the server.
type mechanism struct {
	name string
	// token: it takes Auth.Token, and a challenge carries the server's
	// error (XOAUTH2, OAUTHBEARER); otherwise it takes Auth.Password.
	token bool
	// client makes the client for credentials a; host and port are the
	// server's, which OAUTHBEARER names (RFC 7628 section 3.1).
	client func(a *Auth, host string, port int) sasl.Client
}

// mechanisms are the mechanisms the probe speaks, in the order of
// Mechanisms.
var mechanisms = [...]mechanism{
	{MechOAuthBearer, true, func(a *Auth, host string, port int) sasl.Client {
		// RFC 7628 section 3.2.3: the client answers the error with a
		// single 0x01.
		return &tokenClient{name: MechOAuthBearer, initial: oauthBearer(a.User, host, port, a.Token), answer: "\x01"}
	}},
	{MechXOAuth2, true, func(a *Auth, _ string, _ int) sasl.Client {
		// The challenge is the error; an empty response ends it.
		return &tokenClient{name: MechXOAuth2, initial: "user=" + a.User + "\x01auth=Bearer " + a.Token + "\x01\x01"}
	}},
	{MechPlain, false, func(a *Auth, _ string, _ int) sasl.Client {
		return sasl.NewPlainClient("", a.User, a.Password)
	}},
	{MechLogin, false, func(a *Auth, _ string, _ int) sasl.Client {
		return &loginClient{user: a.User, password: a.Password}
	}},
}

// lookupMechanism finds a mechanism by name, in any case.
func lookupMechanism(name string) (mechanism, bool) {
	name = strings.ToUpper(name)
	for _, m := range mechanisms {
		if m.name == name {
			return m, true
		}
	}
	return mechanism{}, false
}

// tokenClient is XOAUTH2 or OAUTHBEARER: the token goes in the initial
// response, and the one challenge a server may send is its error, which
// the client acknowledges with answer so that the server sends its final
// reply.
type tokenClient struct {
	name     string
	initial  string
	answer   string
	answered bool
}

func (c *tokenClient) Start() (string, []byte, error) {
	return c.name, []byte(c.initial), nil
}

func (c *tokenClient) Next([]byte) ([]byte, error) {
	if c.answered {
		return nil, sasl.ErrUnexpectedServerChallenge
	}
	c.answered = true
	return []byte(c.answer), nil
}

// loginClient is LOGIN (draft-murchison-sasl-login): no initial response,
// the user name to the first challenge and the password to the second,
// whatever their text says ("Username:", "VXNlcm5hbWU6", or anything a
// server chose). go-sasl's client sends the user name as an initial
// response and insists on "Password:", which not every server says.
type loginClient struct {
	user, password string
	round          int
}

func (c *loginClient) Start() (string, []byte, error) {
	return MechLogin, nil, nil
}

func (c *loginClient) Next([]byte) ([]byte, error) {
	c.round++
	switch c.round {
	case 1:
		return []byte(c.user), nil
	case 2:
		return []byte(c.password), nil
	}
	return nil, sasl.ErrUnexpectedServerChallenge
}

// oauthBearer builds the OAUTHBEARER initial response (RFC 7628 section
// 3.1).
func oauthBearer(user, host string, port int, token string) string {
	authz := ""
	if user != "" {
		authz = "a=" + user
	}
	return "n," + authz + ",\x01host=" + host + "\x01port=" + strconv.Itoa(port) + "\x01auth=Bearer " + token + "\x01\x01"
}
