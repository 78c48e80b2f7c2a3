package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/internal/textfmt"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// checkLabels are the words of the inbound checks' sections.
type checkLabels struct {
	publish, validates, yes, no, unknown, record, noRecord, policy, mode, maxAge, matched, notMatched, tlsOK, depth, noTLSA, authentic, notAuthentic, fcrdns, greeting, noPTR string
}

func textCheckLabels(lang catalog.Lang) checkLabels {
	if lang == catalog.Japanese {
		return checkLabels{
			publish: "公開する内容:", validates: "リゾルバの検証", yes: "あり", no: "なし", unknown: "不明", record: "レコード", noRecord: "レコードなし",
			policy: "ポリシー", mode: "モード", maxAge: "max_age", matched: "一致", notMatched: "不一致", tlsOK: "TLS正常",
			depth: "深さ", noTLSA: "TLSAなし", authentic: "真正（AD）", notAuthentic: "真正でない（ADなし）",
			fcrdns: "正引き確認済み", greeting: "グリーティング", noPTR: "PTRなし",
		}
	}
	return checkLabels{
		publish: "Publish:", validates: "resolver validates", yes: "yes", no: "no", unknown: "unknown", record: "record", noRecord: "no record",
		policy: "policy", mode: "mode", maxAge: "max_age", matched: "matched", notMatched: "no match", tlsOK: "TLS ok",
		depth: "depth", noTLSA: "no TLSA", authentic: "authentic (AD)", notAuthentic: "not authentic (no AD)",
		fcrdns: "forward-confirmed", greeting: "greeting", noPTR: "no PTR",
	}
}

// publish prints the record or file of a fix as it is, line by line:
// wrapping would break it.
func (t *textWriter) publish(indent, text string) {
	if text == "" {
		return
	}
	fmt.Fprintf(t.b, "%s%s\n", indent, t.p.bold.Sprint(textCheckLabels(t.o.Lang).publish))
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(t.b, "%s  %s\n", indent, textfmt.Clean(line))
	}
}

// inboundChecks writes a section per inbound check that ran: its verdict
// and the facts it was judged on. The findings below say what to fix.
func (t *textWriter) inboundChecks(a report.Assessment) {
	l := textCheckLabels(t.o.Lang)
	r := &a.Result
	for _, c := range a.Checks {
		switch c.Name {
		case checks.DNSSEC:
			d := r.Checks.DNSSEC
			t.checkHead("DNSSEC", c)
			if d.SelfTestFailed() {
				t.fact(l.validates, l.unknown+": "+nameSecurity(d.SelfTest.Rcode, false, false, d.SelfTest.Err, l))
			} else {
				t.fact(l.validates, yesNo(d.ResolverValidates, l))
			}
			for _, ns := range d.Names {
				t.fact(ns.Name+" "+ns.Type, nameSecurity(ns.Rcode, ns.AD, ns.Bogus, ns.Err, l))
			}
		case checks.MTASTS:
			f := r.Checks.MTASTS
			t.checkHead("MTA-STS", c)
			t.fact(l.record, records(f.Records, f.LookupErr, f.LookupBroken, l))
			if f.URL != "" {
				t.fact(l.policy, f.URL)
			}
			if p := f.Policy; p != nil {
				t.fact(l.mode, string(p.Mode)+", "+l.maxAge+" "+strconv.Itoa(p.MaxAge)+", mx "+strings.Join(p.MX, " "))
			}
			for _, m := range report.MTASTSCoverage(r) {
				v := l.tlsOK
				if m.Pattern != "" {
					v = l.matched + " " + m.Pattern + ", " + v
				}
				if !m.Pass() {
					v = m.Why
				}
				t.fact(m.Host, v)
			}
		case checks.TLSRPT:
			t.checkHead("TLS-RPT", c)
			t.fact(l.record, records(r.Checks.TLSRPT.Records, r.Checks.TLSRPT.Err, r.Checks.TLSRPT.Broken, l))
		}
	}
	t.hostChecks(a, checks.DANE, "DANE", l)
	t.hostChecks(a, checks.PTR, "PTR", l)
}

// hostChecks writes the section of a per-host check: a line per address.
func (t *textWriter) hostChecks(a report.Assessment, name checks.Name, title string, l checkLabels) {
	head := false
	for i, h := range a.Result.Hosts {
		for _, c := range a.Host(i).Checks {
			if c.Name != name {
				continue
			}
			if !head {
				fmt.Fprintf(t.b, "\n%s\n", t.p.bold.Sprint(title))
				head = true
			}
			subject := h.Name
			if a := h.EntryAddr(); a.IsValid() {
				subject += " " + a.String()
			}
			fmt.Fprintf(t.b, "  %s  %s  %s\n", t.p.status(c.Status).Sprintf("%-10s", strings.ToUpper(c.Status.String())), textfmt.Clean(subject), textfmt.Clean(c.Summary))
			switch {
			case name == checks.DANE && h.DANE != nil:
				d := h.DANE
				auth := l.notAuthentic
				if d.Authentic {
					auth = l.authentic
				}
				switch {
				case d.Err != "":
					// A failed lookup is not a missing record.
					t.fact(d.Name, failedLookup(d.Err, d.Broken, l))
				case len(d.Records) == 0:
					t.fact(d.Name, l.noTLSA)
				}
				for _, r := range d.Records {
					v := auth
					if m := d.Match; m != nil && m.Matched && m.Record != nil && m.Record.String() == r.String() {
						v += ", " + l.matched + " (" + l.depth + " " + strconv.Itoa(m.Depth) + ")"
					}
					t.fact(r.String(), v)
				}
			case name == checks.PTR && h.PTR != nil:
				var names []string
				for _, n := range h.PTR.Names {
					s := n.Name
					if n.Confirmed {
						s += " (" + l.fcrdns + ")"
					}
					names = append(names, s)
				}
				switch {
				case h.PTR.Err != "":
					names = append(names, failedLookup(h.PTR.Err, h.PTR.Broken, l))
				case len(names) == 0:
					names = append(names, l.noPTR)
				}
				t.fact(h.PTR.Addr.String(), strings.Join(names, ", "))
				if g := report.GreetingName(&h); g != "" {
					t.fact(l.greeting, g)
				}
			}
		}
	}
}

// checkHead writes the first line of a check's section.
func (t *textWriter) checkHead(title string, c report.Check) {
	fmt.Fprintf(t.b, "\n%s  %s  %s\n", t.p.bold.Sprint(title), t.p.status(c.Status).Sprint(strings.ToUpper(c.Status.String())), textfmt.Clean(c.Summary))
}

// fact writes one fact of a check: a label and its value.
func (t *textWriter) fact(label, value string) {
	fmt.Fprintf(t.b, "    %s %s\n", padRight(textfmt.Clean(label), 24), textfmt.Clean(value))
}

func yesNo(b bool, l checkLabels) string {
	if b {
		return l.yes
	}
	return l.no
}

// records shows the records found; when the lookup failed (lookupErr), that
// is unknown, never "no record".
func records(rs []string, lookupErr string, broken bool, l checkLabels) string {
	if len(rs) == 0 && lookupErr != "" {
		return failedLookup(lookupErr, broken, l)
	}
	if len(rs) == 0 {
		return l.noRecord
	}
	return strings.Join(rs, " | ")
}

// failedLookup shows why a question got no answer: unknown when the
// resolver failed, the zone's error itself when its CNAME chain is
// broken (which is known).
func failedLookup(err string, broken bool, l checkLabels) string {
	if broken {
		return err
	}
	return l.unknown + ": " + err
}

func nameSecurity(rcode string, ad, bogus bool, err string, l checkLabels) string {
	s := rcode
	if rcode == "" {
		s = err
	}
	if ad {
		s += ", " + l.authentic
	}
	if bogus {
		s += ", bogus (CD)"
	}
	return s
}
