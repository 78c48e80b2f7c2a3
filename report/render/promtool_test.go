package render

import (
	"bytes"
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/promtool"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

// TestPrometheusPromtool: every fixture the renderer tests print, as one
// -o prometheus document and each monitoring case alone, passes
// Prometheus's own `promtool check metrics`.
func TestPrometheusPromtool(t *testing.T) {
	promtool.Require(t)
	var all []report.Assessment
	for _, c := range fixtures.MonCases() {
		var b bytes.Buffer
		if err := Prometheus(&b, c.As, opts(fixtures.MonOptions())); err != nil {
			t.Fatal(err)
		}
		promtool.CheckMetrics(t, c.Name, b.Bytes())
		all = append(all, c.As...)
	}
	for _, c := range fixtures.GoldenCases() {
		all = append(all, report.Assess(c.R, c.O))
	}
	for _, c := range fixtures.AuthCases() {
		all = append(all, report.Assess(c.R, fixtures.Options()))
	}
	all = append(all, report.Assess(senderResult(t), report.Options{}))
	var b bytes.Buffer
	if err := Prometheus(&b, all, Options{}); err != nil {
		t.Fatal(err)
	}
	promtool.CheckMetrics(t, "every fixture", b.Bytes())

	// The same through the spool of a batch, spilled to temporary files
	// after every target.
	spool := &PrometheusSpool{Memory: 1}
	defer spool.Close()
	for _, a := range all {
		s, err := PrometheusSamplesOf(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := spool.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	b.Reset()
	if _, err := spool.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	promtool.CheckMetrics(t, "every fixture, spooled", b.Bytes())
}
