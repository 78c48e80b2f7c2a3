package render

import (
	"bytes"
	"errors"
	"net/netip"
	"sort"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dnsbl"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

func TestPrometheusGolden(t *testing.T) {
	for _, c := range fixtures.MonCases() {
		t.Run(c.Name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Prometheus(&b, c.As, opts(fixtures.MonOptions())); err != nil {
				t.Fatal(err)
			}
			golden(t, "prometheus-"+c.Name+".golden", b.Bytes())
			mfs := parseMetrics(t, b.Bytes())
			for name, mf := range mfs {
				if mf.GetHelp() == "" {
					t.Errorf("%s has no HELP", name)
				}
				if mf.GetType() != dto.MetricType_GAUGE {
					t.Errorf("%s is a %v, want a gauge", name, mf.GetType())
				}
				for _, m := range mf.GetMetric() {
					if labelOf(m, "target") == "" {
						t.Errorf("%s%v: no target label", name, m.GetLabel())
					}
				}
			}
		})
	}
}

// parseMetrics parses the text format with the client library's own
// parser, failing the test on any syntax error or repeated family.
func parseMetrics(t *testing.T, text []byte) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(bytes.NewReader(text))
	if err != nil {
		t.Fatalf("parsing metrics: %v\n%s", err, text)
	}
	return mfs
}

func labelOf(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

// sample returns the value of the sample of family name whose labels
// include all of labels ("k=v"); ok is false when there is none.
func sample(mfs map[string]*dto.MetricFamily, name string, labels ...string) (float64, bool) {
	mf, ok := mfs[name]
	if !ok {
		return 0, false
	}
next:
	for _, m := range mf.GetMetric() {
		for _, kv := range labels {
			k, v, _ := strings.Cut(kv, "=")
			if labelOf(m, k) != v {
				continue next
			}
		}
		return m.GetGauge().GetValue(), true
	}
	return 0, false
}

func TestPrometheusValues(t *testing.T) {
	f := fixtures.MonFixtures()
	var b bytes.Buffer
	as := []report.Assessment{f["healthy"], f["critical"], f["warning"], f["unknown"]}
	if err := Prometheus(&b, as, opts(fixtures.MonOptions())); err != nil {
		t.Fatal(err)
	}
	mfs := parseMetrics(t, b.Bytes())
	tests := []struct {
		name   string
		labels []string
		want   float64
	}{
		{"smtpprobe_success", []string{"target=example.com"}, 1},
		{"smtpprobe_success", []string{"target=nobody@example.org"}, 0},
		{"smtpprobe_success", []string{"target=example.net"}, 1}, // a warning still delivers
		{"smtpprobe_success", []string{"target=example.info"}, 0},
		{"smtpprobe_status", []string{"target=example.com"}, 0},
		{"smtpprobe_status", []string{"target=nobody@example.org"}, 2},
		{"smtpprobe_status", []string{"target=example.net"}, 1},
		{"smtpprobe_status", []string{"target=example.info"}, 3},
		{"smtpprobe_duration_seconds", []string{"target=example.com"}, 0.1234},
		{"smtpprobe_mx_hosts", []string{"target=example.com"}, 2},
		{"smtpprobe_dns_duration_seconds", []string{"target=example.com"}, 0.0035},
		{"smtpprobe_dns_lookup_success", []string{"target=example.info"}, 0},
		{"smtpprobe_step_reply_code", []string{"target=nobody@example.org", "host=mx.example.org", "step=rcpt"}, 550},
		{"smtpprobe_step_reply_code", []string{"target=example.com", "host=mx2.example.com", "step=ehlo_tls"}, 250},
		{"smtpprobe_step_duration_seconds", []string{"target=example.com", "host=mx1.example.com", "step=connect"}, 0.0012},
		{"smtpprobe_step_duration_seconds", []string{"target=example.com", "host=mx1.example.com", "step=greeting"}, 0.002},
		{"smtpprobe_host_up", []string{"target=example.com", "host=mx1.example.com", "address=192.0.2.1"}, 1},
		{"smtpprobe_host_status", []string{"target=nobody@example.org", "host=mx.example.org"}, 2},
		{"smtpprobe_starttls_offered", []string{"target=example.net", "host=smtp.example.net"}, 1},
		{"smtpprobe_tls_version_info", []string{"target=example.net", "host=smtp.example.net", "version=TLS 1.3"}, 1},
		{"smtpprobe_tls_cert_verified", []string{"target=example.net", "host=smtp.example.net"}, 1},
		{"smtpprobe_tls_cert_expiry_timestamp_seconds", []string{"target=example.net", "host=smtp.example.net"},
			float64(fixtures.Now.Unix() + 5*86400 + 3600)},
		{"smtpprobe_findings", []string{"target=nobody@example.org", "severity=critical"}, 1},
		{"smtpprobe_findings", []string{"target=nobody@example.org", "severity=warning"}, 0},
		{"smtpprobe_findings", []string{"target=example.net", "severity=warning"}, 1},
		{"smtpprobe_findings", []string{"target=example.info", "severity=unknown"}, 1},
	}
	for _, tt := range tests {
		got, ok := sample(mfs, tt.name, tt.labels...)
		if !ok {
			t.Errorf("%s%v: missing", tt.name, tt.labels)
			continue
		}
		if diff := got - tt.want; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("%s%v = %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
	// No MX count for a resolver that failed, no DNS figures with --server.
	for _, absent := range [][]string{
		{"smtpprobe_mx_hosts", "target=example.info"},
		{"smtpprobe_dns_duration_seconds", "target=example.net"},
	} {
		if _, ok := sample(mfs, absent[0], absent[1:]...); ok {
			t.Errorf("%v: present, want absent", absent)
		}
	}
}

// TestMetricsOneTarget checks that the registry of a single target, which
// smtpprobe serve answers a scrape with, carries no target label: as with
// the blackbox exporter, the scrape config's relabeling sets it.
func TestMetricsOneTarget(t *testing.T) {
	var b bytes.Buffer
	list, err := Metrics([]report.Assessment{fixtures.MonFixtures()["critical"]}).Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range list {
		if _, err := expfmt.MetricFamilyToText(&b, mf); err != nil {
			t.Fatal(err)
		}
	}
	mfs := parseMetrics(t, b.Bytes())
	for name, mf := range mfs {
		for _, m := range mf.GetMetric() {
			if labelOf(m, "target") != "" {
				t.Errorf("%s%v: has a target label", name, m.GetLabel())
			}
		}
	}
	if v, ok := sample(mfs, "smtpprobe_step_reply_code", "host=mx.example.org", "step=rcpt"); !ok || v != 550 {
		t.Errorf("rcpt reply code = %v, %v; want 550", v, ok)
	}
	var names []string
	for n := range mfs {
		names = append(names, n)
	}
	sort.Strings(names)
	want := []string{"smtpprobe_dns_duration_seconds", "smtpprobe_dns_lookup_success", "smtpprobe_duration_seconds",
		"smtpprobe_findings", "smtpprobe_host_status", "smtpprobe_host_up", "smtpprobe_mx_hosts", "smtpprobe_null_mx",
		"smtpprobe_nxdomain", "smtpprobe_starttls_offered", "smtpprobe_status", "smtpprobe_step_duration_seconds",
		"smtpprobe_step_reply_code", "smtpprobe_success", "smtpprobe_tls_cert_expiry_timestamp_seconds",
		"smtpprobe_tls_cert_verified", "smtpprobe_tls_version_info"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("families = %v\nwant %v", names, want)
	}
}

// TestPrometheusHostileInput checks that inputs no label may hold (invalid
// UTF-8, quotes, newlines) and repeated targets still give valid output.
func TestPrometheusHostileInput(t *testing.T) {
	f := fixtures.MonFixtures()
	as := []report.Assessment{
		report.Invalid("bad\xff\"\n}target", errors.New("invalid target")),
		f["healthy"], f["healthy"],
	}
	var b bytes.Buffer
	if err := Prometheus(&b, as, opts(fixtures.MonOptions())); err != nil {
		t.Fatal(err)
	}
	mfs := parseMetrics(t, b.Bytes())
	if v, ok := sample(mfs, "smtpprobe_status", "target=bad\uFFFD\"\n}target"); !ok || v != 3 {
		t.Errorf("status of the bad input = %v, %v; want 3", v, ok)
	}
}

// TestPrometheusHostAddresses: a host probed on two addresses has one
// series per host label. Its steps and certificate come from the address
// that accepted a connection, even when an address before it refused one,
// and its status and check verdicts are the worst over its addresses.
func TestPrometheusHostAddresses(t *testing.T) {
	const name = "mx1.example.com"
	dead := fixtures.DeadHost(name, probe.ErrRefused, "192.0.2.2")
	dead.Preference = 10
	good := fixtures.HealthyHost(name, "192.0.2.1", "postmaster@example.com")
	other := fixtures.HealthyHost(name, "192.0.2.3", "postmaster@example.com")
	r := fixtures.Result("example.com", []probe.Host{dead, good, other}, fixtures.MX(10, name, "192.0.2.2", "192.0.2.1", "192.0.2.3"))
	r.Ran = checks.Of(checks.SMTP, checks.DNSBL)
	listed := dnsbl.Answer{Zone: "bl.example", Addr: fixtures.Addr("192.0.2.1"), Status: dnsbl.Listed, Codes: []netip.Addr{fixtures.Addr("127.0.0.2")}}
	clean := dnsbl.Answer{Zone: "bl.example", Addr: fixtures.Addr("192.0.2.3"), Status: dnsbl.NotListed}
	r.Checks.DNSBL = &probe.DNSBL{Zones: []string{"bl.example"}, Answers: []dnsbl.Answer{listed, clean}}
	a := report.Assess(r, fixtures.Options())
	var b bytes.Buffer
	if err := Prometheus(&b, []report.Assessment{a}, opts(fixtures.Options())); err != nil {
		t.Fatal(err)
	}
	mfs := parseMetrics(t, b.Bytes())
	for _, tt := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"smtpprobe_step_reply_code", []string{"host=" + name, "step=rcpt"}, 250},
		{"smtpprobe_tls_cert_expiry_timestamp_seconds", []string{"host=" + name}, float64(good.TLS.Chain[0].NotAfter.Unix())},
		{"smtpprobe_host_status", []string{"host=" + name}, float64(report.Critical)},
		{"smtpprobe_host_check_status", []string{"host=" + name, "check=dnsbl"}, float64(report.Warning)},
		{"smtpprobe_host_up", []string{"host=" + name, "address=192.0.2.2"}, 0},
		{"smtpprobe_host_up", []string{"host=" + name, "address=192.0.2.1"}, 1},
	} {
		got, ok := sample(mfs, tt.name, tt.labels...)
		if !ok || got != tt.want {
			t.Errorf("%s%v = %v (present %v), want %v\n%s", tt.name, tt.labels, got, ok, tt.want, b.String())
		}
	}
}
