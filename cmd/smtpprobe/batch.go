package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/render"
)

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
	progress    bool // show a progress bar on stderr (a terminal)
	deadline    time.Duration
}

type outcome struct {
	index int
	as    report.Assessment
	err   error // the input was no target: said on stderr
	// skipped: the run was interrupted before this target started. It
	// gets no result of its own; the run says once how many there were.
	skipped bool
}

// run probes every input and renders the results; it returns the exit
// status, the worst over all targets.
func (b *batch) run(ctx context.Context, inputs []input) int {
	jobs := make(chan int)
	results := make(chan outcome)
	workers := min(b.concurrency, len(inputs))
	for range workers {
		go func() {
			for i := range jobs {
				if ctx.Err() != nil {
					results <- outcome{index: i, skipped: true}
					continue
				}
				results <- b.probe(ctx, i, inputs[i])
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
	skipped := make([]bool, len(inputs))
	notProbed := 0
	pending := map[int]bool{}
	next := 0
	status := report.OK
	// Everything is written from this goroutine, so that the progress bar
	// is erased before any other output and drawn again after it.
	var bar *progress
	if b.progress {
		bar = newProgress(b.stderr, len(inputs), time.Now)
		bar.draw()
	}
	for done := 0; done < len(inputs); {
		var r outcome
		select {
		case r = <-results:
		case <-bar.tick():
			bar.draw()
			continue
		}
		done++
		bar.advance()
		bar.clear()
		if r.skipped {
			skipped[r.index] = true
			notProbed++
		}
		all[r.index] = r.as
		if r.err != nil {
			fmt.Fprintf(b.stderr, "smtpprobe: error: %v\n", r.err)
		}
		if !r.skipped {
			status = report.Worst(status, r.as.Status)
		}
		switch {
		case !streams(b.output):
		case !b.ordered:
			if !r.skipped {
				b.emit(r.as)
			}
		default:
			pending[r.index] = true
			for ; pending[next]; next++ {
				delete(pending, next)
				if !skipped[next] {
					b.emit(all[next])
				}
			}
		}
		bar.draw()
	}
	bar.stop()
	if notProbed > 0 {
		// Said once, rather than a result per target that would blame the
		// resolver or the servers for what the interruption did.
		fmt.Fprintf(b.stderr, "smtpprobe: interrupted: %d of %d targets not probed\n", notProbed, len(inputs))
		status = report.Worst(status, report.Unknown)
		kept := all[:0]
		for i, a := range all {
			if !skipped[i] {
				kept = append(kept, a)
			}
		}
		all = kept
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
func (b *batch) probe(ctx context.Context, i int, in input) outcome {
	if in.err != nil {
		return outcome{index: i, as: report.Invalid(in.name(), in.err), err: in.err}
	}
	t, err := probe.ParseTarget(in.text)
	if err != nil {
		if in.where != "" {
			err = fmt.Errorf("%s: %w", in.where, err)
		}
		return outcome{index: i, as: report.Invalid(in.name(), err), err: err}
	}
	// The deadline is the probe's own time: waiting for another probe of
	// the same address does not use it up (probe.Config.Deadline).
	cfg := b.cfg
	cfg.Deadline = b.deadline
	return outcome{index: i, as: report.Assess(probe.Run(ctx, cfg, t), b.ropts)}
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
