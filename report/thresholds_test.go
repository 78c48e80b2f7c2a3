package report

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/report/catalog"
)

func TestThresholds(t *testing.T) {
	f := monFixtures()
	slow := func(a Assessment, d time.Duration) Assessment {
		a.Result.Duration = d
		return a
	}
	tests := []struct {
		name         string
		in           Assessment
		o            Options
		status       Status
		hosts        []Status
		findings     []string // "severity host id"
		summaryStart string
	}{
		{
			name: "no thresholds", in: slow(f["healthy"], time.Hour), o: Options{},
			status: OK, hosts: []Status{OK, OK},
		},
		{
			name: "under the warning time", in: slow(f["healthy"], 4*time.Second), o: monOptions(),
			status: OK, hosts: []Status{OK, OK},
		},
		{
			name: "over the warning time", in: slow(f["healthy"], 6*time.Second), o: monOptions(),
			status: Warning, hosts: []Status{OK, OK},
			findings:     []string{"warning  slow-probe"},
			summaryStart: "The probe took 6s, over the threshold of 5s; both MX hosts",
		},
		{
			name: "over the critical time", in: slow(f["healthy"], 10*time.Second+time.Millisecond), o: monOptions(),
			status: Critical, hosts: []Status{OK, OK},
			findings:     []string{"critical  slow-probe"},
			summaryStart: "The probe took 10.001s, over the threshold of 10s;",
		},
		{
			name: "critical time, only the critical threshold set", in: slow(f["healthy"], 2*time.Second),
			o:      Options{CriticalTime: time.Second},
			status: Critical, hosts: []Status{OK, OK},
			findings:     []string{"critical  slow-probe"},
			summaryStart: "The probe took 2s, over the threshold of 1s; both",
		},
		{
			name: "slow but already critical: summary kept", in: slow(f["critical"], 7*time.Second), o: monOptions(),
			status: Critical, hosts: []Status{Critical},
			findings:     []string{"critical mx.example.org reply", "warning  slow-probe"},
			summaryStart: "mx.example.org rejects",
		},
		{
			name: "unknown is left alone", in: slow(f["unknown"], time.Minute), o: monOptions(),
			status: Unknown, findings: []string{"unknown  resolver-failed"},
			summaryStart: "the resolver",
		},
		{
			name: "certificate within the critical days", in: f["warning"],
			o:      Options{Now: monOptions().Now, CertCritDays: 7},
			status: Critical, hosts: []Status{Critical},
			findings:     []string{"warning smtp.example.net tls-expires-soon", "critical smtp.example.net cert-expires-critical"},
			summaryStart: "smtp.example.net: The certificate has 5 days left, under the critical threshold of 7 days; smtp.example.net: the certificate",
		},
		{
			name: "certificate outside the critical days", in: f["warning"],
			o:      Options{Now: monOptions().Now, CertCritDays: 5},
			status: Warning, hosts: []Status{Warning},
			findings: []string{"warning smtp.example.net tls-expires-soon"},
		},
		{
			name: "expired certificate", in: f["warning"],
			o:      Options{Now: func() time.Time { return monNow.Add(30 * 24 * time.Hour) }, CertCritDays: 1},
			status: Critical, hosts: []Status{Critical},
			findings:     []string{"warning smtp.example.net tls-expires-soon", "critical smtp.example.net cert-expires-critical"},
			summaryStart: "smtp.example.net: The certificate has -25 days left",
		},
		{
			name: "one host of two", in: func() Assessment {
				a := f["healthy"]
				a.Result.Hosts = append(a.Result.Hosts[:1:1], a.Result.Hosts[1])
				h := a.Result.Hosts[1]
				tls := *h.TLS
				tls.Chain = append(tls.Chain[:0:0], tls.Chain...)
				tls.Chain[0].NotAfter = monNow.Add(2 * 24 * time.Hour)
				h.TLS = &tls
				a.Result.Hosts[1] = h
				return a
			}(),
			o:      Options{Now: monOptions().Now, CertCritDays: 3},
			status: Critical, hosts: []Status{OK, Critical},
			findings:     []string{"critical mx2.example.com cert-expires-critical"},
			summaryStart: "mx2.example.com: The certificate has 2 days left, under the critical threshold of 3 days; both",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := deepCopyFindings(tt.in)
			got := applyThresholds(tt.in, tt.o)
			if got.Status != tt.status {
				t.Errorf("status = %v, want %v", got.Status, tt.status)
			}
			if !reflect.DeepEqual(got.Hosts, tt.hosts) {
				t.Errorf("hosts = %v, want %v", got.Hosts, tt.hosts)
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
			if !reflect.DeepEqual(deepCopyFindings(tt.in), before) {
				t.Errorf("applyThresholds modified its input")
			}
			// Idempotent: applying it again changes nothing.
			if again := applyThresholds(got, tt.o); !reflect.DeepEqual(again, got) {
				t.Errorf("second applyThresholds changed the assessment:\n%+v\n%+v", again, got)
			}
		})
	}
}

func deepCopyFindings(a Assessment) [2]any {
	return [2]any{append([]Finding(nil), a.Findings...), append([]Status(nil), a.Hosts...)}
}

func TestThresholdsJapanese(t *testing.T) {
	a := monFixtures()["healthy"]
	a.Result.Duration = 12 * time.Second
	o := monOptions()
	o.Lang = catalog.Japanese
	got := applyThresholds(a, o)
	f := got.Findings[len(got.Findings)-1]
	if f.ID != FindingSlowProbe || !strings.Contains(f.Diagnosis.Title, "12s") || !strings.Contains(f.Diagnosis.Title, "しきい値") {
		t.Errorf("finding = %+v, want the Japanese slow-probe text with 12s", f)
	}
	for _, s := range []string{f.Diagnosis.Title, f.Diagnosis.Meaning, f.Diagnosis.When, f.Diagnosis.Fix} {
		if strings.Contains(s, "{") {
			t.Errorf("placeholder left in %q", s)
		}
	}
}

func TestSlowestStep(t *testing.T) {
	a := monFixtures()["healthy"]
	if got, want := slowestStep(a.Result), "slowest step: mx1.example.com greeting 2ms"; got != want {
		t.Errorf("slowestStep = %q, want %q", got, want)
	}
	a.Result.DNS.Queries[0].Duration = time.Second
	if got, want := slowestStep(a.Result), "slowest step: DNS A mx1.example.com 1s"; got != want {
		t.Errorf("slowestStep = %q, want %q", got, want)
	}
	got := applyThresholds(a, Options{WarningTime: time.Millisecond})
	if f := got.Findings[len(got.Findings)-1]; f.Detail != "slowest step: DNS A mx1.example.com 1s" {
		t.Errorf("slow-probe detail = %q", f.Detail)
	}
	if got := slowestStep(monFixtures()["unknown"].Result); got != "slowest step: DNS MX example.info 2s" {
		t.Errorf("slowestStep(resolver timeout) = %q", got)
	}
}

func TestCertDays(t *testing.T) {
	h := monHost("mx", "192.0.2.1", rcptOK, monNow.Add(36*time.Hour))
	o := Options{Now: func() time.Time { return monNow }}
	if d, ok := certDays(h, o); !ok || d != 1 {
		t.Errorf("certDays(36h left) = %d, %v; want 1", d, ok)
	}
	h.TLS.Chain[0].NotAfter = monNow.Add(-time.Hour)
	if d, _ := certDays(h, o); d != -1 {
		t.Errorf("certDays(expired an hour ago) = %d; want -1", d)
	}
	h.TLS = nil
	if _, ok := certDays(h, o); ok {
		t.Errorf("certDays(no TLS) ok")
	}
}
