package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a progress bar on the last line of a terminal (stderr):
// "[#######-------------]  7/20 targets  12s". The line has no line end:
// it is erased before anything else is written, so that reports and JSON
// lines on stdout, the same terminal or not, never run into it.
//
// All methods of a nil *progress do nothing, so that runs without a
// terminal need no conditions.
type progress struct {
	w      io.Writer
	total  int
	done   int
	start  time.Time
	now    func() time.Time
	shown  bool // the line is on the screen
	ticker *time.Ticker
}

// barWidth is the number of cells of the bar itself.
const barWidth = 20

// progressTick is how often the elapsed time is redrawn while no target
// finishes.
const progressTick = time.Second

// newProgress starts a progress bar for total targets on w.
func newProgress(w io.Writer, total int, now func() time.Time) *progress {
	return &progress{w: w, total: total, start: now(), now: now, ticker: time.NewTicker(progressTick)}
}

// tick is a channel that fires when the elapsed time should be redrawn;
// nil (never) without a bar.
func (p *progress) tick() <-chan time.Time {
	if p == nil {
		return nil
	}
	return p.ticker.C
}

// advance counts one more target finished.
func (p *progress) advance() {
	if p != nil {
		p.done++
	}
}

// draw shows the bar, replacing what it showed before.
func (p *progress) draw() {
	if p == nil {
		return
	}
	fill := barWidth * p.done / max(p.total, 1)
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %*d/%d targets  %s",
		strings.Repeat("#", fill), strings.Repeat("-", barWidth-fill),
		len(fmt.Sprint(p.total)), p.done, p.total, elapsed(p.now().Sub(p.start)))
	p.shown = true
}

// clear erases the bar, leaving the cursor at the start of the empty line,
// where the next output begins.
func (p *progress) clear() {
	if p == nil || !p.shown {
		return
	}
	fmt.Fprint(p.w, "\r\033[K")
	p.shown = false
}

// stop erases the bar for good.
func (p *progress) stop() {
	if p == nil {
		return
	}
	p.clear()
	p.ticker.Stop()
}

// elapsed formats a duration as a person reads a clock: 9s, 1m05s, 1h02m.
func elapsed(d time.Duration) string {
	s := int(d / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	return fmt.Sprintf("%dh%02dm", s/3600, s/60%60)
}
