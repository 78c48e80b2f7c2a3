package dnsx_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

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

// TestMXHostQueuedOut checks that an MX host whose address questions were
// never sent, because other lookups held every slot until the lookup's
// time ran out, is MXQueued: not a resolver failure, not a missing
// record. The MX answer waits until another lookup queues for the only
// slot, which it takes when the MX question lets it go.
func TestMXHostQueuedOut(t *testing.T) {
	// Not parallel: no other test's lookup may start queueing while
	// SlotWaiters watches for this one's.
	srv := dnstest.Start(t, "q.test. 300 IN MX 10 mx.q.test.", "mx.q.test. 300 IN A 192.0.2.1")
	proceed, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	srv.Handle(func(w dns.ResponseWriter, m *dns.Msg) {
		switch m.Question[0].Name {
		case "q.test.":
			<-proceed
		case "held.test.":
			<-release
		}
		w.WriteMsg(srv.Reply(m))
	})
	r := resolver(srv)
	r.Limit = dnsx.NewQueryLimit(1)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	type result struct {
		mx  dnsx.MXResult
		err error
	}
	done := make(chan result, 1)
	go func() {
		mx, err := r.LookupMX(ctx, "q.test")
		done <- result{mx, err}
	}()
	for n, _ := srv.Count("q.test", "MX"); n == 0; n, _ = srv.Count("q.test", "MX") {
		time.Sleep(time.Millisecond)
	}
	waiting := dnstest.SlotWaiters()
	go r.LookupMX(context.Background(), "held.test")
	for dnstest.SlotWaiters() == waiting {
		time.Sleep(time.Millisecond)
	}
	close(proceed)
	res := <-done
	if res.err != nil || len(res.mx.MX) != 1 {
		t.Fatalf("LookupMX: %v, %+v: want the MX answer", res.err, res.mx)
	}
	m := res.mx.MX[0]
	if m.Problem != dnsx.MXQueued || !strings.Contains(m.Err, "query not sent") {
		t.Errorf("problem %v, err %q: want MXQueued, the question never sent", m.Problem, m.Err)
	}
	if n, _ := srv.Count("mx.q.test", ""); n != 0 {
		t.Errorf("%d address questions reached the server, want none", n)
	}
}
