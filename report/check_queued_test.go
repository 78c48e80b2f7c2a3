package report_test

import (
	"context"
	"net/netip"
	"slices"
	"testing"
	"time"

	"github.com/miekg/dns"
	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
)

// queuedResolver serves rrs and returns a resolver whose query limit of
// 1 is held by a question the server answers only when the test ends, so
// that every question not already in its cache waits for a slot until
// the caller's time runs out (dnsx.ErrNoSlot). prime is asked before
// the slot is taken, to be answered from the cache afterwards.
func queuedResolver(t *testing.T, rrs []string, prime func(r *dnsx.Resolver)) *dnsx.Resolver {
	t.Helper()
	srv := dnstest.Start(t, rrs...)
	release := make(chan struct{})
	srv.Handle(func(w dns.ResponseWriter, m *dns.Msg) {
		if m.Question[0].Name == "held.test." {
			<-release
		}
		w.WriteMsg(srv.Reply(m))
	})
	r := &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 30 * time.Second, Attempts: 1, Limit: dnsx.NewQueryLimit(1), Cache: &dnsx.Cache{}}
	if prime != nil {
		prime(r)
	}
	held := make(chan struct{})
	go func() {
		defer close(held)
		r.Lookup(context.Background(), "held.test", dns.TypeA)
	}()
	t.Cleanup(func() { close(release); <-held })
	for n, _ := srv.Count("held.test", ""); n == 0; n, _ = srv.Count("held.test", "") {
		time.Sleep(time.Millisecond)
	}
	return r
}

// checkFindings runs the checks of cfg on q.test with a short time, which
// the questions spend queueing, and returns the finding IDs of each.
func checkFindings(cfg probe.Config) map[checks.Name][]string {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	res := probe.Run(ctx, cfg, probe.Target{Input: "q.test", Domain: "q.test", Rcpt: "postmaster@q.test"})
	got := map[checks.Name][]string{}
	for _, f := range report.Assess(res, report.Options{}).Findings {
		if f.Check != "" {
			got[f.Check] = append(got[f.Check], f.ID)
		}
	}
	return got
}

// wantOnlyQueued fails unless each check of names has the finding
// dns-queued and no other: the queue is the probe's own, so nothing is
// known against the resolver, the domain or a blocklist.
func wantOnlyQueued(t *testing.T, got map[checks.Name][]string, names ...checks.Name) {
	t.Helper()
	for _, c := range names {
		ids := got[c]
		if !slices.Contains(ids, report.FindingDNSQueued) {
			t.Errorf("check %s: findings %v, want %s", c, ids, report.FindingDNSQueued)
		}
		for _, id := range ids {
			if id != report.FindingDNSQueued {
				t.Errorf("check %s: finding %s beside %s: the queue is the probe's, not the resolver's or the domain's", c, id, report.FindingDNSQueued)
			}
		}
	}
}

// TestCheckLookupQueued: when no check's question ever gets a DNS slot,
// each check says the run's own queue held it (dns-queued), never that
// the resolver failed (check-lookup-failed, spf-resolver, ...) or that a
// record is missing.
func TestCheckLookupQueued(t *testing.T) {
	// The server's address comes from the cache; its TLSA and PTR
	// questions queue.
	r := queuedResolver(t, []string{"mx.q.test. 300 IN A 127.0.0.1"}, func(r *dnsx.Resolver) {
		if _, _, err := r.LookupHost(context.Background(), "mx.q.test"); err != nil {
			t.Fatal(err)
		}
	})
	// With --server there is no MX lookup, so the blocklists are asked
	// only about the sending address.
	set := checks.Of(checks.DNSSEC, checks.TLSRPT, checks.MTASTS, checks.DANE, checks.PTR, checks.SPF, checks.DMARC, checks.DKIM)
	cfg := probe.Config{Checks: set.With(checks.Of(checks.DNSBL)), Resolver: r, Server: "mx.q.test", Port: 1, DKIMSelectors: []string{"s1"},
		DNSBLZones: []string{"bl.test"}, SendingIP: netip.MustParseAddr("192.0.2.1")}
	wantOnlyQueued(t, checkFindings(cfg), append(set.Names(), checks.SendingIP)...)
}

// TestMTASTSPolicyHostQueued: the MTA-STS record is known (from the
// cache), but the policy host's address question never gets a slot: the
// policy is unknown for the probe's own reason, not the resolver's.
func TestMTASTSPolicyHostQueued(t *testing.T) {
	r := queuedResolver(t, []string{`_mta-sts.q.test. 300 IN TXT "v=STSv1; id=1"`}, func(r *dnsx.Resolver) {
		if _, err := r.Lookup(context.Background(), "_mta-sts.q.test", dns.TypeTXT); err != nil {
			t.Fatal(err)
		}
	})
	cfg := probe.Config{Checks: checks.Of(checks.MTASTS), Resolver: r, Server: "127.0.0.1", Port: 1}
	wantOnlyQueued(t, checkFindings(cfg), checks.MTASTS)
}
