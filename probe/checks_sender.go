package probe

import (
	"context"
	"net/netip"
	"strings"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dkim"
	"github.com/smtpprobe/smtpprobe/dmarc"
	"github.com/smtpprobe/smtpprobe/dnsbl"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/spf"
)

// SendingIP holds the facts about the address the user's mail leaves
// from (Config.SendingIP).
type SendingIP struct {
	Addr netip.Addr
	// Reverse is its PTR names and their forward confirmation.
	Reverse dnsx.Reverse
	// Err is the resolver's failure to answer the PTR question; Reverse
	// then holds only the queries.
	Err error
}

// DNSBL holds the answers of the blocklist zones (Config.DNSBLZones)
// about every MX address and the sending address.
type DNSBL struct {
	Zones   []string
	Answers []dnsbl.Answer
}

// About returns the answers about addr, in the order of Zones.
func (d *DNSBL) About(addr netip.Addr) []dnsbl.Answer {
	var out []dnsbl.Answer
	for _, a := range d.Answers {
		if a.Addr == addr.Unmap() {
			out = append(out, a)
		}
	}
	return out
}

// SenderDomain is the domain the sender checks (spf, dmarc, dkim) are
// about: the domain of cfg.From when it has one, else the target's.
func SenderDomain(cfg *Config, t Target) string {
	if d := AddressDomain(cfg.From); d != "" {
		return d
	}
	return t.Domain
}

// AddressDomain is the domain of a mail address, lower case without a
// final dot: "" for the null sender, an address without a domain, and an
// address literal ("user@[192.0.2.1]"), which has no SPF, DKIM or DMARC
// record of its own.
func AddressDomain(addr string) string {
	i := strings.LastIndexByte(addr, '@')
	if i < 0 {
		return ""
	}
	d := strings.ToLower(strings.TrimSuffix(addr[i+1:], "."))
	if strings.HasPrefix(d, "[") {
		return ""
	}
	return d
}

// startSender starts the gatherers of the sender checks, which need
// nothing of the MX lookup: spf, dmarc, dkim and the sending address.
// Each writes only its own field of res.Checks.
func (g *gatherer) startSender(ctx context.Context, cfg *Config, t Target, res *Result) {
	wg := &g.wg
	domain := SenderDomain(cfg, t)
	r := cfg.Resolver
	if cfg.Checks.Has(checks.SPF) {
		opt := spf.Options{IP: cfg.SendingIP, Sender: cfg.From, HELO: cfg.Helo}
		wg.Go(func() {
			f := spf.Check(ctx, r, domain, opt)
			res.Checks.SPF = &f
		})
	}
	if cfg.Checks.Has(checks.DMARC) {
		wg.Go(func() {
			f := dmarc.Check(ctx, r, domain)
			res.Checks.DMARC = &f
		})
	}
	if cfg.Checks.Has(checks.DKIM) {
		sels := cfg.DKIMSelectors
		wg.Go(func() {
			f := dkim.Check(ctx, r, domain, sels)
			res.Checks.DKIM = &f
		})
	}
	if cfg.SendingIP.IsValid() {
		wg.Go(func() {
			rv, err := r.LookupReverse(ctx, cfg.SendingIP)
			res.Checks.SendingIP = &SendingIP{Addr: cfg.SendingIP.Unmap(), Reverse: rv, Err: err}
		})
	}
}

// startDNSBL starts asking the blocklists about every MX address in
// res.DNS and the sending address; it needs the MX lookup done.
func (g *gatherer) startDNSBL(ctx context.Context, cfg *Config, res *Result) {
	if !cfg.Checks.Has(checks.DNSBL) || len(cfg.DNSBLZones) == 0 {
		return
	}
	var addrs []netip.Addr
	add := func(a netip.Addr) {
		a = a.Unmap()
		for _, b := range addrs {
			if a == b {
				return
			}
		}
		addrs = append(addrs, a)
	}
	for _, m := range res.DNS.MX {
		for _, a := range m.Addresses {
			add(a)
		}
	}
	if cfg.SendingIP.IsValid() {
		add(cfg.SendingIP)
	}
	zones := cfg.DNSBLZones
	g.wg.Go(func() {
		res.Checks.DNSBL = &DNSBL{Zones: zones, Answers: dnsbl.Check(ctx, cfg.Resolver, zones, addrs)}
	})
}
