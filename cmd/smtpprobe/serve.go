package main

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"maps"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/spf13/pflag"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/render"
)

// serveOptions holds the flags of smtpprobe serve.
type serveOptions struct {
	listen        string
	maxConns      int
	maxConcurrent int
	maxDNS        int
	rate          float64
	history       int
	deadline      time.Duration
	timeoutOffset time.Duration
	config        string
	// probe holds the command's probe flags, which serve takes too: they
	// set the default module (serveModules).
	probe options
	help  bool
}

func newServeFlagSet(so *serveOptions) *pflag.FlagSet {
	fs := pflag.NewFlagSet("smtpprobe serve", pflag.ContinueOnError)
	fs.SortFlags = false
	fs.StringVar(&so.listen, "listen", "127.0.0.1:9125", "`ADDR` to serve HTTP on (loopback by default; \":9125\" for every interface)")
	fs.IntVar(&so.maxConns, "max-connections", 512, "HTTP connections open at once; beyond it a new one closes the longest idle (keep it below ulimit -n)")
	fs.IntVar(&so.maxConcurrent, "max-concurrent", 16, "probes run at once; more wait for a free slot until their deadline, then get 503")
	fs.IntVar(&so.maxDNS, "max-dns-queries", dnsx.DefaultMaxInFlight, "DNS queries in flight at once over all probes; more wait for a free slot")
	fs.Float64Var(&so.rate, "rate", 10, "probes started per second at most, with bursts up to --max-concurrent; more get 429 (0: no limit)")
	fs.IntVar(&so.history, "history", 100, "recent probes kept for the / page")
	fs.DurationVar(&so.deadline, "deadline", 30*time.Second, "longest a probe may take; a shorter X-Prometheus-Scrape-Timeout-Seconds wins")
	fs.DurationVar(&so.timeoutOffset, "timeout-offset", 500*time.Millisecond, "subtracted from the scrape timeout so that the answer arrives in time")
	fs.StringVar(&so.config, "config", "", "read modules of probe options from the YAML `FILE` (see the README)")
	// The command's own flags, so that they parse and default alike.
	for _, f := range probeOptions(newFlagSet(&so.probe)) {
		fs.AddFlag(f)
	}
	fs.BoolVarP(&so.help, "help", "h", false, "show this help")
	return fs
}

// runServe is smtpprobe serve: a Prometheus exporter in the style of the
// blackbox exporter. When ctx is done it cancels the probes in flight,
// answers their scrapes with what is known and returns.
func runServe(ctx context.Context, args []string, e *env) int {
	so := serveOptions{}
	fs := newServeFlagSet(&so)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return fail(e.stderr, err, "run 'smtpprobe serve --help' for usage")
	}
	if so.help {
		serveUsage(e.stdout, fs)
		return 0
	}
	if fs.NArg() > 0 {
		return fail(e.stderr, fmt.Errorf("serve takes no arguments, got %q", fs.Arg(0)), "targets are given to /probe?target=...")
	}
	// An empty value (an unset variable in a unit file) would listen on
	// every interface at a random port, or serve without the modules
	// meant: refuse it rather than guess.
	if strings.TrimSpace(so.listen) == "" {
		return fail(e.stderr, errors.New("--listen: empty value; want ADDR:PORT such as 127.0.0.1:9125"), "")
	}
	if fs.Changed("config") && strings.TrimSpace(so.config) == "" {
		return fail(e.stderr, errors.New("--config: empty value; want a YAML FILE, or leave the option out for the default module alone"), "")
	}
	modules, err := serveModules(&so, args)
	if err != nil {
		return fail(e.stderr, err, "")
	}
	s, err := newServer(so, modules, e)
	if err != nil {
		return fail(e.stderr, err, "")
	}
	ln, err := net.Listen("tcp", so.listen)
	if err != nil {
		return fail(e.stderr, fmt.Errorf("--listen %s: %w", so.listen, err), "")
	}
	if ap, err := netip.ParseAddrPort(ln.Addr().String()); err == nil && !ap.Addr().IsLoopback() {
		fmt.Fprintf(e.stderr, "smtpprobe: warning: listening on %s: anyone who reaches it can make this host probe mail servers\n", ln.Addr())
	}
	fmt.Fprintf(e.stderr, "smtpprobe: serving on http://%s/\n", ln.Addr())
	// Every request's context ends with probes: on a signal, the probes in
	// flight stop and their scrapes are answered with what is known.
	probes, stopProbes := context.WithCancel(context.Background())
	defer stopProbes()
	srv := &http.Server{
		BaseContext:       func(net.Listener) context.Context { return probes },
		Handler:           s.handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      so.deadline + 10*time.Second,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          s.errLog,
		ConnState:         s.conns.track,
	}
	// Shutdown would wait five seconds for each connection that never
	// sent a request; it calls this once its listener is closed.
	srv.RegisterOnShutdown(s.conns.closeUnused)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(s.conns.listener(ln)) }()
	select {
	case err := <-errc:
		return fail(e.stderr, err, "")
	case <-ctx.Done():
	}
	stopProbes()
	// The answers are written in moments; the grace is for slow readers.
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	return 0
}

func serveUsage(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprint(w, `smtpprobe serve runs a Prometheus exporter in the style of the blackbox
exporter.

Usage:
  smtpprobe serve [flags]

Endpoints:
  /probe?target=example.com   probe a domain or address, answer with its metrics;
                              parameters: target, module (default: default),
                              debug=true for the text report, and what the
                              module lists under allow_query_params
  /metrics                    the exporter's own metrics
  /                           usage and the recent probes
  /logs?id=N                  the text report of a recent probe

Flags:
`)
	fmt.Fprint(w, fs.FlagUsages())
}

// server is the exporter: the defaults for probes, the limits, the
// exporter's own metrics and the recent probes.
type server struct {
	opts    serveOptions
	modules map[string]*module
	// env is the command's, asked for the host name once.
	env    env
	errLog *log.Logger

	slots   chan struct{} // one token a probe in flight
	conns   *connLimit
	limiter *limiter
	// dns caps the DNS queries in flight over all probes at once: each
	// probe's resolver shares it, as the targets of a run of the command
	// share theirs.
	dns *dnsx.QueryLimit
	// gate keeps concurrent probes to one connection per IP address
	// between them, as within a run of the command. Each probe has its
	// own DNS cache, so that every scrape sees DNS as it is.
	gate *probe.Gate

	registry *prometheus.Registry
	probes   *prometheus.CounterVec
	rejected *prometheus.CounterVec
	duration prometheus.Histogram
	inFlight prometheus.Gauge
	evicted  prometheus.Counter

	page *template.Template

	mu     sync.Mutex
	recent []recentProbe // oldest first, at most opts.history
	nextID int
}

// newServer checks the serve options and builds the exporter, with a
// registry of its own for /metrics.
func newServer(so serveOptions, modules map[string]*module, e *env) (*server, error) {
	switch {
	case so.maxConns < 1:
		return nil, fmt.Errorf("--max-connections %d: want at least 1", so.maxConns)
	case so.maxConcurrent < 1:
		return nil, fmt.Errorf("--max-concurrent %d: want at least 1", so.maxConcurrent)
	case so.maxDNS < 1:
		return nil, fmt.Errorf("--max-dns-queries %d: want at least 1", so.maxDNS)
	case so.rate < 0:
		return nil, fmt.Errorf("--rate %g: want 0 (no limit) or more", so.rate)
	case so.history < 0:
		return nil, fmt.Errorf("--history %d: want 0 or more", so.history)
	case so.deadline <= 0:
		return nil, fmt.Errorf("--deadline %s: want a positive duration such as 30s", so.deadline)
	case so.timeoutOffset < 0:
		return nil, fmt.Errorf("--timeout-offset %s: want 0 or more", so.timeoutOffset)
	}
	s := &server{
		opts:    so,
		modules: modules,
		env:     *e,
		errLog:  log.New(e.stderr, "smtpprobe: ", 0),
		slots:   make(chan struct{}, so.maxConcurrent),
		gate:    &probe.Gate{},
		limiter: newLimiter(so.rate, float64(so.maxConcurrent), time.Now),
		dns:     dnsx.NewQueryLimit(so.maxDNS),
	}
	// Ask for the host name once: every probe would otherwise ask again.
	name := e.hostname()
	s.env.hostname = func() string { return name }
	// Check every module now, so that a bad flag or key stops the
	// exporter at startup instead of failing every scrape.
	for _, name := range slices.Sorted(maps.Keys(modules)) {
		m := modules[name]
		o := m.opts
		if _, _, err := o.settings(func(f string) bool { return m.given[f] }, &s.env); err != nil {
			if so.config == "" {
				return nil, err // the flags' module
			}
			return nil, fmt.Errorf("--config %s: module %s: %s", so.config, name, keyText(err))
		}
	}
	warnOpenSecrets(e.stderr, modules, so.config)
	var err error
	s.page, err = template.New("index").Parse(indexPage)
	if err != nil {
		return nil, err
	}
	s.initMetrics()
	s.conns = newConnLimit(so.maxConns, s.evicted.Inc)
	s.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "smtpprobe_exporter_connections_open",
		Help: "HTTP connections open now (at most --max-connections).",
	}, func() float64 { return float64(s.conns.open()) }))
	s.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "smtpprobe_exporter_dns_queries_in_flight",
		Help: "DNS queries in flight now over all probes (at most --max-dns-queries).",
	}, func() float64 { return float64(s.dns.InFlight()) }))
	return s, nil
}

func (s *server) initMetrics() {
	s.registry = prometheus.NewRegistry()
	s.probes = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "smtpprobe_exporter_probes_total",
		Help: "Probes run, by their status.",
	}, []string{"status"})
	s.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "smtpprobe_exporter_requests_rejected_total",
		Help: "Probe requests refused without probing, by reason: bad_request (400), rate_limited (429), busy (503).",
	}, []string{"reason"})
	s.duration = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "smtpprobe_exporter_probe_duration_seconds",
		Help:    "Wall time of the probes run.",
		Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
	})
	s.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "smtpprobe_exporter_probes_in_flight",
		Help: "Probes running now.",
	})
	s.evicted = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "smtpprobe_exporter_connections_evicted_total",
		Help: "Idle HTTP connections closed to make room for new ones (--max-connections).",
	})
	for _, st := range []report.Status{report.OK, report.Warning, report.Critical, report.Unknown} {
		s.probes.WithLabelValues(st.String())
	}
	for _, r := range []string{"bad_request", "rate_limited", "busy"} {
		s.rejected.WithLabelValues(r)
	}
	s.registry.MustRegister(s.probes, s.rejected, s.duration, s.inFlight, s.evicted,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
}

func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.serveIndex)
	mux.HandleFunc("GET /probe", s.serveProbe)
	mux.HandleFunc("GET /logs", s.serveLog)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{}))
	return securityHeaders(mux)
}

// securityHeaders marks every answer so that a browser never runs what a
// probed server wrote: /logs and / show text from hostile peers. Pages
// load nothing and run no script; the only style is the / page's own,
// allowed by its hash.
func securityHeaders(h http.Handler) http.Handler {
	sum := sha256.Sum256([]byte(pageStyle))
	csp := "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// serveProbe is /probe: validate, wait for a slot, probe, answer with the
// metrics of a fresh registry.
func (s *server) serveProbe(w http.ResponseWriter, r *http.Request) {
	// url.URL.Query drops the pairs it cannot parse; a query that names
	// its parameters wrongly must be told so, not probed without them.
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		s.rejected.WithLabelValues("bad_request").Inc()
		http.Error(w, oneLine(fmt.Sprintf("invalid query: %v (parameters are separated by &, as in /probe?target=example.com&module=NAME)", err)), http.StatusBadRequest)
		return
	}
	req, err := s.parseQuery(q)
	var me *moduleError
	if errors.As(err, &me) {
		s.errLog.Printf("/probe: %v", oneLine(err.Error()))
		http.Error(w, oneLine(err.Error()), http.StatusInternalServerError)
		return
	}
	if err != nil {
		s.rejected.WithLabelValues("bad_request").Inc()
		http.Error(w, oneLine(err.Error()), http.StatusBadRequest)
		return
	}
	if !s.limiter.allow() {
		s.rejected.WithLabelValues("rate_limited").Inc()
		w.Header().Set("Retry-After", "1")
		http.Error(w, "too many probes: more than --rate per second", http.StatusTooManyRequests)
		return
	}
	timeout := s.probeTimeout(r.Header)
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		s.rejected.WithLabelValues("busy").Inc()
		http.Error(w, fmt.Sprintf("busy: %d probes in flight (--max-concurrent) for the whole scrape timeout", s.opts.maxConcurrent), http.StatusServiceUnavailable)
		return
	}
	defer func() { <-s.slots }()
	s.inFlight.Inc()
	defer s.inFlight.Dec()

	start := time.Now()
	res := probe.Run(ctx, req.cfg, req.target)
	if why, ok := queuedOut(res); ok {
		// The scrape's time went waiting for other probes of the same
		// address: nothing is known of the server, and smtpprobe_success 0
		// would say it is down. Busy, as when every slot is taken.
		s.rejected.WithLabelValues("busy").Inc()
		http.Error(w, "busy: "+oneLine(why), http.StatusServiceUnavailable)
		return
	}
	a := report.Assess(res, req.ropts)
	took := time.Since(start)
	s.probes.WithLabelValues(a.Status.String()).Inc()
	s.duration.Observe(took.Seconds())
	s.remember(a, req.ropts.Lang, req.module.name, start, took)
	if req.debug {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := render.Text(w, []report.Assessment{a}, render.Options{Lang: req.ropts.Lang}); err != nil {
			s.errLog.Printf("writing report: %v", err)
		}
		return
	}
	promhttp.HandlerFor(render.Metrics([]report.Assessment{a}), promhttp.HandlerOpts{}).ServeHTTP(w, r)
}

// queuedOut tells whether the time of a probe ran out while it queued for
// other probes of the same address, or for a DNS slot (--max-dns-queries)
// before its MX question or an MX host's address question was sent, and
// says so.
func queuedOut(r probe.Result) (string, bool) {
	if errors.Is(r.DNSErr, dnsx.ErrNoSlot) {
		return oneLine(r.DNSErr.Error()), true
	}
	for _, m := range r.DNS.MX {
		if m.Problem == dnsx.MXQueued {
			return m.Host + ": " + oneLine(m.Err), true
		}
	}
	for _, h := range r.Hosts {
		if h.Err != nil && h.Err.Kind == probe.ErrQueued {
			return h.Name + ": " + h.Err.Err.Error(), true
		}
	}
	return "", false
}

// minProbeTimeout is the shortest probe a scrape timeout asks for: less
// would report a healthy server down for want of time to answer.
const minProbeTimeout = time.Second

// probeTimeout bounds a probe: Prometheus's scrape timeout minus the
// offset, as the blackbox exporter does, and never more than --deadline
// nor less than minProbeTimeout. A header that is not a plain positive
// number of seconds ("NaN", "1e-300", "-1") is ignored: --deadline applies.
func (s *server) probeTimeout(h http.Header) time.Duration {
	d := s.opts.deadline
	secs, ok := parseScrapeTimeout(h.Get("X-Prometheus-Scrape-Timeout-Seconds"))
	if !ok || secs >= (d+s.opts.timeoutOffset).Seconds() {
		return d
	}
	t := time.Duration(secs*float64(time.Second)) - s.opts.timeoutOffset
	return min(max(t, minProbeTimeout), d)
}

// scrapeTimeout is the form Prometheus writes its scrape timeout in: a
// decimal number of seconds, such as "10" or "9.5".
var scrapeTimeout = regexp.MustCompile(`^[0-9]{1,9}(\.[0-9]{1,9})?$`)

// parseScrapeTimeout reads X-Prometheus-Scrape-Timeout-Seconds; ok is false
// unless it is a positive number in Prometheus's form.
func parseScrapeTimeout(v string) (secs float64, ok bool) {
	if !scrapeTimeout.MatchString(v) {
		return 0, false
	}
	secs, err := strconv.ParseFloat(v, 64)
	return secs, err == nil && secs > 0
}

// limiter is a token bucket: rate tokens a second, at most burst saved.
type limiter struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
	now    func() time.Time
}

func newLimiter(rate, burst float64, now func() time.Time) *limiter {
	return &limiter{rate: rate, burst: max(burst, 1), tokens: max(burst, 1), last: now(), now: now}
}

// allow takes a token if there is one. A rate of 0 allows everything.
func (l *limiter) allow() bool {
	if l.rate == 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	l.last = now
	if l.tokens < 1 {
		return false
	}
	l.tokens--
	return true
}
