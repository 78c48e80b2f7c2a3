package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// TestInterruptedRun is issue 10 item 18: on Ctrl-C or SIGTERM, the
// targets that had not started are said once to be not probed, never each
// "the DNS resolver did not answer (context canceled)"; the ones under way
// end as interrupted (unknown), and so does a target stopped while its MX
// lookup was in flight.
func TestInterruptedRun(t *testing.T) {
	const targets = 30
	stall := smtptest.StartScript(t, func(c *smtptest.Conn) { c.Stall() })
	_, port, _ := net.SplitHostPort(stall.Addr)
	d := dnstest.Start(t)
	// The first target's MX question is never answered: it is stopped
	// while asking.
	d.Add(t, "slow.example.test. 300 IN MX 10 mx.slow.example.test.")
	d.Silence("slow.example.test.")
	var list strings.Builder
	list.WriteString("slow.example.test\n")
	for i := range targets {
		name := fmt.Sprintf("d%02d.example.test", i)
		d.Add(t, name+". 300 IN MX 10 mx."+name+".", fmt.Sprintf("mx.%s. 300 IN A 192.0.2.%d", name, i+1))
		fmt.Fprintf(&list, "%s\n", name)
	}
	routes := map[string]string{}
	for i := range targets {
		routes[fmt.Sprintf("192.0.2.%d:%s", i+1, port)] = stall.Addr
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel once the first dialogues hold their connections and the
	// silent question is out, as Ctrl-C would.
	go func() {
		for stall.Conns() < 2 {
			time.Sleep(time.Millisecond)
		}
		for n := 0; n == 0; {
			udp, tcp := d.Count("slow.example.test.", "MX")
			n = udp + tcp
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	// The step timeout is an hour: the run must end with the interruption,
	// not with the stalled servers' timeouts (shared sessions included).
	ce := cmdEnv{ctx: ctx, stdin: list.String(), routes: routes}
	r := runWith(t, ce, "--resolver", d.Addr(), "--port", port, "--checks", "smtp", "--timeout", "1h",
		"-c", "3", "-o", "json", "-f", "-")
	if r.code != 3 {
		t.Errorf("exit %d, want 3 (unknown)\n%s", r.code, r.stderr)
	}
	if n := strings.Count(r.stderr, "not probed"); n != 1 || !strings.Contains(r.stderr, fmt.Sprintf("interrupted: %d of %d targets not probed", targets+1-3, targets+1)) {
		t.Errorf("stderr should say once how many targets were not probed:\n%s", r.stderr)
	}
	if strings.Contains(r.stdout, "resolver-failed") || strings.Contains(r.stdout, "did not answer") {
		t.Errorf("an interrupted target blames the resolver:\n%s", r.stdout)
	}
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	lines := 0
	for sc.Scan() {
		lines++
		var obj struct {
			Target   string `json:"target"`
			Status   string `json:"status"`
			Findings []struct {
				ID string `json:"id"`
			} `json:"findings"`
		}
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, sc.Text())
		}
		if obj.Status != "unknown" || len(obj.Findings) == 0 || obj.Findings[0].ID != "interrupted" {
			t.Errorf("%s: status %s, findings %+v; want unknown, interrupted", obj.Target, obj.Status, obj.Findings)
		}
	}
	if lines != 3 {
		t.Errorf("%d results, want 3: the targets under way", lines)
	}
}
