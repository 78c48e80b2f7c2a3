package render

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
)

// update rewrites the golden files of every renderer test in this package:
// go test ./report/render -update
var update = flag.Bool("update", false, "update golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestTable(t *testing.T) {
	as := []report.Assessment{
		{Result: probe.Result{Target: probe.Target{Input: "ok.example"}}, Status: report.OK, Summary: "all 2 MX hosts accepted the probe"},
		report.Invalid("bad..example", errors.New(`invalid target "bad..example": empty label`)),
		{Result: probe.Result{Target: probe.Target{Input: "warn.example"}}, Status: report.Warning, Summary: "mx2.warn.example deferred: 451 4.7.1 greylisted"},
		{Result: probe.Result{Target: probe.Target{Input: "dead.example"}}, Status: report.Critical, Summary: "null MX: dead.example accepts no mail"},
	}
	for _, c := range []struct {
		name  string
		color bool
	}{{"table.golden", false}, {"table.color.golden", true}} {
		var b bytes.Buffer
		if err := Table(&b, as, Options{Color: c.color}); err != nil {
			t.Fatal(err)
		}
		golden(t, c.name, b.Bytes())
	}
}

// TestTableWideAndHostile checks that the columns stay aligned for targets
// in wide (Japanese) runes and that control characters in a target or a
// summary reach the terminal escaped, as in the text report.
func TestTableWideAndHostile(t *testing.T) {
	as := []report.Assessment{
		{Result: probe.Result{Target: probe.Target{Input: "日本語.example"}}, Status: report.OK, Summary: "ok"},
		{Result: probe.Result{Target: probe.Target{Input: "a.example"}}, Status: report.OK, Summary: "ok"},
		report.Invalid("bad\x1b[2J.example", errors.New("invalid target \"bad\x1b[2J.example\"")),
	}
	var b bytes.Buffer
	if err := Table(&b, as, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Errorf("control character in the table:\n%q", b.String())
	}
	col := -1
	for l := range strings.Lines(strings.TrimPrefix(b.String(), "\n")) {
		i := strings.Index(l, "  ")
		for i < len(l) && l[i] == ' ' {
			i++
		}
		if c := displayWidth(l[:i]); col < 0 {
			col = c
		} else if c != col {
			t.Errorf("status column at %d, want %d: %q", c, col, l)
		}
	}
}

// opts are the render options that go with the judging options o.
func opts(o report.Options) Options { return Options{Lang: o.Lang} }
