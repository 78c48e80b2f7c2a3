package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/probe"
)

// checkFindingIDs lists the finding IDs of the checks and of untestable
// addresses, for TestFindingIDsHaveTexts.
var checkFindingIDs = []string{
	FindingAddressUntestable, FindingNothingTestable,
	FindingDNSSECSigned, FindingDNSSECUnsigned, FindingDNSSECHostUnsigned, FindingDNSSECBogus, FindingDNSSECNotValidating,
}

// untestableHost is a host whose only address this machine has no route to.
func untestableHost(name, a string) probe.Host {
	h := deadHost(name, probe.ErrNoRoute, a)
	h.Untestable = true
	return h
}

// TestUntestableAddress: an address this machine cannot reach is reported
// as untestable and does not raise the verdict; when no address can be
// reached at all the verdict is unknown, never a failure of the domain.
func TestUntestableAddress(t *testing.T) {
	good := healthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")
	v6 := untestableHost("mx1.example.com", "2001:db8::1")
	for _, tc := range []struct {
		name  string
		hosts []probe.Host
		want  Status
	}{
		{"beside a good address", []probe.Host{good, v6}, OK},
		{"alone", []probe.Host{v6}, Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := result("example.com", tc.hosts, mx(10, "mx1.example.com", "192.0.2.1", "2001:db8::1"))
			r.Ran = checks.Default
			a := Assess(r, testOptions())
			if a.Status != tc.want {
				t.Errorf("status %s, want %s: %s %+v", a.Status, tc.want, a.Summary, a.Findings)
			}
			last := len(a.Hosts) - 1
			if a.Hosts[last] != Unknown || !hasFinding(a, FindingAddressUntestable) {
				t.Errorf("untestable host: status %s, findings %+v", a.Hosts[last], a.Findings)
			}
			if hasFinding(a, FindingHostUnreachable) || hasFinding(a, FindingPortBlocked) {
				t.Errorf("an unroutable address is blamed on the domain: %+v", a.Findings)
			}
			var b bytes.Buffer
			if err := JSON(&b, []Assessment{a}, testOptions()); err != nil {
				t.Fatal(err)
			}
			var obj struct {
				Hosts []struct {
					Untestable bool   `json:"untestable"`
					Status     string `json:"status"`
				} `json:"hosts"`
				Checks map[string]struct {
					Status  string `json:"status"`
					Summary string `json:"summary"`
				} `json:"checks"`
			}
			if err := json.Unmarshal(b.Bytes(), &obj); err != nil {
				t.Fatal(err)
			}
			if !obj.Hosts[last].Untestable || (last > 0 && obj.Hosts[0].Untestable) {
				t.Errorf("JSON hosts %+v", obj.Hosts)
			}
			if c, ok := obj.Checks["smtp"]; !ok || c.Status != tc.want.String() || c.Summary == "" {
				t.Errorf("JSON checks %+v", obj.Checks)
			}
		})
	}
}

func hasFinding(a Assessment, id string) bool {
	for _, f := range a.Findings {
		if f.ID == id {
			return true
		}
	}
	return false
}

// TestWorst: untestable ranks below ok, so it never raises a verdict.
func TestWorstUntestable(t *testing.T) {
	if Worst(Untestable) != OK || Worst(Untestable, Warning) != Warning || Worst(OK, Untestable) != OK {
		t.Error("untestable raises a verdict")
	}
	if Untestable.String() != "untestable" {
		t.Errorf("String %q", Untestable.String())
	}
}

// TestChecksAbsentWithoutChecks: a result that ran only the dialogue has
// no checks object, as before v2.
func TestChecksAbsentWithoutChecks(t *testing.T) {
	for _, ran := range []checks.Set{0, checks.Of(checks.SMTP)} {
		r := result("example.com", []probe.Host{healthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")}, mx(10, "mx1.example.com", "192.0.2.1"))
		r.Ran = ran
		a := Assess(r, testOptions())
		if len(a.Checks) != 0 || len(a.HostChecks) != 0 {
			t.Errorf("ran %s: checks %+v %+v", ran, a.Checks, a.HostChecks)
		}
	}
}
