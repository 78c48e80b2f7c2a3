package dnsx

import (
	"context"
	"sync"
	"time"

	"github.com/miekg/dns"
)

// Cache bounds.
const (
	// MaxCacheEntries caps the answers a Cache holds, so that a long run
	// stays in bounded memory; beyond it expired entries are dropped, and
	// new answers are not kept when none has expired.
	MaxCacheEntries = 50000
	// MaxCacheTTL caps how long an answer is kept, whatever its TTL.
	MaxCacheTTL = time.Hour
	// NegativeCacheTTL is how long an NXDOMAIN or empty answer without an
	// SOA record (whose TTL would say, RFC 2308) is kept.
	NegativeCacheTTL = time.Minute
)

// Cache keeps the answers of a run for their TTL (at most MaxCacheTTL),
// so that targets sharing mail servers ask about them once; concurrent
// lookups of the same question share one query, and its failure if it
// fails. Failures are never kept beyond that.
// Its zero value is ready to use, and it is safe for concurrent use.
type Cache struct {
	mu  sync.Mutex
	m   map[cacheKey]*cacheEntry
	now func() time.Time // nil means time.Now; tests set it
}

type cacheKey struct {
	name  string // canonical: lower case, fully qualified
	qtype uint16
}

type cacheEntry struct {
	done    chan struct{} // closed when ans and err are set
	ans     answer
	err     error
	expires time.Time
	// abandoned says the query ended because its caller's context did,
	// so its failure says nothing about the server.
	abandoned bool
}

// Len returns how many answers the cache holds or awaits.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

func (c *Cache) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// do returns the cached answer for key, waits for a query under way, or
// else calls fetch and keeps its answer. shared reports that the answer
// did not come from this call's fetch.
func (c *Cache) do(ctx context.Context, key cacheKey, fetch func() (answer, error)) (a answer, err error, shared bool) {
	for {
		c.mu.Lock()
		e := c.m[key]
		if e != nil && e.ready() && !c.clock().Before(e.expires) {
			delete(c.m, key)
			e = nil
		}
		if e == nil {
			return c.fill(ctx, key, fetch)
		}
		c.mu.Unlock()

		select {
		case <-e.done:
		case <-ctx.Done():
			return answer{}, ctx.Err(), false
		}
		// The query was ended by its own caller's context, not by the
		// server: ask again under this caller's context.
		if e.abandoned && ctx.Err() == nil {
			continue
		}
		return e.ans, e.err, true
	}
}

// fill runs fetch for key; c.mu is held on entry.
func (c *Cache) fill(ctx context.Context, key cacheKey, fetch func() (answer, error)) (answer, error, bool) {
	e := &cacheEntry{done: make(chan struct{})}
	if c.m == nil {
		c.m = map[cacheKey]*cacheEntry{}
	}
	if len(c.m) >= MaxCacheEntries {
		c.sweep()
	}
	stored := len(c.m) < MaxCacheEntries
	if stored {
		c.m[key] = e
	}
	c.mu.Unlock()

	a, err := fetch()

	c.mu.Lock()
	e.ans, e.err = a, err
	e.abandoned = err != nil && ctx.Err() != nil
	e.expires = c.clock().Add(min(time.Duration(a.ttl)*time.Second, MaxCacheTTL))
	if stored && (err != nil || a.ttl == 0) && c.m[key] == e {
		delete(c.m, key)
	}
	c.mu.Unlock()
	close(e.done)
	return a, err, false
}

// sweep drops expired answers; c.mu is held.
func (c *Cache) sweep() {
	now := c.clock()
	for k, e := range c.m {
		if e.ready() && !now.Before(e.expires) {
			delete(c.m, k)
		}
	}
}

func (e *cacheEntry) ready() bool {
	select {
	case <-e.done:
		return true
	default:
		return false
	}
}

// cacheTTL is how long a response may be kept: the smallest TTL of its
// answer records, or for a negative answer the SOA's negative TTL (RFC
// 2308 section 5), or NegativeCacheTTL without an SOA.
func cacheTTL(m *dns.Msg) uint32 {
	if len(m.Answer) > 0 {
		ttl := m.Answer[0].Header().Ttl
		for _, rr := range m.Answer[1:] {
			ttl = min(ttl, rr.Header().Ttl)
		}
		return ttl
	}
	for _, rr := range m.Ns {
		if soa, ok := rr.(*dns.SOA); ok {
			return min(soa.Hdr.Ttl, soa.Minttl)
		}
	}
	return uint32(NegativeCacheTTL / time.Second)
}
