// Package promtool runs Prometheus's promtool on metrics that a test
// rendered, so that what smtpprobe exposes is what Prometheus itself
// accepts: `promtool check metrics` parses the text format and lints the
// names, types, units and help of every family.
package promtool

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// RootEnv names the environment variable that says where .ci/install-promtool
// unpacked promtool; unset means DefaultRoot. promtool on PATH wins.
const RootEnv = "SMTPPROBE_PROMTOOL_ROOT"

// DefaultRoot is where .ci/install-promtool unpacks promtool by default,
// as usr/bin/promtool.
const DefaultRoot = "/opt/smtpprobe-promtool"

// Path returns the path of promtool, or "" when it is not installed.
func Path() string {
	if p, err := exec.LookPath("promtool"); err == nil {
		return p
	}
	root := os.Getenv(RootEnv)
	if root == "" {
		root = DefaultRoot
	}
	p := filepath.Join(root, "usr", "bin", "promtool")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// Require returns the path of promtool. It skips the test when promtool is
// missing, or fails it when SMTPPROBE_REQUIRE_ALL=1.
func Require(t testing.TB) string {
	t.Helper()
	p := Path()
	if p == "" {
		why := "promtool not installed (run .ci/install-promtool)"
		if os.Getenv(smtptest.RequireAllEnv) == "1" {
			t.Fatal(why + " and " + smtptest.RequireAllEnv + "=1")
		}
		t.Skip(why)
	}
	return p
}

// CheckMetrics runs `promtool check metrics` on text, the metrics named
// what, and fails the test with every problem promtool reports.
func CheckMetrics(t testing.TB, what string, text []byte) {
	t.Helper()
	path := Require(t)
	cmd := exec.Command(path, "check", "metrics")
	cmd.Stdin = bytes.NewReader(text)
	out, err := cmd.CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("promtool check metrics on %s: %v\n%s\nthe metrics:\n%s", what, err, out, text)
	}
}
