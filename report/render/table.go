package render

import (
	"bufio"
	"fmt"
	"io"
	"sort"

	"github.com/smtpprobe/smtpprobe/internal/textfmt"
	"github.com/smtpprobe/smtpprobe/report"
)

// Row is what the closing table shows of one target, all a run over many
// targets keeps of it once its result is printed.
type Row struct {
	Target  string
	Status  report.Status
	Summary string
}

// RowOf keeps what the closing table shows of an assessment.
func RowOf(a report.Assessment) Row {
	return Row{Target: a.Result.Target.Input, Status: a.Status, Summary: a.Summary}
}

// Table writes the closing table of a run over several targets: one row a
// target with its status and summary, the worst first, so that the targets
// that need attention are at the top of a long list.
func Table(w io.Writer, as []report.Assessment, o Options) error {
	rows := make([]Row, len(as))
	for i, a := range as {
		rows[i] = RowOf(a)
	}
	return TableRows(w, rows, o)
}

// TableRows is Table from the rows kept of each target.
func TableRows(w io.Writer, rows []Row, o Options) error {
	order := make([]int, len(rows))
	width := len("TARGET")
	for i, r := range rows {
		order[i] = i
		width = max(width, displayWidth(textfmt.Clean(r.Target)))
	}
	sort.SliceStable(order, func(i, j int) bool {
		return rows[order[i]].Status.Worse(rows[order[j]].Status)
	})
	p := newPalette(o.Color)
	// Written through a buffer row by row, rather than built whole first:
	// the table of a long run is long.
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "\n%-*s  %-8s  %s\n", width, "TARGET", "STATUS", "SUMMARY")
	for _, i := range order {
		r := rows[i]
		status := fmt.Sprintf("%-8s", r.Status)
		fmt.Fprintf(bw, "%s  %s  %s\n", padRight(textfmt.Clean(r.Target), width), p.status(r.Status).Sprint(status), textfmt.Clean(r.Summary))
	}
	return bw.Flush()
}
