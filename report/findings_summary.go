package report

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/internal/textfmt"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// summarize writes the one line a person can act on: what the worst
// finding is and what to do about it, or what worked. The headline is the
// same without what to do, for a verdict line above the findings that
// already say it.
func summarize(a Assessment, o Options) (summary, headline string) {
	ja := o.Lang == catalog.Japanese
	lead := -1
	for i, f := range a.Findings {
		if f.Severity == a.Status && f.Severity != OK {
			lead = i
			break
		}
	}
	if lead < 0 {
		if a.Status == Unknown {
			s := a.Result.Target.Domain + ": nothing was probed"
			if ja {
				s = a.Result.Target.Domain + ": 確認できたホストがない"
			}
			return s, s
		}
		s := textfmt.Clean(summarizeOK(a, o))
		return s, s
	}
	f := a.Findings[lead]
	what, fix := leadSentence(a, f, ja)
	s, h := textfmt.Clean(joinFix(what, fix)), textfmt.Clean(what)
	more := 0
	for i, g := range a.Findings {
		if i != lead && g.Severity != OK {
			more++
		}
	}
	if more > 0 {
		m := fmt.Sprintf(" (+%d more)", more)
		if ja {
			m = fmt.Sprintf("（ほか%d件）", more)
		}
		s, h = s+m, h+m
	}
	return s, h
}

// leadSentence states one finding and the first step of its fix ("" when
// the statement says it all).
func leadSentence(a Assessment, f Finding, ja bool) (what, fix string) {
	fix = firstSentence(f.Diagnosis.Fix, ja)
	if !ja {
		fix = lowerFirst(fix)
	}
	switch {
	case f.ID == FindingPortBlocked:
		port := 25
		if len(a.Result.Hosts) > 0 {
			port = a.Result.Hosts[0].Port
		}
		if ja {
			return fmt.Sprintf("どのMXホストも%d番ポートに応答しない（%s）— %s", port, blockedCountsJa(a.Result.Hosts), f.Diagnosis.Title), ""
		}
		return fmt.Sprintf("no MX host answered on port %d (%s) — %s", port, blockedCounts(a.Result.Hosts), lowerFirst(f.Diagnosis.Title)), ""
	case f.ID == FindingHostUnreachable || f.ID == FindingAddressUnreachable:
		// Who takes the mail instead: other MX hosts, or only other
		// addresses of this one.
		others := slices.ContainsFunc(a.Result.Hosts, func(h probe.Host) bool { return h.Name != f.Host && h.Addr.IsValid() })
		if ja {
			s := fmt.Sprintf("%s に接続できない（%s）", f.Host, f.Detail)
			switch {
			case f.Severity != Warning:
			case others:
				s += "。他のMXホストは受信できる"
			default:
				s += "。このホストの他のアドレスは受信できる"
			}
			return s, ""
		}
		s := fmt.Sprintf("%s: could not connect (%s)", f.Host, f.Detail)
		switch {
		case f.Severity != Warning:
		case others:
			s += "; the other MX hosts take the mail"
		default:
			s += "; its other addresses take the mail"
		}
		return s, ""
	case f.Code != 0 && f.Host != "" && f.ID != FindingHeloRefused && f.ID != FindingDataNot354:
		// A well-matched catalog title says what the reply means in a
		// few words; the reply itself is in the transcript.
		cmd, reply := f.CommandLabel(), clip(f.Detail, 90)
		if title := replyTitle(f); title != "" {
			reply = strings.TrimSpace(fmt.Sprintf("%d %s %s", f.Code, f.Enhanced, title))
		}
		if ja {
			verb := "を拒否"
			if f.Code < 500 {
				verb = "を一時拒否"
			}
			return fmt.Sprintf("%s が %s%s: %s", f.Host, commandJa(cmd), verb, reply), fix
		}
		verb := "rejected"
		if f.Code < 500 {
			verb = "deferred"
		}
		return fmt.Sprintf("%s %s %s: %s", f.Host, verb, commandEn(cmd), reply), fix
	}
	subject := f.Host
	if subject == "" {
		subject = a.Result.Target.Domain
	}
	title := f.Diagnosis.Title
	if f.ID == FindingResolverFailed && f.Detail != "" {
		title += " (" + clip(f.Detail, 100) + ")"
	}
	if ja {
		return subject + ": " + title, fix
	}
	return subject + ": " + lowerFirst(title), fix
}

// joinFix appends what to do to what happened, when there is something.
func joinFix(what, fix string) string {
	if fix == "" {
		return what
	}
	return what + " — " + fix
}

// replyTitle is the catalog's title of a reply finding when the catalog
// knows the reply well (a text rule or the enhanced code matched); "" when
// the reply's own text says more.
func replyTitle(f Finding) string {
	if f.ID != FindingReply || f.Diagnosis.Matched != catalog.MatchedRule && f.Diagnosis.Matched != catalog.MatchedEnhanced {
		return ""
	}
	return f.Diagnosis.Title
}

// summarizeOK says what worked: "all 2 MX hosts accepted RCPT
// TO:<postmaster@example.com> in 312ms (TLS 1.3, certificate valid 40
// days)".
func summarizeOK(a Assessment, o Options) string {
	ja := o.Lang == catalog.Japanese
	r := a.Result
	if ranChecks(&r) && !r.Ran.Has(checks.SMTP) {
		return summarizeNoDialogue(a, ja)
	}
	what, whatJa := "completed the dialogue", "やりとりを完了"
	if len(r.Hosts) > 0 {
		for _, s := range r.Hosts[0].Steps {
			switch s.Kind {
			case probe.StepRcpt:
				what, whatJa = "accepted "+s.Command, s.Command+" を受け付けた"
			case probe.StepEndOfData:
				what, whatJa = "accepted the test message", "テストメッセージを受け付けた"
			}
		}
	}
	if len(r.Hosts) > 0 && r.Hosts[0].Auth != nil && r.Hosts[0].Auth.Code == 235 {
		m := r.Hosts[0].Auth.Mechanism
		what, whatJa = "authenticated ("+m+") and "+what, "認証（"+m+"）に成功し、"+whatJa
	}
	who, whoJa := "", ""
	switch n := len(r.Hosts); {
	case n == 1:
		who, whoJa = r.Hosts[0].Name, r.Hosts[0].Name+" が"
	case r.Server != "":
		who, whoJa = fmt.Sprintf("all %d addresses of %s", n, r.Server), fmt.Sprintf("%s の%d個のアドレスすべてが", r.Server, n)
	default:
		who, whoJa = fmt.Sprintf("all %d MX hosts", n), fmt.Sprintf("MXホスト%d台すべてが", n)
	}
	tls, tlsJa := tlsSummary(a)
	d := textfmt.Duration(r.Duration)
	if ja {
		return withNotes(fmt.Sprintf("%s %s で %s（%s）", whoJa, d, whatJa, tlsJa), a, ja)
	}
	return withNotes(fmt.Sprintf("%s %s in %s (%s)", who, what, d, tls), a, ja)
}

// summarizeNoDialogue says what a run of checks without smtp found: the
// MX hosts it looked up but never spoke SMTP to, so that no one reads
// the verdict as a dialogue that went well.
func summarizeNoDialogue(a Assessment, ja bool) string {
	var names []string
	for _, h := range a.Result.Hosts {
		if !slices.Contains(names, h.Name) {
			names = append(names, h.Name)
		}
	}
	who := a.Result.Target.Domain
	switch {
	case len(names) == 1:
		who = names[0]
	case len(names) > 1:
		who = fmt.Sprintf("%d MX hosts", len(names))
		if ja {
			who = fmt.Sprintf("MXホスト%d台", len(names))
		}
	}
	if ja {
		return withNotes(who+": SMTPは未確認（smtpチェックを実行せず）", a, ja)
	}
	return withNotes(who+": no SMTP dialogue (the smtp check did not run)", a, ja)
}

// withNotes appends to s how many findings are only information, when
// there are any: "; 2 notes".
func withNotes(s string, a Assessment, ja bool) string {
	n := 0
	for _, f := range a.Findings {
		if f.Severity == OK {
			n++
		}
	}
	switch {
	case n == 0:
	case ja:
		s += fmt.Sprintf("、注記%d件", n)
	case n == 1:
		s += "; 1 note"
	default:
		s += fmt.Sprintf("; %d notes", n)
	}
	return s
}

// tlsSummary says how TLS went over the hosts: "TLS 1.3, certificate
// valid 40 days", "no TLS", "TLS on 1 of 2 hosts".
func tlsSummary(a Assessment) (string, string) {
	hosts := a.Result.Hosts
	versions := map[string]bool{}
	withTLS, least, verified := 0, 0, true
	for i, h := range hosts {
		t := a.Hosts[i].TLS
		if !t.HandshakeOK {
			continue
		}
		withTLS++
		versions[h.TLS.Version] = true
		if t.HasCert && (withTLS == 1 || t.DaysLeft < least) {
			least = t.DaysLeft
		}
		verified = verified && h.TLS.Verified
	}
	switch {
	case withTLS == 0:
		return "no TLS", "TLSなし"
	case withTLS < len(hosts):
		return fmt.Sprintf("TLS on %d of %d hosts", withTLS, len(hosts)), fmt.Sprintf("TLSは%d台中%d台", len(hosts), withTLS)
	}
	v := "TLS"
	if len(versions) == 1 {
		for k := range versions {
			v = k
		}
	}
	if !verified {
		return v + ", certificate not verified", v + "、証明書は未検証"
	}
	return fmt.Sprintf("%s, certificate valid %d days", v, least), fmt.Sprintf("%s、証明書の残り%d日", v, least)
}

// blockedCounts counts the failed connection attempts by kind: "2 timed
// out, 1 refused".
func blockedCounts(hosts []probe.Host) string {
	return countAttempts(hosts, "%d timed out", "%d refused", ", ")
}

func blockedCountsJa(hosts []probe.Host) string {
	return countAttempts(hosts, "タイムアウト%d件", "接続拒否%d件", "、")
}

func countAttempts(hosts []probe.Host, timedOut, refused, sep string) string {
	t, r := attemptCounts(hosts)
	var parts []string
	if t > 0 {
		parts = append(parts, fmt.Sprintf(timedOut, t))
	}
	if r > 0 {
		parts = append(parts, fmt.Sprintf(refused, r))
	}
	return strings.Join(parts, sep)
}

// attemptCounts counts failed connection attempts that timed out and that
// were refused.
func attemptCounts(hosts []probe.Host) (timeouts, refused int) {
	for _, h := range hosts {
		for _, at := range h.Attempts {
			switch {
			case at.Err == nil:
			case at.Err.Kind == probe.ErrTimeout:
				timeouts++
			case at.Err.Kind == probe.ErrRefused:
				refused++
			}
		}
	}
	return timeouts, refused
}

func commandEn(label string) string {
	switch label {
	case "greeting":
		return "the connection"
	case "end of data":
		return "the message"
	}
	return label
}

func commandJa(label string) string {
	switch label {
	case "greeting":
		return "接続"
	case "end of data":
		return "メッセージ"
	}
	return label + " "
}

// firstSentence returns the first sentence of a text without its final
// period, to quote a fix in one line.
func firstSentence(s string, ja bool) string {
	ends := []string{". ", "; "}
	if ja {
		ends = []string{"。", "；"}
	}
	for _, e := range ends {
		if i := strings.Index(s, e); i >= 0 {
			s = s[:i]
		}
	}
	return strings.TrimSuffix(s, ".")
}

// lowerFirst lowers the first letter of a sentence for use inside another,
// but leaves acronyms ("STARTTLS", "TLS", "MX") alone.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[:n-1]) + "…"
}
