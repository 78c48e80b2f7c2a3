package render

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/prometheus/common/expfmt"

	"github.com/smtpprobe/smtpprobe/report"
)

// PrometheusSamples are one target's metrics in the text format, family by
// family, ready to be added to a PrometheusSpool.
type PrometheusSamples struct {
	Target   string
	families []familyText
}

// familyText is one family's lines for one target.
type familyText struct {
	name    string
	header  []byte // the # HELP and # TYPE lines
	samples []byte
}

// PrometheusSamplesOf renders one target's metrics, with the target label,
// as Prometheus would among others. It is safe for concurrent use, so
// that the workers of a batch render while the batch writes.
func PrometheusSamplesOf(a report.Assessment) (PrometheusSamples, error) {
	mfs, err := metrics([]report.Assessment{a}, true).Gather()
	if err != nil {
		return PrometheusSamples{}, fmt.Errorf("gathering metrics: %w", err)
	}
	s := PrometheusSamples{Target: a.Result.Target.Input}
	for _, mf := range mfs {
		var b bytes.Buffer
		if _, err := expfmt.MetricFamilyToText(&b, mf); err != nil {
			return PrometheusSamples{}, err
		}
		// The text format's comment lines (# HELP, # TYPE) come first and
		// no sample line starts with "#".
		text := b.Bytes()
		n := 0
		for n < len(text) && text[n] == '#' {
			n += bytes.IndexByte(text[n:], '\n') + 1
		}
		s.families = append(s.families, familyText{name: mf.GetName(), header: text[:n], samples: text[n:]})
	}
	return s, nil
}

// DefaultSpoolMemory is how many bytes of samples a PrometheusSpool keeps
// in memory before it moves them to temporary files.
const DefaultSpoolMemory = 8 << 20

// PrometheusSpool collects the metrics of many targets as each finishes
// and writes them at the end in the text format, each family once with
// its HELP and TYPE and the samples of every target, as the format
// requires. The samples wait in memory up to Memory bytes and beyond that
// in one temporary file per family, so that a run over any number of
// targets holds a few kilobytes per family rather than a registry per
// target. Close removes the files.
//
// A target added a second time (the same input listed twice) keeps the
// samples of its first result: one series may appear only once.
type PrometheusSpool struct {
	// Memory is how many bytes of samples are kept in memory before they
	// go to temporary files; 0 means DefaultSpoolMemory.
	Memory int

	families map[string]*spooled
	held     int             // bytes of samples in memory
	dir      string          // of the temporary files, "" before the first
	seen     map[string]bool // targets added
}

// spooled is one family's samples so far.
type spooled struct {
	header []byte
	mem    bytes.Buffer
	file   *os.File
	out    *bufio.Writer // to file
}

// Add adds one target's samples.
func (p *PrometheusSpool) Add(s PrometheusSamples) error {
	if p.families == nil {
		p.families = map[string]*spooled{}
		p.seen = map[string]bool{}
	}
	if p.seen[s.Target] {
		return nil
	}
	p.seen[s.Target] = true
	for _, f := range s.families {
		sp := p.families[f.name]
		if sp == nil {
			sp = &spooled{header: bytes.Clone(f.header)}
			p.families[f.name] = sp
		}
		if sp.out != nil {
			if _, err := sp.out.Write(f.samples); err != nil {
				return fmt.Errorf("failed to spool metrics: %w", err)
			}
			continue
		}
		sp.mem.Write(f.samples)
		p.held += len(f.samples)
	}
	if p.held > cmp.Or(p.Memory, DefaultSpoolMemory) {
		return p.spill()
	}
	return nil
}

// spill moves every family's samples in memory to its temporary file.
func (p *PrometheusSpool) spill() error {
	if p.dir == "" {
		dir, err := os.MkdirTemp("", "smtpprobe-metrics-")
		if err != nil {
			return fmt.Errorf("failed to spool metrics: %w", err)
		}
		p.dir = dir
	}
	for name, sp := range p.families {
		if sp.file == nil {
			f, err := os.Create(filepath.Join(p.dir, name))
			if err != nil {
				return fmt.Errorf("failed to spool metrics: %w", err)
			}
			sp.file, sp.out = f, bufio.NewWriter(f)
		}
		if _, err := sp.mem.WriteTo(sp.out); err != nil {
			return fmt.Errorf("failed to spool metrics: %w", err)
		}
		sp.mem = bytes.Buffer{}
	}
	p.held = 0
	return nil
}

// WriteTo writes every family, in name order as Prometheus does, each
// with its samples in the order the targets were added.
func (p *PrometheusSpool) WriteTo(w io.Writer) (int64, error) {
	names := make([]string, 0, len(p.families))
	for name := range p.families {
		names = append(names, name)
	}
	slices.Sort(names)
	var n int64
	for _, name := range names {
		sp := p.families[name]
		k, err := w.Write(sp.header)
		n += int64(k)
		if err != nil {
			return n, err
		}
		if sp.file != nil {
			if err := sp.out.Flush(); err != nil {
				return n, fmt.Errorf("failed to spool metrics: %w", err)
			}
			if _, err := sp.file.Seek(0, io.SeekStart); err != nil {
				return n, fmt.Errorf("failed to read spooled metrics: %w", err)
			}
			k, err := io.Copy(w, sp.file)
			n += k
			if err != nil {
				return n, err
			}
		}
		k, err = w.Write(sp.mem.Bytes())
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Close removes the temporary files.
func (p *PrometheusSpool) Close() error {
	for _, sp := range p.families {
		if sp.file != nil {
			sp.file.Close()
		}
	}
	if p.dir == "" {
		return nil
	}
	return os.RemoveAll(p.dir)
}
