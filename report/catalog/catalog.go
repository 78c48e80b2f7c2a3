// Package catalog explains SMTP replies: every basic reply code of RFC 5321,
// RFC 3207, RFC 4954, RFC 1985 and RFC 7504, every entry of the IANA registry
// of enhanced status codes (RFC 3463, RFC 5248), and rules for the reply texts
// that large providers and common MTAs really send. Each explanation says
// what a reply means, when it appears and how to fix it, in English and
// Japanese.
//
// # Matching
//
// [Diagnose] picks the most specific explanation of a reply: a reply-text
// [Rule] (a Spamhaus listing, a Gmail rate limit, a Postfix "User unknown in
// local recipient table"), then the enhanced status code, then the basic
// code, then the class (the first digit). [Diagnosis.Matched] says which.
//
// The text wins over the enhanced code because servers reuse codes loosely
// and the corpus shows it: Zimbra's "451 4.2.2 Server accepts messages only
// on TLS connection" (4.2.2 is a full mailbox), chkuser's "550 5.1.8 ...
// can't find a valid MX for sender domain" (a DNS problem, not a refused
// sender), Zoho's "552 5.1.1 ... policy error", "552 5.1.1 ... Recipient
// overquota". Rules are written on meaning, a subject and what is said of
// it ("the sender domain ... has no MX", "relaying ... is not allowed"),
// not on one provider's sentence, and rules that know a service only by
// its name come after them. Only the generic refusal words ("rejected",
// "denied") yield to a specific enhanced code: "550 5.1.1 Address
// rejected" is about the address.
//
// The catalog is read-only data; it does no I/O and no work at init time
// (the rules' regular expressions are compiled on first use).
package catalog

import (
	"strconv"
	"strings"
)

// Lang selects the language of explanations.
type Lang string

// The languages of the catalog.
const (
	English  Lang = "en"
	Japanese Lang = "ja"
)

// Diagnosis explains one reply, or one finding of the report.
type Diagnosis struct {
	Code     int    `json:"code"`
	Enhanced string `json:"enhanced"`
	Class    string `json:"class"` // "5xx Permanent Negative"
	Title    string `json:"title"`
	Meaning  string `json:"meaning"`
	When     string `json:"when"`
	Fix      string `json:"fix"`
	Category string `json:"category"` // one of the Category constants
	Retry    string `json:"retry"`    // "transient" or "permanent"
	Matched  string `json:"matched"`  // "rule", "enhanced", "basic" or "class"
	// Rule is the ID of the rule that matched, when Matched is "rule": a
	// reply-text rule, or for a finding of the report (FindingText) the
	// finding's own ID.
	Rule string `json:"rule,omitempty"`
	// Ref names the standard that defines the code, such as "RFC 5321
	// §4.2.3", when known.
	Ref string `json:"ref,omitempty"`
	// Checks names the smtpprobe checks that show the cause of a
	// refusal on the sender's side (SPF, DKIM, DMARC, reverse DNS,
	// blocklists), comma-separated as --checks reads them, and Command
	// runs them; empty for other replies. The report fills them in
	// (SenderHintFor). A string keeps Diagnosis comparable.
	Checks  string `json:"see_checks,omitempty"`
	Command string `json:"see_command,omitempty"`
}

// The categories of a Diagnosis, as the contract lists them.
const (
	CategoryMailboxUnknown         = "mailbox-unknown"
	CategoryMailboxFull            = "mailbox-full"
	CategoryMailboxDisabled        = "mailbox-disabled"
	CategoryRelayDenied            = "relay-denied"
	CategorySenderRejected         = "sender-rejected"
	CategorySpamReputation         = "spam-reputation"
	CategoryBlocklist              = "blocklist"
	CategoryAuthenticationRequired = "authentication-required"
	CategoryAuthenticationFailed   = "authentication-failed"
	CategoryTLSRequired            = "tls-required"
	CategoryDNSProblem             = "dns-problem"
	CategoryReverseDNS             = "reverse-dns"
	CategorySPFDKIMDMARC           = "spf-dkim-dmarc"
	CategoryRateLimit              = "rate-limit"
	CategoryGreylisting            = "greylisting"
	CategorySizeLimit              = "size-limit"
	CategoryPolicy                 = "policy"
	CategorySyntax                 = "syntax"
	CategoryServerUnavailable      = "server-unavailable"
	CategoryDoesNotAcceptMail      = "does-not-accept-mail"
	CategorySuccess                = "success"
	CategoryIntermediate           = "intermediate"
	CategoryOther                  = "other"
)

// The values of Diagnosis.Retry: what a sending server should do.
const (
	Transient = "transient"
	Permanent = "permanent"
)

// The values of Diagnosis.Matched, from the most to the least specific.
const (
	MatchedRule     = "rule"
	MatchedEnhanced = "enhanced"
	MatchedBasic    = "basic"
	MatchedClass    = "class"
)

// The values of Diagnosis.Class.
const (
	ClassPositiveCompletion   = "2xx Positive Completion"
	ClassPositiveIntermediate = "3xx Positive Intermediate"
	ClassTransientNegative    = "4xx Transient Negative"
	ClassPermanentNegative    = "5xx Permanent Negative"
	// ClassAny is the class of an enhanced code in its "X." form, which
	// names none: the class it is sent with decides (EnhancedAnyClass).
	ClassAny = "X Any Class"
)

// Text is what an entry or a rule says in one language.
type Text struct {
	Title   string // a few words
	Meaning string // what the reply means
	When    string // when a server sends it
	Fix     string // what the operator should do
}

// pick returns the text in lang, English for anything but Japanese.
func pick(lang Lang, en, ja Text) Text {
	if lang == Japanese {
		return ja
	}
	return en
}

// Diagnose explains a reply. The most specific match wins: a reply-text
// rule, then the enhanced status code, then the basic code, then the class
// (the first digit); Matched says which.
//
// text is the reply text as the server sent it, without the basic code; it
// may span several lines and start with the enhanced code. When code is 0,
// Diagnose reads the code from text, as [ParseReply] does; when enhanced is
// empty and the text starts with an enhanced code, that one is used.
func Diagnose(code int, enhanced, text string, lang Lang) Diagnosis {
	return DiagnoseWith(code, enhanced, text, Options{Lang: lang})
}

// DiagnoseWith is Diagnose with options: when the server software is known
// (or the reply's text names it), a fix that depends on the server names
// that software's setting.
func DiagnoseWith(code int, enhanced, text string, o Options) Diagnosis {
	if code == 0 {
		if r, err := ParseReply(text); err == nil {
			code, text = r.Code, r.Text
			if enhanced == "" {
				enhanced = r.Enhanced
			}
		}
	} else if enhanced == "" {
		enhanced, _ = leadingEnhanced(text)
	}
	if enhanced == "" {
		enhanced = embeddedEnhanced(text)
	}
	if !validEnhanced(enhanced) {
		enhanced = ""
	}
	digit := classDigit(code, enhanced)
	flat := lowerText(flatten(text))
	sw := o.Software
	if sw == SoftwareUnknown {
		sw = softwareOfText(flat)
	}

	d, fixes, ok := diagnoseRule(enhanced, digit, flat, o.Lang)
	if !ok {
		d, fixes, ok = diagnoseEnhanced(code, enhanced, digit, o.Lang)
	}
	if !ok {
		d, fixes, ok = diagnoseBasic(code, flat, o.Lang)
	}
	if !ok {
		d = diagnoseClass(code, enhanced, digit, o.Lang)
	}
	if fix, ok := softwareFix(fixes, sw, o.Lang); ok {
		d.Fix = fix
	}
	d.Code, d.Enhanced = code, enhanced
	d.Class = className(digit)
	if d.Retry == "" {
		d.Retry = retryOf(digit, flat)
	}
	return d
}

// diagnoseRule applies the first rule that matches a negative reply, or
// a reply whose class is unknown (bounce prose pasted without its code).
func diagnoseRule(enhanced string, digit byte, flat string, lang Lang) (Diagnosis, []SoftwareFix, bool) {
	if digit == '2' || digit == '3' {
		return Diagnosis{}, nil, false
	}
	r := matchRule(digit, enhanced, flat)
	if r == nil {
		return Diagnosis{}, nil, false
	}
	t := pick(lang, r.En, r.Ja)
	return Diagnosis{
		Title: t.Title, Meaning: t.Meaning, When: t.When, Fix: t.Fix,
		Category: r.Category, Retry: r.Retry, Matched: MatchedRule, Rule: r.ID,
	}, r.Fixes, true
}

// diagnoseEnhanced explains a registered enhanced code. X.0.0 says nothing
// that the basic code does not, so it yields to a known basic code; so does
// an entry written for failures when the reply is a success ("235 2.7.0"
// is a successful login, not a security refusal). Entries whose usual
// class is 2, such as X.1.5 "destination address valid", stay.
func diagnoseEnhanced(code int, enhanced string, digit byte, lang Lang) (Diagnosis, []SoftwareFix, bool) {
	e := lookupEnhanced(enhanced)
	yields := e != nil && (e.Code == "X.0.0" || ((digit == '2' || digit == '3') && e.Usual != '2'))
	if e == nil || (yields && basicEntries(code) != nil) {
		return Diagnosis{}, nil, false
	}
	return e.diagnosis(digit, lang), e.Fixes, true
}

// diagnoseBasic explains a known basic code, choosing among its meanings by
// the reply text.
func diagnoseBasic(code int, flat string, lang Lang) (Diagnosis, []SoftwareFix, bool) {
	es := basicEntries(code)
	if es == nil {
		return Diagnosis{}, nil, false
	}
	e := &es[0]
	for i := range es[1:] {
		if v := &es[1+i]; v.Match != "" && basicMatch(v).match(flat) {
			e = v
			break
		}
	}
	return e.diagnosis(lang), e.Fixes, true
}

// diagnoseClass explains what is left: an enhanced code whose subject is
// known but whose detail is not, or only the class digit.
func diagnoseClass(code int, enhanced string, digit byte, lang Lang) Diagnosis {
	if s := lookupSubject(enhanced); s != nil {
		return s.diagnosis(digit, enhanced, lang)
	}
	c := lookupClass(digit)
	t := pick(lang, c.En, c.Ja)
	label := strconv.Itoa(code)
	if code == 0 {
		label = enhanced
	}
	if label == "" || label == "0" {
		label = "?"
	}
	unknown := unknownNote(lang, label, code != 0 || enhanced != "")
	return Diagnosis{
		Title: t.Title, Meaning: unknown + t.Meaning, When: t.When, Fix: t.Fix,
		Category: c.Category, Matched: MatchedClass,
	}
}

// unknownNote says that a code is not in the catalog.
func unknownNote(lang Lang, label string, any bool) string {
	if !any {
		return ""
	}
	if lang == Japanese {
		return label + " はカタログに登録されていないコードです。先頭の数字（クラス）から判断できる意味: "
	}
	return label + " is not in the catalog; what its class says: "
}

// classDigit returns the class of a reply: the first digit of the basic
// code, else that of the enhanced code, else 0.
func classDigit(code int, enhanced string) byte {
	if code >= 200 && code <= 599 {
		return byte('0' + code/100)
	}
	if enhanced != "" && enhanced[0] >= '2' && enhanced[0] <= '5' {
		return enhanced[0]
	}
	return 0
}

// className returns the Diagnosis.Class of a class digit.
func className(digit byte) string {
	switch digit {
	case '2':
		return ClassPositiveCompletion
	case '3':
		return ClassPositiveIntermediate
	case '4':
		return ClassTransientNegative
	case '5':
		return ClassPermanentNegative
	}
	return ""
}

// retryOf is what a sender should do by the class, unless the text of a
// negative reply says otherwise: a 5xx that says "try again later" is worth
// another try, a 4xx that says retrying will not help is not. Text without
// a code (a line of a bounce) is permanent unless it says it was deferred
// or asks for a retry; "permanently deferred" is permanent in any class.
func retryOf(digit byte, flat string) string {
	switch digit {
	case '4':
		if permanentText(flat) {
			return Permanent
		}
		return Transient
	case '5', 0:
		if transientText(flat) && !permanentText(flat) {
			return Transient
		}
	}
	return Permanent
}

// flatten joins the lines of a reply with single spaces for matching.
func flatten(text string) string {
	return strings.Join(strings.Fields(text), " ")
}
