package report_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

func TestThresholds(t *testing.T) {
	f := fixtures.MonFixtures()
	slow := func(a report.Assessment, d time.Duration) report.Assessment {
		a.Result.Duration = d
		return a
	}
	tests := []struct {
		name         string
		in           report.Assessment
		o            report.Options
		status       report.Status
		hosts        []report.Status
		findings     []string // "severity host id"
		summaryStart string
	}{
		{
			name: "no thresholds", in: slow(f["healthy"], time.Hour), o: report.Options{},
			status: report.OK, hosts: []report.Status{report.OK, report.OK},
		},
		{
			name: "under the warning time", in: slow(f["healthy"], 4*time.Second), o: fixtures.MonOptions(),
			status: report.OK, hosts: []report.Status{report.OK, report.OK},
		},
		{
			name: "over the warning time", in: slow(f["healthy"], 6*time.Second), o: fixtures.MonOptions(),
			status: report.Warning, hosts: []report.Status{report.OK, report.OK},
			findings:     []string{"warning  slow-probe"},
			summaryStart: "The probe took 6s, over the threshold of 5s; both MX hosts",
		},
		{
			name: "over the critical time", in: slow(f["healthy"], 10*time.Second+time.Millisecond), o: fixtures.MonOptions(),
			status: report.Critical, hosts: []report.Status{report.OK, report.OK},
			findings:     []string{"critical  slow-probe"},
			summaryStart: "The probe took 10.001s, over the threshold of 10s;",
		},
		{
			name: "critical time, only the critical threshold set", in: slow(f["healthy"], 2*time.Second),
			o:      report.Options{CriticalTime: time.Second},
			status: report.Critical, hosts: []report.Status{report.OK, report.OK},
			findings:     []string{"critical  slow-probe"},
			summaryStart: "The probe took 2s, over the threshold of 1s; both",
		},
		{
			name: "slow but already critical: summary kept", in: slow(f["critical"], 7*time.Second), o: fixtures.MonOptions(),
			status: report.Critical, hosts: []report.Status{report.Critical},
			findings:     []string{"critical mx.example.org reply", "warning  slow-probe"},
			summaryStart: "mx.example.org rejects",
		},
		{
			name: "unknown is left alone", in: slow(f["unknown"], time.Minute), o: fixtures.MonOptions(),
			status: report.Unknown, findings: []string{"unknown  resolver-failed"},
			summaryStart: "the resolver",
		},
		{
			name: "certificate within the critical days", in: f["warning"],
			o:      report.Options{Now: fixtures.MonOptions().Now, CertCritDays: 7},
			status: report.Critical, hosts: []report.Status{report.Critical},
			findings:     []string{"warning smtp.example.net tls-expires-soon", "critical smtp.example.net cert-expires-critical"},
			summaryStart: "smtp.example.net: The certificate has 5 days left, under the critical threshold of 7 days; smtp.example.net: the certificate",
		},
		{
			name: "certificate outside the critical days", in: f["warning"],
			o:      report.Options{Now: fixtures.MonOptions().Now, CertCritDays: 5},
			status: report.Warning, hosts: []report.Status{report.Warning},
			findings: []string{"warning smtp.example.net tls-expires-soon"},
		},
		{
			name: "expired certificate", in: f["warning"],
			o:      report.Options{Now: func() time.Time { return fixtures.Now.Add(30 * 24 * time.Hour) }, CertCritDays: 1},
			status: report.Critical, hosts: []report.Status{report.Critical},
			findings:     []string{"warning smtp.example.net tls-expires-soon", "critical smtp.example.net cert-expires-critical"},
			summaryStart: "smtp.example.net: The certificate has -25 days left",
		},
		{
			name: "one host of two", in: func() report.Assessment {
				a := f["healthy"]
				a.Result.Hosts = append(a.Result.Hosts[:1:1], a.Result.Hosts[1])
				h := a.Result.Hosts[1]
				tls := *h.TLS
				tls.Chain = append(tls.Chain[:0:0], tls.Chain...)
				tls.Chain[0].NotAfter = fixtures.Now.Add(2 * 24 * time.Hour)
				h.TLS = &tls
				a.Result.Hosts[1] = h
				return a
			}(),
			o:      report.Options{Now: fixtures.MonOptions().Now, CertCritDays: 3},
			status: report.Critical, hosts: []report.Status{report.OK, report.Critical},
			findings:     []string{"critical mx2.example.com cert-expires-critical"},
			summaryStart: "mx2.example.com: The certificate has 2 days left, under the critical threshold of 3 days; both",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := report.RejudgeTLS(tt.in, tt.o)
			before := deepCopyFindings(in)
			got := report.ApplyThresholds(in, tt.o)
			if got.Status != tt.status {
				t.Errorf("status = %v, want %v", got.Status, tt.status)
			}
			if hosts := report.Statuses(got); !reflect.DeepEqual(hosts, tt.hosts) {
				t.Errorf("hosts = %v, want %v", hosts, tt.hosts)
			}
			var fs []string
			for _, f := range got.Findings {
				fs = append(fs, f.Severity.String()+" "+f.Host+" "+f.ID)
			}
			if strings.Join(fs, ",") != strings.Join(tt.findings, ",") {
				t.Errorf("findings = %q, want %q", fs, tt.findings)
			}
			if !strings.HasPrefix(got.Summary, tt.summaryStart) {
				t.Errorf("summary = %q, want it to start with %q", got.Summary, tt.summaryStart)
			}
			if tt.summaryStart == "" && got.Summary != tt.in.Summary {
				t.Errorf("summary = %q, want it unchanged", got.Summary)
			}
			// Pure: the input is untouched.
			if !reflect.DeepEqual(deepCopyFindings(in), before) {
				t.Errorf("applyThresholds modified its input")
			}
			// Idempotent: applying it again changes nothing.
			if again := report.ApplyThresholds(got, tt.o); !reflect.DeepEqual(again, got) {
				t.Errorf("second applyThresholds changed the assessment:\n%+v\n%+v", again, got)
			}
		})
	}
}

func deepCopyFindings(a report.Assessment) [2]any {
	return [2]any{append([]report.Finding(nil), a.Findings...), report.Statuses(a)}
}

func TestThresholdsJapanese(t *testing.T) {
	a := fixtures.MonFixtures()["healthy"]
	a.Result.Duration = 12 * time.Second
	o := fixtures.MonOptions()
	o.Lang = catalog.Japanese
	got := report.ApplyThresholds(a, o)
	f := got.Findings[len(got.Findings)-1]
	if f.ID != report.FindingSlowProbe || !strings.Contains(f.Diagnosis.Title, "12s") || !strings.Contains(f.Diagnosis.Title, "しきい値") {
		t.Errorf("finding = %+v, want the Japanese slow-probe text with 12s", f)
	}
	for _, s := range []string{f.Diagnosis.Title, f.Diagnosis.Meaning, f.Diagnosis.When, f.Diagnosis.Fix} {
		if strings.Contains(s, "{") {
			t.Errorf("placeholder left in %q", s)
		}
	}
}

func TestSlowestStep(t *testing.T) {
	a := fixtures.MonFixtures()["healthy"]
	if got, want := report.SlowestStep(a.Result), "slowest step: mx1.example.com greeting 2ms"; got != want {
		t.Errorf("slowestStep = %q, want %q", got, want)
	}
	a.Result.DNS.Queries[0].Duration = time.Second
	if got, want := report.SlowestStep(a.Result), "slowest step: DNS A mx1.example.com 1s"; got != want {
		t.Errorf("slowestStep = %q, want %q", got, want)
	}
	got := report.ApplyThresholds(a, report.Options{WarningTime: time.Millisecond})
	if f := got.Findings[len(got.Findings)-1]; f.Detail != "slowest step: DNS A mx1.example.com 1s" {
		t.Errorf("slow-probe detail = %q", f.Detail)
	}
	if got := report.SlowestStep(fixtures.MonFixtures()["unknown"].Result); got != "slowest step: DNS MX example.info 2s" {
		t.Errorf("report.SlowestStep(resolver timeout) = %q", got)
	}
}

func TestCertDaysLeft(t *testing.T) {
	h := fixtures.MonHost("mx", "192.0.2.1", fixtures.RcptOK, fixtures.Now.Add(36*time.Hour))
	if f := report.TLSFactsOf(h, fixtures.Now); !f.HasCert || f.DaysLeft != 1 {
		t.Errorf("DaysLeft(36h left) = %d, %v; want 1", f.DaysLeft, f.HasCert)
	}
	h.TLS.Chain[0].NotAfter = fixtures.Now.Add(-time.Hour)
	if f := report.TLSFactsOf(h, fixtures.Now); f.DaysLeft != -1 || !f.Expired {
		t.Errorf("DaysLeft(expired an hour ago) = %d, expired %v; want -1, true", f.DaysLeft, f.Expired)
	}
	h.TLS = nil
	if f := report.TLSFactsOf(h, fixtures.Now); f.HasCert {
		t.Errorf("HasCert with no TLS")
	}
}
