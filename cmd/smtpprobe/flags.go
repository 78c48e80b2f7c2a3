package main

import (
	"errors"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/hostport"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// options holds the command line after parsing, before it becomes a
// probe.Config and report.Options.
type options struct {
	server       string
	port         portFlag
	resolver     string
	helo         string
	from         string
	rcpt         string
	vrfy         string
	data         bool
	starttls     string
	tls          bool
	timeout      time.Duration
	deadline     time.Duration
	deadlineSet  bool // --deadline was given: 0 is then a mistake, not the default
	checksSet    bool // --checks was given: --submission's default does not apply
	output       string
	color        colorFlags
	lang         string
	concurrency  int
	allAddresses bool
	firstAddress bool
	allowSpecial bool
	checks       string
	sendingIP    string
	dkimSelector []string
	dnsbl        []string
	certWarnDays int
	certCritDays int
	warningTime  time.Duration
	criticalTime time.Duration
	quiet        bool
	file         string
	ordered      bool
	noReuse      bool
	caFile       string
	version      bool
	help         bool
	auth         authOptions // --submission and the AUTH flags (auth.go)
}

// defaultConcurrency suits a laptop: enough to hide network latency across
// many targets without looking like a flood to any one network.
const defaultConcurrency = 20

func newFlagSet(o *options) *pflag.FlagSet {
	fs := pflag.NewFlagSet("smtpprobe", pflag.ContinueOnError)
	fs.SortFlags = false
	fs.StringVarP(&o.server, "server", "s", "", "skip the MX lookup and talk to `HOST[:PORT]` (the domain is still used for RCPT)")
	fs.VarP(&o.port, "port", "p", "SMTP `port` (default 25; 465 with implicit TLS, 587 for submission)")
	fs.StringVar(&o.resolver, "resolver", "", "DNS server to ask, `ADDR[:PORT]` (default: the system's, from /etc/resolv.conf)")
	fs.StringVar(&o.helo, "helo", "", "`name` sent in EHLO/HELO (default: this host's fully qualified name, else an address literal such as [192.0.2.7])")
	fs.StringVar(&o.from, "from", "", "reverse path `ADDR` for MAIL FROM (default, and \"\": the null sender <>; when authenticating, the --auth-user address)")
	fs.StringVar(&o.rcpt, "rcpt", "", "recipient `ADDR` for RCPT TO (default: the target address, or postmaster@DOMAIN)")
	fs.StringVar(&o.vrfy, "vrfy", "", "also send VRFY `ADDR` and report the reply")
	fs.BoolVar(&o.data, "data", false, "also send DATA with a small, clearly labelled test message (delivers mail!)")
	fs.StringVar(&o.starttls, "starttls", "auto", "STARTTLS `mode`: auto (use when offered), require (missing is critical), never")
	fs.BoolVar(&o.tls, "tls", false, "implicit TLS from the first byte (SMTPS, usually port 465)")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "limit for each step: connect, each reply, TLS handshake")
	fs.DurationVar(&o.deadline, "deadline", 0, "limit for the whole probe of one target (default: --timeout times the number of steps)")
	addAuthFlags(fs, &o.auth)
	fs.StringVarP(&o.output, "output", "o", "text", "output `format`: text, json, nagios, prometheus")
	addColorFlags(fs, &o.color)
	fs.StringVar(&o.lang, "lang", "", "language of explanations, `LANG`: en or ja (default: from LC_ALL, LC_MESSAGES or LANG, else en)")
	fs.IntVarP(&o.concurrency, "concurrency", "c", defaultConcurrency, "targets probed at once when there are several")
	fs.StringVar(&o.checks, "checks", "inbound", "checks to run, a comma-separated `LIST` of names and groups (inbound = smtp,dnssec,dane,mta-sts,tls-rpt,ptr; sender = spf,dmarc,dkim; all; dnsbl); +NAME and -NAME change the default (smtp with --submission, whose target is a login, not a domain receiving mail)")
	fs.StringVar(&o.sendingIP, "sending-ip", "", "the public `IP` your mail leaves from: SPF is evaluated for it, its reverse DNS checked, and with dnsbl its listings")
	fs.StringArrayVar(&o.dkimSelector, "dkim-selector", nil, "a DKIM `selector` to check (repeatable; the s= of a DKIM-Signature header)")
	fs.StringArrayVar(&o.dnsbl, "dnsbl", nil, "a DNS blocklist `ZONE` to ask about every MX address and the --sending-ip (repeatable; implies --checks +dnsbl; no list is asked unless named)")
	fs.BoolVar(&o.firstAddress, "first-address", false, "stop at the first address of each MX host that accepts a connection, instead of probing every address")
	fs.BoolVar(&o.allowSpecial, "allow-special-addresses", false, "connect to MX addresses found in DNS that lie in special-purpose ranges (loopback, documentation, link-local, ...) instead of only flagging them; for labs and tests (a --server address is always probed)")
	fs.BoolVar(&o.allAddresses, "all-addresses", false, "probe every address of every MX host (the default; kept for old scripts)")
	fs.IntVar(&o.certWarnDays, "cert-warn-days", 14, "warn when a certificate expires within this many `days`")
	fs.IntVar(&o.certCritDays, "cert-crit-days", 0, "critical when a certificate expires within this many `days` (default: off)")
	fs.DurationVar(&o.warningTime, "warning-time", 0, "warning when the whole probe of a target takes longer (default: off)")
	fs.DurationVar(&o.criticalTime, "critical-time", 0, "critical when the whole probe of a target takes longer (default: off)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "print nothing when the status is ok (for cron)")
	fs.StringVarP(&o.file, "file", "f", "", "read targets from `FILE` (- for standard input), one per line (# comments and blank lines skipped)")
	fs.BoolVar(&o.ordered, "ordered", false, "with several targets, print results in input order rather than as they finish")
	fs.BoolVar(&o.noReuse, "no-reuse", false, "hold one dialogue per target and MX host, one connection per address at a time, instead of sharing sessions between targets whose MX hosts coincide")
	fs.StringVar(&o.caFile, "ca-file", "", "verify server certificates against the PEM roots in `FILE` (default: the system's)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.BoolVarP(&o.help, "help", "h", false, "show this help")
	return fs
}

// probeConfig checks the options and turns them into a probe.Config. Every
// value that reaches the wire is validated here, so that a bad flag is one
// line on stderr rather than a confused dialogue.
func (o *options) probeConfig(hostname func() string) (probe.Config, error) {
	var cfg probe.Config
	switch o.starttls {
	case "auto":
		cfg.StartTLS = probe.StartTLSAuto
	case "require":
		cfg.StartTLS = probe.StartTLSRequire
	case "never":
		cfg.StartTLS = probe.StartTLSNever
	default:
		return cfg, optionErrorf("%s %q: want auto, require or never", option("starttls"), o.starttls)
	}
	if o.tls && cfg.StartTLS == probe.StartTLSNever {
		return cfg, optionErrorf("%s and %s never contradict each other", option("tls"), option("starttls"))
	}
	if o.timeout <= 0 {
		return cfg, optionErrorf("%s %s: want a positive duration such as 10s", option("timeout"), o.timeout)
	}
	if o.deadline < 0 || (o.deadlineSet && o.deadline == 0) {
		return cfg, optionErrorf("%s %s: want a positive duration such as 2m", option("deadline"), o.deadline)
	}
	if o.concurrency < 1 {
		return cfg, optionErrorf("%s %d: want at least 1", option("concurrency"), o.concurrency)
	}
	if o.certWarnDays < 1 {
		// report.Options takes 0 for its default of 14 days, which is not
		// what "--cert-warn-days 0" asks for.
		return cfg, optionErrorf("%s %d: want 1 or more", option("cert-warn-days"), o.certWarnDays)
	}
	if o.certCritDays < 0 {
		return cfg, optionErrorf("%s %d: want 0 or more", option("cert-crit-days"), o.certCritDays)
	}
	if o.warningTime < 0 || o.criticalTime < 0 {
		return cfg, optionErrorf("%s and %s want positive durations such as 5s", option("warning-time"), option("critical-time"))
	}
	if o.server != "" {
		if _, err := hostport.Parse(o.server, 0); err != nil {
			return cfg, optionErrorf("%s %q: %w", option("server"), o.server, err)
		}
	}
	if o.firstAddress && o.allAddresses {
		return cfg, optionErrorf("%s and %s contradict each other", option("first-address"), option("all-addresses"))
	}
	// A submission probe tests a server the user sends through; the
	// inbound checks of the recipient's domain say nothing about it.
	def := checks.Default
	if o.auth.submission {
		def = checks.Of(checks.SMTP)
	}
	list := o.checks
	if !o.checksSet {
		list = "+smtp" // the default set as it is
	}
	set, err := checks.ParseFrom(list, def)
	if err != nil {
		return cfg, optionErrorf("%s: %w", option("checks"), err)
	}
	if err := o.senderInputs(&cfg); err != nil {
		return cfg, err
	}
	if len(cfg.DNSBLZones) > 0 {
		set = set.With(checks.Of(checks.DNSBL))
	} else if set.Has(checks.DNSBL) {
		return cfg, optionErrorf("%s dnsbl: name a blocklist with %s ZONE (no list is asked unless named: they have terms of use)", option("checks"), option("dnsbl"))
	}
	// Without --helo: this machine's fully qualified name, or, when it has
	// none (a laptop called "mybox"), "" for the probe's address literal,
	// which servers that refuse bare host names accept.
	helo := hostname()
	if o.helo != "" {
		if helo, err = probe.ParseHelo(o.helo); err != nil {
			return cfg, optionErrorf("%s: %w", option("helo"), err)
		}
	}
	from, rcpt, vrfy := o.from, o.rcpt, o.vrfy
	if from != "" {
		if from, err = probe.ParseAddress(from); err != nil {
			return cfg, optionErrorf("%s: %w", option("from"), err)
		}
	}
	if rcpt != "" {
		if rcpt, err = probe.ParseAddress(rcpt); err != nil {
			return cfg, optionErrorf("%s: %w", option("rcpt"), err)
		}
	}
	if vrfy != "" {
		if vrfy, err = probe.ParseVrfy(vrfy); err != nil {
			return cfg, optionErrorf("%s: %w", option("vrfy"), err)
		}
	}
	// One cache and one gate for the whole run: targets that share mail
	// servers ask DNS once and never open two connections to one address.
	// One limit too: however many targets run at once, at most
	// DefaultMaxInFlight DNS queries are out at a time.
	res := &dnsx.Resolver{Cache: &dnsx.Cache{}, Limit: dnsx.NewQueryLimit(dnsx.DefaultMaxInFlight)}
	if o.timeout < dnsx.DefaultTimeout {
		// A short --timeout asks for a quick answer; DNS keeps to it too.
		// Otherwise resolv.conf's timeout applies per attempt.
		res.Timeout = o.timeout
	}
	if o.resolver != "" {
		addr, err := dnsx.ParseServer(o.resolver)
		if err != nil {
			return cfg, optionErrorf("%s: %w", option("resolver"), err)
		}
		res.Servers = []string{addr}
	}
	cfg.Gate = &probe.Gate{}
	// The system roots too are the run's: loaded once, in the background,
	// for all its probes (unless --ca-file replaces them).
	cfg.SystemRoots = &probe.SystemRoots{}
	cfg.Server = o.server
	cfg.Port = int(o.port)
	cfg.Helo = helo
	cfg.From = from
	cfg.Rcpt = rcpt
	cfg.Vrfy = vrfy
	cfg.Data = o.data
	cfg.ImplicitTLS = o.tls
	cfg.Timeout = o.timeout
	cfg.FirstAddress = o.firstAddress
	cfg.AllowSpecialAddresses = o.allowSpecial
	cfg.Checks = set
	cfg.Resolver = res
	return cfg, nil
}

// senderInputs checks --sending-ip, --dkim-selector and --dnsbl into cfg.
func (o *options) senderInputs(cfg *probe.Config) error {
	if o.sendingIP != "" {
		addr, err := netip.ParseAddr(strings.Trim(o.sendingIP, "[]"))
		if err != nil || addr.Zone() != "" {
			return optionErrorf("%s %q: want an IPv4 or IPv6 address", option("sending-ip"), o.sendingIP)
		}
		cfg.SendingIP = addr.Unmap()
	}
	// A serve module's YAML list arrives as one value joined by commas.
	for _, s := range splitList(o.dkimSelector) {
		if !dnsName(s, false) {
			return optionErrorf("%s %q: want a selector such as s1 or google (the s= of a DKIM-Signature header)", option("dkim-selector"), s)
		}
		cfg.DKIMSelectors = append(cfg.DKIMSelectors, strings.ToLower(s))
	}
	for _, z := range splitList(o.dnsbl) {
		z = strings.ToLower(strings.TrimSuffix(z, "."))
		if !dnsName(z, true) {
			return optionErrorf("%s %q: want a blocklist zone such as zen.spamhaus.org", option("dnsbl"), z)
		}
		if !slices.Contains(cfg.DNSBLZones, z) {
			cfg.DNSBLZones = append(cfg.DNSBLZones, z)
		}
	}
	return nil
}

// splitList splits every value at commas.
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, s := range strings.Split(v, ",") {
			out = append(out, strings.TrimSpace(s))
		}
	}
	return out
}

// dnsName checks a name of DNS labels (letters, digits, hyphens and
// underscores, at most 63 bytes each, 253 in all); a zone needs two
// labels or more.
func dnsName(s string, zone bool) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	if zone && len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range []byte(l) {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// reportOptions is how report judges and shows the results of probes run
// with cfg, the probe configuration of o.
func (o *options) reportOptions(lang catalog.Lang, cfg probe.Config) report.Options {
	return report.Options{
		Lang:         lang,
		CertWarnDays: o.certWarnDays,
		CertCritDays: o.certCritDays,
		WarningTime:  o.warningTime,
		CriticalTime: o.criticalTime,
	}
}

// portFlag is --port: a port from 1 to 65535. Unset it is 0, which
// probe.Config takes for the default port; "--port 0" (and "port=0" in
// the exporter) is refused like any other port that names no server.
type portFlag int

func (p *portFlag) Set(s string) error {
	n, err := hostport.ParsePort(s)
	if err != nil {
		return errors.New("want a number from 1 to 65535")
	}
	*p = portFlag(n)
	return nil
}

func (p *portFlag) String() string { return strconv.Itoa(int(*p)) }

func (p *portFlag) Type() string { return "port" }

// language picks the language of explanations: --lang, else the locale
// environment the way setlocale reads it (LC_ALL over LC_MESSAGES over LANG).
func language(flag string, getenv func(string) string) (catalog.Lang, error) {
	switch flag {
	case "en":
		return catalog.English, nil
	case "ja":
		return catalog.Japanese, nil
	case "":
	default:
		return "", optionErrorf("%s %q: want en or ja", option("lang"), flag)
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := getenv(v); l != "" {
			if strings.HasPrefix(l, "ja") {
				return catalog.Japanese, nil
			}
			return catalog.English, nil
		}
	}
	return catalog.English, nil
}

// runDeadline bounds the whole probe of one target. Unless --deadline says
// otherwise it allows every step of the dialogue asked for its full
// --timeout, plus two DNS lookups: a server that uses every second of every
// step still gets a complete report, and one that stalls cannot hold a cron
// job or a Nagios check for longer than that.
func (o *options) runDeadline() time.Duration {
	if o.deadline > 0 {
		return o.deadline
	}
	steps := 2 + 6 // DNS MX and address; connect, greeting, EHLO, MAIL, RCPT, RSET+QUIT
	if o.starttls != "never" || o.tls {
		steps += 3 // STARTTLS, handshake, EHLO again
	}
	if o.vrfy != "" {
		steps++
	}
	if o.data {
		steps += 2 // DATA, end of data
	}
	steps += o.auth.authDeadlineSteps()
	return time.Duration(steps) * o.timeout
}
