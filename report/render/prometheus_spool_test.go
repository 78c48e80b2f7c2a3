package render

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

// TestPrometheusSpoolMatchesPrometheus checks that the metrics spooled
// target by target are those Prometheus writes of all targets at once,
// whether they wait in memory or in temporary files.
func TestPrometheusSpoolMatchesPrometheus(t *testing.T) {
	cases := fixtures.MonCases()
	all := cases[len(cases)-1].As // several targets, each once
	var want bytes.Buffer
	if err := Prometheus(&want, all, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, memory := range []int{0, 1} {
		p := &PrometheusSpool{Memory: memory}
		for _, a := range all {
			s, err := PrometheusSamplesOf(a)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Add(s); err != nil {
				t.Fatal(err)
			}
		}
		var got bytes.Buffer
		if _, err := p.WriteTo(&got); err != nil {
			t.Fatal(err)
		}
		dir := p.dir
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
		// Prometheus sorts a family's samples by their labels; the spool
		// keeps them in the order the targets came. The parser checks
		// that each family comes once, with its HELP and TYPE.
		if sortedLines(got.String()) != sortedLines(want.String()) {
			t.Errorf("memory %d: spooled metrics differ from Prometheus's\ngot:\n%s\nwant:\n%s", memory, got.String(), want.String())
		}
		parseMetrics(t, got.Bytes())
		switch {
		case memory == 1 && dir == "":
			t.Errorf("memory 1: nothing went to a temporary file")
		case dir != "":
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("memory %d: Close left %s (%v)", memory, dir, err)
			}
		}
	}
}

// TestPrometheusSpoolRepeatedTarget checks that a target listed twice
// gives its series once, which the text format requires.
func TestPrometheusSpoolRepeatedTarget(t *testing.T) {
	a := fixtures.MonFixtures()["healthy"]
	var p PrometheusSpool
	defer p.Close()
	for range 2 {
		s, err := PrometheusSamplesOf(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	var got, want bytes.Buffer
	if _, err := p.WriteTo(&got); err != nil {
		t.Fatal(err)
	}
	if err := Prometheus(&want, []report.Assessment{a}, Options{}); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("got:\n%s\nwant:\n%s", got.String(), want.String())
	}
}

func sortedLines(s string) string {
	lines := strings.Split(s, "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
