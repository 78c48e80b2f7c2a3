package dnstest

import (
	"runtime"
	"strings"
)

// SlotWaiters counts the goroutines of the test binary that wait for a
// slot of a dnsx.QueryLimit: a test's only way to know that a lookup has
// queued behind the queries holding every slot, before it lets one go.
// Compare with a count taken before, so that other tests' waiters do not
// count.
func SlotWaiters() int {
	buf := make([]byte, 4<<20)
	return strings.Count(string(buf[:runtime.Stack(buf, true)]), "(*QueryLimit).acquire")
}
