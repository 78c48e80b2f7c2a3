package catalog

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// BasicEntry explains one meaning of a basic reply code. A code that the
// standards define with several meanings (250 for most commands and for
// ETRN, 554 for a failed transaction and as a greeting) has one entry per
// meaning; the first is the usual one.
type BasicEntry struct {
	Code int
	// Name is the standard's name for this meaning, in English.
	Name string
	// Ref is the standard and section that define it.
	Ref string
	// Match, a regular expression, picks this meaning over the code's first
	// one when it matches the reply text (case-insensitive). Empty for the
	// first meaning.
	Match    string
	Category string
	Retry    string
	En, Ja   Text
	// Fixes name a server software's settings where the fix depends on it.
	Fixes []SoftwareFix
}

// diagnosis returns the entry as a Diagnosis in lang.
func (e *BasicEntry) diagnosis(lang Lang) Diagnosis {
	t := pick(lang, e.En, e.Ja)
	return Diagnosis{
		Title: t.Title, Meaning: t.Meaning, When: t.When, Fix: t.Fix,
		Category: e.Category, Retry: e.Retry, Matched: MatchedBasic, Ref: e.Ref,
	}
}

// EnhancedEntry explains one entry of the IANA registry of enhanced status
// codes, written "X.s.d" because the text holds for the 4.s.d and 5.s.d
// forms alike; the class digit of the reply decides class and retry.
type EnhancedEntry struct {
	Code string // "X.1.1"
	// Name is the registry's sample text.
	Name string
	Ref  string
	// Usual is the class digit the code is normally sent with, used when
	// the "X." form is explained alone; 0 means '5'.
	Usual byte
	// Category applies to the 4.s.d and 5.s.d forms; a 2.s.d code is
	// always a success.
	Category string
	En, Ja   Text
	// Fixes name a server software's settings where the fix depends on it.
	Fixes []SoftwareFix
}

// diagnosis returns the entry as a Diagnosis for a reply of class digit.
func (e *EnhancedEntry) diagnosis(digit byte, lang Lang) Diagnosis {
	t := pick(lang, e.En, e.Ja)
	cat := e.Category
	switch {
	case digit == '2':
		cat = CategorySuccess
	case cat == CategorySuccess:
		cat = CategoryOther // a success code sent with a failure class
	}
	return Diagnosis{
		Title: t.Title, Meaning: t.Meaning, When: t.When, Fix: t.Fix,
		Category: cat, Matched: MatchedEnhanced, Ref: e.Ref,
	}
}

// usual returns the class digit the code is normally sent with.
func (e *EnhancedEntry) usual() byte {
	if e.Usual == 0 {
		return '5'
	}
	return e.Usual
}

// Rule explains replies by their text: what large providers and common
// MTAs really send. Rules are tried in order and the first that matches
// wins, so specific rules come before general ones.
type Rule struct {
	// ID names the rule in a Diagnosis, e.g. "spamhaus".
	ID string
	// Pattern is a regular expression (RE2 syntax, matched
	// case-insensitively) searched for in the reply text, its lines joined
	// by single spaces. Empty means any text. Its character classes must
	// not depend on case: write \d, \S, [^.;] or lowercase sets.
	Pattern string
	// Class limits the rule to replies whose class digit is '4' or '5';
	// 0 allows both. Rules never apply to 2xx and 3xx replies.
	Class byte
	// Enhanced, a regular expression that must match the whole enhanced
	// code (e.g. `5\.7\.6[0-4]\d`), limits the rule to those codes.
	Enhanced string
	Category string
	// Retry overrides the class's retry; empty follows the class.
	Retry  string
	En, Ja Text
	// Fixes name the settings of the server software that sent the reply,
	// where the fix depends on it; En.Fix stays neutral.
	Fixes []SoftwareFix
}

// The patterns of the rules and of basic entries, compiled on first use so
// that importing the package costs nothing.
var (
	// rules is every reply-text rule in the order they are tried: texts
	// precise enough to name their cause (providers, MTA features), then
	// meaning from the most to the least specific: a relay refusal, then
	// greylisting, a list, reverse DNS or HELO, then TLS, AUTH, SPF,
	// DKIM and DMARC, an IP refused without a list, limits, content, the
	// sender (its domain's DNS first) and the recipient; a filtering
	// service known only by its name; and last the generic words.
	rules = sync.OnceValue(func() []Rule {
		return slices.Concat(providerRules, vendorRules, relayRules, greylistRules, listRules, authRules, hostRules, limitRules, contentRules, mailboxRules, namedFilterRules, genericRules)
	})
	ruleMatchers = sync.OnceValue(func() []compiledRule {
		rs := rules()
		out := make([]compiledRule, len(rs))
		for i, r := range rs {
			if r.Pattern != "" {
				out[i].text = compileMatcher(r.Pattern)
			}
			if r.Enhanced != "" {
				out[i].enhanced = regexp.MustCompile("^(?:" + r.Enhanced + ")$")
			}
		}
		return out
	})
	basicMatchers = sync.OnceValue(func() map[string]*matcher {
		out := map[string]*matcher{}
		for _, group := range allBasic() {
			for _, e := range group {
				if e.Match != "" {
					out[e.Match] = compileMatcher(e.Match)
				}
			}
		}
		return out
	})
	transientMatcher = sync.OnceValue(func() *matcher {
		return compileMatcher(`\b(deferred|try (it )?(again )?later|please try again|please retry|retry later|temporar(y|ily) (unavailable|blocked|rejected|deferred|suspended|disabled|failure|problem|error|local problem)|temporary (lookup )?failure|greylist|graylist)`)
	})
	permanentMatcher = sync.OnceValue(func() *matcher {
		return compileMatcher(`(permanently (deferred|rejected|blocked)|will not succeed|do not retry|don't retry)`)
	})
)

// compiledRule holds the compiled patterns of a Rule.
type compiledRule struct {
	text     *matcher
	enhanced *regexp.Regexp
}

// matchRule returns the first rule matching a reply of class digit (0 for
// unknown, which any rule may match).
func matchRule(digit byte, enhanced, lower string) *Rule {
	cs := ruleMatchers()
	rs := rules()
	for i := range rs {
		r := &rs[i]
		if r.Class != 0 && digit != 0 && r.Class != digit {
			continue
		}
		if re := cs[i].enhanced; re != nil && !re.MatchString(enhanced) {
			continue
		}
		if m := cs[i].text; m != nil && !m.match(lower) {
			continue
		}
		return r
	}
	return nil
}

func basicMatch(e *BasicEntry) *matcher { return basicMatchers()[e.Match] }

func transientText(lower string) bool { return transientMatcher().match(lower) }

func permanentText(lower string) bool { return permanentMatcher().match(lower) }

// allBasic returns every basic entry, ordered by code.
func allBasic() [][]BasicEntry {
	return [][]BasicEntry{basic2xx, basic4xx, basic5xx}
}

// basicEntries returns the meanings of a basic code, the usual one first,
// or nil.
func basicEntries(code int) []BasicEntry {
	for _, group := range allBasic() {
		start := -1
		for i := range group {
			if group[i].Code == code {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				return group[start:i]
			}
		}
		if start >= 0 {
			return group[start:]
		}
	}
	return nil
}

// lookupEnhanced returns the registry entry of an enhanced code ("5.1.1" or
// "X.1.1"), or nil.
func lookupEnhanced(code string) *EnhancedEntry {
	if len(code) < 5 {
		return nil
	}
	key := "X" + code[1:]
	for _, group := range [][]EnhancedEntry{enhanced0to3, enhanced4to6, enhanced7} {
		for i := range group {
			if group[i].Code == key {
				return &group[i]
			}
		}
	}
	return nil
}

// Basic returns every meaning of a basic reply code, the usual one first,
// each as a Diagnosis matched "basic"; nil when the catalog does not know
// the code.
func Basic(code int, lang Lang) []Diagnosis {
	es := basicEntries(code)
	if es == nil {
		return nil
	}
	out := make([]Diagnosis, len(es))
	for i := range es {
		d := es[i].diagnosis(lang)
		d.Code = code
		d.Class = className(classDigit(code, ""))
		out[i] = d
	}
	return out
}

// Enhanced explains an enhanced status code from the registry: "5.1.1",
// "4.7.0", or "X.7.26" for the entry itself. The "X." form names no class,
// so its Class is ClassAny; its category and retry are those of the class
// the code is usually sent with (retry is always transient or permanent),
// and EnhancedAnyClass gives each class's reading. It reports false when
// the code is not registered.
func Enhanced(code string, lang Lang) (Diagnosis, bool) {
	code = strings.ToUpper(code)
	if !validEnhanced(code) {
		return Diagnosis{}, false
	}
	e := lookupEnhanced(code)
	if e == nil {
		return Diagnosis{}, false
	}
	digit := code[0]
	if digit == 'X' {
		digit = e.usual()
	}
	d := e.diagnosis(digit, lang)
	d.Enhanced = code
	d.Class = className(digit)
	d.Retry = retryOf(digit, "")
	if code[0] == 'X' {
		d.Class = ClassAny
	}
	return d, true
}

// unknownAnyClass explains an "X." code whose subject is not defined
// either, such as X.9.9.
var (
	unknownAnyClass = Text{
		"Enhanced status code not in the catalog",
		"{code} is neither in the IANA registry nor in the catalog, and its subject is not defined either, so only the class it is sent with says what it means.",
		"A private or mistyped code, or one from a scheme that is not RFC 3463.",
		"Read the text of the reply it came with for the reason, and the basic code for what a sender does.",
	}
	unknownAnyClassJa = Text{
		"カタログにない拡張ステータスコード",
		"{code} はIANAのレジストリにもカタログにもなく、サブジェクトも定義されていないため、意味を示すのは一緒に送られるクラスだけです。",
		"独自のコードや誤記、RFC 3463 以外の方式のコードです。",
		"理由は一緒に届いた応答の本文で、送信側の動作は基本コードで確認してください。",
	}
)

// EnhancedAnyClass explains an enhanced code in its "X." form ("X.7.26"),
// which names no class: the code in general (Enhanced, or for a code the
// registry does not list what its subject says), with
// Class ClassAny, and the code as it reads in each class it can be sent
// with: 4.s.d and 5.s.d, after 2.s.d for a code usually sent with a
// success. It reports false when code is not an "X." form.
func EnhancedAnyClass(code string, lang Lang) (Diagnosis, []Diagnosis, bool) {
	code = strings.ToUpper(code)
	if !validEnhanced(code) || code[0] != 'X' {
		return Diagnosis{}, nil, false
	}
	rest := code[1:]
	digits := "45"
	d, ok := Enhanced(code, lang)
	switch {
	case !ok && lookupSubject(code) != nil:
		d = Diagnose(0, code, "", lang) // what the subject says
		d.Class = ClassAny
	case !ok:
		// Not even the subject is known: only the class it comes with
		// says anything, and an "X." form has none.
		t := pick(lang, unknownAnyClass, unknownAnyClassJa)
		d = Diagnosis{
			Enhanced: code, Class: ClassAny, Title: t.Title,
			Meaning: strings.ReplaceAll(t.Meaning, "{code}", code), When: t.When, Fix: t.Fix,
			Category: CategoryOther, Retry: Permanent, Matched: MatchedClass,
		}
	case lookupEnhanced(code).usual() == '2':
		digits = "245"
	}
	forms := make([]Diagnosis, len(digits))
	for i := range digits {
		forms[i] = Diagnose(0, digits[i:i+1]+rest, "", lang)
	}
	return d, forms, true
}

// validEnhanced reports whether s has the form c.s.d of RFC 3463: class
// 2, 4, 5 (or X for a registry entry), subject and detail of one to three
// digits.
func validEnhanced(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 || len(parts[0]) != 1 || !strings.Contains("245X", parts[0]) {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) < 1 || len(p) > 3 {
			return false
		}
		if _, err := strconv.Atoi(p); err != nil || p[0] == '+' || p[0] == '-' {
			return false
		}
	}
	return true
}
