package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
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
	index  int
	status report.Status
	kept   kept
	err    error // the input was no target: said on stderr
	// skipped: the run was interrupted before this target started. It
	// gets no result of its own; the run says once how many there were.
	skipped bool
}

// kept is what the run holds of one judged target: its output, rendered
// by the worker, until it is written, and what the end of the run prints
// of it. Never the assessment itself (several kilobytes; a Prometheus
// registry is tens), so that a run over any number of targets holds a
// small row per target (issue 15).
type kept struct {
	out     []byte                   // text, json; nagios for a run of one target
	row     *render.Row              // text: the closing table's row; nil under --quiet when ok
	nagios  render.NagiosTarget      // nagios, several targets
	metrics render.PrometheusSamples // prometheus
}

// reorderWindow is how many targets past the oldest one not yet printed
// may start under --ordered: at most that many finished results wait,
// already rendered, for an earlier one. A target that takes long makes
// the others wait once that many are ahead of it; four times the
// concurrency keeps the workers busy past most such waits.
func reorderWindow(concurrency int) int { return 4 * concurrency }

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
				results <- b.probe(ctx, i, inputs[i], len(inputs))
			}
		}()
	}
	// Under --ordered a target starts only when a slot of the reorder
	// window is free; printing the oldest result frees one.
	var window chan struct{}
	if b.ordered {
		window = make(chan struct{}, reorderWindow(b.concurrency))
	}
	go func() {
		for i := range inputs {
			if window != nil {
				window <- struct{}{}
			}
			jobs <- i
		}
		close(jobs)
	}()

	out := b.newOutput()
	defer out.close()
	notProbed := 0
	pending := map[int]outcome{}
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
		if r.err != nil {
			fmt.Fprintf(b.stderr, "smtpprobe: error: %v\n", r.err)
		}
		if r.skipped {
			notProbed++
		} else {
			status = report.Worst(status, r.status)
		}
		if !b.ordered {
			out.add(r)
		} else {
			pending[r.index] = r
			for ; ; next++ {
				p, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				out.add(p)
				<-window
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
	}
	if err := out.finish(); err != nil {
		fmt.Fprintf(b.stderr, "smtpprobe: error: writing output: %v\n", err)
		return int(report.Unknown)
	}
	return int(status)
}

// probe runs one target. A target that does not parse becomes an unknown
// result of its own, so that one typo in a list of a thousand domains does
// not stop the other 999.
func (b *batch) probe(ctx context.Context, i int, in input, total int) outcome {
	if in.err != nil {
		return b.judged(i, report.Invalid(in.name(), in.err), in.err, total)
	}
	t, err := probe.ParseTarget(in.text)
	if err != nil {
		if in.where != "" {
			err = fmt.Errorf("%s: %w", in.where, err)
		}
		return b.judged(i, report.Invalid(in.name(), err), err, total)
	}
	// The deadline is the probe's own time: waiting for another probe of
	// the same address does not use it up (probe.Config.Deadline).
	cfg := b.cfg
	cfg.Deadline = b.deadline
	if cfg.Pool != nil {
		// Queue time does not count, but it is bounded all the same: a
		// shared session whose server stalls holds its targets no longer
		// than their own probes may last.
		cfg.QueueLimit = b.deadline
	}
	return b.judged(i, report.Assess(probe.Run(ctx, cfg, t), b.ropts), nil, total)
}

// judged renders an assessment into what the run keeps of it; it runs in
// the worker, so that rendering is spread over them.
func (b *batch) judged(i int, a report.Assessment, err error, total int) outcome {
	r := outcome{index: i, status: a.Status, err: err}
	var buf bytes.Buffer
	var rerr error
	switch b.output {
	case "nagios":
		if total == 1 {
			rerr = render.Nagios(&buf, []report.Assessment{a}, b.render)
		} else {
			r.kept.nagios = render.NagiosTargetOf(a)
		}
	case "prometheus":
		r.kept.metrics, rerr = render.PrometheusSamplesOf(a)
	case "json":
		if !b.quiet || a.Status != report.OK {
			rerr = render.JSON(&buf, []report.Assessment{a}, b.render)
		}
	default:
		if !b.quiet || a.Status != report.OK {
			rerr = render.Text(&buf, []report.Assessment{a}, b.render)
			row := render.RowOf(a)
			r.kept.row = &row
		}
	}
	if rerr != nil {
		// Rendering into memory fails only on a defect; said, not hidden.
		r.err = errors.Join(r.err, fmt.Errorf("rendering %s: %w", a.Result.Target.Input, rerr))
		r.status = report.Worst(r.status, report.Unknown)
	}
	r.kept.out = buf.Bytes()
	return r
}

// output writes the results of a run as they come, in the format asked
// for, and at the end what describes them all.
type output struct {
	b       *batch
	results int          // targets with a result
	rows    []render.Row // text: the closing table
	nagios  []render.NagiosTarget
	single  []byte // nagios: the output of a run of one target
	spool   render.PrometheusSpool
	err     error // the first failure to spool metrics
}

func (b *batch) newOutput() *output { return &output{b: b} }

// add takes one target's outcome: it writes its output, and keeps what
// the end of the run prints of it.
func (o *output) add(r outcome) {
	if r.skipped {
		return
	}
	o.results++
	k := r.kept
	switch o.b.output {
	case "nagios":
		if k.out != nil {
			o.single = k.out
		} else {
			o.nagios = append(o.nagios, k.nagios)
		}
		return
	case "prometheus":
		if err := o.spool.Add(k.metrics); err != nil && o.err == nil {
			o.err = err
		}
		return
	case "text":
		if k.row != nil {
			o.rows = append(o.rows, *k.row)
		}
	}
	if len(k.out) == 0 {
		return
	}
	if _, err := o.b.stdout.Write(k.out); err != nil {
		fmt.Fprintf(o.b.stderr, "smtpprobe: error: writing output: %v\n", err)
	}
}

// finish writes what comes after the last target: the closing table of a
// text run, or the whole output of the formats that describe all targets
// at once.
func (o *output) finish() error {
	w := o.b.stdout
	switch o.b.output {
	case "nagios":
		if o.single != nil {
			_, err := w.Write(o.single)
			return err
		}
		return render.NagiosMany(w, o.nagios)
	case "prometheus":
		if o.err != nil {
			return o.err
		}
		bw := bufio.NewWriter(w)
		if _, err := o.spool.WriteTo(bw); err != nil {
			return err
		}
		return bw.Flush()
	case "text":
		// Quiet runs list only what needs attention, so that cron mails
		// stay short; a run with nothing to list prints nothing at all.
		if o.results < 2 || len(o.rows) == 0 {
			return nil
		}
		return render.TableRows(w, o.rows, o.b.render)
	}
	return nil
}

// close removes what the run spooled.
func (o *output) close() { o.spool.Close() }
