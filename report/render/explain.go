package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"

	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// explainWidth is the width explain wraps its text at.
const explainWidth = 80

// ExplainText renders explanations for a person: each entry in full, and
// for two or more their main differences and which applies when.
func ExplainText(w io.Writer, es []report.Explanation, o Options) error {
	x := explainWriter{b: bufio.NewWriter(w), p: newPalette(o.Color), l: explainLabels(o.Lang), single: len(es) == 1, width: o.wrapWidth(explainWidth)}
	for i, e := range es {
		if i > 0 {
			fmt.Fprintln(x.b)
		}
		x.entry(e)
	}
	if len(es) > 1 {
		x.compare(es)
	}
	return x.b.Flush()
}

// ExplainJSON renders one JSON object per explanation, one per line: the
// Diagnosis fields of the contract, the query, and for a pasted reply the
// parts read from it.
func ExplainJSON(w io.Writer, es []report.Explanation, o Options) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range es {
		v := struct {
			Query string `json:"query"`
			catalog.Diagnosis
			Reply  *catalog.Reply      `json:"reply,omitempty"`
			Others []catalog.Diagnosis `json:"other_meanings,omitempty"`
			// ByClass explains an "X." form in each class it can be
			// sent with.
			ByClass []catalog.Diagnosis `json:"by_class,omitempty"`
		}{e.Query, e.Diagnosis, e.Reply, e.Others, e.ByClass}
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("writing explanation of %q: %w", e.Query, err)
		}
	}
	return nil
}

type explainWriter struct {
	b      *bufio.Writer
	p      palette
	l      explainLabelSet
	single bool // one explanation: list the other meanings of its code
	width  int  // the column to wrap at
}

// entry writes one explanation.
func (x *explainWriter) entry(e report.Explanation) {
	d := e.Diagnosis
	fmt.Fprintf(x.b, "%s  %s\n", x.classColor(d.Class).Sprint(codeLabel(d)), x.p.bold.Sprint(d.Title))
	if r := e.Reply; r != nil {
		// The reply as read, without the bounce's wrapping, so that a
		// misread paste shows.
		x.field(x.l.reply, strings.TrimSpace(codeLabel(catalog.Diagnosis{Code: r.Code, Enhanced: r.Enhanced})+" "+strings.Join(strings.Fields(r.Text), " ")), nil)
	}
	x.field(x.l.class, classText(d.Class, x.l), x.classColor(d.Class))
	x.byClass(e)
	facts := categoryText(d.Category, x.l)
	if !strings.HasPrefix(d.Class, "2") && !strings.HasPrefix(d.Class, "3") && len(e.ByClass) == 0 {
		// Retrying means nothing for a reply that succeeded, and for an
		// "X." form each class says it above.
		facts += " · " + x.l.retry + " " + retryText(d.Retry, x.l)
	}
	x.field(x.l.category, facts, nil)
	x.field(x.l.matched, matchedText(d), x.p.dim)
	x.field(x.l.meaning, d.Meaning, nil)
	x.field(x.l.when, d.When, nil)
	x.field(x.l.fix, d.Fix, nil)
	if d.Ref != "" {
		x.field(x.l.ref, d.Ref, x.p.dim)
	}
	if len(e.Others) > 0 && x.single {
		fmt.Fprintf(x.b, "\n%s\n", x.p.bold.Sprintf(x.l.others, d.Code))
		for _, o := range e.Others {
			x.wrapped("  - ", o.Title+": "+sentence(o.When, x.l.ja))
		}
	}
}

// byClass writes, under the class of an enhanced code's "X." form, what
// the code means for a sender in each class it can be sent with, and its
// title there when that differs (a rule for the 4.s.d form only, say).
func (x *explainWriter) byClass(e report.Explanation) {
	lead := "  " + strings.Repeat(" ", x.l.labelWidth) + "    "
	for _, f := range e.ByClass {
		text := classText(f.Class, x.l)
		if f.Title != e.Diagnosis.Title {
			text += ": " + f.Title
		}
		x.wrappedColor(lead+x.classColor(f.Class).Sprint(codeLabel(f))+"  ", text, nil)
	}
}

// compare writes the main differences of several explanations and which
// applies when.
func (x *explainWriter) compare(es []report.Explanation) {
	fmt.Fprintf(x.b, "\n%s\n", x.p.bold.Sprint(x.l.differences))
	if differ(es, func(d catalog.Diagnosis) string { return d.Class }) {
		x.rows(x.l.class, es, func(d catalog.Diagnosis) string { return classText(d.Class, x.l) })
	} else {
		x.field(x.l.class, fmt.Sprintf(x.l.same, classText(es[0].Diagnosis.Class, x.l)), nil)
	}
	if differ(es, func(d catalog.Diagnosis) string { return d.Retry }) {
		x.rows(x.l.retry, es, func(d catalog.Diagnosis) string { return retryText(d.Retry, x.l) })
	}
	if differ(es, func(d catalog.Diagnosis) string { return d.Category }) {
		x.rows(x.l.category, es, func(d catalog.Diagnosis) string { return categoryText(d.Category, x.l) })
	} else {
		x.field(x.l.category, fmt.Sprintf(x.l.same, categoryText(es[0].Diagnosis.Category, x.l)), nil)
	}
	x.rows(x.l.meaning, es, func(d catalog.Diagnosis) string { return sentence(d.Meaning, x.l.ja) })
	fmt.Fprintf(x.b, "\n%s\n", x.p.bold.Sprint(x.l.which))
	width := codeWidth(es)
	for _, e := range es {
		d := e.Diagnosis
		x.wrapped("  "+x.classColor(d.Class).Sprint(padRight(codeLabel(d), width))+"  ", sentence(d.When, x.l.ja))
		x.wrapped("  "+strings.Repeat(" ", width)+"  "+x.l.then, sentence(d.Fix, x.l.ja))
	}
}

// rows writes one line per explanation for a property, labelled by code.
func (x *explainWriter) rows(label string, es []report.Explanation, value func(catalog.Diagnosis) string) {
	width := codeWidth(es)
	for i, e := range es {
		l := ""
		if i == 0 {
			l = label
		}
		x.wrapped("  "+x.p.dim.Sprint(padRight(l, x.l.labelWidth))+"  "+padRight(codeLabel(e.Diagnosis), width)+"  ", value(e.Diagnosis))
	}
}

// codeWidth is the width of the widest code label of es.
func codeWidth(es []report.Explanation) int {
	width := 0
	for _, e := range es {
		width = max(width, displayWidth(codeLabel(e.Diagnosis)))
	}
	return width
}

// field writes a labelled, wrapped value.
func (x *explainWriter) field(label, text string, c *color.Color) {
	if text == "" {
		return
	}
	x.wrappedColor("  "+x.p.dim.Sprint(padRight(label, x.l.labelWidth))+"  ", text, c)
}

func (x *explainWriter) wrapped(lead, text string) { x.wrappedColor(lead, text, nil) }

// wrappedColor writes text wrapped to the width after lead.
func (x *explainWriter) wrappedColor(lead, text string, c *color.Color) {
	writeWrapped(x.b, x.width, lead, text, c)
}

// sentence returns the first sentence of s with its full stop, or the
// first two when the first is too short to say much.
func sentence(s string, ja bool) string {
	end := ". "
	if ja {
		end = "。"
	}
	cut := 0
	for cut < len(s) {
		i := strings.Index(s[cut:], end)
		if i < 0 {
			return s
		}
		cut += i + len(strings.TrimSpace(end))
		if displayWidth(s[:cut]) >= 40 {
			break
		}
	}
	return s[:cut]
}

func (x *explainWriter) classColor(class string) *color.Color {
	switch {
	case strings.HasPrefix(class, "2"):
		return x.p.ok
	case strings.HasPrefix(class, "3"):
		return x.p.info
	case strings.HasPrefix(class, "4"):
		return x.p.warn
	case strings.HasPrefix(class, "5"):
		return x.p.crit
	}
	return x.p.unknown
}

// codeLabel names a diagnosis by its codes: "550 5.1.1", "X.7.26", "?".
func codeLabel(d catalog.Diagnosis) string {
	var parts []string
	if d.Code != 0 {
		parts = append(parts, fmt.Sprint(d.Code))
	}
	if d.Enhanced != "" {
		parts = append(parts, d.Enhanced)
	}
	if len(parts) == 0 {
		return "?"
	}
	return strings.Join(parts, " ")
}

// classText is the class with what it means for the sender.
func classText(class string, l explainLabelSet) string {
	switch {
	case class == "":
		return l.classUnknown
	case class == catalog.ClassAny:
		return l.classAny
	case class[0] < '2' || class[0] > '5':
		return class
	}
	return class + " — " + l.classGloss[class[0]-'2']
}

// categoryText is a category with its Japanese name in Japanese output;
// the category itself stays as the contract spells it.
func categoryText(c string, l explainLabelSet) string {
	if n := categoryJa[c]; l.ja && n != "" {
		return c + "（" + n + "）"
	}
	return c
}

// retryText is the retry value with what it means for the sender.
func retryText(r string, l explainLabelSet) string {
	if r == catalog.Transient {
		return r + l.transient
	}
	return r + l.permanent
}

// categoryJa names the categories the way Japanese operators say them.
var categoryJa = map[string]string{
	catalog.CategoryMailboxUnknown:         "宛先不明",
	catalog.CategoryMailboxFull:            "メールボックス容量超過",
	catalog.CategoryMailboxDisabled:        "メールボックス停止",
	catalog.CategoryRelayDenied:            "中継拒否",
	catalog.CategorySenderRejected:         "送信元拒否",
	catalog.CategorySpamReputation:         "迷惑メール判定・送信元評価",
	catalog.CategoryBlocklist:              "ブラックリスト",
	catalog.CategoryAuthenticationRequired: "認証が必要",
	catalog.CategoryAuthenticationFailed:   "認証失敗",
	catalog.CategoryTLSRequired:            "TLS 必須",
	catalog.CategoryDNSProblem:             "DNS の問題",
	catalog.CategoryReverseDNS:             "逆引き",
	catalog.CategorySPFDKIMDMARC:           "送信ドメイン認証",
	catalog.CategoryRateLimit:              "流量制限",
	catalog.CategoryGreylisting:            "グレイリスティング",
	catalog.CategorySizeLimit:              "サイズ超過",
	catalog.CategoryPolicy:                 "ポリシー",
	catalog.CategorySyntax:                 "構文・プロトコル",
	catalog.CategoryServerUnavailable:      "サーバ障害・利用不可",
	catalog.CategoryDoesNotAcceptMail:      "メール受信なし",
	catalog.CategorySuccess:                "成功",
	catalog.CategoryIntermediate:           "中間応答",
	catalog.CategoryOther:                  "その他",
}

// matchedText says how specific the match was, naming the rule.
func matchedText(d catalog.Diagnosis) string {
	if d.Matched == catalog.MatchedRule && d.Rule != "" {
		return d.Matched + " (" + d.Rule + ")"
	}
	return d.Matched
}

// differ reports whether a property differs among the explanations.
func differ(es []report.Explanation, value func(catalog.Diagnosis) string) bool {
	for _, e := range es[1:] {
		if value(e.Diagnosis) != value(es[0].Diagnosis) {
			return true
		}
	}
	return false
}

// explainLabelSet holds the words of the explain output in one language.
type explainLabelSet struct {
	ja                                           bool
	labelWidth                                   int
	reply, class, category, retry, matched       string
	meaning, when, fix, ref, others              string
	differences, same, which, then, classUnknown string
	classAny                                     string
	transient, permanent                         string
	classGloss                                   [4]string
}

func explainLabels(lang catalog.Lang) explainLabelSet {
	if lang == catalog.Japanese {
		return explainLabelSet{
			ja: true, labelWidth: 8,
			reply: "応答", class: "クラス", category: "分類", retry: "再送", matched: "判定",
			meaning: "意味", when: "発生状況", fix: "対処", ref: "規格", others: "%d の他の意味",
			differences: "主な違い", same: "どちらも %s", which: "どちらがいつ当てはまるか",
			then: "→ ", transient: "（後で再送）", permanent: "（再送しない）", classUnknown: "不明（応答コードを読み取れません）",
			classAny: "X（クラスなし）: 実際に送られるクラスで送信側の動作が決まる",
			classGloss: [4]string{
				"成功。コマンドは処理されました",
				"続行待ち。サーバはクライアントの続きを待っています",
				"一時的エラー。送信側は後で再送します",
				"恒久的エラー。送信側は再送せずエラーとして返します",
			},
		}
	}
	return explainLabelSet{
		labelWidth: 8,
		reply:      "reply", class: "class", category: "category", retry: "retry", matched: "matched",
		meaning: "meaning", when: "when", fix: "fix", ref: "ref", others: "Other meanings of %d",
		differences: "Main differences", same: "both %s", which: "Which applies when",
		then: "→ ", transient: " (retry later)", permanent: " (do not retry)", classUnknown: "unknown (no reply code could be read)",
		classAny: "X, any class: the class the code is sent with decides what a sender does",
		classGloss: [4]string{
			"success: the command was carried out",
			"intermediate: the server waits for the client to continue",
			"transient failure: the sender keeps the message and retries later",
			"permanent failure: the sender gives up and bounces the message",
		},
	}
}
