package main

import (
	"strings"
	"testing"
)

// TestSpecialAddresses: an MX at a loopback address found through DNS is
// critical and not connected to; --allow-special-addresses probes it and
// keeps an info finding; --server 127.0.0.1 is the user's choice.
func TestSpecialAddresses(t *testing.T) {
	w := newWorld(t) // mx.example.test is at 127.0.0.1
	ce := cmdEnv{flagsDecideSpecial: true}

	r := runWith(t, ce, w.args("example.test")...)
	if r.code != 2 || !strings.Contains(r.stdout, "points at 127.0.0.1 (Loopback)") || strings.Contains(r.stdout, "RCPT TO") {
		t.Errorf("loopback MX: exit %d, want 2 with the loopback finding and no dialogue:\n%s%s", r.code, r.stdout, r.stderr)
	}

	r = runWith(t, ce, w.args("--allow-special-addresses", "example.test")...)
	if r.code != 0 || !strings.Contains(r.stdout, "probed as allowed") || !strings.Contains(r.stdout, "RCPT TO") {
		t.Errorf("--allow-special-addresses: exit %d, want 0 with the info finding and the dialogue:\n%s%s", r.code, r.stdout, r.stderr)
	}

	r = runWith(t, ce, w.args("--server", "127.0.0.1", "example.test")...)
	if r.code != 0 || strings.Contains(r.stdout, "Loopback") {
		t.Errorf("--server 127.0.0.1: exit %d, want 0 and no special-address finding:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestRcptShown: with --rcpt the header and JSON name the recipient the
// dialogue used, not the one the target implies.
func TestRcptShown(t *testing.T) {
	w := newWorld(t)
	r := runCmd(t, "", nil, w.args("--rcpt", "grey@example.test", "-o", "json", "example.test")...)
	if !strings.Contains(r.stdout, `"rcpt":"grey@example.test"`) || strings.Contains(r.stdout, `"rcpt":"postmaster@example.test"`) {
		t.Errorf("JSON rcpt is not --rcpt:\n%s", r.stdout)
	}
	r = runCmd(t, "", nil, w.args("--rcpt", "grey@example.test", "example.test")...)
	if !strings.Contains(r.stdout, "rcpt grey@example.test") || strings.Contains(r.stdout, "postmaster@") {
		t.Errorf("header does not name --rcpt:\n%s", r.stdout)
	}
}
