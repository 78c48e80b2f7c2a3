package probe

import (
	"context"
	"sync"

	"github.com/smtpprobe/smtpprobe/checks"
)

// gatherer runs the fact gathering of the checks besides the dialogue,
// concurrently with it. Each gatherer writes only its own field of the
// Result's Checks (or of its own map), so they need no lock; wait must
// return before the Result is read.
type gatherer struct {
	wg sync.WaitGroup
}

// start starts the gatherers of the domain-level checks in cfg.Checks,
// which need the MX lookup in res.DNS and nothing of the dialogues.
func (g *gatherer) start(ctx context.Context, cfg *Config, t Target, res *Result) {
	if cfg.Checks.Has(checks.DNSSEC) {
		queries := res.DNS.Queries
		g.wg.Go(func() {
			d, err := cfg.Resolver.CheckDNSSEC(ctx, queries)
			if err == nil {
				res.Checks.DNSSEC = &d
			}
		})
	}
}

// wait blocks until every gatherer is done.
func (g *gatherer) wait() { g.wg.Wait() }
