package probe_test

import (
	"crypto/x509"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// TestSystemRootsPerRun: the system roots are a value of the run, not of
// the process: the probes of one run load them once and verify against
// them, another run loads its own, and a run given its own roots
// (RootCAs, --ca-file) loads none. The loader hands out a test CA in place
// of the system's, so that verifying tells which roots were used.
func TestSystemRootsPerRun(t *testing.T) {
	ca := smtptest.NewCA(t)
	srv := smtptest.Start(t, smtptest.Options{TLS: smtptest.TLSConfig(ca.Issue(t, "mx.example.com", time.Now().Add(time.Hour)))})
	cfg, _ := setup(t, srv.Addr)
	var loads atomic.Int32
	load := func() (*x509.CertPool, error) {
		loads.Add(1)
		return ca.Pool(), nil
	}
	verified := func(c probe.Config) bool {
		t.Helper()
		h := oneHost(t, c, "user@example.com")
		if h.TLS == nil || h.Err != nil {
			t.Fatalf("TLS %+v, Err %v", h.TLS, h.Err)
		}
		return h.TLS.Verified
	}

	run1 := cfg
	run1.SystemRoots = probe.NewSystemRoots(load)
	for i := range 2 {
		if !verified(run1) {
			t.Errorf("probe %d of the first run: not verified against the run's roots", i+1)
		}
	}
	if n := loads.Load(); n != 1 {
		t.Errorf("the first run's two probes loaded the roots %d times, want once", n)
	}

	run2 := cfg
	run2.SystemRoots = probe.NewSystemRoots(load)
	if !verified(run2) {
		t.Error("second run: not verified against its roots")
	}
	if n := loads.Load(); n != 2 {
		t.Errorf("after a second run the roots were loaded %d times, want twice (once a run)", n)
	}

	own := cfg
	own.RootCAs = x509.NewCertPool() // trusts nothing
	own.SystemRoots = probe.NewSystemRoots(load)
	if verified(own) {
		t.Error("verified with RootCAs that trust nothing: the run's system roots were used instead")
	}
	if n := loads.Load(); n != 2 {
		t.Errorf("a run with RootCAs loaded the system roots (%d loads, want 2)", n)
	}
}
