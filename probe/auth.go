package probe

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Redacted stands for a secret wherever a Result would otherwise hold it:
// the payload of AUTH ("AUTH PLAIN ********"), each client response of a
// SASL exchange, and any echo of a secret in a server's reply.
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
var Mechanisms = []string{MechOAuthBearer, MechXOAuth2, MechPlain, MechLogin}

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

// MaxAuthUser bounds the user name; no real login comes near it.
const MaxAuthUser = 256

// CheckAuth reports credentials that SASL cannot carry or that no one
// could have meant: a user name with control characters (PLAIN and XOAUTH2
// separate fields with NUL and ^A) or over MaxAuthUser bytes, a password
// with a NUL or a line break (RFC 4616), a token with a space or a byte
// that is not printable ASCII (RFC 6750 b64token), an unknown mechanism.
// Nothing unsafe reaches the wire without it, since SASL payloads travel
// in base64, but such credentials can only fail, so callers refuse them
// up front.
func CheckAuth(a *Auth) error {
	if len(a.User) > MaxAuthUser {
		return fmt.Errorf("user name longer than %d bytes", MaxAuthUser)
	}
	for _, r := range a.User {
		if r < ' ' || r == 0x7f {
			return fmt.Errorf("user %q: control characters are not allowed", a.User)
		}
	}
	if strings.ContainsAny(a.Password, "\x00\r\n") {
		return errors.New("the password contains a NUL or line break")
	}
	for i := 0; i < len(a.Token); i++ {
		if a.Token[i] <= ' ' || a.Token[i] >= 0x7f {
			return errors.New("the token has a space or a character that is not printable ASCII")
		}
	}
	if a.Mechanism != "" && !slices.Contains(Mechanisms, a.Mechanism) {
		return fmt.Errorf("mechanism %q: want %s", a.Mechanism, strings.Join(Mechanisms, ", "))
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
	// when XOAUTH2 or OAUTHBEARER fails ({"status":"401",...}), secrets
	// removed.
	ServerError string
	// Skipped says why no credentials were sent; "" when they were.
	Skipped AuthSkip
}

// maxAuthRounds bounds the challenges of one SASL exchange; the
// mechanisms the probe speaks need at most two, and a cancel one more.
const maxAuthRounds = 4

// AuthMechanisms returns the SASL mechanisms an EHLO extension list
// offers, in upper case and the server's order, from "AUTH PLAIN LOGIN"
// and from the old "AUTH=LOGIN PLAIN" form. Words that are not mechanism
// names (RFC 4422 section 3.1) are left out.
func AuthMechanisms(ext map[string]string) []string {
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

// ChooseMechanism picks the mechanism to use from those offered: a.Mechanism
// when set, else the strongest one the credentials allow. It returns why
// none can be used otherwise.
func ChooseMechanism(a *Auth, offered []string) (string, AuthSkip) {
	has := func(m string) bool { return slices.Contains(offered, m) }
	if a.Mechanism != "" {
		m := strings.ToUpper(a.Mechanism)
		if !has(m) {
			return "", AuthMechNotOffered
		}
		return m, ""
	}
	for _, m := range Mechanisms {
		token := m == MechOAuthBearer || m == MechXOAuth2
		if has(m) && token == (a.Token != "") {
			return m, ""
		}
	}
	return "", AuthNoMechanism
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
	info := &AuthInfo{Offered: AuthMechanisms(s.ext), AuthOffered: authOffered(s.ext)}
	if s.host.ExtensionsBeforeTLS != nil {
		info.OfferedBeforeTLS = AuthMechanisms(s.host.ExtensionsBeforeTLS)
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
		s.fail("AUTH", ErrPolicy, err)
		s.quit(Reply{})
		return false
	}
	if !info.AuthOffered {
		return skip(AuthNotOffered, errors.New("the server does not offer AUTH; credentials not sent"))
	}
	mech, why := ChooseMechanism(a, info.Offered)
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
	info.Mechanism = mech
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
	s.secrets = secretForms(a)
	rep, ok := s.sasl(a, mech, info)
	if !ok {
		return false
	}
	info.Code, info.Enhanced = rep.Code, rep.Enhanced
	if rep.Code == 235 {
		return true
	}
	s.quit(rep)
	return false
}

// sasl runs the exchange of one mechanism: the AUTH command, then a
// response to each 334 challenge, until the final reply.
func (s *session) sasl(a *Auth, mech string, info *AuthInfo) (Reply, bool) {
	var initial string // the initial response (RFC 4954), which carries the credentials
	switch mech {
	case MechPlain:
		initial = b64("\x00" + a.User + "\x00" + a.Password)
	case MechXOAuth2:
		initial = b64("user=" + a.User + "\x01auth=Bearer " + a.Token + "\x01\x01")
	case MechOAuthBearer:
		initial = b64(oauthBearer(a.User, s.name, s.host.Port, a.Token))
	}
	first := command{step: "AUTH", line: "AUTH " + mech}
	if initial != "" {
		first.line += " " + initial
		first.shown = "AUTH " + mech + " " + Redacted
		info.Sent = true
	}
	reps, ok := s.exchange(first)
	if !ok {
		return Reply{}, false
	}
	rep := reps[0]
	// Every client response is shown as Redacted, secret or not, so
	// that no rule about which ones are secret can go wrong.
	for round := 0; rep.Code == 334; round++ {
		if round >= maxAuthRounds {
			// Even the cancel got a challenge.
			s.fail("AUTH", ErrProtocol, fmt.Errorf("the server sent more than %d challenges and ignored the cancel", maxAuthRounds))
			return Reply{}, false
		}
		// An unexpected challenge gets "*", which cancels the exchange
		// (RFC 4954 section 4).
		resp := command{step: "AUTH", line: "*", shown: "*"}
		switch {
		case mech == MechLogin && round == 0:
			resp.line, resp.shown = b64(a.User), Redacted
			info.Sent = true
		case mech == MechLogin && round == 1:
			resp.line, resp.shown = b64(a.Password), Redacted
		case mech == MechXOAuth2 && round == 0:
			// The challenge is the error; an empty response ends it.
			info.ServerError = s.challengeText(rep)
			resp.line, resp.shown = "", Redacted
		case mech == MechOAuthBearer && round == 0:
			// RFC 7628 section 3.2.3: the client answers the error
			// with a single 0x01.
			info.ServerError = s.challengeText(rep)
			resp.line, resp.shown = b64("\x01"), Redacted
		}
		if reps, ok = s.exchange(resp); !ok {
			return Reply{}, false
		}
		rep = reps[0]
	}
	return rep, true
}

// challengeText decodes a 334 challenge that carries an error (XOAUTH2,
// OAUTHBEARER), secrets removed.
func (s *session) challengeText(rep Reply) string {
	if len(rep.Lines) == 0 {
		return ""
	}
	return s.scrub(DecodeChallenge(rep.Lines[0]))
}

// maxChallengeText bounds a decoded challenge.
const maxChallengeText = 500

// DecodeChallenge decodes the base64 text of a 334 challenge into one
// printable line of at most maxChallengeText bytes, JSON compacted; ""
// when it is not base64.
func DecodeChallenge(line string) string {
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

// oauthBearer builds the OAUTHBEARER initial response (RFC 7628 section
// 3.1).
func oauthBearer(user, host string, port int, token string) string {
	authz := ""
	if user != "" {
		authz = "a=" + user
	}
	return "n," + authz + ",\x01host=" + host + "\x01port=" + strconv.Itoa(port) + "\x01auth=Bearer " + token + "\x01\x01"
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func listOrNone(ms []string) string {
	if len(ms) == 0 {
		return "none"
	}
	return strings.Join(ms, " ")
}

// minSecret is the shortest raw secret scrubbed from replies; shorter
// ones would blank out ordinary words.
const minSecret = 4

// secretForms lists every form in which a credential could come back in
// a server's reply or error: as given, base64 encoded alone and inside
// each mechanism's payload, and escaped as the probe shows non-ASCII
// bytes. A server has no business echoing any of them; a hostile or
// broken one might.
func secretForms(a *Auth) []string {
	var raw []string
	for _, s := range []string{a.Password, a.Token} {
		if len(s) >= minSecret {
			raw = append(raw, s)
		}
	}
	var out []string
	for _, s := range raw {
		out = append(out, s, escape([]byte(s)), strings.Trim(strconv.QuoteToASCII(s), `"`), b64(s))
	}
	if a.Password != "" {
		out = append(out, b64("\x00"+a.User+"\x00"+a.Password), b64(a.User+"\x00"+a.User+"\x00"+a.Password))
	}
	if a.Token != "" {
		out = append(out, b64("user="+a.User+"\x01auth=Bearer "+a.Token+"\x01\x01"))
	}
	// Longest first, so that a payload is replaced whole rather than
	// around a shorter secret inside it.
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// scrub replaces every secret form in s with Redacted.
func (s *session) scrub(t string) string {
	for _, sec := range s.secrets {
		if sec != "" && strings.Contains(t, sec) {
			t = strings.ReplaceAll(t, sec, Redacted)
		}
	}
	return t
}

// scrubReply removes secrets from the lines of a reply.
func (s *session) scrubReply(rep Reply) Reply {
	if len(s.secrets) == 0 {
		return rep
	}
	for i, l := range rep.Lines {
		rep.Lines[i] = s.scrub(l)
	}
	return rep
}

// scrubErrors removes secrets from the errors of the host, which can
// quote a server's bytes (a ProtocolError).
func (s *session) scrubErrors() {
	if len(s.secrets) == 0 {
		return
	}
	for _, e := range []*Error{s.host.Err, s.host.CloseErr} {
		if e == nil {
			continue
		}
		if msg := e.Err.Error(); s.scrub(msg) != msg {
			e.Err = errors.New(s.scrub(msg))
		}
	}
}
