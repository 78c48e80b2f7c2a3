package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// The IDs of the findings about SMTP AUTH (RFC 4954) and message
// submission (RFC 6409). They are judged only when the probe authenticated
// or ran the submission profile, so that an ordinary MX probe is not
// judged by what submission servers must do.
const (
	FindingAuthBeforeTLS         = "auth-before-tls"         // warning: AUTH offered in clear although TLS follows
	FindingAuthNotOffered        = "auth-not-offered"        // critical with credentials; warning on a submission probe without
	FindingAuthInsecureRefused   = "auth-insecure-refused"   // critical: no TLS, credentials not sent
	FindingAuthUnverifiedRefused = "auth-unverified-refused" // critical: TLS does not verify, credentials not sent
	FindingAuthInsecureSent      = "auth-insecure-sent"      // critical: --allow-insecure-auth sent them without verified TLS
	FindingAuthMechNotOffered    = "auth-mech-not-offered"   // critical: --auth-mech is not offered
	FindingAuthNoMechanism       = "auth-no-mechanism"       // critical; unknown when only mechanisms smtpprobe lacks are offered
	FindingAuthRequired          = "auth-required"           // critical: MAIL or RCPT refused for want of AUTH
)

// authFirst tells whether a refusal that names no AUTH means "authenticate
// first" all the same: Postfix's stock submission service refuses every
// client that has not logged in with "554 5.7.1 <...>: Client host
// rejected: Access denied" (permit_sasl_authenticated, reject). On a
// server that offers AUTH that is what it says; elsewhere it is a refusal
// of the sending host.
func authFirst(h probe.Host, f Finding) bool {
	return AuthKeyword(h.Extensions) && f.Code >= 500 && f.Enhanced == "5.7.1" &&
		strings.Contains(f.Detail, "Client host rejected: Access denied")
}

// judgeAuth judges the AUTH facts of Result.Hosts[i] and turns a refusal
// for want of AUTH, already a reply finding, into the auth-required
// diagnosis that says how to authenticate.
func (j *judge) judgeAuth(i int, add func(Finding, bool)) {
	h := j.r.Hosts[i]
	a := h.Auth
	hj := &j.hosts[i]
	if a == nil || !a.Sent {
		for k := range hj.findings {
			f := &hj.findings[k]
			if f.ID != FindingReply || f.Severity == OK ||
				f.Diagnosis.Category != catalog.CategoryAuthenticationRequired && !authFirst(h, *f) {
				continue
			}
			if f.Step != probe.StepMail && f.Step != probe.StepRcpt && f.Step != probe.StepData {
				continue
			}
			wrongParty := f.Diagnosis.Category != catalog.CategoryAuthenticationRequired
			j.retitle(f, FindingAuthRequired)
			if wrongParty {
				// The catalog's text for the reply blames the sending IP;
				// the transcript explains it as the finding does.
				j.explainStep(hj.steps, h, *f)
			}
		}
	}
	if a == nil {
		return // no AUTH asked for, or the dialogue ended before it
	}
	if len(a.OfferedBeforeTLS) > 0 || AuthKeyword(h.ExtensionsBeforeTLS) {
		add(j.finding(Warning, h.Name, FindingAuthBeforeTLS, nil, "EHLO before STARTTLS: AUTH "+strings.Join(a.OfferedBeforeTLS, " ")), false)
	}
	offered := "offered: " + mechList(a.Offered)
	switch a.Skipped {
	case probe.AuthNoCredentials:
		if !a.AuthOffered {
			add(j.finding(Warning, h.Name, FindingAuthNotOffered, nil, "EHLO after TLS: no AUTH on a submission port"), false)
		}
	case probe.AuthNotOffered:
		add(j.finding(Critical, h.Name, FindingAuthNotOffered, nil, "EHLO: no AUTH; credentials not sent"), false)
	case probe.AuthInsecure:
		add(j.finding(Critical, h.Name, FindingAuthInsecureRefused, nil, "no TLS on this connection; "+offered), false)
	case probe.AuthUnverified:
		detail := "the certificate does not verify"
		if h.TLS != nil && h.TLS.VerifyError != "" {
			detail += ": " + h.TLS.VerifyError
		}
		add(j.finding(Critical, h.Name, FindingAuthUnverifiedRefused, nil, detail), false)
	case probe.AuthMechNotOffered:
		add(j.finding(Critical, h.Name, FindingAuthMechNotOffered, nil, errText(h.Err)), false)
	case probe.AuthNoMechanism:
		sev := Unknown
		for _, m := range a.Offered {
			if slices.Contains(probe.Mechanisms(), m) {
				sev = Critical // usable with the other kind of credential
			}
		}
		add(j.finding(sev, h.Name, FindingAuthNoMechanism, nil, offered), false)
	}
	if a.Sent && (!a.TLS || !a.Verified) {
		how := "in clear text"
		if a.TLS {
			how = "over TLS whose certificate does not verify"
		}
		add(j.finding(Critical, h.Name, FindingAuthInsecureSent, nil, fmt.Sprintf("AUTH %s sent %s (--allow-insecure-auth)", a.Mechanism, how)), false)
	}
}

// AuthKeyword tells whether an EHLO extension list offers AUTH in either
// form ("AUTH PLAIN", "AUTH=PLAIN").
func AuthKeyword(ext map[string]string) bool {
	for k := range ext {
		if k == "AUTH" || strings.HasPrefix(k, "AUTH=") {
			return true
		}
	}
	return false
}

func mechList(ms []string) string {
	if len(ms) == 0 {
		return "none"
	}
	return strings.Join(ms, " ")
}

// authPolicyStop tells whether a dialogue ended because the probe would
// not send credentials; judgeAuth says why.
func authPolicyStop(e *probe.Error) bool {
	return e != nil && e.Kind == probe.ErrPolicy && e.Step == probe.StepAuth
}
