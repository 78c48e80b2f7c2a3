package render

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

func TestNagiosGolden(t *testing.T) {
	for _, c := range fixtures.MonCases() {
		t.Run(c.Name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Nagios(&b, c.As, opts(fixtures.MonOptions())); err != nil {
				t.Fatal(err)
			}
			golden(t, "nagios-"+c.Name+".golden", b.Bytes())
			checkPluginOutput(t, b.String(), c.As)
		})
	}
}

// perfItem is one item of performance data as the monitoring-plugins
// guidelines define it: 'label'=value[UOM];[warn];[crit];[min];[max].
var perfItem = regexp.MustCompile(`^('(?:[^']|'')+'|[^ '=]+)=(-?[0-9.]+)(s|us|ms|%|B|KB|MB|TB|c)?;([-0-9.:~@]*);([-0-9.:~@]*);(-?[0-9.]*);(-?[0-9.]*)$`)

// checkPluginOutput checks output against the plugin guidelines: a first
// line "SMTP STATUS - text" with the worst status, perfdata items of the
// right syntax with unique labels, no "|" in the long output.
func checkPluginOutput(t *testing.T, out string, as []report.Assessment) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	worst := report.OK
	for _, a := range as {
		worst = report.Worst(worst, a.Status)
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

// TestNagiosHostileReply checks that what a server sends reaches the
// plugin output on one line, with its control characters escaped.
func TestNagiosHostileReply(t *testing.T) {
	a := fixtures.MonFixtures()["healthy"]
	a.Result.Hosts = slices.Clone(a.Result.Hosts)
	h := &a.Result.Hosts[0]
	h.Steps = slices.Clone(h.Steps)
	h.Steps[5].Reply.Lines = []string{"2.1.5 Ok\x1b]0;pwned\x07\x1b[2J | \r\x00done"}
	var b bytes.Buffer
	if err := Nagios(&b, []report.Assessment{a}, opts(fixtures.MonOptions())); err != nil {
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
	checkPluginOutput(t, b.String(), []report.Assessment{a})
}

// TestHostsUp: hosts_up counts MX hosts, as mx does, not their addresses:
// a host whose IPv6 address refused while its IPv4 address served is one
// host up of one (it read 1 of 2), and a host none of whose addresses
// answered is down.
func TestHostsUp(t *testing.T) {
	mx1 := fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")
	mx1v6 := fixtures.DeadHost("mx1.example.com", probe.ErrRefused, "2001:db8::1")
	mx2 := fixtures.DeadHost("mx2.example.com", probe.ErrTimeout, "192.0.2.2", "2001:db8::2")
	for _, tt := range []struct {
		hosts     []probe.Host
		up, total int
	}{
		{[]probe.Host{mx1}, 1, 1},
		{[]probe.Host{mx1, mx1v6}, 1, 1},
		{[]probe.Host{mx1v6, mx1}, 1, 1},
		{[]probe.Host{mx1, mx1v6, mx2}, 1, 2},
		{[]probe.Host{mx2}, 0, 1},
	} {
		r := fixtures.Result("example.com", tt.hosts)
		if up, total := hostsUp(report.Assess(r, fixtures.Options())); up != tt.up || total != tt.total {
			t.Errorf("%d entries: hosts_up %d of %d, want %d of %d", len(tt.hosts), up, total, tt.up, tt.total)
		}
	}
}
