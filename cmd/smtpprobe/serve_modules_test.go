package main

import (
	"context"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/probe"
)

// TestExampleConfig loads the example config file shipped in examples/
// as serve does, and checks that its modules came through.
func TestExampleConfig(t *testing.T) {
	// The modules, not the test harness, decide about special addresses.
	e := cmdEnv{flagsDecideSpecial: true}.env(io.Discard, &syncBuffer{})
	s, err := exporter(e, "--config", "../../examples/smtpprobe.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"default", "inbound_tls", "submission", "smtps", "lab"} {
		if s.modules[name] == nil {
			t.Errorf("no module %s", name)
		}
	}
	lab := s.modules["lab"]
	if lab.opts.port != 2525 || lab.opts.resolver != "127.0.0.1:5353" || lab.opts.timeout != 3*time.Second || lab.opts.warningTime != 2*time.Second {
		t.Errorf("lab: %+v", lab.opts)
	}
	if !slices.Equal(lab.params(), []string{"target", "module", "debug", "rcpt"}) {
		t.Errorf("lab takes %v", lab.params())
	}
	// The contract's lab module lets the probe connect to special-purpose
	// addresses; the key must reach the probe's Config.
	labReq, err := s.parseQuery(map[string][]string{"target": {"example.com"}, "module": {"lab"}})
	if err != nil {
		t.Fatal(err)
	}
	if !labReq.cfg.AllowSpecialAddresses {
		t.Errorf("module lab: allow_special_addresses did not reach the probe: %+v", labReq.cfg)
	}
	if def, err := s.parseQuery(map[string][]string{"target": {"example.com"}}); err != nil || def.cfg.AllowSpecialAddresses {
		t.Errorf("default module allows special addresses (err %v)", err)
	}
	req, err := s.parseQuery(map[string][]string{"target": {"example.com"}, "module": {"submission"}})
	if err != nil {
		t.Fatal(err)
	}
	if !req.cfg.Submission || req.cfg.StartTLS != probe.StartTLSRequire || req.cfg.Server != "smtp.example.com" {
		t.Errorf("module submission: %+v", req.cfg)
	}
}

// TestConfigErrors checks that a bad config file stops serve at start-up
// with one line naming the module and the key, in the file's words.
func TestConfigErrors(t *testing.T) {
	for _, tt := range []struct {
		config string
		want   []string
	}{
		{"modules:\n  lab:\n    colour: blue\n", []string{"module lab", `unknown key "colour"`, "line 3"}},
		{"modules:\n  lab:\n    first-address: true\n", []string{"module lab", `unknown key "first-address"`}},
		{"modules:\n  lab:\n    output: json\n", []string{"module lab", `unknown key "output"`}},
		{"modules:\n  lab:\n    port: 0\n", []string{"module lab", `port "0": want a number from 1 to 65535`}},
		{"modules:\n  lab:\n    timeout: soon\n", []string{"module lab", "timeout"}},
		{"modules:\n  lab:\n    starttls: maybe\n", []string{"module lab", `starttls "maybe": want auto, require or never`}},
		{"modules:\n  lab:\n    cert_warn_days: 0\n", []string{"module lab", "cert_warn_days 0: want 1 or more"}},
		{"modules:\n  lab:\n    tls: true\n    starttls: never\n", []string{"module lab", "tls and starttls never contradict each other"}},
		{"modules:\n  sub:\n    submission: true\n", []string{"module sub", "submission needs server HOST"}},
		{"modules:\n  lab:\n    auth_mech: PLAIN\n", []string{"module lab", "auth_mech needs auth_user"}},
		{"modules:\n  lab:\n    data: true\n", []string{"module lab", "a scrape never delivers mail"}},
		{"modules:\n  lab:\n    checks: [smtp, nonsense]\n", []string{"module lab", "checks"}},
		{"modules:\n  lab:\n    rcpt: {a: b}\n", []string{"module lab", "rcpt", "want a value or a list of values"}},
		{"modules:\n  \"\": {}\n", []string{"line 2", "want a module name"}},
		{"modules:\n  ? [a, b]\n  : {}\n", []string{"line 2", "want a module name"}},
		{"modules:\n  lab:\n    allow_query_params: [server, colour]\n", []string{"module lab", `allow_query_params: unknown key "colour"`}},
		{"modules:\n  lab:\n    allow_query_params: [ca_file]\n", []string{"module lab", "ca_file names a file on this host"}},
		{"modules:\n  lab:\n    allow_query_params: [auth_password_file]\n", []string{"module lab", "auth_password_file names a file"}},
		{"modules:\n  lab:\n    port: 25\n    port: 26\n", []string{"module lab", "port given twice"}},
		{"modules:\n  lab: {}\n  lab: {}\n", []string{"lab given twice"}},
		{"modules:\n  lab: 25\n", []string{"module lab", "want a mapping"}},
		{"module:\n  lab: {}\n", []string{`unknown key "module"`}},
		{"modules: [lab]\n", []string{"modules: want a mapping"}},
		{"", []string{"empty"}},
		{"modules: {}\n", []string{"no modules"}},
		{"modules:\n  lab:\n\tport: 25\n", []string{"yaml"}},
	} {
		e, stderr := serveEnv(nil, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		code := run(ctx, []string{"serve", "--listen", "127.0.0.1:0", "--config", configFile(t, tt.config)}, e)
		cancel()
		out := stderr.String()
		if code != 3 || !strings.HasPrefix(out, "smtpprobe: error: --config ") || strings.Count(out, "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want 3 and one line", tt.config, code, out)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: %q does not say %q", tt.config, out, w)
			}
		}
		if strings.Count(out, "--") > 1 {
			t.Errorf("%q: %q names flags; the file has keys", tt.config, out)
		}
	}
	e, stderr := serveEnv(nil, nil)
	if code := run(context.Background(), []string{"serve", "--config", "/nonexistent/smtpprobe.yml"}, e); code != 3 || !strings.Contains(stderr.String(), "/nonexistent/smtpprobe.yml") {
		t.Errorf("missing file: exit %d, %q", code, stderr.String())
	}
}

// TestConfigValues checks how YAML values become flag values.
func TestConfigValues(t *testing.T) {
	modules, err := parseConfig([]byte(`
modules:
  a:
    checks: [smtp, ptr]
    tls: true
    port: 465
    from: ""
    rcpt:
    timeout: 1m30s
  empty:
`))
	if err != nil {
		t.Fatal(err)
	}
	a := modules["a"].opts
	if a.checks != "smtp,ptr" || !a.tls || a.port != 465 || a.from != "" || a.rcpt != "" || a.timeout != 90*time.Second {
		t.Errorf("a: %+v", a)
	}
	var given []string
	for k := range modules["a"].given {
		given = append(given, k)
	}
	slices.Sort(given)
	if want := []string{"checks", "from", "port", "rcpt", "timeout", "tls"}; !slices.Equal(given, want) {
		t.Errorf("a sets %v, want %v", given, want)
	}
	if e := modules["empty"]; e == nil || len(e.given) != 0 || e.opts.timeout != 10*time.Second {
		t.Errorf("empty: %+v", e)
	}
}

// TestServeFlagsOverFileDefault checks that the probe flags given to serve
// set the default module over the file's, and only the default module.
func TestServeFlagsOverFileDefault(t *testing.T) {
	e, _ := serveEnv(nil, nil)
	s, err := exporter(e, "--port", "2526", "--helo", "flag.example", "--config", configFile(t, `
modules:
  default:
    port: 2525
    timeout: 3s
  other:
    timeout: 4s
`))
	if err != nil {
		t.Fatal(err)
	}
	d, o := s.modules["default"].opts, s.modules["other"].opts
	if d.port != 2526 || d.timeout != 3*time.Second || d.helo != "flag.example" {
		t.Errorf("default: port %d, timeout %v, helo %q; want 2526, 3s, flag.example", d.port, d.timeout, d.helo)
	}
	if o.port != 0 || o.timeout != 4*time.Second || o.helo != "" {
		t.Errorf("other: port %d, timeout %v, helo %q; want the command's defaults and 4s", o.port, o.timeout, o.helo)
	}
}

// TestModuleKeys checks that the module keys are the command's probe
// flags: every flag but those that shape the command's own input and
// output, so that a new probe flag is a module key, a query parameter a
// module can allow and a serve flag without more work.
func TestModuleKeys(t *testing.T) {
	keys := moduleKeys()
	for _, k := range []string{"server", "port", "resolver", "helo", "from", "rcpt", "vrfy", "starttls", "tls", "timeout",
		"checks", "submission", "auth_user", "ca_file", "cert_warn_days", "cert_crit_days", "warning_time", "critical_time", "lang"} {
		if !slices.Contains(keys, k) {
			t.Errorf("%s is not a module key", k)
		}
	}
	for _, k := range commandOnly {
		if slices.Contains(keys, option(k).key()) && !slices.Contains(moduleOnly, option(k)) {
			t.Errorf("%s is a module key", k)
		}
	}
	// A flag added to the command lands here: if it shapes the command's
	// own input or output, put it in commandOnly; if it is a probe option,
	// add it to this list.
	want := []string{"server", "port", "resolver", "helo", "from", "rcpt", "vrfy", "starttls", "tls", "timeout",
		"submission", "auth_user", "auth_password_file", "auth_token_file", "auth_mech", "allow_insecure_auth",
		"allow_special_addresses", "lang", "checks", "first_address", "all_addresses", "cert_warn_days", "cert_crit_days", "warning_time",
		"critical_time", "ca_file", "sending_ip", "dkim_selector", "dnsbl", "deadline"}
	slices.Sort(want)
	if got := slices.Sorted(slices.Values(keys)); !slices.Equal(got, want) {
		t.Errorf("module keys are\n%v\nwant\n%v", got, want)
	}
	var so serveOptions
	fs := newServeFlagSet(&so)
	cmd := newFlagSet(&options{})
	for _, k := range keys {
		name := string(optionKey(k))
		if cmd.Lookup(name) == nil {
			t.Errorf("module key %s is no flag of the command", k)
		}
		if fs.Lookup(name) == nil {
			t.Errorf("module key %s is no flag of serve", k)
		}
	}
}

// FuzzParseConfig checks that any config file is modules or one error,
// never a panic.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"modules:\n  default:\n    timeout: 10s\n",
		"modules:\n  lab:\n    port: 2525\n    checks: [smtp, ptr]\n    allow_query_params: [rcpt]\n",
		"modules:\n  a: &x {port: 25}\n  b: *x\n",
		"modules: {a: {port: [1, [2]]}}\n",
		"---\n...\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		modules, err := parseConfig([]byte(s))
		if err != nil {
			if modules != nil {
				t.Errorf("%q: modules and an error", s)
			}
			return
		}
		for name, m := range modules {
			if m == nil || m.name != name {
				t.Errorf("%q: module %q is %+v", s, name, m)
			}
		}
	})
}

// FuzzParseQuery checks that any /probe query is a request or one line
// of error, and never sets what its module does not allow.
func FuzzParseQuery(f *testing.F) {
	for _, q := range []string{
		"target=example.com",
		"target=example.com&module=lab&rcpt=a@example.com",
		"target=example.com&server=192.0.2.1",
		"target=example.com&module=lab&port=25&debug=1",
		"target=%00&module=%ff",
	} {
		f.Add(q)
	}
	dir := f.TempDir()
	file := dir + "/smtpprobe.yml"
	if err := os.WriteFile(file, []byte("modules:\n  lab:\n    server: 127.0.0.1:1\n    allow_query_params: [rcpt, timeout]\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	e, _ := serveEnv(nil, nil)
	s, err := exporter(e, "--server", "127.0.0.1:1", "--config", file)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		req, err := s.parseQuery(q)
		if err != nil {
			if strings.ContainsAny(oneLine(err.Error()), "\r\n") {
				t.Errorf("%q: error of more than one line", raw)
			}
			return
		}
		if req.cfg.Server != "127.0.0.1:1" || req.cfg.Data {
			t.Errorf("%q: server %q, data %v", raw, req.cfg.Server, req.cfg.Data)
		}
	})
}

// TestServeModuleBroken checks that a module that breaks after start-up
// (its password file removed) answers 500 naming the module and the key,
// not a 400 that blames the scraper, and probes nothing.
func TestServeModuleBroken(t *testing.T) {
	sink := smtptest.Start(t, smtptest.Options{})
	pw := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(pw, []byte("secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e, stderr := serveEnv(nil, nil)
	s, ts := startExporter(t, e, "--config", configFile(t, `
modules:
  sub:
    server: `+sink.Addr+`
    auth_user: probe@example.com
    auth_password_file: `+pw+`
    allow_insecure_auth: true
    allow_query_params: [rcpt]
`))
	if err := os.Remove(pw); err != nil {
		t.Fatal(err)
	}
	code, body := get(t, ts.URL+"/probe?target=example.com&module=sub")
	if code != 500 || !strings.Contains(body, "module sub: auth_password_file") {
		t.Errorf("status %d, want 500 naming the module and key: %s", code, body)
	}
	if !strings.Contains(stderr.String(), "module sub") {
		t.Errorf("nothing logged: %q", stderr.String())
	}
	// With a parameter set, the error still is the module's: the query
	// is not what broke.
	code, body = get(t, ts.URL+"/probe?target=example.com&module=sub&rcpt=a@example.com")
	if code != 500 || !strings.Contains(body, "module sub: auth_password_file") {
		t.Errorf("with rcpt: status %d, want 500 naming the module and key: %s", code, body)
	}
	if got := own(t, s, "smtpprobe_exporter_requests_rejected_total", "reason=bad_request"); got != 0 {
		t.Errorf("rejected bad_request = %v", got)
	}
	if total, _ := sink.Conns(); total != 0 {
		t.Errorf("a broken module made %d connections", total)
	}
}
