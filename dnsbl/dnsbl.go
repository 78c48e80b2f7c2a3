// Package dnsbl asks DNS blocklists (RFC 5782) about addresses: the A
// record at the address's reversed name under each zone says whether it
// is listed (127.0.0.x codes) and the TXT record why. Answers a list
// uses for errors, outside 127.0.0.0/8 or in 127.255.255.0/24 (Spamhaus
// answers those when it refuses a query, as through a public resolver),
// are never taken for a listing.
//
// No zone is asked unless the caller names it: blocklists have terms of
// use. The package records facts; package report judges them.
package dnsbl

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"

	"github.com/miekg/dns"
	"github.com/smtpprobe/smtpprobe/dnsx"
)

// Status is what a zone's answer says about an address.
type Status string

// Statuses of an Answer.
const (
	Listed    Status = "listed"
	NotListed Status = "not-listed"
	// Unknown is a resolver failure or an answer that is not a listing
	// code (see Answer.Reason).
	Unknown Status = "unknown"
)

// MaxCodes bounds the A and TXT records kept from one answer.
const MaxCodes = 8

// Parallel is how many questions are asked at once.
const Parallel = 8

// Answer is one zone's answer about one address.
type Answer struct {
	Zone   string     // the blocklist zone, without the final dot
	Addr   netip.Addr // the address asked about
	Name   string     // the name asked, such as 2.0.0.127.zen.example
	Status Status
	Codes  []netip.Addr // the A records, at most MaxCodes
	TXT    []string     // the TXT records when listed, at most MaxCodes
	// Reason says why Status is Unknown, "" otherwise.
	Reason string
	// Err is the resolver failure behind an Unknown, nil otherwise.
	Err error
}

// Name returns the name asked for addr in zone (RFC 5782 section 2.1 and
// 2.4): the octets, or the nibbles of an IPv6 address, reversed.
func Name(addr netip.Addr, zone string) string {
	addr = addr.Unmap()
	var parts []string
	if addr.Is4() {
		for _, b := range addr.As4() {
			parts = append(parts, fmt.Sprint(b))
		}
	} else {
		for _, b := range addr.As16() {
			parts = append(parts, fmt.Sprintf("%x", b>>4), fmt.Sprintf("%x", b&0xf))
		}
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ".") + "." + strings.TrimSuffix(zone, ".")
}

var loopback = netip.MustParsePrefix("127.0.0.0/8")
var refusals = netip.MustParsePrefix("127.255.255.0/24")

// Classify says what a list of A answers means: listed when every code is
// in 127.0.0.0/8 outside 127.255.255.0/24, not listed when there are
// none, and Unknown with the reason otherwise.
func Classify(codes []netip.Addr) (Status, string) {
	if len(codes) == 0 {
		return NotListed, ""
	}
	for _, c := range codes {
		switch {
		case refusals.Contains(c):
			return Unknown, fmt.Sprintf("the list answered %s, an error code (127.255.255.x: the query was refused, typically because it came through a public or shared resolver, or the zone is misspelt)", c)
		case !loopback.Contains(c):
			return Unknown, fmt.Sprintf("the list answered %s, outside 127.0.0.0/8: not a listing (a wildcard, a hijacking resolver or a zone that is no longer a blocklist)", c)
		}
	}
	return Listed, ""
}

// Check asks every zone about every address, Parallel at a time. The
// answers come in the order of addrs, then zones.
func Check(ctx context.Context, r *dnsx.Resolver, zones []string, addrs []netip.Addr) []Answer {
	out := make([]Answer, 0, len(zones)*len(addrs))
	for _, a := range addrs {
		for _, z := range zones {
			z = strings.ToLower(strings.TrimSuffix(z, "."))
			out = append(out, Answer{Zone: z, Addr: a.Unmap(), Name: Name(a, z)})
		}
	}
	sem := make(chan struct{}, Parallel)
	var wg sync.WaitGroup
	for i := range out {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			ask(ctx, r, &out[i])
		})
	}
	wg.Wait()
	return out
}

func ask(ctx context.Context, r *dnsx.Resolver, a *Answer) {
	ans, err := r.Lookup(ctx, a.Name, dns.TypeA)
	if err != nil {
		a.Status, a.Err = Unknown, err
		a.Reason = "the blocklist could not be asked: " + err.Error()
		return
	}
	a.Codes = dnsx.Addrs(ans.Records)
	if len(a.Codes) > MaxCodes {
		a.Codes = a.Codes[:MaxCodes]
	}
	a.Status, a.Reason = Classify(a.Codes)
	if a.Status == NotListed {
		return
	}
	// The TXT record says why, often with a lookup URL.
	t, err := r.Lookup(ctx, a.Name, dns.TypeTXT)
	var re *dnsx.ResolverError
	if err != nil && !errors.As(err, &re) {
		return
	}
	for _, s := range dnsx.TXT(t.Records) {
		if len(a.TXT) == MaxCodes {
			break
		}
		if len(s) > 512 {
			s = s[:512]
		}
		a.TXT = append(a.TXT, s)
	}
}
