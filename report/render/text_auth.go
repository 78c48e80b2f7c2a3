package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/smtpprobe/smtpprobe/internal/textfmt"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// authLabels are the words of the AUTH block of the text report.
type authLabels struct {
	offeredBefore, offeredAfter, offered, result, none, overTLS, overUnverified, inClear string
	accepted, rejected, noReply                                                          string
	login                                                                                func(mech, user, how string) string
	skipped                                                                              map[probe.AuthSkip]string
}

func textAuthLabels(lang catalog.Lang) authLabels {
	if lang == catalog.Japanese {
		return authLabels{
			offeredBefore: "TLS前の提供", offeredAfter: "TLS後の提供", offered: "提供", result: "結果", none: "なし",
			overTLS: "TLS上", overUnverified: "未検証のTLS上", inClear: "平文",
			login:    func(mech, user, how string) string { return fmt.Sprintf("%s（%s、%s）", mech, user, how) },
			accepted: "成功", rejected: "失敗", noReply: "応答なし",
			skipped: map[probe.AuthSkip]string{
				probe.AuthNoCredentials:  "認証情報なし（--auth-user で認証）",
				probe.AuthNotOffered:     "AUTH が提供されていないため送信せず",
				probe.AuthMechNotOffered: "指定の方式が提供されていないため送信せず",
				probe.AuthNoMechanism:    "使える方式がないため送信せず",
				probe.AuthInsecure:       "暗号化されていないため送信せず（--allow-insecure-auth）",
				probe.AuthUnverified:     "証明書を検証できないため送信せず（--ca-file、--allow-insecure-auth）",
			},
		}
	}
	return authLabels{
		offeredBefore: "offered before TLS", offeredAfter: "offered after TLS", offered: "offered", result: "result", none: "none",
		overTLS: "over TLS", overUnverified: "over unverified TLS", inClear: "in clear",
		login:    func(mech, user, how string) string { return fmt.Sprintf("%s as %s, %s", mech, user, how) },
		accepted: "accepted", rejected: "rejected", noReply: "no reply",
		skipped: map[probe.AuthSkip]string{
			probe.AuthNoCredentials:  "no credentials given (--auth-user to log in)",
			probe.AuthNotOffered:     "not sent: AUTH not offered",
			probe.AuthMechNotOffered: "not sent: the mechanism asked for is not offered",
			probe.AuthNoMechanism:    "not sent: no usable mechanism offered",
			probe.AuthInsecure:       "not sent: the connection is not encrypted (--allow-insecure-auth)",
			probe.AuthUnverified:     "not sent: the certificate does not verify (--ca-file, --allow-insecure-auth)",
		},
	}
}

// authFacts writes what the host offered for AUTH before and after TLS and
// how the login went, when the probe authenticated or ran the submission
// profile. Credentials never appear: only the user name.
func (t *textWriter) authFacts(h probe.Host) {
	a := h.Auth
	if a == nil {
		return
	}
	l := t.al
	mechs := func(ms []string, offered bool) string {
		if len(ms) == 0 && !offered {
			return l.none
		}
		return textfmt.Clean(strings.Join(ms, " "))
	}
	rows := [][2]string{}
	if h.ExtensionsBeforeTLS != nil {
		v := mechs(a.OfferedBeforeTLS, report.AuthKeyword(h.ExtensionsBeforeTLS))
		if v != l.none {
			v = t.p.warn.Sprint(v)
		}
		rows = append(rows, [2]string{l.offeredBefore, v})
	}
	label := l.offered
	if a.TLS {
		label = l.offeredAfter
	}
	v := mechs(a.Offered, a.AuthOffered)
	if !a.AuthOffered {
		v = t.p.warn.Sprint(v)
	}
	rows = append(rows, [2]string{label, v})
	rows = append(rows, [2]string{l.result, t.authResult(a, l)})
	width := 0
	for _, r := range rows {
		width = max(width, displayWidth(r[0]))
	}
	fmt.Fprintf(t.b, "  %s\n", t.p.bold.Sprint("AUTH"))
	for _, r := range rows {
		fmt.Fprintf(t.b, "       %s  %s\n", t.p.dim.Sprint(padRight(r[0], width)), r[1])
	}
}

// authResult says how the login went: "PLAIN as alice over TLS: 235
// accepted", or why no credentials were sent.
func (t *textWriter) authResult(a *probe.AuthInfo, l authLabels) string {
	if a.Skipped != "" {
		s := l.skipped[a.Skipped]
		if a.Skipped == probe.AuthNoCredentials {
			return t.p.dim.Sprint(s)
		}
		return t.p.crit.Sprint(s)
	}
	how := l.overTLS
	switch {
	case !a.TLS:
		how = l.inClear
	case !a.Verified:
		how = l.overUnverified
	}
	s := textfmt.Clean(l.login(a.Mechanism, a.User, how))
	switch {
	case a.Code == 235:
		return s + ": " + t.p.ok.Sprint("235 "+l.accepted)
	case a.Code == 0:
		return s + ": " + t.p.crit.Sprint(l.noReply)
	}
	code := strings.TrimSpace(strconv.Itoa(a.Code) + " " + a.Enhanced)
	out := s + ": " + t.p.codeColor(a.Code).Sprint(code+" "+l.rejected)
	if a.ServerError != "" {
		out += t.p.dim.Sprint(" " + textfmt.Clean(a.ServerError))
	}
	return out
}
