package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// serveEnv is an env for the exporter whose probes reach documentation
// addresses through routes (address:port -> loopback listener) and trust
// roots.
func serveEnv(routes map[string]string, roots *x509.CertPool) (*env, *syncBuffer) {
	stderr := &syncBuffer{}
	return cmdEnv{routes: routes, roots: roots}.env(io.Discard, stderr), stderr
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// startExporter runs the exporter's handler with the serve flags args on
// an httptest server.
func startExporter(t *testing.T, e *env, args ...string) (*server, *httptest.Server) {
	t.Helper()
	s, err := exporter(e, args...)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.handler())
	t.Cleanup(ts.Close)
	return s, ts
}

// exporter builds the exporter as serve does from its flags args.
func exporter(e *env, args ...string) (*server, error) {
	var so serveOptions
	fs := newServeFlagSet(&so)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	modules, err := serveModules(&so, args)
	if err != nil {
		return nil, err
	}
	return newServer(so, modules, e)
}

// configFile writes a serve --config file.
func configFile(t *testing.T, text string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "smtpprobe.yml")
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func get(t *testing.T, u string, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func parseText(t *testing.T, body string) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parsing metrics: %v\n%s", err, body)
	}
	return mfs
}

// value returns the value of the first sample of family name whose labels
// include labels ("k=v"); ok is false when there is none.
func value(mfs map[string]*dto.MetricFamily, name string, labels ...string) (float64, bool) {
	mf, ok := mfs[name]
	if !ok {
		return 0, false
	}
next:
	for _, m := range mf.GetMetric() {
		for _, kv := range labels {
			k, v, _ := strings.Cut(kv, "=")
			found := false
			for _, l := range m.GetLabel() {
				if l.GetName() == k && l.GetValue() == v {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		switch {
		case m.Gauge != nil:
			return m.GetGauge().GetValue(), true
		case m.Counter != nil:
			return m.GetCounter().GetValue(), true
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount()), true
		}
		return m.GetUntyped().GetValue(), true
	}
	return 0, false
}

// own returns the value of one of the exporter's own metrics.
func own(t *testing.T, s *server, name string, labels ...string) float64 {
	t.Helper()
	list, err := s.registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	mfs := map[string]*dto.MetricFamily{}
	for _, mf := range list {
		mfs[mf.GetName()] = mf
	}
	v, ok := value(mfs, name, labels...)
	if !ok {
		t.Fatalf("%s%v: missing", name, labels)
	}
	return v
}

func wantValue(t *testing.T, mfs map[string]*dto.MetricFamily, want float64, name string, labels ...string) {
	t.Helper()
	got, ok := value(mfs, name, labels...)
	if !ok {
		t.Errorf("%s%v: missing", name, labels)
		return
	}
	if got != want {
		t.Errorf("%s%v = %v, want %v", name, labels, got, want)
	}
}

// TestServeProbe runs real probes through the exporter: DNS from a
// dnstest server named with resolver=, SMTP with STARTTLS from a go-smtp
// server, and a recipient the server rejects.
func TestServeProbe(t *testing.T) {
	ca := smtptest.NewCA(t)
	notAfter := time.Now().Add(90 * 24 * time.Hour).Truncate(time.Second)
	mx := smtptest.Start(t, smtptest.Options{
		Domain:     "mx1.example.com",
		TLS:        smtptest.TLSConfig(ca.Issue(t, "mx1.example.com", notAfter)),
		RejectRcpt: map[string]*smtptest.SMTPError{"nobody@example.com": smtptest.Error(550, "5.1.1", "Email address could not be found, or was misspelled (G8)")},
	})
	dns := dnstest.Start(t,
		"example.com. 300 IN MX 10 mx1.example.com.",
		"mx1.example.com. 300 IN A 192.0.2.1",
	)
	e, _ := serveEnv(map[string]string{"192.0.2.1:25": mx.Addr}, ca.Pool())
	_, ts := startExporter(t, e, "--resolver", dns.Addr(), "--config", configFile(t, `
modules:
  direct:
    server: `+mx.Addr+`
`))

	code, body := get(t, ts.URL+"/probe?target=example.com")
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	mfs := parseText(t, body)
	wantValue(t, mfs, 1, "smtpprobe_success")
	wantValue(t, mfs, 0, "smtpprobe_status")
	wantValue(t, mfs, 1, "smtpprobe_mx_hosts")
	wantValue(t, mfs, 1, "smtpprobe_host_up", "host=mx1.example.com", "address=192.0.2.1")
	wantValue(t, mfs, 220, "smtpprobe_step_reply_code", "host=mx1.example.com", "step=greeting")
	wantValue(t, mfs, 220, "smtpprobe_step_reply_code", "host=mx1.example.com", "step=starttls")
	wantValue(t, mfs, 250, "smtpprobe_step_reply_code", "host=mx1.example.com", "step=rcpt")
	wantValue(t, mfs, 1, "smtpprobe_starttls_offered", "host=mx1.example.com")
	wantValue(t, mfs, 1, "smtpprobe_tls_cert_verified", "host=mx1.example.com")
	wantValue(t, mfs, float64(notAfter.Unix()), "smtpprobe_tls_cert_expiry_timestamp_seconds", "host=mx1.example.com")
	if _, ok := value(mfs, "smtpprobe_tls_version_info", "host=mx1.example.com", "version=TLS 1.3"); !ok {
		t.Errorf("no smtpprobe_tls_version_info for TLS 1.3")
	}
	if mfs["smtpprobe_duration_seconds"] == nil {
		t.Errorf("no smtpprobe_duration_seconds")
	}

	// A recipient that the server rejects, talking to the server directly.
	code, body = get(t, ts.URL+"/probe?"+url.Values{"target": {"nobody@example.com"}, "module": {"direct"}}.Encode())
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	mfs = parseText(t, body)
	wantValue(t, mfs, 0, "smtpprobe_success")
	wantValue(t, mfs, 2, "smtpprobe_status")
	wantValue(t, mfs, 550, "smtpprobe_step_reply_code", "step=rcpt")

	// Never DATA: a scrape must not deliver mail.
	for _, ev := range mx.Events() {
		if strings.HasPrefix(ev, "DATA") {
			t.Errorf("the server received DATA: %v", mx.Events())
		}
	}
	if len(mx.Messages()) != 0 {
		t.Errorf("a scrape delivered mail")
	}
}

// TestServeBadRequest checks that every bad target or parameter gets 400
// with a one-line message naming it, before anything is probed: values a
// flag would refuse, under a module that lets a scrape set them, and
// under the default module every parameter beyond target, module and
// debug (a scrape must not point the exporter at other hosts, ports or
// resolvers).
func TestServeBadRequest(t *testing.T) {
	sink := smtptest.Start(t, smtptest.Options{})
	e, _ := serveEnv(nil, nil)
	// Were a query let through, the probe would reach the sink.
	s, ts := startExporter(t, e, "--server", sink.Addr, "--config", configFile(t, `
modules:
  open:
    server: `+sink.Addr+`
    allow_query_params: [port, starttls, tls, timeout, resolver, server, rcpt, from, vrfy, helo, cert_warn_days]
`))
	tests := []struct {
		query string
		want  string // in the message
	}{
		{"", "missing parameter target"},
		{"target=", ""},
		{"target=bad..example", ""},
		{"target=example.com%0D%0ARCPT", ""},
		// Not allowed by the default module.
		{"target=example.com&server=192.0.2.1", "parameter server is not allowed by module default"},
		{"target=example.com&resolver=192.0.2.53", "parameter resolver is not allowed by module default"},
		{"target=example.com&port=2525", "parameter port is not allowed"},
		{"target=example.com&rcpt=a@example.com", "parameter rcpt is not allowed"},
		{"target=example.com&ca_file=/etc/passwd", "parameter ca_file is not allowed"},
		{"target=example.com&auth_password_file=/etc/shadow", "parameter auth_password_file is not allowed"},
		{"target=example.com&first-address=true", `unknown parameter "first-address"`},
		{"target=example.com&output=json", `unknown parameter "output"`},
		{"target=example.com&bogus=1", `unknown parameter "bogus"`},
		{"target=example.com&module=smtp", `unknown module "smtp" (modules: default, open)`},
		{"target=example.com&module=", `unknown module ""`},
		{"target=example.com&debug=maybe", `parameter debug="maybe": want true or false`},
		{"target=example.com;module=open", "invalid semicolon separator"},
		{"target=example.com&module=open&rcpt=%zz", "invalid query"},
		// Values the flags refuse, where the module allows them.
		{"module=open&target=example.com&port=abc", "port"},
		{"module=open&target=example.com&port=70000", "port"},
		{"module=open&target=example.com&port=-1", "port"},
		{"module=open&target=example.com&port=0", "port"},
		{"module=open&target=example.com&starttls=maybe", "starttls"},
		{"module=open&target=example.com&tls=perhaps", "tls"},
		{"module=open&target=example.com&tls=true&starttls=never", "tls and starttls never contradict"},
		{"module=open&target=example.com&timeout=forever", "timeout"},
		{"module=open&target=example.com&timeout=-1s", "invalid query for module open: timeout -1s"},
		{"module=open&target=example.com&timeout=0s", "timeout"},
		{"module=open&target=example.com&cert_warn_days=0", "invalid query for module open: cert_warn_days 0"},
		{"module=open&target=example.com&resolver=dns%20example", "resolver"},
		{"module=open&target=example.com&resolver=192.0.2.53:99999", "resolver"},
		{"module=open&target=example.com&server=a%20b", "server"},
		{"module=open&target=example.com&server=mx.example.com:0", "server"},
		{"module=open&target=example.com&rcpt=a@b%0D%0AQUIT", "rcpt"},
		{"module=open&target=example.com&from=not%20an%20address", "from"},
		{"module=open&target=example.com&vrfy=x%0Ay", "vrfy"},
		{"module=open&target=example.com&helo=bad%20helo", "helo"},
		{"module=open&target=example.com&rcpt=", "rcpt: empty value"},
		{"module=open&target=example.com&server=", "server: empty value"},
		{"module=open&target=example.com&data=1", "never delivers mail"},
		{"module=open&target=example.com&data=", "never delivers mail"},
		{"module=open&target=example.com&ca_file=/etc/passwd", "parameter ca_file is not allowed"},
		{"target=example.com&target=example.org", "2 times"},
		{"module=open&target=example.com&port=25&port=26", "2 times"},
	}
	for _, tt := range tests {
		code, body := get(t, ts.URL+"/probe?"+tt.query)
		if code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400: %s", tt.query, code, body)
			continue
		}
		if strings.Count(body, "\n") != 1 || !strings.HasSuffix(body, "\n") || len(body) < 10 {
			t.Errorf("%s: want one line of message, got %q", tt.query, body)
		}
		if !strings.Contains(body, tt.want) {
			t.Errorf("%s: message %q does not mention %q", tt.query, body, tt.want)
		}
		if strings.Contains(body, "--") {
			t.Errorf("%s: message %q names a flag, not a parameter", tt.query, body)
		}
	}
	if total, _ := sink.Conns(); total != 0 {
		t.Errorf("bad requests made %d connections", total)
	}
	if got := own(t, s, "smtpprobe_exporter_requests_rejected_total", "reason=bad_request"); got != float64(len(tests)) {
		t.Errorf("rejected bad_request = %v, want %d", got, len(tests))
	}
}

// TestServePages checks /metrics, / and /logs after two probes.
func TestServePages(t *testing.T) {
	mx := smtptest.Start(t, smtptest.Options{
		RejectRcpt: map[string]*smtptest.SMTPError{"nobody@example.com": smtptest.Error(550, "5.1.1", "Email address could not be found, or was misspelled (G8)")},
	})
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--history", "1", "--server", mx.Addr)
	for _, target := range []string{"example.com", "nobody@example.com"} {
		if code, body := get(t, ts.URL+"/probe?"+url.Values{"target": {target}}.Encode()); code != 200 {
			t.Fatalf("%s: status %d: %s", target, code, body)
		}
	}

	code, body := get(t, ts.URL+"/metrics")
	if code != 200 {
		t.Fatalf("/metrics: status %d", code)
	}
	mfs := parseText(t, body)
	wantValue(t, mfs, 1, "smtpprobe_exporter_probes_total", "status=ok")
	wantValue(t, mfs, 1, "smtpprobe_exporter_probes_total", "status=critical")
	wantValue(t, mfs, 0, "smtpprobe_exporter_probes_total", "status=unknown")
	wantValue(t, mfs, 2, "smtpprobe_exporter_probe_duration_seconds")
	wantValue(t, mfs, 0, "smtpprobe_exporter_probes_in_flight")
	wantValue(t, mfs, 0, "smtpprobe_exporter_requests_rejected_total", "reason=busy")
	for _, name := range []string{"go_goroutines", "process_resident_memory_bytes"} {
		if mfs[name] == nil {
			t.Errorf("/metrics has no %s", name)
		}
	}

	// The page keeps only the last probe (--history 1).
	code, body = get(t, ts.URL+"/")
	if code != 200 {
		t.Fatalf("/: status %d", code)
	}
	for _, want := range []string{"nobody@example.com", `href="logs?id=2"`, "critical", "/probe?target=example.com", "<td>default</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("/ does not show %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, `logs?id=1"`) {
		t.Errorf("/ shows probe 1, beyond --history 1")
	}

	code, body = get(t, ts.URL+"/logs?id=2")
	if code != 200 || !strings.Contains(body, "nobody@example.com") || !strings.Contains(body, "550") {
		t.Errorf("/logs?id=2: status %d:\n%s", code, body)
	}
	if strings.Contains(body, "\x1b[") {
		t.Errorf("/logs has colour codes")
	}
	if code, _ := get(t, ts.URL+"/logs?id=1"); code != http.StatusNotFound {
		t.Errorf("/logs?id=1 (dropped): status %d, want 404", code)
	}
	if code, _ := get(t, ts.URL+"/logs?id=x"); code != http.StatusBadRequest {
		t.Errorf("/logs?id=x: status %d, want 400", code)
	}
	if code, _ := get(t, ts.URL+"/nothing"); code != http.StatusNotFound {
		t.Errorf("/nothing: status %d, want 404", code)
	}
}

// silentServer accepts connections and never says anything.
func silentServer(t *testing.T) string {
	s := smtptest.StartScript(t, func(c *smtptest.Conn) { c.Line() })
	return s.Addr
}

// TestServeScrapeTimeout checks that Prometheus's scrape timeout bounds
// the probe: a server that never greets would hold it for the hour of
// --timeout and --deadline otherwise.
func TestServeScrapeTimeout(t *testing.T) {
	addr := silentServer(t)
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--timeout", "1h", "--deadline", "1h", "--timeout-offset", "500ms", "--server", addr)
	code, body := get(t, ts.URL+"/probe?target=example.com",
		"X-Prometheus-Scrape-Timeout-Seconds", "1.5")
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	mfs := parseText(t, body)
	wantValue(t, mfs, 0, "smtpprobe_success")
	d, _ := value(mfs, "smtpprobe_duration_seconds")
	if d <= 0 || d > 30 {
		t.Errorf("smtpprobe_duration_seconds = %v, want about 1", d)
	}
	wantValue(t, mfs, 0, "smtpprobe_step_reply_code", "step=greeting")
}

// TestOptionError checks that an option's error names it as a flag on
// the command line and as a key in the exporter, and leaves the values
// it quotes alone (before, the exporter rewrote "--" in the message text,
// values included).
func TestOptionError(t *testing.T) {
	bad := errors.New(`bad name "xn--bcher-kva.example --x"`)
	tests := []struct {
		err        error
		flags, key string
	}{
		{optionErrorf("%s %d: want 1 or more", option("cert-warn-days"), 0),
			"--cert-warn-days 0: want 1 or more", "cert_warn_days 0: want 1 or more"},
		{optionErrorf("%s and %s never contradict each other", option("tls"), option("starttls")),
			"--tls and --starttls never contradict each other", "tls and starttls never contradict each other"},
		{optionErrorf("%s: %w", option("helo"), bad),
			`--helo: bad name "xn--bcher-kva.example --x"`, `helo: bad name "xn--bcher-kva.example --x"`},
		{optionErrorf("%s %q: want auto, require or never", option("starttls"), "--server"),
			`--starttls "--server": want auto, require or never`, `starttls "--server": want auto, require or never`},
		{errors.New("--not an option error"), "--not an option error", "--not an option error"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.flags {
			t.Errorf("Error() = %q, want %q", got, tt.flags)
		}
		if got := keyText(tt.err); got != tt.key {
			t.Errorf("keyText = %q, want %q", got, tt.key)
		}
	}
	if !errors.Is(tests[2].err, bad) {
		t.Errorf("the option error does not wrap its cause")
	}
}

func TestProbeTimeout(t *testing.T) {
	s := &server{opts: serveOptions{deadline: 30 * time.Second, timeoutOffset: 500 * time.Millisecond}}
	tests := []struct {
		header string
		want   time.Duration
	}{
		{"", 30 * time.Second},
		{"10", 9500 * time.Millisecond},
		{"2.5", 2 * time.Second},
		{"30.4", 29900 * time.Millisecond},
		{"30.5", 30 * time.Second},
		{"0.3", time.Second}, // too short for any server to answer: the least
		{"1.2", time.Second},
		{"0.000001", time.Second},
		{"60", 30 * time.Second}, // never beyond --deadline
		{"999999999.999999999", 30 * time.Second},
		// Not Prometheus's form: --deadline.
		{"0", 30 * time.Second},
		{"0.0", 30 * time.Second},
		{"-1", 30 * time.Second},
		{"soon", 30 * time.Second},
		{"NaN", 30 * time.Second},
		{"nan", 30 * time.Second},
		{"Inf", 30 * time.Second},
		{"-Inf", 30 * time.Second},
		{"1e-300", 30 * time.Second},
		{"1e300", 30 * time.Second},
		{"1e3", 30 * time.Second},
		{"0x1p-2", 30 * time.Second},
		{"1_0", 30 * time.Second},
		{" 10", 30 * time.Second},
		{"10.", 30 * time.Second},
		{".5", 30 * time.Second},
		{"+10", 30 * time.Second},
		{"99999999999999999999", 30 * time.Second},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.header != "" {
			h.Set("X-Prometheus-Scrape-Timeout-Seconds", tt.header)
		}
		if got := s.probeTimeout(h); got != tt.want {
			t.Errorf("probeTimeout(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
	// A --deadline shorter than the least a header may ask for wins.
	short := &server{opts: serveOptions{deadline: 200 * time.Millisecond}}
	h := http.Header{"X-Prometheus-Scrape-Timeout-Seconds": {"0.1"}}
	if got := short.probeTimeout(h); got != 200*time.Millisecond {
		t.Errorf("--deadline 200ms, header 0.1: %v, want 200ms", got)
	}
}

// TestServeScrapeTimeoutHeaderHostile checks that a scrape timeout header
// no Prometheus sends leaves a healthy server up: before, "NaN" and
// "1e-300" ended the probe at once, as busy (503) or down.
func TestServeScrapeTimeoutHeaderHostile(t *testing.T) {
	mx := smtptest.Start(t, smtptest.Options{})
	e, _ := serveEnv(nil, nil)
	s, ts := startExporter(t, e, "--server", mx.Addr)
	for _, v := range []string{"NaN", "1e-300", "-5", "1e300", "0.001"} {
		code, body := get(t, ts.URL+"/probe?target=example.com",
			"X-Prometheus-Scrape-Timeout-Seconds", v)
		if code != 200 {
			t.Errorf("header %q: status %d: %s", v, code, body)
			continue
		}
		wantValue(t, parseText(t, body), 1, "smtpprobe_success")
	}
	if got := own(t, s, "smtpprobe_exporter_requests_rejected_total", "reason=busy"); got != 0 {
		t.Errorf("rejected busy = %v, want 0", got)
	}
}

func FuzzParseScrapeTimeout(f *testing.F) {
	for _, v := range []string{"10", "9.5", "NaN", "1e-300", "-1", "", "0", "Inf"} {
		f.Add(v)
	}
	s := &server{opts: serveOptions{deadline: 30 * time.Second, timeoutOffset: 500 * time.Millisecond}}
	f.Fuzz(func(t *testing.T, v string) {
		h := http.Header{"X-Prometheus-Scrape-Timeout-Seconds": {v}}
		if got := s.probeTimeout(h); got < time.Second || got > s.opts.deadline {
			t.Errorf("probeTimeout(%q) = %v, outside [%v, %v]", v, got, time.Second, s.opts.deadline)
		}
	})
}

// TestServeBusy checks --max-concurrent: with the only slot taken, a probe
// waits for its deadline and then gets 503.
func TestServeBusy(t *testing.T) {
	addr := silentServer(t)
	e, _ := serveEnv(nil, nil)
	s, ts := startExporter(t, e, "--max-concurrent", "1", "--rate", "0", "--timeout-offset", "0s", "--server", addr)
	done := make(chan int)
	go func() {
		req, _ := http.NewRequest("GET", ts.URL+"/probe?target=example.com", nil)
		req.Header.Set("X-Prometheus-Scrape-Timeout-Seconds", "2")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	for own(t, s, "smtpprobe_exporter_probes_in_flight") != 1 {
		time.Sleep(10 * time.Millisecond)
	}
	code, body := get(t, ts.URL+"/probe?target=example.org",
		"X-Prometheus-Scrape-Timeout-Seconds", "0.2")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "busy") {
		t.Errorf("second probe: status %d, want 503: %s", code, body)
	}
	if got := own(t, s, "smtpprobe_exporter_requests_rejected_total", "reason=busy"); got != 1 {
		t.Errorf("rejected busy = %v, want 1", got)
	}
	if code := <-done; code != 200 {
		t.Errorf("first probe: status %d, want 200", code)
	}
}

// TestServeRate checks --rate: beyond the burst, probes get 429.
func TestServeRate(t *testing.T) {
	mx := smtptest.Start(t, smtptest.Options{})
	e, _ := serveEnv(nil, nil)
	s, ts := startExporter(t, e, "--rate", "0.001", "--max-concurrent", "2", "--server", mx.Addr)
	u := ts.URL + "/probe?target=example.com"
	for i, want := range []int{200, 200, 429} {
		if code, body := get(t, u); code != want {
			t.Errorf("probe %d: status %d, want %d: %s", i+1, code, want, body)
		}
	}
	if got := own(t, s, "smtpprobe_exporter_requests_rejected_total", "reason=rate_limited"); got != 1 {
		t.Errorf("rejected rate_limited = %v, want 1", got)
	}
}

func TestLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(2, 3, func() time.Time { return now })
	var got []bool
	for range 4 {
		got = append(got, l.allow())
	}
	now = now.Add(500 * time.Millisecond) // one token back
	got = append(got, l.allow(), l.allow())
	now = now.Add(time.Hour) // never more than the burst
	for range 4 {
		got = append(got, l.allow())
	}
	want := []bool{true, true, true, false, true, false, true, true, true, false}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("allow sequence = %v, want %v", got, want)
		}
	}
	unlimited := newLimiter(0, 1, time.Now)
	for i := range 3 {
		if !unlimited.allow() {
			t.Errorf("rate 0: request %d refused", i+1)
		}
	}
}

// runServeCmd runs smtpprobe serve with args on a loopback port until ctx
// ends; it returns the exporter's base URL and the channel of its exit
// status.
func runServeCmd(t *testing.T, ctx context.Context, e *env, stderr *syncBuffer, args ...string) (string, <-chan int) {
	t.Helper()
	exit := make(chan int, 1)
	go func() { exit <- run(ctx, append([]string{"serve", "--listen", "127.0.0.1:0"}, args...), e) }()
	re := regexp.MustCompile(`serving on (http://127\.0\.0\.1:\d+/)`)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], exit
		}
		select {
		case code := <-exit:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no address on stderr: %q", stderr.String())
		}
	}
}

// waitExit waits for serve to stop after its context ended.
func waitExit(t *testing.T, exit <-chan int, stderr *syncBuffer) {
	t.Helper()
	select {
	case code := <-exit:
		if code != 0 {
			t.Errorf("exit status %d after shutdown, want 0; stderr: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
}

// TestRunServe runs the whole command on a real listener, then stops it
// as a signal would.
func TestRunServe(t *testing.T) {
	e, stderr := serveEnv(nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, exit := runServeCmd(t, ctx, e, stderr)
	if code, body := get(t, base); code != 200 || !strings.Contains(body, "smtpprobe exporter") {
		t.Errorf("GET /: status %d: %s", code, body)
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("loopback listener warned: %s", stderr.String())
	}
	cancel()
	waitExit(t, exit, stderr)
}

// TestRunServeStopsHungProbes stops serve while a probe waits on a server
// that never greets, with timeouts of an hour: the probe is cancelled and
// its scrape answered with what is known (no greeting yet), where
// before the scrape's connection was cut after five seconds of waiting.
func TestRunServeStopsHungProbes(t *testing.T) {
	addr := silentServer(t)
	e, stderr := serveEnv(nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, exit := runServeCmd(t, ctx, e, stderr, "--timeout", "1h", "--deadline", "1h", "--server", addr)
	answers := startScrape(base + "probe?target=example.com")
	waitInFlight(t, base, 1)
	cancel()
	a := <-answers
	if a.err != nil {
		t.Fatalf("the scrape in flight got no answer: %v", a.err)
	}
	if a.code != 200 {
		t.Fatalf("the scrape in flight: status %d: %s", a.code, a.body)
	}
	mfs := parseText(t, a.body)
	wantValue(t, mfs, 0, "smtpprobe_success")
	wantValue(t, mfs, 1, "smtpprobe_host_up")
	wantValue(t, mfs, 0, "smtpprobe_step_reply_code", "step=greeting")
	// Unknown, not critical: the exporter stopped the probe, the server
	// did nothing wrong.
	wantValue(t, mfs, 3, "smtpprobe_status")
	waitExit(t, exit, stderr)
}

// scrape is a GET whose answer arrives on a channel.
type scrape struct {
	code int
	body string
	err  error
}

func startScrape(u string) <-chan scrape {
	answers := make(chan scrape, 1)
	go func() {
		resp, err := http.Get(u)
		if err != nil {
			answers <- scrape{err: err}
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		answers <- scrape{resp.StatusCode, string(body), err}
	}()
	return answers
}

// waitInFlight waits until the exporter at base has n probes in flight.
func waitInFlight(t *testing.T, base string, n float64) {
	t.Helper()
	for {
		_, body := get(t, base+"metrics")
		if v, _ := value(parseText(t, body), "smtpprobe_exporter_probes_in_flight"); v == n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRunServeIdleConnections fills the exporter with idle connections,
// many more than --max-connections: the exporter's own metrics stay
// reachable, no more connections are open than the cap, and the
// connection of a probe in flight is not the one pushed out.
func TestRunServeIdleConnections(t *testing.T) {
	const maxConns, idle = 4, 40
	addr := silentServer(t)
	e, stderr := serveEnv(nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, exit := runServeCmd(t, ctx, e, stderr, "--timeout", "1h", "--deadline", "1h",
		"--max-connections", strconv.Itoa(maxConns), "--server", addr)
	hung := startScrape(base + "probe?target=example.com")
	waitInFlight(t, base, 1)

	host := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	for range idle {
		c, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := fresh.Get(base + "metrics")
	if err != nil {
		t.Fatalf("/metrics behind %d idle connections: %v", idle, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	mfs := parseText(t, string(body))
	if open, _ := value(mfs, "smtpprobe_exporter_connections_open"); open < 2 || open > maxConns {
		t.Errorf("connections open = %v, want 2 to %d", open, maxConns)
	}
	// The idle ones and the /metrics one took turns at the places that
	// the probe's connection left.
	if evicted, _ := value(mfs, "smtpprobe_exporter_connections_evicted_total"); evicted < idle+1-maxConns {
		t.Errorf("connections evicted = %v, want at least %d", evicted, idle+1-maxConns)
	}
	cancel()
	a := <-hung
	if a.err != nil || a.code != 200 {
		t.Fatalf("the probe in flight: status %d, %v: %s", a.code, a.err, a.body)
	}
	wantValue(t, parseText(t, a.body), 0, "smtpprobe_step_reply_code", "step=greeting")
	waitExit(t, exit, stderr)
}

func TestRunServeBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--listen", "127.0.0.1:99999"},
		{"--max-concurrent", "0"},
		{"--max-connections", "0"},
		{"--rate", "-1"},
		{"--deadline", "0s"},
		{"--resolver", "dns example"},
		{"--starttls", "sometimes"},
		{"--timeout", "-5s"},
		{"--lang", "fr"},
		{"--ca-file", "/nonexistent/ca.pem"},
		{"--no-such-flag"},
		{"example.com"},
		// Empty values (unset variables) must not mean "every
		// interface" or "no config".
		{"--listen", ""},
		{"--config", ""},
		{"--server", ""},
	} {
		e, stderr := serveEnv(nil, nil)
		// Should the flags be taken, the exporter serves until this ends.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		code := run(ctx, append([]string{"serve", "--listen", "127.0.0.1:0"}, args...), e)
		cancel()
		if code != 3 {
			t.Errorf("serve %v: exit %d, want 3", args, code)
		}
		if out := stderr.String(); !strings.HasPrefix(out, "smtpprobe: error: ") || args[0] == "--listen" && args[1] != "" && !strings.HasPrefix(out, "smtpprobe: error: --listen 127.0.0.1:99999: ") {
			t.Errorf("serve %v: stderr %q", args, out)
		}
	}
}

// TestServeStartTLSRequired checks that starttls=require judges a probe as
// the command line's --starttls require does: a failed STARTTLS handshake
// is critical, not the warning of an opportunistic sender.
func TestServeStartTLSRequired(t *testing.T) {
	s := smtptest.StartScript(t, func(c *smtptest.Conn) {
		if !c.Greet("STARTTLS") {
			return
		}
		if !isStartTLS(c) {
			// The retry in clear of starttls=auto: the mail gets through.
			c.Send("250 2.1.0 ok")
			c.Answer(nil)
			return
		}
		if c.Send("220 2.0.0 go ahead") {
			c.Send("this is not TLS")
		}
	})
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--timeout", "2s", "--config", configFile(t, `
modules:
  auto:
    server: `+s.Addr+`
  require:
    server: `+s.Addr+`
    starttls: require
`))
	for mode, want := range map[string]float64{"auto": 1, "require": 2} {
		code, body := get(t, ts.URL+"/probe?"+url.Values{"target": {"example.com"}, "module": {mode}}.Encode())
		if code != 200 {
			t.Fatalf("starttls=%s: status %d: %s", mode, code, body)
		}
		wantValue(t, parseText(t, body), want, "smtpprobe_status")
	}
}

// TestServeTimeoutParameter checks that timeout= sets the step timeout of
// one probe: the greeting of a silent server times out as a step, well
// before the scrape's deadline (which, were the parameter ignored, would
// end the probe instead, with the default --timeout of an hour).
func TestServeTimeoutParameter(t *testing.T) {
	addr := silentServer(t)
	e, _ := serveEnv(nil, nil)
	// The file's default module allows timeout; the flags given to serve
	// set the rest of it.
	_, ts := startExporter(t, e, "--timeout", "1h", "--server", addr, "--config", configFile(t, `
modules:
  default:
    allow_query_params: [timeout]
`))
	code, body := get(t, ts.URL+"/probe?target=example.com&timeout=300ms",
		"X-Prometheus-Scrape-Timeout-Seconds", "10")
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	wantValue(t, parseText(t, body), 0, "smtpprobe_success")
	_, log := get(t, ts.URL+"/logs?id=1")
	if !strings.Contains(log, "greeting") || !strings.Contains(log, "timeout") || strings.Contains(log, "run deadline") {
		t.Errorf("want the greeting's step timeout, not the scrape's deadline:\n%s", log)
	}
}

// TestServeModuleDeadline checks that a module's deadline key (the
// probe flag's, as the contract makes every module key) bounds that
// module's probes within serve's own --deadline: with an hour of
// --timeout and of serve's --deadline, and no scrape timeout, a silent
// server ends the probe at the module's deadline.
func TestServeModuleDeadline(t *testing.T) {
	addr := silentServer(t)
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--deadline", "1h", "--config", configFile(t, `
modules:
  quick:
    server: `+addr+`
    timeout: 1h
    deadline: 300ms
    allow_query_params: [deadline]
`))
	// A watchdog, not a measure: without the module's deadline the probe
	// would wait out the hour; the client's giving up cancels it.
	client := &http.Client{Timeout: time.Minute}
	for _, q := range []string{"module=quick", "module=quick&deadline=200ms"} {
		resp, err := client.Get(ts.URL + "/probe?target=example.com&" + q)
		if err != nil {
			t.Fatalf("%s: %v: the module's deadline did not bound the probe", q, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d: %s", q, resp.StatusCode, body)
		}
		wantValue(t, parseText(t, string(body)), 0, "smtpprobe_success")
	}
	for id := 1; id <= 2; id++ {
		_, log := get(t, ts.URL+"/logs?id="+strconv.Itoa(id))
		if !strings.Contains(log, "greeting: run deadline exceeded") {
			t.Errorf("probe %d: want the greeting cut by the module's deadline:\n%s", id, log)
		}
	}
	// Like every duration option, the key takes only a positive duration.
	code, body := get(t, ts.URL+"/probe?target=example.com&module=quick&deadline=0s")
	if code != 400 || !strings.Contains(body, "deadline") {
		t.Errorf("deadline=0s: status %d, %q; want 400 naming deadline", code, body)
	}
}

// TestServeOneConnectionPerAddress checks that concurrent probes share the
// exporter's gate: two scrapes of the same server never hold two
// connections to it at once.
func TestServeOneConnectionPerAddress(t *testing.T) {
	addr, most := overlapServer(t, 2, 500*time.Millisecond)
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--timeout", "5s", "--server", addr)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, target := range []string{"a@example.com", "b@example.org"} {
		wg.Go(func() {
			resp, err := http.Get(ts.URL + "/probe?" + url.Values{"target": {target}}.Encode())
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode != 200 {
					err = fmt.Errorf("status %d", resp.StatusCode)
				}
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if hi := most(); hi != 1 {
		t.Errorf("%d connections to one address at once, want 1", hi)
	}
}

// TestServeSecurityHeaders checks that every answer, /logs with a hostile
// server's text above all, tells browsers not to sniff it into HTML and
// allows no script, and that the / page's style is the one the policy
// allows.
func TestServeSecurityHeaders(t *testing.T) {
	hostile := smtptest.StartScript(t, func(c *smtptest.Conn) {
		c.Send("554 <script>alert(document.cookie)</script><img src=x onerror=alert(1)>")
	})
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--server", hostile.Addr)
	probeURL := ts.URL + "/probe?target=example.com"
	if code, body := get(t, probeURL); code != 200 {
		t.Fatalf("probe: status %d: %s", code, body)
	}
	_, logs := get(t, ts.URL+"/logs?id=1")
	if !strings.Contains(logs, "<script>") {
		t.Fatalf("the test needs /logs to show the server's text:\n%s", logs)
	}
	var csp string
	for _, path := range []string{"/", "/logs?id=1", "/logs?id=9", "/logs?id=x", "/metrics", "/probe?target=", "/nothing", probeURL[len(ts.URL):]} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s (%d): X-Content-Type-Options %q, want nosniff", path, resp.StatusCode, got)
		}
		csp = resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s (%d): Content-Security-Policy %q lacks %q", path, resp.StatusCode, csp, want)
			}
		}
		if strings.Contains(csp, "script-src") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: Content-Security-Policy %q allows more than it should", path, csp)
		}
		if path == "/" {
			_, style, _ := strings.Cut(string(body), "<style>")
			style, _, _ = strings.Cut(style, "</style>")
			sum := sha256.Sum256([]byte(style))
			if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, "style-src "+h) {
				t.Errorf("/: the page's style (%s) is not the one %q allows", h, csp)
			}
		}
	}
}
