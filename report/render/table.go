package render

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/smtpprobe/smtpprobe/internal/textfmt"
	"github.com/smtpprobe/smtpprobe/report"
)

// Table writes the closing table of a run over several targets: one row a
// target with its status and summary, the worst first, so that the targets
// that need attention are at the top of a long list.
func Table(w io.Writer, as []report.Assessment, o Options) error {
	rows := make([]int, len(as))
	width := len("TARGET")
	for i, a := range as {
		rows[i] = i
		width = max(width, displayWidth(textfmt.Clean(a.Result.Target.Input)))
	}
	sort.SliceStable(rows, func(i, j int) bool {
		return as[rows[i]].Status.Worse(as[rows[j]].Status)
	})
	p := newPalette(o.Color)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-*s  %-8s  %s\n", width, "TARGET", "STATUS", "SUMMARY")
	for _, i := range rows {
		a := as[i]
		status := fmt.Sprintf("%-8s", a.Status)
		fmt.Fprintf(&b, "%s  %s  %s\n", padRight(textfmt.Clean(a.Result.Target.Input), width), p.status(a.Status).Sprint(status), textfmt.Clean(a.Summary))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
