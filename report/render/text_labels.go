package render

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/fatih/color"

	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// labels are the words of the text report in one language.
type labels struct {
	verdict, findings, none, noFindings, seeAbove, fix, matched             string
	mxSkipped, resolverFailed, nullMX, noMX, implicitMX, aliasOf, ipLiteral string
	moreAddresses, moreMX                                                   string // formats
	moreNames, moreCerts, moreChars                                         string // formats
	queries                                                                 func(n int, server, total string) string
	pipelined, noReply, handshake, handshakeFailed, implicitTLS             string
	retry                                                                   string
	queued                                                                  string // format: the time waited for other probes of an address
	shared                                                                  string // format: session, transaction, recipients
	together                                                                string // format: the number of later replies in the batch
	chain, trusted, untrusted, name, matches, mismatch, notChecked          string
	expires, daysLeft, expiredAgo, verify, leaf, issuerCert, names          string
	issuedBy, selfSigned, offered, yes, ok, failed, notOffered, notUsed     string
	exit                                                                    func(int) string
}

func textLabels(lang catalog.Lang) labels {
	if lang == catalog.Japanese {
		return labels{
			verdict: "判定", findings: "指摘事項", none: "なし（正常なやりとりです）", noFindings: "なし",
			seeAbove: "解説は上のやりとりを参照", fix: "対処:", matched: "照合",
			mxSkipped: "（--server 指定のためMX検索は省略）", resolverFailed: "リゾルバの失敗",
			nullMX: "Null MX: メールを受け付けない", noMX: "MXレコードもA/AAAAレコードもない",
			implicitMX: "MXレコードなし。ドメインのアドレスを暗黙のMXとして使用",
			aliasOf:    "CNAME →", ipLiteral: "IPアドレスのMX",
			moreAddresses: "ほか%d件のアドレスは省略", moreMX: "ほか%d件のMXは省略",
			queries: func(n int, server, total string) string {
				return fmt.Sprintf("問い合わせ%d件（%s 宛て、合計%s）", n, server, total)
			},
			pipelined: "(パイプライン)", noReply: "応答なし", queued: "（ほかに同じアドレスの確認待ち%s）",
			shared:    "セッション%dを実行中の他の対象と共有（専用にするには --no-reuse）: トランザクション%d、宛先%d件。グリーティング・EHLO・TLS はセッションのもの",
			together:  "(パイプライン。後続の%d件とまとめて応答：時間はそれらの合計)",
			retry:     "STARTTLS が失敗したため、新しい接続で平文のまま再試行（送信側MTAと同じ動作）",
			handshake: "ハンドシェイク", handshakeFailed: "TLSハンドシェイク失敗",
			implicitTLS: "暗黙的TLS",
			chain:       "チェーン", trusted: "信頼済み", untrusted: "信頼されていない",
			name: "ホスト名", matches: "一致:", mismatch: "不一致:", notChecked: "未確認（検証が先の問題で止まったため）",
			expires: "有効期限", daysLeft: "残り%d日", expiredAgo: "%d日前に期限切れ", verify: "検証",
			selfSigned: "（自己署名）", offered: "STARTTLS", yes: "提供あり", ok: "成功", failed: "失敗",
			notOffered: "なし: STARTTLS が提供されていない（平文で配送）",
			notUsed:    "STARTTLS は提供されているが使用していない（--starttls never、または拒否された）",
			leaf:       "証明書", issuerCert: "中間証明書", names: "名前:", issuedBy: "発行者:",
			moreNames: "（ほか%d個の名前）", moreCerts: "ほか%d枚の証明書は省略", moreChars: "…（ほか%d文字）",
			exit: func(n int) string { return fmt.Sprintf("（終了コード%d）", n) },
		}
	}
	return labels{
		verdict: "Verdict", findings: "Findings", none: "none: a healthy exchange", noFindings: "none",
		seeAbove: "explained in the transcript above", fix: "Fix:", matched: "matched",
		mxSkipped: "(--server: MX lookup skipped)", resolverFailed: "resolver failed",
		nullMX: "null MX: accepts no mail", noMX: "no MX, no A/AAAA records",
		implicitMX: "no MX record; its own address is the implicit MX",
		aliasOf:    "CNAME to", ipLiteral: "IP address as MX",
		moreAddresses: "%d more addresses left out", moreMX: "%d more MX records left out",
		queries: func(n int, server, total string) string {
			if n == 1 {
				return fmt.Sprintf("1 query to %s, %s", server, total)
			}
			return fmt.Sprintf("%d queries to %s, %s in all", n, server, total)
		},
		pipelined: "(pipelined)", noReply: "no reply", queued: " (+%s queued)",
		shared:    "session %d shared with other targets of the run (--no-reuse for one of its own): transaction %d, %d recipients; the greeting, EHLO and TLS are the session's",
		together:  "(pipelined; answered with the next %d at once: the time is theirs together)",
		retry:     "retry in clear on a new connection, as sending MTAs do after a failed STARTTLS",
		handshake: "handshake", handshakeFailed: "TLS handshake failed",
		implicitTLS: "implicit TLS",
		chain:       "chain", trusted: "trusted", untrusted: "not trusted",
		name: "name", matches: "matches", mismatch: "does not match", notChecked: "not checked (verification stopped at an earlier problem)",
		expires: "expires", daysLeft: "%d days left", expiredAgo: "expired %d days ago", verify: "verify",
		selfSigned: "(self-signed)", offered: "offered", yes: "yes", ok: "ok", failed: "failed",
		notOffered: "none: STARTTLS not offered, mail goes in clear",
		notUsed:    "STARTTLS offered but not used (--starttls never, or refused)",
		leaf:       "leaf", issuerCert: "issuer", names: "names", issuedBy: "issued by",
		moreNames: " and %d more", moreCerts: "%d more certificates not shown", moreChars: "… (%d more characters)",
		exit: func(n int) string { return fmt.Sprintf(" (exit %d)", n) },
	}
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// ansi matches the colour codes of fatih/color, compiled on first use.
var ansi = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\x1b\[[0-9;]*m`) })

func stripANSI(s string) string { return ansi().ReplaceAllString(s, "") }

// displayWidth counts terminal columns: two for East Asian wide runes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// padRight pads s with spaces to width columns.
func padRight(s string, width int) string {
	if n := displayWidth(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

func runeWidth(r rune) int {
	switch {
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
		r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
		return 2
	}
	return 1
}

// writeWrapped writes text wrapped to width columns, the first line after
// lead (which may hold colour codes), the others indented as far, every
// line of text in colour c (nil: none). Empty text writes nothing.
func writeWrapped(w io.Writer, width int, lead, text string, c *color.Color) {
	n := displayWidth(stripANSI(lead))
	for i, ln := range wrapText(text, width-n) {
		if c != nil {
			ln = c.Sprint(ln)
		}
		if i > 0 {
			lead = strings.Repeat(" ", n)
		}
		fmt.Fprintf(w, "%s%s\n", lead, ln)
	}
}

// noLineStart are the punctuation marks a Japanese line must not start with
// (kinsoku shori).
const noLineStart = "、。，．）」』】〕！？・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"

// noLineEnd are the opening brackets a line must not end with.
const noLineEnd = "（「『【〔"

// wrapText breaks text into lines of at most width columns. Words are
// separated by spaces; a wide rune (Japanese) is a word of its own that
// may end a line without a space, except that closing punctuation stays
// with the rune before it.
func wrapText(text string, width int) []string {
	if width < 20 {
		width = 20
	}
	type token struct {
		s     string
		space bool // a space precedes it in the text
	}
	var tokens []token
	var word strings.Builder
	space := false
	flush := func() {
		if word.Len() > 0 {
			tokens = append(tokens, token{word.String(), space})
			word.Reset()
			space = false
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsSpace(r):
			flush()
			space = len(tokens) > 0
		case strings.ContainsRune(noLineEnd, r):
			flush()
			word.WriteRune(r) // glued to what follows
		case runeWidth(r) == 2 && !strings.ContainsRune(noLineStart, r):
			if word.Len() > 0 && !strings.ContainsRune(noLineEnd, lastRune(word.String())) {
				flush()
			}
			word.WriteRune(r)
			flush()
		case strings.ContainsRune(noLineStart, r) && word.Len() == 0 && len(tokens) > 0 && !space:
			tokens[len(tokens)-1].s += string(r)
		default:
			word.WriteRune(r)
		}
	}
	flush()

	var lines []string
	var cur strings.Builder
	curWidth := 0
	for _, tk := range tokens {
		w := displayWidth(tk.s)
		sep := 0
		if tk.space && cur.Len() > 0 {
			sep = 1
		}
		if cur.Len() > 0 && curWidth+sep+w > width {
			lines = append(lines, cur.String())
			cur.Reset()
			curWidth, sep = 0, 0
		}
		if sep == 1 {
			cur.WriteByte(' ')
		}
		cur.WriteString(tk.s)
		curWidth += sep + w
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
