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
	// Width is the number of columns of the terminal the text goes to:
	// text is wrapped to fit it, but never wider than reads well (100
	// columns, 80 for explanations) nor narrower than minWidth. 0: those
	// usual widths.
	Width int
}

// minWidth is the narrowest the text is wrapped at; a narrower terminal
// wraps the lines itself.
const minWidth = 40

// wrapWidth is the column to wrap at, given the usual one.
func (o Options) wrapWidth(usual int) int {
	if o.Width <= 0 {
		return usual
	}
	return max(minWidth, min(o.Width, usual))
}

// severityLabel names a finding's severity: "info" for OK.
func severityLabel(s report.Status) string {
	if s == report.OK {
		return "info"
	}
	return s.String()
}
