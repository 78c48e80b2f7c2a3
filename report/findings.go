package report

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/textfmt"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// The IDs of the findings Assess makes. Each but FindingReply names an
// entry of catalog.FindingText (TestFindingIDsHaveTexts lists them all,
// with those of findings_auth.go and thresholds.go); a reply finding is
// explained by catalog.Diagnose instead.
const (
	FindingReply = "reply" // a reply that a healthy exchange does not get

	FindingResolverFailed = "resolver-failed" // unknown: the resolver failed
	FindingNXDomain       = "nxdomain"        // critical
	FindingCNAMEBroken    = "cname-broken"    // critical: the domain's CNAME chain loops or is too long
	FindingNullMX         = "null-mx"         // critical: RFC 7505
	FindingNoMailHost     = "no-mail-host"    // critical: no MX, no address
	FindingImplicitMX     = "implicit-mx"     // info: RFC 5321 section 5.1
	FindingMXCNAME        = "mx-cname"        // warning
	FindingMXIPLiteral    = "mx-ip-literal"   // warning
	FindingMXNoAddress    = "mx-no-address"   // critical, warning when another MX takes the mail
	// FindingMXResolveFailed: the resolver failed on an MX host's
	// addresses; unknown, since nothing is known of them.
	FindingMXResolveFailed = "mx-resolve-failed"
	// FindingMXInvalidName: the exchange is not a host name (spaces,
	// control bytes, escapes); critical, warning when another MX takes
	// the mail.
	FindingMXInvalidName = "mx-invalid-name"
	// FindingMXSpecialAddress: an MX address in a special-purpose range,
	// not connected to; critical for loopback and unspecified (a sender
	// would talk to itself), else critical only when no other MX takes
	// the mail.
	FindingMXSpecialAddress = "mx-special-address"
	// FindingMXSpecialProbed: the same, connected to because the user
	// allowed it (--allow-special-addresses); info.
	FindingMXSpecialProbed = "mx-special-address-probed"

	FindingPortBlocked     = "port-blocked"     // critical: every host timed out or refused
	FindingServersDown     = "servers-down"     // critical: hosts reached, no session opened
	FindingHostUnreachable = "host-unreachable" // critical, warning when another MX takes the mail
	FindingDialogueFailed  = "dialogue-failed"  // critical, warning when another MX takes the mail
	FindingProtocolError   = "protocol-error"   // critical, warning when another MX takes the mail
	FindingGreetingTimeout = "greeting-timeout" // critical, warning when another MX takes the mail
	FindingGreetingDelay   = "greeting-delay"   // info
	FindingThrottled       = "throttled"        // warning (critical for a 5xx)
	FindingInterrupted     = "interrupted"      // unknown
	FindingQueued          = "queued"           // unknown: the time went waiting for other probes of the address
	FindingDNSQueued       = "dns-queued"       // unknown: the MX question waited for a DNS slot until the time ran out
	FindingProbeStopped    = "probe-stopped"    // unknown

	// FindingAddressUnreachable is one address of a host taking no
	// connection while another address of it took one: critical, warning
	// when another address or MX takes the mail.
	FindingAddressUnreachable = "address-unreachable"

	FindingStartTLSNotOffered = "starttls-not-offered" // info
	FindingStartTLSRequired   = "starttls-required"    // critical
	FindingTLSHandshake       = "tls-handshake-failed" // warning, critical with Result.RequireTLS
	FindingTLSUntrusted       = "tls-untrusted"        // warning
	FindingTLSNameMismatch    = "tls-name-mismatch"    // warning
	FindingTLSExpired         = "tls-expired"          // warning
	FindingTLSExpiresSoon     = "tls-expires-soon"     // warning
	FindingTLSVerifyFailed    = "tls-verify-failed"    // warning
)

// slowGreeting is the greeting time from which a greeting counts as
// deliberately delayed. Healthy servers greet within a second; postscreen
// waits 6s and Sendmail's greet_pause is often 5s, while a sender waits up
// to 5 minutes (RFC 5321 section 4.5.3.2).
const slowGreeting = 4 * time.Second

// healthy tells whether a reply is what a healthy exchange gets for the
// step it answers.
func healthy(kind probe.StepKind, code int) bool {
	switch kind {
	case probe.StepGreeting, probe.StepStartTLS:
		return code == probe.CodeReady
	case probe.StepData:
		return code == probe.CodeStartMail
	case probe.StepQuit:
		return code == probe.CodeClosing
	case probe.StepVrfy:
		return code >= 250 && code <= 252
	case probe.StepAuth:
		return code == probe.CodeAuthOK || code == probe.CodeAuthChallenge
	}
	return code >= 200 && code < 300
}

// transactionStep tells whether a step is part of the mail transaction,
// whose refusal stops the mail.
func transactionStep(kind probe.StepKind) bool {
	switch kind {
	case probe.StepMail, probe.StepRcpt, probe.StepData, probe.StepEndOfData:
		return true
	}
	return false
}

// replySeverity judges a reply that is not healthy. prior is set when an
// earlier reply of the same dialogue already failed the transaction, and
// heloFallback when EHLO was answered 500/502 and HELO then worked.
func replySeverity(kind probe.StepKind, code int, prior, heloFallback bool) Status {
	switch {
	case kind == probe.StepVrfy || kind == probe.StepRset || kind == probe.StepQuit:
		// Optional or closing commands: what they get does not decide
		// whether mail is delivered.
		return OK
	case kind == probe.StepEHLO && heloFallback:
		return OK
	case kind == probe.StepStartTLS:
		// The dialogue goes on in clear; only a sender that requires TLS
		// stops (probe reports that as a policy error).
		return Warning
	case code >= 500 && code < 600:
		return Critical
	}
	return Warning
}

// consequence tells whether a reply, after an earlier refusal in the same
// transaction, is only its consequence: "bad sequence of commands" (503
// "sender not yet given" to the RCPT pipelined behind a refused MAIL; 502
// "Missing MAIL FROM command" from go-smtp) or "no valid recipients" (554
// to DATA). It is the probe's own pipelining that sent the command, and
// the earlier refusal says what is wrong.
func consequence(kind probe.StepKind, code int) bool {
	return transactionStep(kind) && kind != probe.StepMail &&
		(code == probe.CodeBadSequence || code == probe.CodeNotImplemented || code == probe.CodeFailed)
}

// rateLimitText matches the wording of rate-limit and connection-limit
// replies of common MTAs and large providers. It is compiled on first use:
// no work at init.
var rateLimitText = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)too many (connections|concurrent|sessions|messages|recipients|mails|errors|hosts)|rate.?limit|throttl|slow down|too fast|connection (count |rate )?limit|limit exceeded|exceeded .*(rate|limit|quota)|try again later.*(load|busy)|unusual rate|temporarily deferred due to`)
})

// throttled tells whether a negative reply is a rate limit: the catalog
// says so, or its text does.
func throttled(code int, enhanced, text string, d catalog.Diagnosis) bool {
	if code < 400 || code >= 600 {
		return false
	}
	if d.Category == catalog.CategoryRateLimit || enhanced == "4.7.28" || enhanced == "4.3.2" && strings.Contains(strings.ToLower(text), "connection") {
		return true
	}
	return rateLimitText().MatchString(text)
}

// replyText joins the lines of a reply as the catalog reads them.
func replyText(r probe.Reply) string { return strings.Join(r.Lines, "\n") }

// firstLine returns the first line of a reply with its enhanced code in
// front, as an operator quotes it: "5.1.1 <a@example.com>: user does not exist",
// made safe with clean.
func firstLine(r probe.Reply) string {
	line := ""
	if len(r.Lines) > 0 {
		line = strings.TrimSpace(textfmt.Clean(r.Lines[0]))
	}
	if r.Enhanced != "" && !strings.HasPrefix(line, r.Enhanced) {
		line = strings.TrimSpace(r.Enhanced + " " + line)
	}
	return line
}

// fill replaces the placeholders of a finding text.
func fill(d catalog.Diagnosis, vars map[string]string) catalog.Diagnosis {
	if len(vars) == 0 {
		return d
	}
	pairs := make([]string, 0, 2*len(vars))
	for k, v := range vars {
		pairs = append(pairs, "{"+k+"}", v)
	}
	r := strings.NewReplacer(pairs...)
	d.Title, d.Meaning, d.When, d.Fix = r.Replace(d.Title), r.Replace(d.Meaning), r.Replace(d.When), r.Replace(d.Fix)
	return d
}

// findingDiagnosis returns the catalog text of a finding (in o.Lang, its
// fix naming o.Software's settings where that matters) with its
// placeholders filled. An id without a text, which the tests rule out,
// still gets a title.
func findingDiagnosis(id string, o catalog.Options, vars map[string]string) catalog.Diagnosis {
	d, ok := catalog.FindingTextWith(id, o)
	if !ok {
		d = catalog.Diagnosis{Title: id, Category: catalog.CategoryOther, Retry: catalog.Permanent, Matched: catalog.MatchedRule, Rule: id}
	}
	return fill(d, vars)
}

// stepNames names the steps of a dialogue for metrics and performance
// data: "greeting", then the command's verb in lower case ("ehlo",
// "starttls", "mail", "rcpt", ...); EHLO and HELO after STARTTLS become
// "ehlo_tls" and "helo_tls", and a verb seen again gets a number ("rcpt_2")
// so that every name is unique.
func stepNames(h probe.Host) []string {
	names := make([]string, len(h.Steps))
	used := map[string]int{}
	tls := false
	for i, s := range h.Steps {
		name := stepName(s.Kind)
		switch {
		case s.Kind == probe.StepStartTLS:
			tls = true
		case tls && (s.Kind == probe.StepEHLO || s.Kind == probe.StepHELO):
			name += "_tls"
		}
		used[name]++
		if n := used[name]; n > 1 {
			name = fmt.Sprintf("%s_%d", name, n)
		}
		names[i] = name
	}
	return names
}

// stepName is the name of a kind of step in metrics: "greeting", "ehlo",
// "mail", "rcpt", "data_end" for the final dot of a message; a SASL
// response is an "auth" step.
func stepName(kind probe.StepKind) string {
	switch kind {
	case probe.StepGreeting:
		return "greeting"
	case probe.StepMail:
		return "mail"
	case probe.StepRcpt:
		return "rcpt"
	case probe.StepEndOfData:
		return "data_end"
	case probe.StepEHLO, probe.StepHELO, probe.StepStartTLS, probe.StepAuth, probe.StepVrfy, probe.StepData, probe.StepRset, probe.StepQuit:
		return strings.ToLower(string(kind))
	}
	return "other"
}
