package dnsx_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

// TestQueryLimit checks that lookups sharing a QueryLimit never have more
// queries out at once than it allows, counted by the server, while
// lookups without one all go out together (issue 15 item 3: -c 10000 sent
// 10,000 MX queries at once).
func TestQueryLimit(t *testing.T) {
	t.Parallel()
	const lookups, limit = 40, 4
	for _, c := range []struct {
		limit *dnsx.QueryLimit
		ok    func(peak int) bool
		want  string
	}{
		{dnsx.NewQueryLimit(limit), func(p int) bool { return p >= 1 && p <= limit }, fmt.Sprintf("1 to %d", limit)},
		{nil, func(p int) bool { return p > limit }, fmt.Sprintf("more than %d", limit)},
	} {
		srv := dnstest.Start(t)
		srv.Delay(20 * time.Millisecond)
		r := resolver(srv)
		r.Limit = c.limit
		var wg sync.WaitGroup
		for i := range lookups {
			wg.Go(func() {
				mx, err := r.LookupMX(context.Background(), fmt.Sprintf("nx%d.test", i))
				if err != nil || !mx.NXDomain {
					t.Errorf("nx%d.test: %v, NXDomain %v: want the answer NXDOMAIN, however long it waited", i, err, mx.NXDomain)
				}
			})
		}
		wg.Wait()
		if p := srv.Peak(); !c.ok(p) {
			t.Errorf("limit %v: %d queries at once at the server, want %s", c.limit != nil, p, c.want)
		}
	}
}

// TestQueryLimitWaitEndsWithContext checks that a lookup waiting for a
// slot gives up when its context ends, with an error that says no query
// was sent rather than that the resolver failed to answer one.
func TestQueryLimitWaitEndsWithContext(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t)
	srv.Delay(time.Second)
	r := resolver(srv)
	r.Limit = dnsx.NewQueryLimit(1)
	go r.LookupMX(context.Background(), "held.test")
	for srv.Peak() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	mx, err := r.LookupMX(ctx, "waiting.test")
	if !errors.Is(err, dnsx.ErrNoSlot) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want ErrNoSlot and the deadline", err)
	}
	if n, _ := srv.Count("waiting.test", ""); n != 0 || len(mx.Queries) != 0 {
		t.Errorf("%d queries reached the server, %d recorded: want none, no slot was free", n, len(mx.Queries))
	}
}
