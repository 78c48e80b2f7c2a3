package main

import (
	"io"
	"testing"

	"github.com/smtpprobe/smtpprobe/probe"
)

// TestSettingsPerRun: what a run shares between its probes (the DNS
// cache, the limit of DNS queries in flight, the Gate, the system roots)
// is made afresh for every run, so that two runs in one process (two
// scrapes or modules of the exporter, two tests) never share them.
func TestSettingsPerRun(t *testing.T) {
	e := cmdEnv{}.env(io.Discard, io.Discard)
	e.configure = nil // the test's RootCAs would hide the system roots
	var runs [2]probe.Config
	for i := range runs {
		var o options
		fs := newFlagSet(&o)
		if err := fs.Parse([]string{"example.com"}); err != nil {
			t.Fatal(err)
		}
		var err error
		if runs[i], _, err = o.settings(fs.Changed, e); err != nil {
			t.Fatal(err)
		}
	}
	a, b := runs[0], runs[1]
	switch {
	case a.Resolver == nil || a.Resolver.Limit == nil || a.Resolver.Cache == nil || a.Gate == nil || a.SystemRoots == nil:
		t.Fatalf("a run without its own values: Resolver %+v, Gate %v, SystemRoots %v", a.Resolver, a.Gate, a.SystemRoots)
	case a.Resolver.Limit == b.Resolver.Limit:
		t.Error("two runs share a DNS query limit")
	case a.Resolver.Cache == b.Resolver.Cache:
		t.Error("two runs share a DNS cache")
	case a.Gate == b.Gate:
		t.Error("two runs share a Gate")
	case a.SystemRoots == b.SystemRoots:
		t.Error("two runs share their system roots")
	}
}
