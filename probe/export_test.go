package probe

import (
	"bufio"
	"crypto/x509"
	"strings"
)

// What the tests of package probe_test reach inside for: the parsers of
// bytes from the network, which the fuzz tests feed, and the bounds.
var (
	ParseExtensions = parseExtensions
	AuthMechanisms  = authMechanisms
	DecodeChallenge = decodeChallenge
	FQDN            = fqdn
	KindOf          = errorKind
)

// MaxAuthUser is the longest user name CheckAuth accepts.
const MaxAuthUser = maxAuthUser

// ChooseMechanism returns the name of the mechanism chooseMechanism picks.
func ChooseMechanism(a *Auth, offered []string) (string, AuthSkip) {
	m, skip := chooseMechanism(a, offered)
	return m.name, skip
}

// ReadReply reads a reply as the session does before AUTH, with nothing
// to withhold.
func ReadReply(r *bufio.Reader) (Reply, error) { return readReply(r, nil) }

// ReadAfterAuth reads one reply from in as the session does once the
// credentials a are on the wire: what it returns is what a Result would
// record.
func ReadAfterAuth(in string, a *Auth) (Reply, error) {
	s := &session{r: bufio.NewReader(strings.NewReader(in)), secrets: newSecrets(a, "mx.example.com", 587)}
	return s.receive()
}

// NewSystemRoots returns a SystemRoots that loads its roots with load
// instead of from the system.
func NewSystemRoots(load func() (*x509.CertPool, error)) *SystemRoots {
	return &SystemRoots{load: load}
}
