package probe

import (
	"context"
	"errors"
	"net/netip"
	"sync"
	"time"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dane"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/mtasts"
	"github.com/smtpprobe/smtpprobe/tlsrpt"
)

// maxLookups caps the per-address lookups a Run has in flight at once.
const maxLookups = 16

// gatherer runs the fact gathering of the checks besides the dialogue,
// concurrently with it. Each gatherer writes only its own field of the
// Result's Checks or its own entry of a map made before it started;
// finish must return before the Result is read.
type gatherer struct {
	wg   sync.WaitGroup
	sem  chan struct{}
	ptr  map[netip.Addr]*reverse
	tlsa map[tlsaKey]*dane.Facts
}

// tlsaKey names the TLSA records of one MX host and port.
type tlsaKey struct {
	host, cname string
	port        int
}

// reverse is the PTR lookup of one address.
type reverse struct {
	rv  dnsx.Reverse
	err error
}

// startDomain starts the gatherers of the domain-level checks that need
// nothing of the MX lookup: tls-rpt and mta-sts.
func (g *gatherer) startDomain(ctx context.Context, cfg *Config, t Target, res *Result) {
	if cfg.Checks.Has(checks.TLSRPT) && t.Domain != "" {
		g.wg.Go(func() {
			f := tlsrpt.Lookup(ctx, cfg.Resolver, t.Domain)
			res.Checks.TLSRPT = &f
		})
	}
	if cfg.Checks.Has(checks.MTASTS) && t.Domain != "" {
		o := mtasts.Options{Resolver: cfg.Resolver, Dial: cfg.Dial, RootCAs: cfg.RootCAs, Timeout: cfg.Timeout, Now: cfg.Now}
		g.wg.Go(func() {
			f := mtasts.Check(ctx, o, t.Domain)
			res.Checks.MTASTS = &f
		})
	}
}

// start starts the gatherers of the checks in cfg.Checks that need the
// MX lookup in res.DNS and the hosts to probe, and nothing of the
// dialogues.
func (g *gatherer) start(ctx context.Context, cfg *Config, t Target, res *Result, jobs []job) {
	g.sem = make(chan struct{}, maxLookups)
	// DANE needs the self-test too: the AD bit on TLSA records means
	// something only from a resolver that validates.
	if cfg.Checks.Has(checks.DNSSEC) || cfg.Checks.Has(checks.DANE) {
		queries := res.DNS.Queries
		g.wg.Go(func() {
			d, err := cfg.Resolver.CheckDNSSEC(ctx, queries)
			if err == nil {
				res.Checks.DNSSEC = &d
			}
		})
	}
	if cfg.Checks.Has(checks.DANE) {
		g.tlsa = map[tlsaKey]*dane.Facts{}
		for _, j := range jobs {
			if _, err := netip.ParseAddr(j.name); err == nil {
				// --server named an address: TLSA records hang off
				// host names (RFC 7672), so there is nothing to ask.
				continue
			}
			k := tlsaKey{host: j.name, cname: cnameOf(res, j.name), port: j.port}
			if _, ok := g.tlsa[k]; ok {
				continue
			}
			f := &dane.Facts{}
			g.tlsa[k] = f
			g.wg.Go(func() {
				g.sem <- struct{}{}
				defer func() { <-g.sem }()
				*f = dane.Lookup(ctx, cfg.Resolver, k.host, k.cname, k.port)
			})
		}
	}
	if cfg.Checks.Has(checks.PTR) {
		g.ptr = map[netip.Addr]*reverse{}
		for _, j := range jobs {
			for _, a := range j.addrs {
				if _, ok := g.ptr[a]; ok {
					continue
				}
				r := &reverse{}
				g.ptr[a] = r
				g.wg.Go(func() {
					g.sem <- struct{}{}
					defer func() { <-g.sem }()
					r.rv, r.err = cfg.Resolver.LookupReverse(ctx, a)
				})
			}
		}
	}
}

// finish waits for every gatherer and puts the per-host facts on the hosts
// of res, whose jobs are given in the same order.
func (g *gatherer) finish(res *Result, jobs []job, now time.Time) {
	g.wg.Wait()
	for i := range res.Hosts {
		h := &res.Hosts[i]
		a := h.Addr
		if !a.IsValid() && i < len(jobs) && len(jobs[i].addrs) == 1 {
			a = jobs[i].addrs[0]
		}
		if f := g.tlsa[tlsaKey{host: h.Name, cname: cnameOf(res, h.Name), port: h.Port}]; f != nil {
			h.DANE = &DANEFacts{Facts: *f}
			if t := h.TLS; t != nil && len(t.Certificates) > 0 && len(f.Records) > 0 {
				names := []string{h.Name}
				if c := cnameOf(res, h.Name); c != "" {
					names = append(names, c)
				}
				m := dane.MatchChain(f.Records, t.Certificates, names, now)
				h.DANE.Match = &m
			}
		}
		if r := g.ptr[a]; r != nil {
			h.PTR = &PTRFacts{Reverse: r.rv}
			if r.err != nil {
				h.PTR.Err, h.PTR.Broken, h.PTR.Queued = r.err.Error(), errors.Is(r.err, dnsx.ErrCNAME), errors.Is(r.err, dnsx.ErrNoSlot)
			}
		}
	}
}

// cnameOf returns the canonical name of MX host name when it is an alias.
func cnameOf(res *Result, name string) string {
	for _, mx := range res.DNS.MX {
		if mx.Host == name {
			return mx.CNAME
		}
	}
	return ""
}
