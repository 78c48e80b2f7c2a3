package render

import (
	"bytes"
	"fmt"
	"io"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fatih/color"
	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/internal/textfmt"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// textWidth is the column at which explanations are wrapped.
const textWidth = 100

// Text writes the assessments for a person at a terminal, one report per
// target: a header, the DNS facts, per host a transcript ("<-" server,
// "->" client, with the time each reply took) in which every reply that a
// healthy exchange does not get is followed by its explanation and fix,
// the host's TLS facts, then the findings worst first and the verdict.
// Colour is used only when o.Color is set.
func Text(w io.Writer, as []report.Assessment, o Options) error {
	var b bytes.Buffer
	t := textWriter{b: &b, o: o, p: newPalette(o.Color), l: textLabels(o.Lang), al: textAuthLabels(o.Lang)}
	for i, a := range as {
		if i > 0 {
			b.WriteString("\n")
		}
		t.assessment(a)
	}
	_, err := w.Write(b.Bytes())
	return err
}

type textWriter struct {
	b  *bytes.Buffer
	o  Options
	p  palette
	l  labels
	al authLabels
}

func (t *textWriter) assessment(a report.Assessment) {
	r := a.Result
	t.header(r)
	// A run of the sender checks alone looks no MX up.
	if (r.Target.Domain != "" || r.Server != "") && (r.Ran == 0 || r.Ran.NeedsMX()) {
		t.dns(r)
	}
	// Without the dialogue the hosts were only looked up (the DNS section
	// lists them), and the checks below speak of them.
	for i, h := range r.Hosts {
		if a.Dialogue() {
			t.host(h, a.Host(i))
		}
	}
	t.inboundChecks(a)
	t.senderChecks(a)
	t.findings(a)
	// The verdict says what happened; what to do is in the findings above.
	headline := a.Headline
	if headline == "" {
		headline = a.Summary
	}
	lead := t.p.bold.Sprint(t.l.verdict+":") + " " + t.p.status(a.Status).Sprint(strings.ToUpper(a.Status.String())+t.l.exit(int(a.Status))) + "  "
	t.b.WriteString("\n")
	if t.o.Width <= 0 {
		t.b.WriteString(lead + textfmt.Clean(headline) + "\n")
		return
	}
	// On a terminal of known width it is wrapped to fit, at any width.
	writeWrapped(t.b, max(minWidth, t.o.Width), lead, textfmt.Clean(headline), nil)
}

func (t *textWriter) header(r probe.Result) {
	name := r.Target.Input
	if name == "" {
		name = r.Target.Domain
	}
	parts := []string{t.p.bold.Sprint(textfmt.Clean(name))}
	// Without the dialogue no RCPT is sent: a sender audit names no
	// recipient.
	if r.Target.Rcpt != "" && (r.Ran == 0 || r.Ran.Has(checks.SMTP)) {
		parts = append(parts, "rcpt "+textfmt.Clean(r.Target.Rcpt))
	}
	if !r.Started.IsZero() {
		parts = append(parts, r.Started.UTC().Format("2006-01-02 15:04:05 UTC"))
	}
	if r.Duration > 0 {
		parts = append(parts, textfmt.Duration(r.Duration)+t.queued(r.Queued))
	}
	t.b.WriteString(strings.Join(parts, t.p.dim.Sprint(" · ")) + "\n")
}

// queued says how long the probe waited for other probes of an address:
// queue time, shown apart from the probe's own.
func (t *textWriter) queued(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	return fmt.Sprintf(t.l.queued, textfmt.Duration(d))
}

func (t *textWriter) dns(r probe.Result) {
	d := r.DNS
	l := t.l
	fmt.Fprintf(t.b, "\n%s  ", t.p.bold.Sprint("DNS"))
	switch {
	case r.Server != "":
		fmt.Fprintf(t.b, "%s %s\n", textfmt.Clean(r.Server), t.p.dim.Sprint(l.mxSkipped))
		return
	case r.DNSErr != nil:
		fmt.Fprintf(t.b, "%s: %s\n", r.Target.Domain, t.p.crit.Sprint(l.resolverFailed+": "+textfmt.Clean(r.DNSErr.Error())))
	case d.NXDomain:
		fmt.Fprintf(t.b, "%s: %s\n", d.Domain, t.p.crit.Sprint("NXDOMAIN"))
	case d.NullMX:
		fmt.Fprintf(t.b, "%s: MX 0 .  %s\n", d.Domain, t.p.crit.Sprint(l.nullMX))
	case len(d.MX) == 0:
		fmt.Fprintf(t.b, "%s: %s\n", d.Domain, t.p.crit.Sprint(l.noMX))
	case d.ImplicitMX:
		fmt.Fprintf(t.b, "%s: %s\n", d.Domain, t.p.warn.Sprint(l.implicitMX))
	default:
		name := textfmt.Clean(d.Domain)
		if d.CNAME != "" {
			name += t.p.dim.Sprint(" (" + t.l.aliasOf + " " + textfmt.Clean(d.CNAME) + ")")
		}
		fmt.Fprintf(t.b, "%s\n", name)
	}
	width := 0
	for _, mx := range d.MX {
		width = max(width, displayWidth(mx.Host))
	}
	for _, mx := range d.MX {
		addrs := make([]string, len(mx.Addresses))
		for i, a := range mx.Addresses {
			addrs[i] = a.String()
		}
		line := fmt.Sprintf("  MX %3d  %s  %s", mx.Preference, padRight(textfmt.Clean(mx.Host), width), strings.Join(addrs, " "))
		var notes []string
		if mx.OmittedAddresses > 0 {
			notes = append(notes, fmt.Sprintf(l.moreAddresses, mx.OmittedAddresses))
		}
		if mx.CNAME != "" {
			notes = append(notes, t.p.warn.Sprint(l.aliasOf+" "+textfmt.Clean(mx.CNAME)))
		}
		if mx.IPLiteral {
			notes = append(notes, t.p.warn.Sprint(l.ipLiteral))
		}
		if len(mx.Addresses) == 0 && mx.Err != "" {
			notes = append(notes, t.p.crit.Sprint(textfmt.Clean(mx.Err)))
		}
		if len(notes) > 0 {
			line = strings.TrimRight(line, " ") + "  " + strings.Join(notes, ", ")
		}
		t.b.WriteString(line + "\n")
	}
	if d.OmittedMX > 0 {
		fmt.Fprintf(t.b, "  %s\n", t.p.dim.Sprintf(l.moreMX, d.OmittedMX))
	}
	t.queries(r)
}

// queries lists the DNS questions one per line when something went wrong,
// and counts them otherwise.
func (t *textWriter) queries(r probe.Result) {
	qs := r.DNS.Queries
	trouble := r.DNSErr != nil || r.DNS.NXDomain
	for _, q := range qs {
		trouble = trouble || q.Err != "" || (q.Rcode != "NOERROR" && q.Rcode != "NXDOMAIN")
	}
	if len(qs) == 0 {
		return
	}
	if !trouble {
		var total time.Duration
		for _, q := range qs {
			total += q.Duration
		}
		fmt.Fprintf(t.b, "  %s\n", t.p.dim.Sprint(t.l.queries(len(qs), qs[0].Server, textfmt.Duration(total))))
		return
	}
	for _, q := range qs {
		outcome := q.Rcode
		if q.Err != "" {
			outcome = textfmt.Clean(q.Err)
		}
		via := q.Server
		if q.TCP {
			via += " tcp"
		}
		if q.Truncated {
			via += " truncated"
		}
		if q.Cached {
			via += " cached"
		}
		fmt.Fprintf(t.b, "%s  %-5s %s  %s  %s\n", t.p.dim.Sprintf("%8s", textfmt.Duration(q.Duration)), q.Type, textfmt.Clean(q.Name), outcome, t.p.dim.Sprint(via))
	}
}

// host writes the dialogue with one host and its TLS and AUTH facts; ha
// is what Assess judged of it.
func (t *textWriter) host(h probe.Host, ha report.HostAssessment) {
	st := ha.Status
	addr := ""
	if a := h.EntryAddr(); a.IsValid() && a.String() != h.Name {
		addr = " [" + a.String() + "]"
	}
	fmt.Fprintf(t.b, "\n%s%s:%d  %s  %s\n", t.p.bold.Sprint(textfmt.Clean(h.Name)), addr, h.Port, t.p.status(st).Sprint(strings.ToUpper(st.String())), t.p.dim.Sprint(textfmt.Duration(h.Duration)+t.queued(h.Queued)))
	for _, at := range h.Attempts {
		msg := "connect " + netip.AddrPortFrom(at.Addr, uint16(h.Port)).String()
		if at.Err != nil {
			msg += ": " + t.p.crit.Sprint(string(at.Err.Kind)) + t.p.dim.Sprint(" ("+textfmt.Clean(innermost(at.Err.Err))+")")
		}
		t.line(at.Duration, "..", msg)
	}
	if sh := h.Shared; sh != nil {
		t.line(-1, "..", t.p.dim.Sprint(fmt.Sprintf(t.l.shared, sh.Session, sh.Transaction, sh.Recipients)))
	}
	if h.TLS != nil && h.TLS.Implicit {
		t.handshake(h.TLS)
	}
	t.dialogue(h, ha.Steps)
	if r := h.Retry; r != nil {
		t.line(-1, "..", t.p.dim.Sprint(t.l.retry))
		if r.Err != nil && r.Err.Step == probe.StepConnect {
			t.line(-1, "!!", t.p.crit.Sprint(textfmt.Clean(r.Err.Error())))
		}
		t.dialogue(*r, ha.Retry)
	}
	t.tlsFacts(h, ha.TLS, ha.CertStatus)
	t.authFacts(h)
}

// dialogue writes the steps of h, judged in steps, and why it ended.
func (t *textWriter) dialogue(h probe.Host, steps []report.StepAssessment) {
	for k, s := range h.Steps {
		var sa report.StepAssessment
		if k < len(steps) {
			sa = steps[k]
		}
		t.step(h, k, s, sa)
	}
	if h.Err != nil && h.Err.Step != probe.StepConnect {
		t.line(-1, "!!", t.p.crit.Sprint(textfmt.Clean(h.Err.Error())))
	}
	if h.CloseErr != nil {
		t.line(-1, "..", t.p.dim.Sprint(textfmt.Clean(h.CloseErr.Error())))
	}
}

// line writes one transcript line: the duration (none when d < 0), a
// marker and the text.
func (t *textWriter) line(d time.Duration, marker, text string) {
	dur := strings.Repeat(" ", 8)
	if d >= 0 {
		dur = fmt.Sprintf("%8s", textfmt.Duration(d))
	}
	fmt.Fprintf(t.b, "%s  %s %s\n", t.p.dim.Sprint(dur), marker, text)
}

// step writes one command and its reply; a reply that Assess made a
// finding of is followed by the catalog's explanation.
func (t *textWriter) step(h probe.Host, k int, s probe.Step, sa report.StepAssessment) {
	if s.Command != "" {
		cmd := textfmt.Clean(s.Command)
		if s.Pipelined {
			label := t.l.pipelined
			if n := answeredWith(h.Steps, k); n > 0 {
				label = fmt.Sprintf(t.l.together, n)
			}
			cmd += t.p.dim.Sprint("  " + label)
		}
		t.line(s.Duration, t.p.client.Sprint("->"), t.p.client.Sprint(cmd))
	}
	d := s.Duration
	if s.Command != "" {
		d = -1 // shown on the command
	}
	rep := s.Reply
	if rep.Code == 0 {
		why := t.l.noReply
		if h.Err != nil && k == len(h.Steps)-1 {
			why += ": " + string(h.Err.Kind)
		}
		t.line(d, t.p.server.Sprint("<-"), t.p.crit.Sprint("("+why+")"))
		return
	}
	codeColor := t.p.codeColor(rep.Code)
	lines := rep.Lines
	if len(lines) == 0 {
		lines = []string{""}
	}
	for i, text := range lines {
		sep := "-"
		if i == len(lines)-1 {
			sep = " "
		}
		t.line(d, t.p.server.Sprint("<-"), codeColor.Sprint(strconv.Itoa(rep.Code)+sep)+textfmt.Clean(text))
		d = -1
	}
	if sa.Finding && sa.Diagnosis != nil {
		t.explain(*sa.Diagnosis, rep.Code)
	}
	if s.Kind == probe.StepStartTLS && rep.Code == probe.CodeReady && h.TLS != nil {
		t.handshake(h.TLS)
	}
}

// explain writes the diagnosis of a reply under it.
func (t *textWriter) explain(d catalog.Diagnosis, code int) {
	const indent = "              "
	tags := []string{d.Category, d.Retry}
	if d.Matched != "" {
		tags = append(tags, t.l.matched+" "+d.Matched)
	}
	c := t.p.codeColor(code)
	title := d.Title
	if title == "" {
		title = d.Class
	}
	fmt.Fprintf(t.b, "%s%s %s %s\n", indent, c.Sprint("^"), c.Sprint(title), t.p.dim.Sprint("["+strings.Join(tags, ", ")+"]"))
	t.wrap(indent+"  ", "", d.Meaning)
	if d.Fix != "" {
		t.wrap(indent+"  ", t.p.bold.Sprint(t.l.fix)+" ", d.Fix)
	}
}

func (t *textWriter) handshake(info *probe.TLSInfo) {
	if info.HandshakeError != "" {
		t.line(info.Duration, "==", t.p.crit.Sprint(t.l.handshakeFailed+": "+textfmt.Clean(info.HandshakeError)))
		return
	}
	t.line(info.Duration, "==", t.p.dim.Sprint("TLS "+t.l.handshake+": "+textfmt.Clean(info.Version+", "+info.CipherSuite)))
}

// tlsFacts writes the TLS facts of a host, each on its own line. The
// expiry date is coloured by certStatus, the severity Assess gave the
// certificate's lifetime, so that it never says more or less than the
// verdict.
func (t *textWriter) tlsFacts(h probe.Host, f report.TLSFacts, certStatus report.Status) {
	info := h.TLS
	l := t.l
	width := 0
	for _, name := range []string{l.offered, l.handshake, l.chain, l.name, l.expires, l.verify, l.leaf, l.issuerCert} {
		width = max(width, displayWidth(name))
	}
	fact := func(name, value string) {
		fmt.Fprintf(t.b, "       %s  %s\n", t.p.dim.Sprint(padRight(name, width)), value)
	}
	if info == nil {
		greeted := len(h.Steps) > 0 && h.Steps[0].Reply.Code == 220
		switch {
		case f.Offered:
			fmt.Fprintf(t.b, "  %s  %s\n", t.p.bold.Sprint("TLS"), t.p.warn.Sprint(l.notUsed))
		case greeted && h.Extensions != nil:
			fmt.Fprintf(t.b, "  %s  %s\n", t.p.bold.Sprint("TLS"), t.p.warn.Sprint(l.notOffered))
		}
		return
	}
	mode := "STARTTLS"
	if info.Implicit {
		mode = l.implicitTLS
	}
	if !f.HandshakeOK {
		fmt.Fprintf(t.b, "  %s  %s\n", t.p.bold.Sprint("TLS"), mode)
		fact(l.offered, t.p.ok.Sprint(l.yes))
		fact(l.handshake, t.p.crit.Sprint(l.failed+": "+textfmt.Clean(f.HandshakeError)))
		return
	}
	fmt.Fprintf(t.b, "  %s  %s\n", t.p.bold.Sprint("TLS"), strings.Join([]string{textfmt.Clean(info.Version), textfmt.Clean(info.CipherSuite), mode}, t.p.dim.Sprint(" · ")))
	fact(l.offered, t.p.ok.Sprint(l.yes))
	fact(l.handshake, t.p.ok.Sprint(l.ok)+t.p.dim.Sprint(" "+textfmt.Duration(info.Duration)))
	fact(l.chain, t.check(f.Chain, l.trusted, l.untrusted))
	fact(l.name, t.check(f.Name, l.matches+" "+textfmt.Clean(info.ServerName), l.mismatch+" "+textfmt.Clean(info.ServerName)))
	if f.HasCert {
		exp := f.NotAfter.UTC().Format("2006-01-02 15:04 UTC") + ", "
		left := fmt.Sprintf(l.daysLeft, f.DaysLeft)
		if f.Expired {
			left = fmt.Sprintf(l.expiredAgo, -f.DaysLeft)
		}
		if sev := certStatus; sev != report.OK {
			exp = t.p.status(sev).Sprint(exp + left)
		} else {
			exp += t.p.ok.Sprint(left)
		}
		fact(l.expires, exp)
	}
	if f.Other != "" {
		fact(l.verify, t.p.warn.Sprint(textfmt.Clean(f.Other)))
	}
	for i, c := range info.Chain[:min(len(info.Chain), maxCertsShown)] {
		label := l.leaf
		if i > 0 {
			label = l.issuerCert
		}
		v := t.certField(c.Subject)
		if len(c.DNSNames) > 0 {
			names := make([]string, 0, maxNamesShown)
			for _, n := range c.DNSNames[:min(len(c.DNSNames), maxNamesShown)] {
				names = append(names, t.certField(n))
			}
			s := strings.Join(names, ", ")
			if more := len(c.DNSNames) - len(names); more > 0 {
				s += fmt.Sprintf(l.moreNames, more)
			}
			v += t.p.dim.Sprint("  " + l.names + " " + s)
		}
		switch {
		case i == len(info.Chain)-1 && c.Issuer == c.Subject:
			v += t.p.warn.Sprint("  " + l.selfSigned)
		case i == len(info.Chain)-1:
			v += t.p.dim.Sprint("  " + l.issuedBy + " " + t.certField(c.Issuer))
		}
		fact(label, v)
	}
	if more := len(info.Chain) - maxCertsShown; more > 0 {
		fact("", t.p.dim.Sprint(fmt.Sprintf(l.moreCerts, more)))
	}
}

// Bounds on what the text report prints of the certificates a server
// sent, which a hostile or careless server can make huge: a long chain,
// thousands of names, a subject of kilobytes. What is left out is
// counted; the JSON output has it all.
const (
	maxCertsShown = 5
	maxNamesShown = 10
	maxCertField  = 200 // characters of a subject, an issuer or a name
)

// certField makes a certificate's subject, issuer or name safe to print
// and at most maxCertField characters long, saying how many were cut.
func (t *textWriter) certField(s string) string {
	s = textfmt.Clean(s)
	if n := utf8.RuneCountInString(s); n > maxCertField {
		r := []rune(s)
		return string(r[:maxCertField]) + fmt.Sprintf(t.l.moreChars, n-maxCertField)
	}
	return s
}

func (t *textWriter) check(c report.TLSCheck, good, bad string) string {
	switch {
	case !c.Known:
		return t.p.dim.Sprint(t.l.notChecked)
	case c.OK:
		return t.p.ok.Sprint(good)
	case c.Err != "":
		return t.p.warn.Sprint(bad + ": " + textfmt.Clean(c.Err))
	}
	return t.p.warn.Sprint(bad)
}

// findings lists the findings, the worst first. What a finding means and
// how to fix it is written once per kind of finding; a reply finding
// points back to the explanation in the transcript.
func (t *textWriter) findings(a report.Assessment) {
	fs := make([]report.Finding, len(a.Findings))
	copy(fs, a.Findings)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Severity.Worse(fs[j].Severity) })
	fmt.Fprintf(t.b, "\n%s\n", t.p.bold.Sprint(t.l.findings))
	if len(fs) == 0 {
		if a.Status == report.OK {
			fmt.Fprintf(t.b, "  %s\n", t.p.ok.Sprint(t.l.none))
		} else {
			fmt.Fprintf(t.b, "  %s\n", t.l.noFindings)
		}
		return
	}
	const indent = "            " // under the title, past the severity
	explained := map[string]bool{}
	for _, f := range fs {
		sev := strings.ToUpper(severityLabel(f.Severity))
		title := f.Diagnosis.Title
		if title == "" {
			title = f.Diagnosis.Class
		}
		fmt.Fprintf(t.b, "  %s  %s  %s\n", t.p.severity(f.Severity).Sprintf("%-8s", sev), t.p.bold.Sprint(textfmt.Clean(t.subject(a, f))), title)
		detail := textfmt.Clean(f.Detail)
		if f.Code != 0 {
			detail = textfmt.Clean(f.CommandLabel()) + " -> " + textfmt.Clean(f.Detail)
		}
		if detail != "" {
			t.wrapColor(indent, "", detail, t.p.dim)
		}
		switch {
		case f.ID == report.FindingReply:
			t.wrapColor(indent, "", t.l.seeAbove, t.p.dim)
		case explained[f.ID]:
		default:
			explained[f.ID] = true
			t.wrap(indent, "", f.Diagnosis.Meaning)
			t.wrap(indent, t.p.bold.Sprint(t.l.fix)+" ", f.Diagnosis.Fix)
		}
		t.publish(indent, f.Publish)
	}
}

func (t *textWriter) subject(a report.Assessment, f report.Finding) string {
	return subject(a, f)
}

// subject names what a finding is about: its host, the sending domain or
// address of a sender check (which need not be the target), else the
// target.
func subject(a report.Assessment, f report.Finding) string {
	cs := a.Result.Checks
	switch {
	case f.Host != "" && f.Addr.IsValid() && len(a.NamedHost(f.Host).Entries) > 1:
		// One of the host's addresses: name it, or two findings of its
		// addresses read as one said twice.
		return f.Host + " " + f.Addr.String()
	case f.Host != "":
		return f.Host
	case f.Check == checks.SPF && cs.SPF != nil:
		return cs.SPF.Domain
	case f.Check == checks.DMARC && cs.DMARC != nil:
		return cs.DMARC.Domain
	case f.Check == checks.DKIM && cs.DKIM != nil:
		return cs.DKIM.Domain
	case f.Check == checks.SendingIP && cs.SendingIP != nil:
		return cs.SendingIP.Addr.String()
	}
	if a.Result.Target.Domain != "" {
		return a.Result.Target.Domain
	}
	return a.Result.Target.Input
}

// innermost returns the last part of an error chain's text, the cause
// without the operations wrapped around it: "i/o timeout".
func innermost(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

// wrap writes text wrapped to the width (at most textWidth), every line indented, the first
// starting with lead (which may hold colour codes).
func (t *textWriter) wrap(indent, lead, text string) {
	t.wrapColor(indent, lead, text, nil)
}

// wrapColor is wrap with every line of text in colour c (nil: none).
func (t *textWriter) wrapColor(indent, lead, text string, c *color.Color) {
	writeWrapped(t.b, t.o.wrapWidth(textWidth), indent+lead, text, c)
}

// answeredWith counts the steps after k whose replies came with k's in one
// batch: the time shown on k is the whole batch's.
func answeredWith(steps []probe.Step, k int) int {
	if k > 0 && steps[k].WithPrevious {
		return 0 // counted on the first of the batch
	}
	n := 0
	for i := k + 1; i < len(steps) && steps[i].WithPrevious; i++ {
		n++
	}
	return n
}
