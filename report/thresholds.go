package report

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// The IDs of the findings that applyThresholds adds; their texts are in
// the catalog.
const (
	// FindingSlowProbe: the whole probe took longer than --warning-time
	// or --critical-time. Its severity says which.
	FindingSlowProbe = "slow-probe"
	// FindingCertExpiresCritical: a host's certificate expires within
	// --cert-crit-days, or has expired.
	FindingCertExpiresCritical = "cert-expires-critical"
)

// applyThresholds, the last step of Assess, raises the status of an
// assessment for the thresholds a monitoring check sets:
// Options.WarningTime and CriticalTime against the wall time of the whole
// probe, and Options.CertCritDays against the days each host's certificate
// has left. (judgeTLS handles CertWarnDays.)
// Each threshold crossed adds a finding; when the status rises, the
// summary says why first. An assessment whose probe could not run (status
// unknown) is returned as it is.
//
// applyThresholds is pure: a is not modified, and applying it twice adds
// nothing the second time.
func applyThresholds(a Assessment, o Options) Assessment {
	if a.Status == Unknown || !a.Probed() {
		return a
	}
	out := a
	out.Findings = slices.Clone(a.Findings)
	out.Hosts = slices.Clone(a.Hosts)
	var why []string

	if sev, limit := timeSeverity(a.Result.Duration, o); sev != OK {
		vars := map[string]string{"delay": roundDuration(a.Result.Duration).String(), "threshold": limit.String()}
		if f, ok := addThresholdFinding(&out, sev, "", FindingSlowProbe, vars, slowestStep(a.Result), o); ok {
			why = append(why, f.Diagnosis.Title)
		}
	}
	if o.CertCritDays > 0 {
		for i, h := range a.Result.Hosts {
			t := a.Hosts[i].TLS
			days := t.DaysLeft
			if !t.HasCert || days >= o.CertCritDays {
				continue
			}
			vars := map[string]string{"days": strconv.Itoa(days), "threshold": strconv.Itoa(o.CertCritDays)}
			detail := "certificate not after " + h.TLS.Chain[0].NotAfter.UTC().Format("2006-01-02 15:04 MST")
			f, ok := addThresholdFinding(&out, Critical, h.Name, FindingCertExpiresCritical, vars, detail, o)
			if !ok {
				continue
			}
			out.Hosts[i].Status = Worst(out.Hosts[i].Status, Critical)
			why = append(why, h.Name+": "+f.Diagnosis.Title)
		}
	}

	status := a.Status
	for _, f := range out.Findings[len(a.Findings):] {
		status = Worst(status, f.Severity)
	}
	if status != a.Status {
		out.Status = status
		out.Summary = strings.Join(append(why, a.Summary), "; ")
		out.Headline = strings.Join(append(why, a.Headline), "; ")
	}
	return out
}

// addThresholdFinding appends a finding unless one with the same ID and host is
// already there; it returns the finding and whether it was added.
func addThresholdFinding(a *Assessment, sev Status, host, id string, vars map[string]string, detail string, o Options) (Finding, bool) {
	for _, f := range a.Findings {
		if f.ID == id && f.Host == host {
			return f, false
		}
	}
	f := Finding{Severity: sev, Host: host, ID: id, Diagnosis: findingDiagnosis(id, catalog.Options{Lang: o.Lang}, vars), Detail: detail}
	a.Findings = append(a.Findings, f)
	return f, true
}

// slowestStep names where a slow probe spent its time: the longest DNS
// query, connection or reply, such as "slowest step: mx1.example.com
// greeting 4.1s".
func slowestStep(r probe.Result) string {
	var what string
	var longest time.Duration
	note := func(d time.Duration, w string) {
		if d > longest {
			longest, what = d, w
		}
	}
	for _, q := range r.DNS.Queries {
		note(q.Duration, "DNS "+q.Type+" "+strings.TrimSuffix(q.Name, "."))
	}
	for _, h := range r.Hosts {
		for _, at := range h.Attempts {
			note(at.Duration, h.Name+" connect")
		}
		for i, name := range stepNames(h) {
			note(h.Steps[i].Duration, h.Name+" "+name)
		}
	}
	if what == "" {
		return ""
	}
	return "slowest step: " + what + " " + roundDuration(longest).String()
}

// timeSeverity compares the duration of a probe with the time thresholds
// and returns the severity and the threshold crossed.
func timeSeverity(d time.Duration, o Options) (Status, time.Duration) {
	switch {
	case o.CriticalTime > 0 && d > o.CriticalTime:
		return Critical, o.CriticalTime
	case o.WarningTime > 0 && d > o.WarningTime:
		return Warning, o.WarningTime
	}
	return OK, 0
}

// roundDuration shortens a duration for a summary: 12.345678s is 12.346s.
func roundDuration(d time.Duration) time.Duration {
	return d.Round(time.Millisecond)
}

// daysLeft is the whole days from now to notAfter, negative once it has
// passed: a certificate with 36 hours left has 1 day, one that expired an
// hour ago -1.
func daysLeft(notAfter, now time.Time) int {
	return int(math.Floor(notAfter.Sub(now).Hours() / 24))
}
