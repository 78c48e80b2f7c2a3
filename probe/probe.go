// Package probe talks SMTP (RFC 5321) to the mail servers of a target and
// records what they said: every reply with its basic and enhanced status code
// (RFC 3463), timings, the EHLO extensions, and the TLS facts of STARTTLS (RFC
// 3207) or implicit TLS (RFC 8314). It uses PIPELINING (RFC 2920) when offered.
// Given credentials it authenticates with SMTP AUTH (RFC 4954: PLAIN, LOGIN,
// XOAUTH2, OAUTHBEARER), over verified TLS unless told otherwise, and it can
// probe message submission servers (RFC 6409). No mail is sent without
// Config.Data, and no secret reaches a Result.
//
// The probe observes and records; it never judges and never prints. Package
// report turns a Result into findings and a verdict.
package probe

import (
	"context"
	"crypto/x509"
	"net"
	"net/netip"
	"time"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dane"
	"github.com/smtpprobe/smtpprobe/dkim"
	"github.com/smtpprobe/smtpprobe/dmarc"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/specialaddr"
	"github.com/smtpprobe/smtpprobe/mtasts"
	"github.com/smtpprobe/smtpprobe/spf"
	"github.com/smtpprobe/smtpprobe/tlsrpt"
)

// StartTLSMode says whether the probe upgrades a plain connection with
// STARTTLS.
type StartTLSMode int

const (
	// StartTLSAuto uses STARTTLS when the server offers it, and when the
	// handshake fails holds the dialogue again in clear on a new
	// connection (Host.Retry), as opportunistic senders do.
	StartTLSAuto StartTLSMode = iota
	// StartTLSRequire uses STARTTLS and stops the dialogue, sending nothing
	// more in clear, when it is missing or fails.
	StartTLSRequire
	// StartTLSNever never sends STARTTLS.
	StartTLSNever
)

// Config is everything a probe needs besides the target. The zero value of
// each field means its documented default.
type Config struct {
	// Server, "host" or "host:port", skips the MX lookup (--server).
	Server string
	// Port is the SMTP port. Zero means 25, or 465 with ImplicitTLS, or
	// 587 with Submission alone.
	Port int
	// Helo is the name sent in EHLO and HELO. Empty means an address
	// literal of the connection's local address ("[192.0.2.1]"), the name
	// RFC 5321 section 4.1.4 gives a client with no fully qualified name;
	// LocalName finds this machine's, when it has one.
	Helo string
	// From is the reverse path for MAIL FROM; empty means the null sender <>.
	From string
	// Rcpt overrides the recipient derived from the target.
	Rcpt string
	// Vrfy, when set, is also sent as VRFY.
	Vrfy string
	// Data sends DATA with a small labelled test message. Without it no
	// mail is ever delivered: the dialogue ends with RSET and QUIT.
	Data bool
	// StartTLS is the STARTTLS policy.
	StartTLS StartTLSMode
	// ImplicitTLS starts TLS on connect (SMTPS).
	ImplicitTLS bool
	// Timeout bounds each step: connect, each reply, the TLS handshake.
	// Zero means 10s. The replies to the closing RSET and QUIT wait at
	// most 2s, and the context's deadline, when earlier, cuts any step.
	Timeout time.Duration
	// FirstAddress stops at the first address of each host that accepts
	// a connection, as a sender does, instead of probing every address
	// (IPv4 and IPv6) of every host, one Host each.
	FirstAddress bool
	// AllowSpecialAddresses connects to MX addresses in special-purpose
	// ranges (loopback, unspecified, link-local, documentation, ...) too.
	// Without it they are recorded as skipped attempts. An address of
	// Server is always connected to: the user named it.
	AllowSpecialAddresses bool
	// Checks selects the checks to run. checks.SMTP holds the dialogue;
	// without it no SMTP connection is made. The zero value means
	// checks.SMTP alone; the command line's default is checks.Default.
	Checks checks.Set
	// SendingIP is the address the user's mail leaves from, for the
	// sender checks; the zero Addr means none was given.
	SendingIP netip.Addr
	// DKIMSelectors are the DKIM selectors to check.
	DKIMSelectors []string
	// DNSBLZones are the DNS blocklist zones to ask.
	DNSBLZones []string
	// Resolver answers the DNS questions. Nil means a zero Resolver.
	Resolver *dnsx.Resolver
	// RootCAs verifies server certificates. Nil means the system roots.
	RootCAs *x509.CertPool
	// SystemRoots, when RootCAs is nil, are the system roots as the run
	// loads them, once and in the background (see SystemRoots). Nil
	// means that crypto/x509 loads them at the first verification.
	SystemRoots *SystemRoots
	// Dial opens connections. Nil means a net.Dialer. Tests use it to route
	// documentation addresses to loopback listeners.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// Now tells the time for certificate checks. Nil means time.Now.
	Now func() time.Time
	// Deadline bounds the probe's own time: DNS, checks and every
	// dialogue, a shared one (Pool) included. Time spent waiting at the
	// Gate for other probes of the same address, or in a shared session
	// for other targets' replies, does not count: each host's budget
	// moves later by what it waited. Zero means no bound but the
	// context's.
	Deadline time.Duration
	// QueueLimit, when positive, bounds the time a host's probe waits
	// (Host.Queued): at the Gate, for a shared session, for the replies to
	// other targets' RCPTs ahead of its own. A probe that has waited that
	// long ends with ErrQueued, a failure of the queue that says nothing
	// of the server, rather than wait on behind a stalled peer. Zero means
	// no bound but the context's.
	QueueLimit time.Duration
	// Pool, when set, shares sessions between the probes of targets whose
	// MX hosts coincide and batches their RCPTs (see Pool); nil holds one
	// dialogue per target and host. Only the plain MX probe shares: not
	// with Data, Vrfy, Auth or Submission.
	Pool *Pool
	// Gate keeps to one connection per IP address at a time. Share one
	// Gate between the Runs of several targets; nil means a Gate per Run.
	Gate *Gate
	// Submission selects the message submission profile (RFC 6409): Port
	// defaults to 587 (465 with ImplicitTLS), and Host.Auth records the
	// AUTH offer even without credentials. The caller sets StartTLS
	// (the command line requires it).
	Submission bool
	// Auth, when set, authenticates with SMTP AUTH (RFC 4954) after the
	// EHLO that follows TLS and before MAIL FROM. Nil sends no AUTH.
	Auth *Auth
}

// Target is what the user asked to probe.
type Target struct {
	Input  string // as given, for the report
	Domain string // A-label form, no final dot
	Rcpt   string // recipient for RCPT TO: the address given, or postmaster@Domain
}

// Result holds the facts gathered for one target.
type Result struct {
	Target Target
	Server string        // Config.Server when the MX lookup was skipped
	From   string        // Config.From, the reverse path: "" for the null sender <>
	DNS    dnsx.MXResult // the MX lookup; with Server set only Queries, of its address lookup
	// DNSErr says why no host could be found, so none was probed: the
	// resolver failed or has no configuration, the domain's own CNAME
	// chain loops or is too long, or the domain or Server cannot be asked
	// about (see dnsx.LookupMX and LookupHost; a bad Server or Port).
	DNSErr   error
	Hosts    []Host        // one per host and address (per host with FirstAddress), in MX order
	Started  time.Time     // when the probe began
	Duration time.Duration // wall time of the whole probe, less Queued
	// Queued is the part of the wall time in which the probe only waited
	// at the Gate for other probes of the same addresses, or on a shared
	// session (Pool) for other targets' replies: queue time, not the
	// servers'.
	Queued time.Duration
	// Submission is Config.Submission: the probe tested a message
	// submission server, where AUTH is expected.
	Submission bool
	// RequireTLS says the dialogue required TLS, with no fallback to
	// plain text: STARTTLS in require mode, or implicit TLS.
	RequireTLS bool
	// Ran is the set of checks the probe ran (Config.Checks with its
	// default). Without checks.SMTP the Hosts hold no dialogue.
	Ran checks.Set
	// Checks holds the facts of the domain-level checks; per-host ones
	// are in each Host.
	Checks Checks
}

// Checks holds the facts each domain-level check gathered. A nil field is
// a check that did not run.
type Checks struct {
	// DNSSEC holds the resolver's self-test and the AD bit, rcode and
	// Extended DNS Errors of the MX lookup's answers.
	DNSSEC *dnsx.DNSSEC
	// SPF is the SPF walk of the sender domain, with the result for
	// Config.SendingIP when one was given.
	SPF *spf.Facts
	// DMARC is the DMARC policy of the sender domain.
	DMARC *dmarc.Facts
	// DKIM holds the key records of Config.DKIMSelectors; with none it
	// holds no selector (nothing can be known without one).
	DKIM *dkim.Facts
	// SendingIP is the reverse DNS of Config.SendingIP, when given.
	SendingIP *SendingIP
	// DNSBL holds the blocklists' answers about every MX address and the
	// sending address.
	DNSBL *DNSBL
	// TLSRPT holds the TLS-RPT record (RFC 8460).
	TLSRPT *tlsrpt.Facts
	// MTASTS holds the MTA-STS record and policy (RFC 8461).
	MTASTS *mtasts.Facts
}

// DANEFacts are the DANE facts of one host entry.
type DANEFacts struct {
	dane.Facts
	// Match is how the chain of the STARTTLS handshake matched the
	// usable records; nil when there was no chain to match (no records,
	// no handshake).
	Match *dane.Match
}

// PTRFacts is the reverse DNS of a host's address, for the ptr check.
type PTRFacts struct {
	dnsx.Reverse
	// Err says why the PTR question got no answer; "" when it got one.
	Err string
	// Broken says Err is the zone's, not the resolver's: a CNAME chain
	// (RFC 2317 delegation) that loops or is too long (dnsx.ErrCNAME).
	Broken bool
	// Queued says the question was never sent: its time ran out while
	// the run's other DNS queries held every slot (dnsx.ErrNoSlot).
	Queued bool
}

// Host holds the facts of the dialogue with one mail server.
type Host struct {
	Name       string     // MX host name, or the --server host
	Preference uint16     // MX preference
	Addr       netip.Addr // the address talked to; invalid when none accepted a connection
	Port       int
	Attempts   []Attempt // each address tried, in order, with why it failed
	// ExtensionsBeforeTLS is the EHLO extension list before STARTTLS; nil
	// when no STARTTLS happened.
	ExtensionsBeforeTLS map[string]string
	// Extensions is the last EHLO extension list: keyword (upper case) to
	// its parameters.
	Extensions map[string]string
	TLS        *TLSInfo // nil when no TLS was attempted
	Steps      []Step   // every reply in the order received
	Err        *Error   // why the dialogue ended early; nil when it ran to the end
	// CloseErr says why the reply to the closing RSET or QUIT did not come.
	// It is recorded for the transcript and never changes the verdict: the
	// answer the probe asked for had already been given.
	CloseErr *Error
	// Duration is the time from the first connection attempt to the end of
	// the dialogue; Queued is not part of it.
	Duration time.Duration
	// Queued is how long the probe waited at the Gate before connecting,
	// while other probes talked to the same address, or, on a shared
	// session (Host.Shared), for the session and for the replies to other
	// targets. No step counts it.
	Queued time.Duration
	// Retry is the dialogue held again in clear, on a new connection
	// without STARTTLS, after the STARTTLS handshake failed in
	// StartTLSAuto mode: what an opportunistic sender such as Postfix does
	// next, so it says whether mail gets through. Nil otherwise; a Retry
	// has no Retry of its own.
	Retry *Host
	// ImplicitTLSPort says that the port sent no greeting in clear and a
	// TLS handshake on a new connection succeeded: it speaks implicit TLS
	// (RFC 8314), and the probe lacked Config.ImplicitTLS.
	ImplicitTLSPort bool
	// Software is the mail server software the greeting or the EHLO reply
	// names (IdentifySoftware); SoftwareUnknown when they name none.
	Software Software
	// Helo is the name the probe sent in EHLO and HELO: Config.Helo or
	// the address literal of its default. A server that refuses it
	// refuses the probe's own name, not anything of the domain's.
	Helo string
	// Auth records SMTP AUTH when Config.Auth or Config.Submission asked
	// for it and the dialogue got that far; nil otherwise.
	Auth *AuthInfo
	// DANE holds the host's TLSA records and how the chain of this
	// address's handshake matched them (the dane check); nil when the
	// check did not run.
	DANE *DANEFacts
	// PTR is the reverse DNS of the host's address (the ptr check); nil
	// when the check did not run or the host had no address.
	PTR *PTRFacts
	// Shared is set when the dialogue was a transaction in a session
	// shared with other targets (Config.Pool): Steps then hold the
	// session's greeting, EHLO and TLS steps, and this target's MAIL, RCPT
	// and RSET replies.
	Shared *SharedSession
	// Untestable says no address of the host could be reached from this
	// machine for a reason of its own (no route to the address family,
	// such as IPv6 on an IPv4-only network), so nothing is known of the
	// server.
	Untestable bool
}

// EntryAddr returns the one address this entry of the hosts is about: the
// address talked to, or the only address tried; invalid when several were
// tried and none accepted a connection (Config.FirstAddress), or none was.
func (h Host) EntryAddr() netip.Addr {
	if !h.Addr.IsValid() && len(h.Attempts) == 1 {
		return h.Attempts[0].Addr
	}
	return h.Addr
}

// AddrTried returns the address talked to or, when none accepted a
// connection, the last address tried (or skipped), so that a report can
// name the address that failed; invalid when there was none.
func (h Host) AddrTried() netip.Addr {
	if h.Addr.IsValid() || len(h.Attempts) == 0 {
		return h.Addr
	}
	return h.Attempts[len(h.Attempts)-1].Addr
}

// Attempt records one connection attempt to an address of a host.
type Attempt struct {
	Addr     netip.Addr
	Duration time.Duration
	Err      *Error // nil when the connection was accepted
	// Special is the special-purpose range (loopback, documentation,
	// link-local, ...) an address found through DNS lies in; the zero
	// Range when it lies in none, and always for the --server host, which
	// is the user's own choice.
	Special specialaddr.Range
	// Skipped says the address was not dialled because it is Special and
	// Config.AllowSpecialAddresses is off: the probe does not connect to
	// the local machine or to ranges no public server uses because DNS
	// said so.
	Skipped bool
}

// Step is one command and the reply it got. The greeting is the step with
// an empty Command.
type Step struct {
	// Kind is what the step did: StepGreeting, or the command it sent.
	Kind     StepKind
	Command  string        // as sent, secrets redacted
	Reply    Reply         // Code 0 when no reply came (see Host.Err)
	Duration time.Duration // from sending the command (or connecting) to the end of the reply
	// Pipelined is set when the command went out in one write with others
	// (RFC 2920). Its Duration then counts from the end of the previous
	// reply, or from the write, whichever is later.
	Pipelined bool
	// WithPrevious is set when the reply arrived together with the
	// previous step's: a server that answers a pipelined group at once
	// (Postfix holds its replies until the whole group is read), so the
	// wait shown on the first reply of the batch belongs to all of its
	// commands, not to that one.
	WithPrevious bool
}

// Reply is an SMTP reply.
type Reply struct {
	Code     int      // the basic status code
	Enhanced string   // RFC 3463 enhanced status code "x.y.z", "" when the text has none
	Lines    []string // the text of each line, without the code and separator
}

// TLSInfo holds the facts of a TLS negotiation. Each is recorded on its own:
// a handshake can succeed with a certificate that does not verify.
type TLSInfo struct {
	Implicit       bool   // TLS from the first byte rather than STARTTLS
	HandshakeError string // "" when the handshake succeeded
	Version        string // "TLS 1.3"
	CipherSuite    string // "TLS_AES_128_GCM_SHA256"
	ServerName     string // the name verified against (the MX host name)
	Chain          []Cert // as the server sent it, leaf first
	// Certificates is the chain itself, for the DANE match; renderers
	// show Chain.
	Certificates []*x509.Certificate
	Verified     bool   // the chain verifies against the roots for ServerName
	VerifyError  string // why it does not, "" when it does
	// NameError and ChainError split VerifyError, which names only the
	// first problem x509 finds (expiry, then name, then chain), into facts
	// of their own, checked apart whenever VerifyError is set and the
	// server sent a certificate: NameError says why the leaf does not match
	// ServerName, ChainError why the chain does not verify whatever the
	// name (an untrusted root, or a certificate expired or not yet valid).
	// Both are "" when Verified or when no certificate came.
	NameError  string
	ChainError string
	// DiscardedBytes counts bytes that arrived after the 220 to STARTTLS
	// and before the handshake. They were thrown away unread: a server (or
	// a man in the middle) that sends them is trying response injection
	// (CVE-2011-0411).
	DiscardedBytes int
	// PlainGreeting says that, with implicit TLS, the server answered the
	// ClientHello with a plain SMTP greeting ("220 "): the port speaks
	// plain SMTP.
	PlainGreeting bool
	// Duration is the time the handshake took.
	Duration time.Duration
}

// Cert is the part of a certificate the report shows.
type Cert struct {
	Subject   string
	Issuer    string
	DNSNames  []string
	NotBefore time.Time
	NotAfter  time.Time
}

// ErrorKind classifies why a dialogue ended early, so that the report can
// tell a blocked port from a dead server.
type ErrorKind string

// The kinds of Error.
const (
	ErrTimeout  ErrorKind = "timeout"  // no answer within the step's timeout or before the run's deadline
	ErrRefused  ErrorKind = "refused"  // connection refused (RST on connect)
	ErrReset    ErrorKind = "reset"    // connection reset by the peer
	ErrClosed   ErrorKind = "closed"   // the peer closed the connection (EOF)
	ErrNetwork  ErrorKind = "network"  // other network errors: host unreachable; or the host has no address
	ErrNoRoute  ErrorKind = "no-route" // this machine has no route to the address (network unreachable, no source address of its family)
	ErrTLS      ErrorKind = "tls"      // the TLS handshake failed
	ErrProtocol ErrorKind = "protocol" // the peer's bytes are not SMTP
	ErrPolicy   ErrorKind = "policy"   // the probe stopped on purpose: STARTTLS required but missing, credentials withheld, a command with CR or LF
	ErrCanceled ErrorKind = "canceled" // the run was interrupted
	// ErrQueued: the caller's time ran out while the probe waited at the
	// Gate for other probes of the same address, or in a dialogue that
	// would have had the time without that wait. Not the server's doing.
	ErrQueued ErrorKind = "queued"
	// ErrRenegotiation: the server asked to renegotiate TLS 1.2 and the
	// probe refused, as modern clients do; the probe ended the session.
	ErrRenegotiation ErrorKind = "renegotiation"
)

// Error says which step of a dialogue failed and how.
type Error struct {
	Step StepKind // where the dialogue ended: StepConnect, StepGreeting, StepHandshake, StepMail, ...
	Kind ErrorKind
	Err  error
}

func (e *Error) Error() string { return string(e.Step) + ": " + e.Err.Error() }

// StepKind is what a step of the dialogue did: the command it sent, or the
// greeting it waited for. Its value is the name an Error gives the step
// ("MAIL FROM: ..."). Judging switches on it; the command text is only
// for people.
type StepKind string

// The kinds of steps. StepConnect and StepHandshake appear only in
// Error.Step: they get no reply.
const (
	StepConnect   StepKind = "connect"       // the TCP connection
	StepHandshake StepKind = "TLS handshake" // implicit TLS, or after STARTTLS
	StepGreeting  StepKind = "greeting"      // the server's first reply
	StepEHLO      StepKind = "EHLO"
	StepHELO      StepKind = "HELO" // after EHLO was not understood
	StepStartTLS  StepKind = "STARTTLS"
	// StepAuth is the AUTH command and each SASL response that follows it
	// (recorded as Redacted), and the cancel "*".
	StepAuth      StepKind = "AUTH"
	StepMail      StepKind = "MAIL FROM"
	StepRcpt      StepKind = "RCPT TO"
	StepVrfy      StepKind = "VRFY"
	StepData      StepKind = "DATA"
	StepEndOfData StepKind = "end of data" // the final "." of the test message
	StepRset      StepKind = "RSET"
	StepQuit      StepKind = "QUIT"
)

func (e *Error) Unwrap() error { return e.Err }
