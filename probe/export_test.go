package probe

// What the tests of package probe_test reach inside for: the parsers of
// bytes from the network, which the fuzz tests feed, and the bounds.
var (
	ReadReply       = readReply
	ParseExtensions = parseExtensions
	AuthMechanisms  = authMechanisms
	DecodeChallenge = decodeChallenge
	FQDN            = fqdn
)

// MaxAuthUser is the longest user name CheckAuth accepts.
const MaxAuthUser = maxAuthUser

// ChooseMechanism returns the name of the mechanism chooseMechanism picks.
func ChooseMechanism(a *Auth, offered []string) (string, AuthSkip) {
	m, skip := chooseMechanism(a, offered)
	return m.name, skip
}
