//go:build rss

package main

// The memory goal of issue 15 item 3: 100,000 targets, one in ten a live
// domain and the others domains that do not exist, probed at -c 200 in
// under 150 MB of resident memory. The command runs as a process of its
// own, so that its peak RSS (getrusage) counts smtpprobe alone; a DNS
// server and eight go-smtp servers on 127.0.0.1 to 127.0.0.8 serve it
// from this test. It takes about four minutes a format on two shared
// cores, so it is not part of make test:
//
//	go test -tags rss -run TestRSS -v -timeout 30m ./cmd/smtpprobe

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

const (
	rssTargets = 100000
	rssLimitMB = 150
	rssServers = 8
)

func TestRSSHundredThousandTargets(t *testing.T) {
	first := smtptest.Start(t, smtptest.Options{Domain: "mx1.live.test"})
	_, port, err := net.SplitHostPort(first.Addr)
	if err != nil {
		t.Fatal(err)
	}
	var zone []string
	for k := 1; k <= rssServers; k++ {
		if k > 1 {
			smtptest.Start(t, smtptest.Options{Domain: fmt.Sprintf("mx%d.live.test", k), Listen: fmt.Sprintf("127.0.0.%d:%s", k, port)})
		}
		zone = append(zone, fmt.Sprintf("mx%d.live.test. 300 IN A 127.0.0.%d", k, k))
	}
	var list strings.Builder
	live := 0
	for i := range rssTargets {
		if i%10 == 0 {
			d := fmt.Sprintf("d%d.live.test", i)
			zone = append(zone, fmt.Sprintf("%s. 300 IN MX 10 mx%d.live.test.", d, i/10%rssServers+1))
			fmt.Fprintln(&list, d)
			live++
		} else {
			fmt.Fprintf(&list, "nx%d.test\n", i)
		}
	}
	srv := indexedDNS(t, zone)
	dir := t.TempDir()
	file := filepath.Join(dir, "targets")
	if err := os.WriteFile(file, []byte(list.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "smtpprobe")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, format := range []string{"text", "json", "prometheus"} {
		t.Run(format, func(t *testing.T) {
			cmd := exec.Command(bin, "--resolver", srv.Addr(), "--port", port, "--allow-special-addresses",
				"-c", "200", "-o", format, "-f", file)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			results, size := countResults(t, format, stdout)
			err = cmd.Wait()
			took := time.Since(start)
			if code := cmd.ProcessState.ExitCode(); code != 2 {
				t.Errorf("exit %d (%v), want 2: the domains that do not exist\n%.2000s", code, err, stderr.String())
			}
			if results != rssTargets {
				t.Errorf("%d results, want %d\n%.2000s", results, rssTargets, stderr.String())
			}
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss >> 10 // KiB on Linux
			t.Logf("-o %s: %d targets (%d live) at -c 200 in %v, %.0f targets/s: peak RSS %d MB, %d MB of output",
				format, rssTargets, live, took.Round(time.Second), rssTargets/took.Seconds(), rss, size>>20)
			if rss >= rssLimitMB {
				t.Errorf("-o %s: peak RSS %d MB, want under %d MB", format, rss, rssLimitMB)
			}
		})
	}
}

// countResults reads the command's output and counts the targets it
// gives a result for: JSON lines, rows of the closing table, samples of
// smtpprobe_status.
func countResults(t *testing.T, format string, r interface{ Read([]byte) (int, error) }) (results, size int) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	table := false
	for sc.Scan() {
		line := sc.Text()
		size += len(line) + 1
		switch format {
		case "json":
			if strings.HasPrefix(line, "{") {
				results++
			}
		case "prometheus":
			if strings.HasPrefix(line, "smtpprobe_status{") {
				results++
			}
		default:
			if table && line != "" {
				results++
			}
			if strings.HasPrefix(line, "TARGET ") {
				table = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return results, size
}
