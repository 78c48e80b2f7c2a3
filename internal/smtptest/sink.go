package smtptest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"testing"
	"time"
)

// RequireAllEnv, set to "1", turns a skip for a missing tool into a
// failure (CI sets it).
const RequireAllEnv = "SMTPPROBE_REQUIRE_ALL"

// SinkPath returns the path of Postfix's smtp-sink, or "" when it is not
// installed.
func SinkPath() string {
	if p, err := exec.LookPath("smtp-sink"); err == nil {
		return p
	}
	for _, p := range []string{"/usr/sbin/smtp-sink", "/usr/lib/postfix/smtp-sink", "/usr/libexec/postfix/smtp-sink"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// StartSink runs Postfix's smtp-sink on a free loopback port with the
// given options (see smtp-sink(1): -p disables PIPELINING, "-f RCPT"
// rejects RCPT with 5xx, "-r RCPT" with 4xx, ...) until the test ends, and
// returns its address. It skips the test when smtp-sink is missing, or
// fails it when SMTPPROBE_REQUIRE_ALL=1.
func StartSink(t testing.TB, args ...string) string {
	t.Helper()
	path := SinkPath()
	if path == "" {
		if os.Getenv(RequireAllEnv) == "1" {
			t.Fatal("smtp-sink not found and " + RequireAllEnv + "=1")
		}
		t.Skip("smtp-sink (Postfix) not installed")
	}
	var lastErr error
	for try := 0; try < 5; try++ {
		addr, err := startSink(t, path, args)
		if err == nil {
			return addr
		}
		lastErr = err
	}
	t.Fatalf("starting smtp-sink: %v", lastErr)
	return ""
}

func startSink(t testing.TB, path string, args []string) (string, error) {
	// smtp-sink binds the port itself: find a free one, release it, and
	// retry on the rare race.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	l.Close()

	var full []string
	if os.Geteuid() == 0 {
		full = append(full, "-u", "nobody") // required when run as root
	}
	full = append(full, args...)
	full = append(full, "inet:"+addr, "10")
	cmd := exec.Command(path, full...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		return "", err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		select {
		case err := <-exited:
			return "", fmt.Errorf("smtp-sink exited: %v: %s", err, stderr.String())
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			t.Cleanup(func() {
				cmd.Process.Kill()
				<-exited
			})
			return addr, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill()
	<-exited
	return "", fmt.Errorf("smtp-sink did not listen on %s: %s", addr, stderr.String())
}
