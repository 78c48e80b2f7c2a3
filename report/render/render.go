// Package render prints assessments: text for a person at a terminal,
// JSON Lines, Nagios plugin output, Prometheus metrics, the closing table
// of a batch, and the explanations of `smtpprobe explain`.
//
// A renderer takes a report.Assessment (or report.Explanation) and
// Options and nothing else: everything it prints was judged by
// report.Assess, so renderers never read the catalog or the clock and
// never decide a severity. A new check adds a section here that prints
// its findings and facts.
package render

import (
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// Options controls how assessments are printed.
type Options struct {
	// Lang is the language of the labels; the findings and the summary
	// are in the language they were judged in.
	Lang  catalog.Lang
	Color bool // ANSI colour in text output
}

// severityLabel names a finding's severity: "info" for OK.
func severityLabel(s report.Status) string {
	if s == report.OK {
		return "info"
	}
	return s.String()
}
