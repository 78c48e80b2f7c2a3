package main

// The exporter's pages for people: / lists the recent probes, /logs shows
// the text report of one of them.

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
	"github.com/smtpprobe/smtpprobe/report/render"
)

// recentProbe is a probe shown on the / page.
type recentProbe struct {
	ID       int
	Time     time.Time
	Target   string
	Module   string
	Status   string
	Summary  string
	Duration time.Duration
	a        report.Assessment
	lang     catalog.Lang // the language a was judged in: its module's
}

// remember keeps a probe for the / page, dropping the oldest.
func (s *server) remember(a report.Assessment, lang catalog.Lang, module string, start time.Time, took time.Duration) {
	if s.opts.history == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	p := recentProbe{
		ID: s.nextID, Time: start, Target: a.Result.Target.Input, Module: module, Status: a.Status.String(),
		Summary: a.Summary, Duration: took.Round(time.Millisecond), a: a, lang: lang,
	}
	if len(s.recent) == s.opts.history {
		copy(s.recent, s.recent[1:])
		s.recent = s.recent[:len(s.recent)-1]
	}
	s.recent = append(s.recent, p)
}

// serveLog is /logs?id=N: the text report of a recent probe.
func (s *server) serveLog(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, "want /logs?id=N with N from the / page", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	// A copy: remember shifts s.recent once the lock is released.
	var p recentProbe
	for _, r := range s.recent {
		if r.ID == id {
			p = r
			break
		}
	}
	s.mu.Unlock()
	if p.ID == 0 {
		http.Error(w, fmt.Sprintf("probe %d is not among the last %d", id, s.opts.history), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := render.Text(w, []report.Assessment{p.a}, render.Options{Lang: p.lang}); err != nil {
		s.errLog.Printf("writing report: %v", err)
	}
}

// serveIndex is /: usage and the recent probes, newest first.
func (s *server) serveIndex(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	recent := make([]recentProbe, len(s.recent))
	for i, p := range s.recent {
		recent[len(s.recent)-1-i] = p
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	type moduleInfo struct {
		Name   string
		Params []string
	}
	var modules []moduleInfo
	for _, name := range slices.Sorted(maps.Keys(s.modules)) {
		modules = append(modules, moduleInfo{name, s.modules[name].params()})
	}
	err := s.page.Execute(w, struct {
		Modules []moduleInfo
		Recent  []recentProbe
	}{modules, recent})
	if err != nil {
		s.errLog.Printf("writing / page: %v", err)
	}
}

// pageStyle is the / page's style sheet; the Content-Security-Policy
// allows it, and no other, by its hash.
const pageStyle = `body{font-family:sans-serif;margin:2em}td,th{padding:.2em .6em;text-align:left}
.ok{color:#070}.warning{color:#a60}.critical{color:#c00}.unknown{color:#666}`

const indexPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>smtpprobe exporter</title>
<style>` + pageStyle + `</style></head>
<body>
<h1>smtpprobe exporter</h1>
<p><a href="probe?target=example.com">/probe?target=example.com</a> probes a domain (or an address)
and answers with Prometheus metrics; <code>&amp;module=NAME</code> picks the probe options,
<code>&amp;debug=true</code> answers the text report. No mail is ever delivered.</p>
<table>
<tr><th>Module</th><th>Parameters</th></tr>
{{range .Modules}}<tr><td>{{.Name}}</td><td>{{range $i, $p := .Params}}{{if $i}}, {{end}}<code>{{$p}}</code>{{end}}</td></tr>
{{end}}</table>
<p><a href="metrics">/metrics</a> has the exporter's own metrics.</p>
<h2>Recent probes</h2>
{{if .Recent}}<table>
<tr><th>#</th><th>Time</th><th>Target</th><th>Module</th><th>Status</th><th>Duration</th><th>Summary</th></tr>
{{range .Recent}}<tr><td><a href="logs?id={{.ID}}">{{.ID}}</a></td><td>{{.Time.UTC.Format "2006-01-02 15:04:05Z"}}</td><td>{{.Target}}</td><td>{{.Module}}</td><td class="{{.Status}}">{{.Status}}</td><td>{{.Duration}}</td><td>{{.Summary}}</td></tr>
{{end}}</table>{{else}}<p>None yet.</p>{{end}}
</body>
</html>
`
