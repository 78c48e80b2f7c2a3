package report

import (
	"bytes"
	"errors"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// monNow is the fixed "now" of the monitoring fixtures.
var monNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func monOptions() Options {
	return Options{Now: func() time.Time { return monNow }, WarningTime: 5 * time.Second, CriticalTime: 10 * time.Second}
}

func ms(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }

// monHost builds a host that went through the whole dialogue with
// STARTTLS and PIPELINING, its RCPT answered by rcpt.
func monHost(name, addr string, rcpt probe.Reply, notAfter time.Time) probe.Host {
	a := netip.MustParseAddr(addr)
	return probe.Host{
		Name: name, Preference: 10, Addr: a, Port: 25,
		Attempts:            []probe.Attempt{{Addr: a, Duration: ms(1.2)}},
		ExtensionsBeforeTLS: map[string]string{"PIPELINING": "", "STARTTLS": "", "SIZE": "10240000"},
		Extensions:          map[string]string{"PIPELINING": "", "SIZE": "10240000"},
		TLS: &probe.TLSInfo{
			Version: "TLS 1.3", CipherSuite: "TLS_AES_128_GCM_SHA256", ServerName: name, Verified: true,
			Chain: []probe.Cert{{Subject: "CN=" + name, Issuer: "CN=Test CA", DNSNames: []string{name}, NotAfter: notAfter}},
		},
		Steps: []probe.Step{
			{Command: "", Reply: probe.Reply{Code: 220, Lines: []string{name + " ESMTP"}}, Duration: ms(2)},
			{Command: "EHLO probe.example.net", Reply: probe.Reply{Code: 250, Lines: []string{name, "PIPELINING", "STARTTLS"}}, Duration: ms(0.5)},
			{Command: "STARTTLS", Reply: probe.Reply{Code: 220, Enhanced: "2.0.0", Lines: []string{"2.0.0 Ready to start TLS"}}, Duration: ms(0.4)},
			{Command: "EHLO probe.example.net", Reply: probe.Reply{Code: 250, Lines: []string{name, "PIPELINING"}}, Duration: ms(0.6)},
			{Command: "MAIL FROM:<>", Reply: probe.Reply{Code: 250, Enhanced: "2.1.0", Lines: []string{"2.1.0 Ok"}}, Duration: ms(0.7), Pipelined: true},
			{Command: "RCPT TO:<postmaster@example.com>", Reply: rcpt, Duration: ms(0.3), Pipelined: true},
			{Command: "QUIT", Reply: probe.Reply{Code: 221, Enhanced: "2.0.0", Lines: []string{"2.0.0 Bye"}}, Duration: ms(0.1), Pipelined: true},
		},
		Duration: ms(12),
	}
}

var rcptOK = probe.Reply{Code: 250, Enhanced: "2.1.5", Lines: []string{"2.1.5 Ok"}}

func monDNS(domain string, hosts ...string) dnsx.MXResult {
	r := dnsx.MXResult{Domain: domain}
	for i, h := range hosts {
		r.MX = append(r.MX, dnsx.MX{Host: h, Preference: uint16(10 * (i + 1))})
		r.Queries = append(r.Queries, dnsx.Query{Name: h + ".", Type: "A", Rcode: "NOERROR", Duration: ms(1)})
	}
	r.Queries = append(r.Queries, dnsx.Query{Name: domain + ".", Type: "MX", Rcode: "NOERROR", Duration: ms(1.5)})
	return r
}

func monFinding(sev Status, host, id string, code int, enhanced, title string) Finding {
	return Finding{Severity: sev, Host: host, ID: id, Code: code, Enhanced: enhanced, Diagnosis: catalog.Diagnosis{Title: title}}
}

// monFixtures are the hand-built assessments the monitoring formats are
// tested with, by name.
func monFixtures() map[string]Assessment {
	started := monNow.Add(-time.Second)
	target := probe.Target{Input: "example.com", Domain: "example.com", Rcpt: "postmaster@example.com"}
	far := monNow.Add(40*24*time.Hour + time.Hour)

	healthy := Assessment{
		Result: probe.Result{
			Target: target, DNS: monDNS("example.com", "mx1.example.com", "mx2.example.com"),
			Hosts:   []probe.Host{monHost("mx1.example.com", "192.0.2.1", rcptOK, far), monHost("mx2.example.com", "192.0.2.2", rcptOK, far)},
			Started: started, Duration: ms(123.4),
		},
		Hosts: []Status{OK, OK}, Status: OK,
		Summary: "both MX hosts accept mail for postmaster@example.com",
	}

	rejected := Assessment{
		Result: probe.Result{
			Target: probe.Target{Input: "nobody@example.org", Domain: "example.org", Rcpt: "nobody@example.org"},
			DNS:    monDNS("example.org", "mx.example.org"),
			Hosts: []probe.Host{monHost("mx.example.org", "192.0.2.10",
				probe.Reply{Code: 550, Enhanced: "5.1.1", Lines: []string{"5.1.1 <nobody@example.org>: Recipient address rejected: User unknown | in local table"}}, far)},
			Started: started, Duration: ms(45),
		},
		Findings: []Finding{func() Finding {
			f := monFinding(Critical, "mx.example.org", "reply", 550, "5.1.1", "Mailbox does not exist")
			f.Detail = "5.1.1 <nobody@example.org>: Recipient address rejected: User unknown | in local table"
			return f
		}()},
		Hosts: []Status{Critical}, Status: Critical,
		Summary: "mx.example.org rejects nobody@example.org: 550 5.1.1 the mailbox does not exist",
	}

	cert := Assessment{
		Result: probe.Result{
			Target:  probe.Target{Input: "example.net", Domain: "example.net", Rcpt: "postmaster@example.net"},
			Server:  "smtp.example.net",
			Hosts:   []probe.Host{monHost("smtp.example.net", "192.0.2.20", rcptOK, monNow.Add(5*24*time.Hour+time.Hour))},
			Started: started, Duration: ms(30),
		},
		Findings: []Finding{monFinding(Warning, "smtp.example.net", "tls-expires-soon", 0, "", "The certificate expires in 5 days")},
		Hosts:    []Status{Warning}, Status: Warning,
		Summary: "smtp.example.net: the certificate expires in 5 days",
	}

	resolver := Assessment{
		Result: probe.Result{
			Target: probe.Target{Input: "example.info", Domain: "example.info", Rcpt: "postmaster@example.info"},
			DNS: dnsx.MXResult{Domain: "example.info", Queries: []dnsx.Query{
				{Name: "example.info.", Type: "MX", Server: "192.0.2.53:53", Duration: 2 * time.Second, Err: "i/o timeout"},
			}},
			DNSErr:  errors.New("resolver 192.0.2.53:53: i/o timeout"),
			Started: started, Duration: 2 * time.Second,
		},
		Findings: []Finding{monFinding(Unknown, "", "resolver-failed", 0, "", "The DNS resolver did not answer")},
		Status:   Unknown,
		Summary:  "the resolver 192.0.2.53:53 did not answer: i/o timeout",
	}
	return map[string]Assessment{"healthy": healthy, "critical": rejected, "warning": cert, "unknown": resolver}
}

// monCases are the golden cases: one per fixture, then all of them
// together with an input that is not a target.
func monCases() []struct {
	name string
	as   []Assessment
} {
	f := monFixtures()
	cases := []struct {
		name string
		as   []Assessment
	}{}
	for _, n := range []string{"healthy", "critical", "warning", "unknown"} {
		cases = append(cases, struct {
			name string
			as   []Assessment
		}{n, []Assessment{f[n]}})
	}
	// A healthy probe over the warning time, as batch judges it.
	slow := f["healthy"]
	slow.Result.Duration = 6500 * time.Millisecond
	slow.Result.Hosts = append([]probe.Host(nil), slow.Result.Hosts...)
	slow.Result.Hosts[0].Steps = append([]probe.Step(nil), slow.Result.Hosts[0].Steps...)
	slow.Result.Hosts[0].Steps[0].Duration = 6 * time.Second
	cases = append(cases, struct {
		name string
		as   []Assessment
	}{"slow", []Assessment{applyThresholds(slow, monOptions())}})
	several := []Assessment{f["healthy"], f["critical"], f["warning"], f["unknown"],
		Invalid("bad..example", errors.New(`invalid target "bad..example": empty label`))}
	cases = append(cases, struct {
		name string
		as   []Assessment
	}{"several", several})
	return cases
}

func TestNagiosGolden(t *testing.T) {
	for _, c := range monCases() {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Nagios(&b, c.as, monOptions()); err != nil {
				t.Fatal(err)
			}
			golden(t, "nagios-"+c.name+".golden", b.Bytes())
			checkPluginOutput(t, b.String(), c.as)
		})
	}
}

// perfItem is one item of performance data as the monitoring-plugins
// guidelines define it: 'label'=value[UOM];[warn];[crit];[min];[max].
var perfItem = regexp.MustCompile(`^('(?:[^']|'')+'|[^ '=]+)=(-?[0-9.]+)(s|us|ms|%|B|KB|MB|TB|c)?;([-0-9.:~@]*);([-0-9.:~@]*);(-?[0-9.]*);(-?[0-9.]*)$`)

// checkPluginOutput checks output against the plugin guidelines: a first
// line "SMTP STATUS - text" with the worst status, perfdata items of the
// right syntax with unique labels, no "|" in the long output.
func checkPluginOutput(t *testing.T, out string, as []Assessment) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	worst := OK
	for _, a := range as {
		worst = Worst(worst, a.Status)
	}
	prefix := "SMTP " + strings.ToUpper(worst.String()) + " - "
	if !strings.HasPrefix(lines[0], prefix) {
		t.Errorf("first line %q does not start with %q", lines[0], prefix)
	}
	if n := strings.Count(lines[0], "|"); n > 1 {
		t.Errorf("first line has %d '|'", n)
	}
	if _, perf, ok := strings.Cut(lines[0], " | "); ok {
		seen := map[string]bool{}
		for item := range strings.FieldsSeq(perf) {
			m := perfItem.FindStringSubmatch(item)
			if m == nil {
				t.Errorf("perfdata item %q does not follow the guidelines", item)
				continue
			}
			if seen[m[1]] {
				t.Errorf("perfdata label %s repeated", m[1])
			}
			seen[m[1]] = true
		}
	}
	for _, l := range lines[1:] {
		if strings.Contains(l, "|") {
			t.Errorf("long output line %q has a '|'", l)
		}
	}
}

func TestNagiosNone(t *testing.T) {
	var b bytes.Buffer
	if err := Nagios(&b, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "SMTP UNKNOWN - no target probed\n" {
		t.Errorf("Nagios(nil) = %q", got)
	}
}

func TestPerfLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"time", "time"},
		{"mx1.example.com/rcpt", "mx1.example.com/rcpt"},
		{"with space", "'with space'"},
		{"it's", "'it''s'"},
		{"a=b", "a_b"},
		{"pipe|x", "pipe/x"},
		{"", "''"},
		{"bücher.example/time", "'bücher.example/time'"},
	}
	for _, tt := range tests {
		if got := perfLabel(tt.in); got != tt.want {
			t.Errorf("perfLabel(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStepNames(t *testing.T) {
	h := probe.Host{Steps: []probe.Step{
		{Command: ""}, {Command: "EHLO a"}, {Command: "HELO a"}, {Command: "STARTTLS"}, {Command: "EHLO a"},
		{Command: "MAIL FROM:<>"}, {Command: "RCPT TO:<a@b>"}, {Command: "RCPT TO:<c@d>"}, {Command: "VRFY x"},
		{Command: "AUTH LOGIN"}, {Command: probe.Redacted}, {Command: probe.Redacted},
		{Command: "DATA"}, {Command: "."}, {Command: "RSET"}, {Command: "QUIT"},
	}}
	// The SASL responses of AUTH LOGIN are shown redacted: they are AUTH
	// steps, not the end of a message.
	want := []string{"greeting", "ehlo", "helo", "starttls", "ehlo_tls", "mail", "rcpt", "rcpt_2", "vrfy",
		"auth", "auth_2", "auth_3", "data", "data_end", "rset", "quit"}
	got := stepNames(h)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("stepNames = %v, want %v", got, want)
	}
}

// TestNagiosHostileReply checks that what a server sends reaches the
// plugin output on one line, with its control characters escaped.
func TestNagiosHostileReply(t *testing.T) {
	a := monFixtures()["healthy"]
	a.Result.Hosts = slices.Clone(a.Result.Hosts)
	h := &a.Result.Hosts[0]
	h.Steps = slices.Clone(h.Steps)
	h.Steps[5].Reply.Lines = []string{"2.1.5 Ok\x1b]0;pwned\x07\x1b[2J | \r\x00done"}
	var b bytes.Buffer
	if err := Nagios(&b, []Assessment{a}, monOptions()); err != nil {
		t.Fatal(err)
	}
	for i, c := range b.Bytes() {
		if c < 0x20 && c != '\n' || c == 0x7f {
			t.Fatalf("control byte %#x at %d in the plugin output:\n%q", c, i, b.String())
		}
	}
	if !strings.Contains(b.String(), `RCPT TO:<postmaster@example.com>: 250 2.1.5 Ok\x1b]0;pwned`) {
		t.Errorf("the last reply is missing:\n%s", b.String())
	}
	checkPluginOutput(t, b.String(), []Assessment{a})
}
