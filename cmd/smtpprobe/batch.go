package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/render"
)

// maxTargetLine bounds one line of a target list; no domain or address
// comes near it, so a longer line is a mistake (or not a target list).
const maxTargetLine = 1024

// readTargets gathers targets from the arguments, "-" (standard input) and
// --file, in that order.
func readTargets(args []string, file string, stdin io.Reader) ([]string, error) {
	var out []string
	for _, a := range args {
		if a != "-" {
			out = append(out, a)
			continue
		}
		ts, err := scanTargets(stdin, "standard input")
		if err != nil {
			return nil, err
		}
		out = append(out, ts...)
	}
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("--file: %w", err)
		}
		defer f.Close()
		ts, err := scanTargets(f, file)
		if err != nil {
			return nil, err
		}
		out = append(out, ts...)
	}
	return out, nil
}

// scanTargets reads one target a line, skipping blank lines and # comments.
func scanTargets(r io.Reader, name string) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 256), maxTargetLine)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, "#"); i == 0 || (i > 0 && (line[i-1] == ' ' || line[i-1] == '\t')) {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading targets from %s: %w", name, err)
	}
	return out, nil
}

// batch probes many targets, a few at a time, and prints each result as
// it is ready.
type batch struct {
	cfg         probe.Config
	ropts       report.Options
	render      render.Options
	output      string // --output
	quiet       bool   // print only what is not ok
	concurrency int
	ordered     bool // print in input order rather than completion order
	stdout      io.Writer
	stderr      io.Writer
	progress    bool // show a progress line on stderr
	deadline    time.Duration
}

type outcome struct {
	index int
	as    report.Assessment
}

// run probes every input and renders the results; it returns the exit
// status, the worst over all targets.
func (b *batch) run(ctx context.Context, inputs []string) int {
	jobs := make(chan int)
	results := make(chan outcome)
	workers := min(b.concurrency, len(inputs))
	for range workers {
		go func() {
			for i := range jobs {
				results <- outcome{i, b.probe(ctx, inputs[i])}
			}
		}()
	}
	go func() {
		for i := range inputs {
			jobs <- i
		}
		close(jobs)
	}()

	all := make([]report.Assessment, len(inputs))
	pending := map[int]bool{}
	next := 0
	status := report.OK
	for done := 1; done <= len(inputs); done++ {
		r := <-results
		all[r.index] = r.as
		status = report.Worst(status, r.as.Status)
		if b.progress {
			fmt.Fprintf(b.stderr, "\r\033[K%d/%d targets probed", done, len(inputs))
		}
		if !streams(b.output) {
			continue
		}
		if !b.ordered {
			b.emit(r.as)
			continue
		}
		pending[r.index] = true
		for ; pending[next]; next++ {
			delete(pending, next)
			b.emit(all[next])
		}
	}
	if b.progress {
		fmt.Fprint(b.stderr, "\r\033[K")
	}
	if err := b.finish(all); err != nil {
		fmt.Fprintf(b.stderr, "smtpprobe: error: writing output: %v\n", err)
		return int(report.Unknown)
	}
	return int(status)
}

// probe runs one target. A target that does not parse becomes an unknown
// result of its own, so that one typo in a list of a thousand domains does
// not stop the other 999.
func (b *batch) probe(ctx context.Context, input string) report.Assessment {
	t, err := probe.ParseTarget(input)
	if err != nil {
		fmt.Fprintf(b.stderr, "smtpprobe: error: %v\n", err)
		return report.Invalid(input, err)
	}
	ctx, cancel := context.WithTimeout(ctx, b.deadline)
	defer cancel()
	return report.Assess(probe.Run(ctx, b.cfg, t), b.ropts)
}

// streams tells whether a format prints each target as it finishes; the
// others describe all targets at once.
func streams(format string) bool { return format == "text" || format == "json" }

func (b *batch) emit(a report.Assessment) {
	if b.quiet && a.Status == report.OK {
		return
	}
	var err error
	switch b.output {
	case "json":
		err = render.JSON(b.stdout, []report.Assessment{a}, b.render)
	default:
		err = render.Text(b.stdout, []report.Assessment{a}, b.render)
	}
	if err != nil {
		fmt.Fprintf(b.stderr, "smtpprobe: error: writing output: %v\n", err)
	}
}

// finish writes what comes after the last target: the closing table of a
// text run, or the whole output of the formats that do not stream.
func (b *batch) finish(all []report.Assessment) error {
	switch b.output {
	case "nagios":
		return render.Nagios(b.stdout, all, b.render)
	case "prometheus":
		return render.Prometheus(b.stdout, all, b.render)
	case "text":
		if len(all) < 2 {
			return nil
		}
		rows := all
		if b.quiet {
			// Quiet runs list only what needs attention, so that cron mails
			// stay short; a run with nothing to list prints nothing at all.
			rows = nil
			for _, a := range all {
				if a.Status != report.OK {
					rows = append(rows, a)
				}
			}
			if len(rows) == 0 {
				return nil
			}
		}
		return render.Table(b.stdout, rows, b.render)
	}
	return nil
}
