package probe

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/emersion/go-sasl"
)

// Redacted stands for a secret wherever a Result would otherwise hold it:
// the payload of AUTH ("AUTH PLAIN ********"), each client response of a
// SASL exchange, and server text received from the AUTH command on that
// holds 4 characters in a row of any form of the password or token (a
// reply, its lines joined, has every line withheld; see secrets).
const Redacted = "********"

// The SASL mechanisms the probe speaks (RFC 4616 PLAIN, the LOGIN draft,
// Google's XOAUTH2 and RFC 7628 OAUTHBEARER).
const (
	MechPlain       = "PLAIN"
	MechLogin       = "LOGIN"
	MechXOAuth2     = "XOAUTH2"
	MechOAuthBearer = "OAUTHBEARER"
)

// Mechanisms lists the mechanisms the probe speaks, strongest first for
// each kind of credential: a token before a password, and PLAIN before
// LOGIN (equal in strength over TLS, but PLAIN takes one round trip).
func Mechanisms() []string {
	out := make([]string, len(mechanisms))
	for i, m := range mechanisms {
		out[i] = m.name
	}
	return out
}

// Auth holds the credentials for SMTP AUTH (RFC 4954). The probe sends them
// after the EHLO that follows TLS and before MAIL FROM, and only over TLS
// whose certificate verified, unless AllowInsecure is set. They never
// appear in a Result.
type Auth struct {
	User string
	// Password is used by PLAIN and LOGIN.
	Password string
	// Token is an OAuth 2.0 bearer token for XOAUTH2 and OAUTHBEARER.
	// When it is set the password is not used.
	Token string
	// Mechanism forces a mechanism; "" picks the strongest one offered
	// that the credentials allow.
	Mechanism string
	// AllowInsecure sends the credentials over a connection without TLS,
	// or with TLS whose certificate does not verify.
	AllowInsecure bool
}

// maxAuthUser bounds the user name; no real login comes near it.
const maxAuthUser = 256

// AuthField names a field of Auth, so that a caller can say which of its
// own inputs (a flag, a file, a query parameter) broke a rule.
type AuthField string

// The fields of Auth that CheckAuth judges.
const (
	AuthFieldUser      AuthField = "user"
	AuthFieldPassword  AuthField = "password"
	AuthFieldToken     AuthField = "token"
	AuthFieldMechanism AuthField = "mechanism"
)

// AuthError says which field of Auth breaks a rule of SASL. Its message
// never holds a password or token.
type AuthError struct {
	Field AuthField
	Err   error
}

func (e *AuthError) Error() string { return e.Err.Error() }

func (e *AuthError) Unwrap() error { return e.Err }

// CheckAuth reports credentials that SASL cannot carry or that no one
// could have meant, as an *AuthError naming the first field, in the order
// user, password, token, mechanism, that breaks a rule: a user name with
// control characters (PLAIN and XOAUTH2 separate fields with NUL and ^A)
// or over 256 bytes, a password with a NUL or a line break (RFC
// 4616), a token with a space or a byte that is not printable ASCII (RFC
// 6750 b64token), both a password and a token, an unknown mechanism, or
// one that takes the other kind of credential. Nothing unsafe reaches the
// wire without it, since SASL payloads travel in base64, but such
// credentials can only fail, so callers refuse them up front.
func CheckAuth(a *Auth) error {
	bad := func(f AuthField, err error) error { return &AuthError{Field: f, Err: err} }
	if len(a.User) > maxAuthUser {
		return bad(AuthFieldUser, fmt.Errorf("user name longer than %d bytes", maxAuthUser))
	}
	for _, r := range a.User {
		if r < ' ' || r == 0x7f {
			return bad(AuthFieldUser, fmt.Errorf("user %q: control characters are not allowed", a.User))
		}
	}
	if strings.ContainsAny(a.Password, "\x00\r\n") {
		return bad(AuthFieldPassword, errors.New("the password contains a NUL or line break"))
	}
	for i := 0; i < len(a.Token); i++ {
		if a.Token[i] <= ' ' || a.Token[i] >= 0x7f {
			return bad(AuthFieldToken, errors.New("the token has a space or a character that is not printable ASCII"))
		}
	}
	if a.Token != "" && a.Password != "" {
		return bad(AuthFieldToken, errors.New("give a password or a token, not both"))
	}
	if a.Mechanism == "" {
		return nil
	}
	m, ok := lookupMechanism(a.Mechanism)
	switch {
	case !ok:
		return bad(AuthFieldMechanism, fmt.Errorf("mechanism %q: want %s", a.Mechanism, strings.Join(Mechanisms(), ", ")))
	case m.token && a.Password != "":
		return bad(AuthFieldMechanism, fmt.Errorf("%s takes a token, not a password", m.name))
	case !m.token && a.Token != "":
		return bad(AuthFieldMechanism, fmt.Errorf("%s takes a password, not a token", m.name))
	}
	return nil
}

// AuthSkip says why no credentials were sent although AUTH was due.
type AuthSkip string

// The reasons for AuthInfo.Skipped.
const (
	// AuthNoCredentials: the submission profile, without Config.Auth; the
	// offer is recorded and the dialogue goes on unauthenticated.
	AuthNoCredentials AuthSkip = "no-credentials"
	// AuthNotOffered: the last EHLO reply lists no AUTH.
	AuthNotOffered AuthSkip = "not-offered"
	// AuthMechNotOffered: Auth.Mechanism is not among those offered.
	AuthMechNotOffered AuthSkip = "mechanism-not-offered"
	// AuthNoMechanism: nothing offered that the probe speaks with the
	// credentials given (say only CRAM-MD5, or only PLAIN with a token).
	AuthNoMechanism AuthSkip = "no-mechanism"
	// AuthInsecure: the connection is not encrypted and AllowInsecure is
	// not set.
	AuthInsecure AuthSkip = "insecure"
	// AuthUnverified: the certificate does not verify, so a man in the
	// middle could read the credentials, and AllowInsecure is not set.
	AuthUnverified AuthSkip = "unverified-tls"
)

// AuthInfo records SMTP AUTH on one connection: what the server offered
// before and after TLS, what the probe did and how it ended. The steps of
// the exchange are in Host.Steps with their payloads redacted.
type AuthInfo struct {
	// OfferedBeforeTLS lists the mechanisms of the EHLO reply before
	// STARTTLS; nil when there was no STARTTLS or it offered none.
	OfferedBeforeTLS []string
	// Offered lists the mechanisms of the last EHLO reply, where AUTH
	// happens, in the server's order; AuthOffered tells an "AUTH" without
	// mechanisms from no AUTH at all.
	Offered     []string
	AuthOffered bool
	// TLS and Verified describe the connection the credentials would go
	// over.
	TLS      bool
	Verified bool
	User     string // the user name given; never the password or token
	// Mechanism is the one chosen; "" when none was.
	Mechanism string
	// Sent is set once any credential went on the wire.
	Sent bool
	// Code and Enhanced are the final reply to AUTH; 0 when none came.
	Code     int
	Enhanced string
	// ServerError is the decoded error a server sends as a challenge
	// when XOAUTH2 or OAUTHBEARER fails ({"status":"401",...}); Redacted
	// when it holds a secret.
	ServerError string
	// Skipped says why no credentials were sent; "" when they were.
	Skipped AuthSkip
}

// maxAuthRounds bounds the challenges of one SASL exchange; the
// mechanisms the probe speaks need at most two, and a cancel one more.
const maxAuthRounds = 4

// authMechanisms returns the SASL mechanisms an EHLO extension list
// offers, in upper case and the server's order, from "AUTH PLAIN LOGIN"
// and from the old "AUTH=LOGIN PLAIN" form. Words that are not mechanism
// names (RFC 4422 section 3.1) are left out.
func authMechanisms(ext map[string]string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(words string) {
		for _, w := range strings.Fields(words) {
			w = strings.ToUpper(w)
			if !seen[w] && validMechanism(w) {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	if p, ok := ext["AUTH"]; ok {
		add(p)
	}
	var old []string
	for k := range ext {
		if strings.HasPrefix(k, "AUTH=") {
			old = append(old, k)
		}
	}
	sort.Strings(old)
	for _, k := range old {
		add(strings.TrimPrefix(k, "AUTH=") + " " + ext[k])
	}
	return out
}

// authOffered tells whether an extension list has AUTH in either form.
func authOffered(ext map[string]string) bool {
	if _, ok := ext["AUTH"]; ok {
		return true
	}
	for k := range ext {
		if strings.HasPrefix(k, "AUTH=") {
			return true
		}
	}
	return false
}

// validMechanism checks a SASL mechanism name: 1 to 20 upper-case
// letters, digits, hyphens and underscores.
func validMechanism(m string) bool {
	if m == "" || len(m) > 20 {
		return false
	}
	for i := 0; i < len(m); i++ {
		c := m[i]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// chooseMechanism picks the mechanism to use from those offered:
// a.Mechanism when set, else the strongest one the credentials allow. It
// returns why none can be used otherwise.
func chooseMechanism(a *Auth, offered []string) (mechanism, AuthSkip) {
	if a.Mechanism != "" {
		m, ok := lookupMechanism(a.Mechanism)
		if !ok || !slices.Contains(offered, m.name) {
			return mechanism{}, AuthMechNotOffered
		}
		return m, ""
	}
	for _, m := range mechanisms {
		if slices.Contains(offered, m.name) && m.token == (a.Token != "") {
			return m, ""
		}
	}
	return mechanism{}, AuthNoMechanism
}

// auth runs SMTP AUTH after the last EHLO when credentials or the
// submission profile ask for it, and records it in Host.Auth. It returns
// false when the dialogue ended: credentials that could not or should not
// be sent, or a reply other than 235.
func (s *session) auth() bool {
	a := s.cfg.Auth
	if a == nil && !s.cfg.Submission {
		return true
	}
	info := &AuthInfo{Offered: authMechanisms(s.ext), AuthOffered: authOffered(s.ext)}
	if s.host.ExtensionsBeforeTLS != nil {
		info.OfferedBeforeTLS = authMechanisms(s.host.ExtensionsBeforeTLS)
	}
	if t := s.host.TLS; t != nil && t.HandshakeError == "" {
		info.TLS, info.Verified = true, t.Verified
	}
	s.host.Auth = info
	if a == nil {
		info.Skipped = AuthNoCredentials
		return true
	}
	info.User = a.User
	skip := func(why AuthSkip, err error) bool {
		info.Skipped = why
		s.fail(StepAuth, ErrPolicy, err)
		s.quit(Reply{})
		return false
	}
	if !info.AuthOffered {
		return skip(AuthNotOffered, errors.New("the server does not offer AUTH; credentials not sent"))
	}
	mech, why := chooseMechanism(a, info.Offered)
	switch why {
	case AuthMechNotOffered:
		return skip(why, fmt.Errorf("AUTH %s is not offered (offered: %s); credentials not sent", strings.ToUpper(a.Mechanism), listOrNone(info.Offered)))
	case AuthNoMechanism:
		kind := "a password (PLAIN, LOGIN)"
		if a.Token != "" {
			kind = "a token (OAUTHBEARER, XOAUTH2)"
		}
		return skip(why, fmt.Errorf("no mechanism offered that works with %s (offered: %s); credentials not sent", kind, listOrNone(info.Offered)))
	}
	info.Mechanism = mech.name
	// The errors state the fact only: the report, which knows whether the
	// probe runs from the command line or the exporter, gives the hints.
	if !a.AllowInsecure {
		switch {
		case !info.TLS:
			return skip(AuthInsecure, errors.New("the connection is not encrypted; credentials not sent in clear"))
		case !info.Verified:
			return skip(AuthUnverified, errors.New("the certificate does not verify; credentials not sent"))
		}
	}
	s.secrets = newSecrets(a, s.name, s.host.Port)
	rep, ok := s.sasl(mech.client(a, s.name, s.host.Port), mech.token, info)
	if !ok {
		return false
	}
	info.Code, info.Enhanced = rep.Code, rep.Enhanced
	if rep.Code == CodeAuthOK {
		return true
	}
	s.quit(rep)
	return false
}

// sasl drives one SASL exchange the way go-smtp's Client.Auth does: the
// AUTH command with the client's initial response, then the client's
// answer to each 334 challenge, until the final reply. The mechanism
// only computes payloads; this loop alone talks to the server, bounds
// the rounds, and records every client payload as Redacted, secret or
// not, so that no rule about which ones are secret can go wrong. A
// challenge the client has no answer for is cancelled with "*" (RFC 4954
// section 4). errorChallenge says that the first challenge carries the
// server's error (XOAUTH2, OAUTHBEARER); it is kept in
// AuthInfo.ServerError.
func (s *session) sasl(c sasl.Client, errorChallenge bool, info *AuthInfo) (Reply, bool) {
	name, initial, err := c.Start()
	if err != nil {
		s.fail(StepAuth, ErrPolicy, fmt.Errorf("failed to start AUTH %s: %w", name, err))
		s.quit(Reply{})
		return Reply{}, false
	}
	cmd := command{step: StepAuth, line: "AUTH " + name}
	if initial != nil {
		// An empty initial response is "=" (RFC 4954 section 4).
		cmd.line += " " + cmp.Or(b64(string(initial)), "=")
		cmd.shown = "AUTH " + name + " " + Redacted
		info.Sent = true
	}
	for round := 0; ; round++ {
		reps, ok := s.exchange(cmd)
		if !ok {
			return Reply{}, false
		}
		rep := reps[0]
		if rep.Code != CodeAuthChallenge {
			return rep, true
		}
		if round >= maxAuthRounds {
			// Even the cancel got a challenge.
			s.fail(StepAuth, ErrProtocol, fmt.Errorf("the server sent more than %d challenges and ignored the cancel", maxAuthRounds))
			return Reply{}, false
		}
		if errorChallenge && round == 0 {
			info.ServerError = s.challengeText(rep)
		}
		resp, err := c.Next(challenge(rep))
		if err != nil {
			cmd = command{step: StepAuth, line: "*"}
			continue
		}
		cmd = command{step: StepAuth, line: b64(string(resp)), shown: Redacted}
		info.Sent = true
	}
}

// challenge returns the decoded text of a 334 reply; nil when it is not
// base64 (the mechanisms that read it then have no answer).
func challenge(rep Reply) []byte {
	if len(rep.Lines) == 0 {
		return nil
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(rep.Lines[0]))
	if err != nil {
		return nil
	}
	return raw
}

// challengeText decodes a 334 challenge that carries an error (XOAUTH2,
// OAUTHBEARER); Redacted when it holds a secret, judged on the whole
// decoded text before it is cut.
func (s *session) challengeText(rep Reply) string {
	if len(rep.Lines) == 0 {
		return ""
	}
	if rep.Lines[0] == Redacted {
		return Redacted // withhold found a secret in the challenge
	}
	text := decodeChallenge(rep.Lines[0])
	if s.secrets != nil && (s.secrets.hides(challenge(rep)) || s.secrets.hides([]byte(text))) {
		return Redacted
	}
	return text
}

// maxChallengeText bounds a decoded challenge.
const maxChallengeText = 500

// decodeChallenge decodes the base64 text of a 334 challenge into one
// printable line of at most maxChallengeText bytes, JSON compacted; ""
// when it is not base64.
func decodeChallenge(line string) string {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(line))
	if err != nil {
		return ""
	}
	var v map[string]any
	if json.Unmarshal(raw, &v) == nil {
		if compact, err := json.Marshal(v); err == nil {
			raw = compact
		}
	}
	if len(raw) > maxChallengeText {
		raw = raw[:maxChallengeText]
	}
	return escape(raw)
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func listOrNone(ms []string) string {
	if len(ms) == 0 {
		return "none"
	}
	return strings.Join(ms, " ")
}

// receive reads a reply. From the AUTH command on, a reply whose
// text, its lines joined, holds a secret has every line Redacted (the
// codes stay), and an error quotes Redacted instead of bytes that hold
// one.
func (s *session) receive() (Reply, error) {
	if s.secrets == nil {
		return readReply(s.r, nil)
	}
	rep, err := readReply(s.r, s.secrets.hides)
	if s.secrets.hides([]byte(strings.Join(rep.Lines, ""))) {
		for i := range rep.Lines {
			rep.Lines[i] = Redacted
		}
	}
	return rep, err
}
