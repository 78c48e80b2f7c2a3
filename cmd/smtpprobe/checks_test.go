package main

import (
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// TestChecksFlag: --checks takes the contract's grammar; an unknown name
// is exit 3 with one line naming it, and without smtp no SMTP connection
// is made.
func TestChecksFlag(t *testing.T) {
	for _, tc := range []struct{ list, want string }{
		{"smtp,tls", `unknown check "tls"`},
		{"+dnssec,-nope", `unknown check "nope"`},
		{"", "empty check name"},
		{"smtp,-smtp", "selects no check"},
	} {
		r := runCmd(t, "", nil, "--checks", tc.list, "example.test")
		if r.code != 3 || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
			t.Errorf("--checks %q: exit %d, stderr %q, stdout %q", tc.list, r.code, r.stderr, r.stdout)
		}
	}
	srv := smtptest.Start(t, smtptest.Options{})
	d := dnstest.Start(t, "example.test. 300 IN MX 10 mx.example.test.", "mx.example.test. 300 IN A 192.0.2.25")
	ce := cmdEnv{routes: map[string]string{"192.0.2.25:25": srv.Addr}}
	r := runWith(t, ce, "--resolver", d.Addr(), "-o", "json", "--checks", "-smtp", "example.test")
	if n, _ := srv.Conns(); n != 0 {
		t.Errorf("--checks -smtp: %d SMTP sessions\n%s%s", n, r.stdout, r.stderr)
	}
	obj := decodeJSONLines(t, r.stdout)[0]
	if cs, _ := obj["checks"].(map[string]any); cs["smtp"] != nil {
		t.Errorf("--checks -smtp: checks %v", obj["checks"])
	}
	// No output may read as a dialogue that went well, or as a host that
	// was up: none was contacted.
	if s, _ := obj["summary"].(string); !strings.Contains(s, "no SMTP dialogue") {
		t.Errorf("--checks -smtp: summary %q", s)
	}
	r = runWith(t, ce, "--resolver", d.Addr(), "-o", "nagios", "--checks", "-smtp", "example.test")
	if strings.Contains(r.stdout, "dialogue in") || strings.Contains(r.stdout, "hosts_up") || strings.Contains(r.stdout, "no reply") {
		t.Errorf("--checks -smtp -o nagios:\n%s", r.stdout)
	}
	r = runWith(t, ce, "--resolver", d.Addr(), "-o", "prometheus", "--checks", "-smtp", "example.test")
	if strings.Contains(r.stdout, "smtpprobe_host_up") {
		t.Errorf("--checks -smtp -o prometheus:\n%s", r.stdout)
	}
	r = runWith(t, ce, "--resolver", d.Addr(), "--checks", "-smtp", "example.test")
	if strings.Contains(r.stdout, "mx.example.test [192.0.2.25]:25") {
		t.Errorf("--checks -smtp: a host block for a host never contacted:\n%s", r.stdout)
	}
	r = runWith(t, ce, "--resolver", d.Addr(), "-o", "json", "example.test")
	obj = decodeJSONLines(t, r.stdout)[0]
	if cs, ok := obj["checks"].(map[string]any); !ok || cs["smtp"] == nil {
		t.Errorf("default: checks %v\n%s", obj["checks"], r.stderr)
	}
}
