package report_test

import (
	"testing"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

// checkFindingIDs lists the finding IDs of the checks and of untestable
// addresses, for TestFindingIDsHaveTexts.
var checkFindingIDs = []string{
	report.FindingAddressUntestable, report.FindingNothingTestable,
	report.FindingDNSSECSigned, report.FindingDNSSECUnsigned, report.FindingDNSSECHostUnsigned, report.FindingDNSSECBogus, report.FindingDNSSECNotValidating,
	report.FindingCheckLookupErr, report.FindingTLSRPTOK, report.FindingTLSRPTAbsent, report.FindingTLSRPTMissing,
	report.FindingTLSRPTSeveral, report.FindingTLSRPTInvalid,
	report.FindingPTRConfirmed, report.FindingPTRMissing, report.FindingPTRNotConfirmed, report.FindingPTRGreetingMismatch,
	report.FindingMTASTSOK, report.FindingMTASTSAbsent, report.FindingMTASTSModeNone, report.FindingMTASTSRecords,
	report.FindingMTASTSRecordBad, report.FindingMTASTSNoPolicy, report.FindingMTASTSPolicyBad, report.FindingMTASTSMaxAge,
	report.FindingMTASTSMXFails, report.FindingMTASTSNoMX, report.FindingMTASTSMXUntested, report.FindingMTASTSUnreachable,
	report.FindingDANEMatch, report.FindingDANEAbsent, report.FindingDANEOneRecord, report.FindingDANEMismatch,
	report.FindingDANENoTLS, report.FindingDANEUnsigned, report.FindingDANEUnusable, report.FindingDANETANotSent,
	report.FindingDANENotValidating, report.FindingDANENotTested,
}

// untestableHost is a host whose only address this machine has no route to.
func untestableHost(name, a string) probe.Host {
	h := fixtures.DeadHost(name, probe.ErrNoRoute, a)
	h.Untestable = true
	return h
}

// TestUntestableAddress: an address this machine cannot reach is reported
// as untestable and does not raise the verdict; when no address can be
// reached at all the verdict is unknown, never a failure of the domain.
func TestUntestableAddress(t *testing.T) {
	good := fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")
	v6 := untestableHost("mx1.example.com", "2001:db8::1")
	for _, tc := range []struct {
		name  string
		hosts []probe.Host
		want  report.Status
	}{
		{"beside a good address", []probe.Host{good, v6}, report.OK},
		{"alone", []probe.Host{v6}, report.Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := fixtures.Result("example.com", tc.hosts, fixtures.MX(10, "mx1.example.com", "192.0.2.1", "2001:db8::1"))
			r.Ran = checks.Default
			a := report.Assess(r, fixtures.Options())
			if a.Status != tc.want {
				t.Errorf("status %s, want %s: %s %+v", a.Status, tc.want, a.Summary, a.Findings)
			}
			last := len(a.Hosts) - 1
			if a.Hosts[last].Status != report.Unknown || !hasFinding(a, report.FindingAddressUntestable) {
				t.Errorf("untestable host: status %s, findings %+v", a.Hosts[last].Status, a.Findings)
			}
			if hasFinding(a, report.FindingHostUnreachable) || hasFinding(a, report.FindingPortBlocked) {
				t.Errorf("an unroutable address is blamed on the domain: %+v", a.Findings)
			}
		})
	}
}

func hasFinding(a report.Assessment, id string) bool {
	for _, f := range a.Findings {
		if f.ID == id {
			return true
		}
	}
	return false
}

// TestWorst: untestable ranks below ok, so it never raises a verdict.
func TestWorstUntestable(t *testing.T) {
	if report.Worst(report.Untestable) != report.OK || report.Worst(report.Untestable, report.Warning) != report.Warning || report.Worst(report.OK, report.Untestable) != report.OK {
		t.Error("untestable raises a verdict")
	}
	if report.Untestable.String() != "untestable" {
		t.Errorf("String %q", report.Untestable.String())
	}
}

// TestChecksAbsentWithoutChecks: a result that ran only the dialogue has
// no checks object, as before v2.
func TestChecksAbsentWithoutChecks(t *testing.T) {
	for _, ran := range []checks.Set{0, checks.Of(checks.SMTP)} {
		r := fixtures.Result("example.com", []probe.Host{fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")}, fixtures.MX(10, "mx1.example.com", "192.0.2.1"))
		r.Ran = ran
		a := report.Assess(r, fixtures.Options())
		if len(a.Checks) != 0 || len(a.Hosts[0].Checks) != 0 {
			t.Errorf("ran %s: checks %+v %+v", ran, a.Checks, a.Hosts[0].Checks)
		}
	}
}
