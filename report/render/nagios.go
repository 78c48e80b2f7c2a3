package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/internal/textfmt"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
)

// Nagios writes the assessments as the output of a monitoring plugin, per
// the monitoring-plugins development guidelines: a first line
// "SMTP STATUS - summary | perfdata", then one line of long output per
// finding, host or target. The status on the first line is the worst
// Status of as, the one main exits with.
//
// Performance data follows 'label'=value[UOM];[warn];[crit];[min];[max].
// For one target the labels are plain (time, dns, mx, hosts_up, and per
// step connect, greeting, ehlo, starttls, ehlo_tls, mail, rcpt, ...,
// retry_connect, retry_greeting, ... for the retry in clear after a
// failed STARTTLS handshake, cert_days); when the target has several
// hosts the per-host labels are qualified as "host/step". For several targets every label is qualified
// with the target, as "target/time".
func Nagios(w io.Writer, as []report.Assessment, o Options) error {
	var b strings.Builder
	switch len(as) {
	case 0:
		b.WriteString("SMTP UNKNOWN - no target probed\n")
	case 1:
		nagiosOne(&b, as[0])
	default:
		ns := make([]NagiosTarget, len(as))
		for i, a := range as {
			ns[i] = NagiosTargetOf(a)
		}
		nagiosMany(&b, ns)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// nagiosOne renders a single target: its summary, detailed perfdata and a
// line per target-wide finding and per host.
func nagiosOne(b *strings.Builder, a report.Assessment) {
	fmt.Fprintf(b, "SMTP %s - %s", nagiosStatus(a.Status), nagiosText(a.Summary))
	var perf perfData
	if a.Probed() {
		th := a.Thresholds
		perf.seconds("time", a.Result.Duration, th.WarningTime, th.CriticalTime)
		if a.Result.Server == "" && a.Result.DNSErr == nil && (a.Result.Ran == 0 || a.Result.Ran.NeedsMX()) {
			perf.seconds("dns", dnsDuration(a.Result), 0, 0)
			perf.count("mx", len(a.Result.DNS.MX), -1)
		}
		if len(a.Result.Hosts) > 0 && a.Dialogue() {
			up, hosts := hostsUp(a)
			perf.count("hosts_up", up, hosts)
		}
		qualify := len(a.Result.Hosts) > 1
		names := map[string]int{}
		for _, h := range a.Result.Hosts {
			names[h.Name]++
		}
		for i, h := range a.Result.Hosts {
			prefix := ""
			switch {
			case names[h.Name] > 1 && h.EntryAddr().IsValid():
				// A host probed on several addresses: one set of
				// labels each, "mx.example.com/192.0.2.1/connect".
				prefix = h.Name + "/" + h.EntryAddr().String() + "/"
			case qualify:
				prefix = h.Name + "/"
			}
			ha := a.Host(i)
			if d, ok := connectDuration(h); ok {
				perf.seconds(prefix+"connect", d, 0, 0)
			}
			for k, s := range h.Steps {
				perf.seconds(prefix+ha.Step(k).Name, s.Duration, 0, 0)
			}
			if r := h.Retry; r != nil {
				// The retry in clear after a failed STARTTLS handshake,
				// its steps named "retry_..." as in the metrics.
				if d, ok := connectDuration(*r); ok {
					perf.seconds(prefix+"retry_connect", d, 0, 0)
				}
				for k, s := range r.Steps {
					if k < len(ha.Retry) {
						perf.seconds(prefix+ha.Retry[k].Name, s.Duration, 0, 0)
					}
				}
			}
			if ha.TLS.HasCert {
				perf.days(prefix+"cert_days", ha.TLS.DaysLeft, th)
			}
		}
	}
	if f := a.Result.Checks.SPF; f != nil && f.Root != nil && f.Root.Record != "" {
		perf.count("spf_lookups", f.Lookups, -1)
	}
	b.WriteString(perf.String())
	b.WriteByte('\n')
	nagiosLong(b, a, "")
}

// NagiosTarget is what the output of several targets keeps of each: its
// line, figures and long output, a few hundred bytes rather than the
// whole assessment, so that a run over many targets holds little.
type NagiosTarget struct {
	Status  report.Status
	target  string
	summary string
	perf    perfData // the target's figures, labels qualified with it
	long    string   // the long output, indented
}

// NagiosTargetOf keeps what Nagios prints of one of several targets.
func NagiosTargetOf(a report.Assessment) NagiosTarget {
	n := NagiosTarget{Status: a.Status, target: a.Result.Target.Input, summary: a.Summary}
	if a.Probed() {
		th := a.Thresholds
		prefix := a.Result.Target.Input + "/"
		n.perf.seconds(prefix+"time", a.Result.Duration, th.WarningTime, th.CriticalTime)
		if days, ok := minCertDays(a); ok {
			n.perf.days(prefix+"cert_days", days, th)
		}
	}
	var b strings.Builder
	nagiosLong(&b, a, "  ")
	n.long = b.String()
	return n
}

// NagiosMany writes the output of several targets from what was kept of
// each: the worst status with counts on the first line, a few figures per
// target as perfdata, and the long output of every target below. With
// one target or none it is Nagios's summary of them.
func NagiosMany(w io.Writer, ns []NagiosTarget) error {
	var b strings.Builder
	if len(ns) == 0 {
		b.WriteString("SMTP UNKNOWN - no target probed\n")
	} else {
		nagiosMany(&b, ns)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// nagiosMany renders several targets.
func nagiosMany(b *strings.Builder, ns []NagiosTarget) {
	counts := map[report.Status]int{}
	worst := report.OK
	for _, n := range ns {
		counts[n.Status]++
		worst = report.Worst(worst, n.Status)
	}
	var parts []string
	for _, s := range []report.Status{report.Critical, report.Warning, report.Unknown, report.OK} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	fmt.Fprintf(b, "SMTP %s - %d targets: %s", nagiosStatus(worst), len(ns), strings.Join(parts, ", "))
	if worst != report.OK {
		for _, n := range ns {
			if n.Status == worst {
				fmt.Fprintf(b, "; %s: %s", nagiosText(n.target), nagiosText(n.summary))
				break
			}
		}
	}
	var perf perfData
	for _, s := range []report.Status{report.OK, report.Warning, report.Critical, report.Unknown} {
		perf.count(s.String(), counts[s], len(ns))
	}
	for _, n := range ns {
		perf.items = append(perf.items, n.perf.items...)
	}
	b.WriteString(perf.String())
	b.WriteByte('\n')
	for _, n := range ns {
		fmt.Fprintf(b, "[%s] %s - %s\n", nagiosStatus(n.Status), nagiosText(n.target), nagiosText(n.summary))
		b.WriteString(n.long)
	}
}

// nagiosLong writes the long output of one target: a line per finding
// about the target as a whole, then a line per host with its status and
// what went wrong there, or the last reply of its dialogue when nothing did.
func nagiosLong(b *strings.Builder, a report.Assessment, indent string) {
	for _, c := range a.Checks {
		if c.Name != checks.SMTP {
			fmt.Fprintf(b, "%s[%s] %s: %s\n", indent, nagiosStatus(c.Status), c.Name, nagiosText(c.Summary))
		}
	}
	for _, f := range a.Findings {
		if f.Host != "" || f.Severity == report.OK {
			continue
		}
		fmt.Fprintf(b, "%s[%s] %s - %s\n", indent, nagiosStatus(f.Severity), nagiosText(subject(a, f)), findingText(f))
	}
	for i, h := range a.Result.Hosts {
		st := a.Host(i).Status
		var what []string
		for _, f := range a.Findings {
			// A finding about another address of the host is not this
			// entry's, nor is "could not connect" if this one connected.
			if f.Host == h.Name && f.Severity != report.OK && (!f.Addr.IsValid() || f.Addr == h.EntryAddr()) &&
				(f.ID != report.FindingHostUnreachable && f.ID != report.FindingAddressUnreachable || !h.Addr.IsValid()) {
				what = append(what, findingText(f))
			}
		}
		switch {
		case len(what) > 0:
		case a.Dialogue():
			what = append(what, lastReply(h))
		default:
			what = append(what, "no SMTP dialogue (the smtp check did not run)")
		}
		fmt.Fprintf(b, "%s[%s] %s - %s\n", indent, nagiosStatus(st), hostAddr(h), strings.Join(what, "; "))
	}
}

func nagiosStatus(s report.Status) string { return strings.ToUpper(s.String()) }

// nagiosText makes a text fit on one line of plugin output, where a "|"
// would start the performance data, and escapes the control characters a
// hostile server may send (clean), as the text report does.
func nagiosText(s string) string {
	return textfmt.Clean(strings.NewReplacer("|", "/", "\r", " ", "\n", " ").Replace(s))
}

func findingText(f report.Finding) string {
	t := f.Diagnosis.Title
	if t == "" {
		t = f.ID
	}
	switch {
	case f.Code != 0 && f.Enhanced != "":
		t += fmt.Sprintf(" (%d %s)", f.Code, f.Enhanced)
	case f.Code != 0:
		t += fmt.Sprintf(" (%d)", f.Code)
	}
	if d := strings.TrimSpace(f.Detail); d != "" && d != t {
		t += ": " + shorten(d)
	}
	return nagiosText(t)
}

// lastReply describes how a dialogue ended: the last reply that answered
// something other than RSET or QUIT, or the error that stopped it.
func lastReply(h probe.Host) string {
	if h.Err != nil {
		return nagiosText(h.Err.Error())
	}
	for i := len(h.Steps) - 1; i >= 0; i-- {
		s := h.Steps[i]
		if s.Kind == probe.StepRset || s.Kind == probe.StepQuit {
			continue
		}
		line := ""
		if len(s.Reply.Lines) > 0 {
			line = shorten(s.Reply.Lines[0])
		}
		cmd := s.Command
		if s.Kind == probe.StepGreeting {
			cmd = "greeting"
		}
		return nagiosText(strings.TrimSpace(fmt.Sprintf("%s: %d %s", cmd, s.Reply.Code, line)))
	}
	return "no reply"
}

// shorten keeps long replies from swamping plugin output: the first line,
// at most 120 bytes, cut at a rune boundary.
func shorten(s string) string {
	s, _, cut := strings.Cut(s, "\n")
	const max = 120
	if len(s) > max {
		i := max
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s, cut = s[:i], true
	}
	if cut {
		s += "..."
	}
	return s
}

// hostAddr names a host and the address talked to, "mx.example.com
// [192.0.2.1]:25".
func hostAddr(h probe.Host) string {
	s := nagiosText(h.Name)
	if a := h.AddrTried(); a.IsValid() {
		s += " [" + a.String() + "]"
	}
	if h.Port != 0 {
		s += ":" + strconv.Itoa(h.Port)
	}
	return s
}

// minCertDays returns the fewest days left over the hosts' certificates.
func minCertDays(a report.Assessment) (int, bool) {
	least, found := 0, false
	for _, h := range a.Hosts {
		if t := h.TLS; t.HasCert && (!found || t.DaysLeft < least) {
			least, found = t.DaysLeft, true
		}
	}
	return least, found
}

// perfData collects performance data items.
type perfData struct{ items []string }

func (p *perfData) String() string {
	if len(p.items) == 0 {
		return ""
	}
	return " | " + strings.Join(p.items, " ")
}

// seconds adds a time in seconds with the minimum 0 and optional
// thresholds (zero means none).
func (p *perfData) seconds(label string, d, warn, crit time.Duration) {
	p.items = append(p.items, fmt.Sprintf("%s=%ss;%s;%s;0;", perfLabel(label), perfSeconds(d), perfThreshold(warn), perfThreshold(crit)))
}

// count adds a count with the minimum 0 and, when max >= 0, a maximum.
func (p *perfData) count(label string, n, max int) {
	m := ""
	if max >= 0 {
		m = strconv.Itoa(max)
	}
	p.items = append(p.items, fmt.Sprintf("%s=%d;;;0;%s", perfLabel(label), n, m))
}

// days adds the days a certificate has left, with the thresholds as
// ranges that alert below them ("14:").
func (p *perfData) days(label string, days int, th report.Thresholds) {
	warn := fmt.Sprintf("%d:", th.CertWarnDays)
	crit := ""
	if th.CertCritDays > 0 {
		crit = fmt.Sprintf("%d:", th.CertCritDays)
	}
	p.items = append(p.items, fmt.Sprintf("%s=%d;%s;%s;;", perfLabel(label), days, warn, crit))
}

// perfSeconds formats seconds to the microsecond, without trailing zeros.
func perfSeconds(d time.Duration) string {
	s := strconv.FormatFloat(d.Seconds(), 'f', 6, 64)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

func perfThreshold(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	return perfSeconds(d)
}

// perfLabel quotes a label the way the guidelines ask: in single quotes
// when it holds anything but letters, digits and _ . / : -, with a quote
// doubled; "=" cannot appear in a label at all.
func perfLabel(s string) string {
	s = strings.NewReplacer("=", "_", "|", "/", "\n", " ", "\r", " ").Replace(s)
	plain := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_./:-@", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
