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

	FindingPortBlocked     = "port-blocked"     // critical: every host timed out or refused
	FindingServersDown     = "servers-down"     // critical: hosts reached, no session opened
	FindingHostUnreachable = "host-unreachable" // critical, warning when another MX takes the mail
	FindingDialogueFailed  = "dialogue-failed"  // critical, warning when another MX takes the mail
	FindingProtocolError   = "protocol-error"   // critical, warning when another MX takes the mail
	FindingGreetingTimeout = "greeting-timeout" // critical, warning when another MX takes the mail
	FindingGreetingDelay   = "greeting-delay"   // info
	FindingThrottled       = "throttled"        // warning (critical for a 5xx)
	FindingInterrupted     = "interrupted"      // unknown
	FindingProbeStopped    = "probe-stopped"    // unknown

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

// commandVerb returns the upper-case verb of a command as sent: "EHLO",
// "MAIL", "RCPT", "" for the greeting and "." for the end of a message.
// A client response inside a SASL exchange (shown redacted) and its
// cancel "*" belong to AUTH.
func commandVerb(cmd string) string {
	if cmd == probe.Redacted || cmd == "*" {
		return "AUTH"
	}
	verb, _, _ := strings.Cut(cmd, " ")
	verb, _, _ = strings.Cut(verb, ":")
	return strings.ToUpper(verb)
}

// healthy tells whether a reply is what a healthy exchange gets for the
// command it answers.
func healthy(verb string, code int) bool {
	switch verb {
	case "":
		return code == 220
	case "STARTTLS":
		return code == 220
	case "DATA":
		return code == 354
	case "QUIT":
		return code == 221
	case "VRFY":
		return code >= 250 && code <= 252
	case "AUTH":
		return code == 235 || code == 334
	}
	return code >= 200 && code < 300
}

// replySeverity judges a reply that is not healthy. prior is set when an
// earlier reply of the same dialogue already failed the transaction, and
// heloFallback when EHLO was answered 500/502 and HELO then worked.
func replySeverity(verb string, code int, prior, heloFallback bool) Status {
	switch {
	case verb == "VRFY" || verb == "RSET" || verb == "QUIT" || verb == "NOOP" || verb == "EXPN" || verb == "HELP":
		// Optional or closing commands: what they get does not decide
		// whether mail is delivered.
		return OK
	case verb == "EHLO" && heloFallback:
		return OK
	case prior && (verb == "RCPT" || verb == "DATA" || verb == ".") && (code == 503 || code == 554):
		// "Bad sequence" or "no valid recipients" after an earlier
		// rejection is its consequence, not a second problem.
		return OK
	case verb == "STARTTLS":
		// The dialogue goes on in clear; only a sender that requires TLS
		// stops (probe reports that as a policy error).
		return Warning
	case code >= 500 && code < 600:
		return Critical
	}
	return Warning
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
// front, as an operator quotes it: "5.1.1 <a@example.com>: User unknown",
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

// findingDiagnosis returns the catalog text of a finding in lang with its
// placeholders filled. An id without a text, which the tests rule out,
// still gets a title.
func findingDiagnosis(id string, lang catalog.Lang, vars map[string]string) catalog.Diagnosis {
	d, ok := catalog.FindingText(id, lang)
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
		name := stepVerb(s.Command)
		switch {
		case name == "starttls":
			tls = true
		case tls && (name == "ehlo" || name == "helo"):
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

// stepVerb returns the lower-case verb of a command as commandVerb reads
// it (a redacted SASL response is "auth"), "greeting" for the greeting,
// "data_end" for the final dot of a message.
func stepVerb(cmd string) string {
	switch verb := commandVerb(cmd); verb {
	case "":
		return "greeting"
	case ".":
		return "data_end"
	default:
		var b strings.Builder
		for _, r := range strings.ToLower(verb) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
				b.WriteRune(r)
			}
		}
		if b.Len() == 0 {
			return "other"
		}
		return b.String()
	}
}
