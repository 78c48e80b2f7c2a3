package render

import (
	"fmt"
	"strings"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dnsbl"
	"github.com/smtpprobe/smtpprobe/internal/textfmt"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
	"github.com/smtpprobe/smtpprobe/spf"
)

// senderLabels are the words of the sender checks' sections.
type senderLabels struct {
	noRecord, lookup, lookups, void, result, by, decided, policy, subdomains, reports, authorized, notAuthorized string
	inherited, confirmed, notConfirmed, noPTR, listed, notListed, unknown, noSelector, revoked, bits             string
	skipped                                                                                                      map[string]string
	lookupCount                                                                                                  func(n, limit, void int) string
}

func textSenderLabels(lang catalog.Lang) senderLabels {
	if lang == catalog.Japanese {
		return senderLabels{
			noRecord: "レコードなし", lookup: "参照", lookups: "参照", void: "空", result: "判定", by: "決め手", decided: "←",
			policy: "ポリシー", subdomains: "サブドメイン", reports: "レポート", authorized: "許可あり", notAuthorized: "許可なし",
			inherited: "親ドメインから継承", confirmed: "正引き確認済み", notConfirmed: "正引きで戻らない", noPTR: "PTRなし",
			listed: "掲載", notListed: "掲載なし", unknown: "不明", noSelector: "セレクタ未指定（--dkim-selector）", revoked: "失効", bits: "ビット",
			skipped: map[string]string{
				spf.SkippedAfterAll: "allの後（評価されない）", spf.SkippedNeedsIP: "送信アドレスが必要（--sending-ip）",
				spf.SkippedRedirect: "allがあるため無視", spf.SkippedWalk: "上限のため未追跡",
			},
			lookupCount: func(n, limit, void int) string {
				return fmt.Sprintf("DNS参照 %d/%d、空の応答 %d/2", n, limit, void)
			},
		}
	}
	return senderLabels{
		noRecord: "no record", lookup: "lookup", lookups: "lookups", void: "void", result: "result", by: "by", decided: "<-",
		policy: "policy", subdomains: "subdomains", reports: "reports", authorized: "authorised", notAuthorized: "not authorised",
		inherited: "inherited from the parent domain", confirmed: "forward-confirmed", notConfirmed: "does not resolve back", noPTR: "no PTR",
		listed: "listed", notListed: "not listed", unknown: "unknown", noSelector: "no selector given (--dkim-selector)", revoked: "revoked", bits: "bits",
		skipped: map[string]string{
			spf.SkippedAfterAll: "after all: never evaluated", spf.SkippedNeedsIP: "needs the sending address (--sending-ip)",
			spf.SkippedRedirect: "ignored: the record has all", spf.SkippedWalk: "not followed: walk bound reached",
		},
		lookupCount: func(n, limit, void int) string {
			return fmt.Sprintf("%d of %d DNS lookups, %d of 2 void", n, limit, void)
		},
	}
}

// senderChecks writes a section per sender check that ran: the records,
// the SPF tree with what each term costs, the sending address, the
// blocklists' answers. The findings below say what is wrong.
func (t *textWriter) senderChecks(a report.Assessment) {
	l := textSenderLabels(t.o.Lang)
	r := a.Result
	cs := r.Checks
	if cs.SPF != nil {
		t.senderHead(a, checks.SPF, "SPF")
		t.spfSection(cs.SPF, l)
	}
	if cs.DMARC != nil {
		t.senderHead(a, checks.DMARC, "DMARC")
		t.dmarcSection(r, l)
	}
	if cs.DKIM != nil {
		t.senderHead(a, checks.DKIM, "DKIM")
		t.dkimSection(r, l)
	}
	if cs.SendingIP != nil {
		t.senderHead(a, checks.SendingIP, "SENDING IP")
		t.sendingIPSection(r, l)
	}
	if cs.DNSBL != nil {
		t.senderHead(a, checks.DNSBL, "DNSBL")
		t.dnsblSection(r, l)
	}
}

// senderHead starts a sender check's section with its title and, as the
// inbound checks' sections have, its verdict; the section goes on with
// what the check read, on the same line.
func (t *textWriter) senderHead(a report.Assessment, name checks.Name, title string) {
	fmt.Fprintf(t.b, "\n%s  ", t.p.bold.Sprint(title))
	for _, c := range a.Checks {
		if c.Name == name {
			fmt.Fprintf(t.b, "%s  ", t.p.status(c.Status).Sprint(strings.ToUpper(c.Status.String())))
		}
	}
}

func (t *textWriter) spfSection(f *spf.Facts, l senderLabels) {
	fmt.Fprintf(t.b, "%s", textfmt.Clean(f.Domain))
	root := f.Root
	if root == nil {
		t.b.WriteString("\n")
		return
	}
	switch {
	case root.Record != "":
		fmt.Fprintf(t.b, "  %s\n", textfmt.Clean(root.Record))
	case root.Err != nil:
		fmt.Fprintf(t.b, "  %s\n", t.p.warn.Sprint(textfmt.Clean(root.Err.Error())))
		for _, rec := range root.Records {
			fmt.Fprintf(t.b, "    %s\n", textfmt.Clean(rec))
		}
	}
	var rows []spfRow
	t.spfRows(root, 1, f.DecidedBy, l, &rows)
	width := 0
	for _, r := range rows {
		if !r.record {
			width = max(width, displayWidth(r.term))
		}
	}
	for _, r := range rows {
		if r.record || r.notes == "" {
			fmt.Fprintf(t.b, "%s\n", r.term)
			continue
		}
		fmt.Fprintf(t.b, "%s  %s\n", padRight(r.term, width), r.notes)
	}
	summary := l.lookupCount(f.Lookups, spf.MaxLookups, f.VoidLookups)
	if f.Lookups > spf.MaxLookups || f.VoidLookups > spf.MaxVoidLookups {
		summary = t.p.crit.Sprint(summary)
	}
	fmt.Fprintf(t.b, "  %s\n", summary)
	if f.IP.IsValid() {
		line := fmt.Sprintf("  %s %s: %s", l.result, f.IP, strings.ToUpper(string(f.Result)))
		if len(f.DecidedBy) > 0 {
			line += fmt.Sprintf(" (%s %s)", l.by, textfmt.Clean(strings.Join(f.DecidedBy, " > ")))
		}
		fmt.Fprintln(t.b, line)
	}
}

// spfRow is one line of the SPF tree: a term and its notes, or the
// record an include or redirect points to.
type spfRow struct {
	term, notes string
	record      bool
}

// spfRows draws the terms of n at depth, each with its cost (the lookups
// of the term and its subtree, and its place in the count, marked past
// the limit). decided is what is left of the path of terms that gave the
// result, marked on the way down.
func (t *textWriter) spfRows(n *spf.Node, depth int, decided []string, l senderLabels, rows *[]spfRow) {
	indent := strings.Repeat("  ", depth)
	onPath := -1
	if len(decided) > 0 {
		for i, s := range n.Steps {
			if s.Term.Text == decided[0] {
				onPath = i
				break
			}
		}
	}
	for i, s := range n.Steps {
		term := indent + textfmt.Clean(s.Term.Text)
		var notes []string
		if s.Cost > 0 {
			word := l.lookups
			if s.Lookups == 1 {
				word = l.lookup
			}
			cost := fmt.Sprintf("%d %s [#%d]", s.Lookups, word, s.Position)
			if s.Position > spf.MaxLookups {
				cost = t.p.crit.Sprint(cost)
			}
			notes = append(notes, cost)
		}
		if s.Void {
			notes = append(notes, t.p.warn.Sprint(l.void))
		}
		if i == onPath && len(decided) == 1 {
			notes = append(notes, t.p.bold.Sprint(l.decided+" "+l.result))
		}
		if s.Skipped != "" {
			notes = append(notes, t.p.dim.Sprint(l.skipped[s.Skipped]))
		}
		if s.Err != nil {
			notes = append(notes, t.p.crit.Sprint(textfmt.Clean(s.Err.Error())))
		}
		*rows = append(*rows, spfRow{term: term, notes: strings.Join(notes, "  ")})
		c := s.Child
		if c == nil {
			continue
		}
		var rest []string
		if i == onPath {
			rest = decided[1:]
		}
		switch {
		case c.Record != "":
			*rows = append(*rows, spfRow{term: indent + "  " + t.p.dim.Sprint(textfmt.Clean(c.Record)), record: true})
			t.spfRows(c, depth+2, rest, l, rows)
		case c.Err != nil:
			*rows = append(*rows, spfRow{term: indent + "  " + t.p.crit.Sprint(textfmt.Clean(c.Err.Error())), record: true})
		}
	}
}

func (t *textWriter) dmarcSection(r probe.Result, l senderLabels) {
	f := r.Checks.DMARC
	if f.Record == nil {
		name := "_dmarc." + f.Domain
		what := l.noRecord
		if f.Err != nil {
			what = f.Err.Error()
		}
		fmt.Fprintf(t.b, "%s  %s\n", textfmt.Clean(name), t.p.warn.Sprint(textfmt.Clean(what)))
		return
	}
	rec := f.Record
	fmt.Fprintf(t.b, "_dmarc.%s  %s\n", textfmt.Clean(f.PolicyDomain), textfmt.Clean(rec.Text))
	line := fmt.Sprintf("  %s %s, %s %s", l.policy, rec.Policy, l.subdomains, rec.SubdomainPolicy)
	if f.Inherited() {
		line += " (" + l.inherited + ")"
	}
	fmt.Fprintln(t.b, line)
	for _, d := range f.Destinations {
		state := ""
		if d.External {
			state = t.p.ok.Sprint(l.authorized)
			if !d.Authorized {
				state = t.p.warn.Sprint(l.notAuthorized)
			}
		}
		line := fmt.Sprintf("  %s %s", d.Tag, textfmt.Clean(d.URI))
		if state != "" {
			line += " " + state
		}
		fmt.Fprintln(t.b, line)
	}
}

func (t *textWriter) dkimSection(r probe.Result, l senderLabels) {
	f := r.Checks.DKIM
	fmt.Fprintf(t.b, "%s", textfmt.Clean(f.Domain))
	if len(f.Selectors) == 0 {
		fmt.Fprintf(t.b, "  %s\n", t.p.dim.Sprint(l.noSelector))
		return
	}
	t.b.WriteString("\n")
	for _, s := range f.Selectors {
		var what string
		switch {
		case s.Err != nil:
			what = t.p.crit.Sprint(textfmt.Clean(s.Err.Error()))
		case s.Key.Revoked:
			what = t.p.warn.Sprint(l.revoked)
		default:
			what = fmt.Sprintf("%s %d %s", textfmt.Clean(s.Key.Type), s.Key.Bits, l.bits)
			if len(s.Key.Flags) > 0 {
				what += " t=" + textfmt.Clean(strings.Join(s.Key.Flags, ":"))
			}
		}
		fmt.Fprintf(t.b, "  %s  %s\n", textfmt.Clean(s.Name), what)
	}
}

func (t *textWriter) sendingIPSection(r probe.Result, l senderLabels) {
	s := r.Checks.SendingIP
	fmt.Fprintf(t.b, "%s\n", s.Addr)
	switch {
	case s.Err != nil:
		fmt.Fprintf(t.b, "  PTR %s\n", t.p.warn.Sprint(textfmt.Clean(s.Err.Error())))
	case len(s.Reverse.Names) == 0:
		fmt.Fprintf(t.b, "  PTR %s\n", t.p.crit.Sprint(l.noPTR))
	}
	for _, n := range s.Reverse.Names {
		state := t.p.ok.Sprint(l.confirmed)
		if !n.Confirmed {
			state = t.p.crit.Sprint(l.notConfirmed)
		}
		fmt.Fprintf(t.b, "  PTR %s -> %v  %s\n", textfmt.Clean(n.Name), n.Addresses, state)
	}
}

func (t *textWriter) dnsblSection(r probe.Result, l senderLabels) {
	bl := r.Checks.DNSBL
	fmt.Fprintf(t.b, "%s\n", textfmt.Clean(strings.Join(bl.Zones, ", ")))
	for _, a := range bl.Answers {
		var what string
		switch a.Status {
		case dnsbl.Listed:
			what = t.p.crit.Sprint(fmt.Sprintf("%s %v", l.listed, a.Codes))
			if len(a.TXT) > 0 {
				what += " " + textfmt.Clean(strings.Join(a.TXT, " "))
			}
		case dnsbl.Unknown:
			what = t.p.warn.Sprint(l.unknown) + " " + textfmt.Clean(a.Reason)
		default:
			what = t.p.ok.Sprint(l.notListed)
		}
		fmt.Fprintf(t.b, "  %-15s %s  %s\n", a.Addr, textfmt.Clean(a.Zone), what)
	}
}
