package main

import (
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// TestContractExplain runs smtpprobe explain through run.
// TestExplainCommand and TestExplainCommandJSON pin the texts; this pins
// the contract's fields.
func TestContractExplain(t *testing.T) {
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	explainJSON := func(t *testing.T, stdin string, args ...string) []map[string]any {
		r := runCmd(t, stdin, nil, append([]string{"explain", "-o", "json"}, args...)...)
		if r.code != 0 {
			t.Fatalf("explain %q: exit %d: %s", args, r.code, r.stderr)
		}
		return decodeJSONLines(t, r.stdout)
	}

	t.Run("one code shows class, title, meaning, when, fix", func(t *testing.T) {
		r := runCmd(t, "", nil, "explain", "252")
		d := explainJSON(t, "", "252")[0]
		text := flat(r.stdout)
		for _, f := range []string{"class", "title", "meaning", "when", "fix"} {
			v := flat(str(t, d, f))
			if v == "" || !strings.Contains(text, v) {
				t.Errorf("explain 252 does not show its %s %q:\n%s", f, v, r.stdout)
			}
		}
	})
	t.Run("two codes are compared", func(t *testing.T) {
		r := runCmd(t, "", nil, "explain", "252", "354")
		ds := explainJSON(t, "", "252", "354")
		for _, d := range ds {
			if !strings.Contains(r.stdout, str(t, d, "title")) {
				t.Errorf("comparison lacks %q", str(t, d, "title"))
			}
		}
		_, diff, ok := strings.Cut(r.stdout, "Main differences")
		if !ok || !strings.Contains(diff, "Which applies when") {
			t.Fatalf("no differences and when each applies:\n%s", r.stdout)
		}
		for _, d := range ds {
			for _, f := range []string{"class", "meaning", "when"} {
				if !strings.Contains(flat(diff), flat(str(t, d, f))) {
					t.Errorf("the differences lack %v's %s", d["code"], f)
				}
			}
		}
	})
	t.Run("codes in every form", func(t *testing.T) {
		for _, tt := range []struct {
			arg      string
			code     float64
			enhanced string
			matched  string
		}{
			{"252", 252, "", "basic"},
			{"5.1.1", 0, "5.1.1", "enhanced"},
			{"550 5.1.1", 550, "5.1.1", "enhanced"},
			{"573", 573, "", "class"},
		} {
			d := explainJSON(t, "", tt.arg)[0]
			checkDiagnosis(t, d, "explain "+tt.arg)
			if c := num(t, d, "code"); tt.code != 0 && c != tt.code {
				t.Errorf("explain %s: code %v", tt.arg, c)
			}
			if e := str(t, d, "enhanced"); e != tt.enhanced || str(t, d, "matched") != tt.matched {
				t.Errorf("explain %s: enhanced %q matched %q, want %q %q", tt.arg, e, str(t, d, "matched"), tt.enhanced, tt.matched)
			}
		}
	})
	t.Run("unknown code gets its class meaning", func(t *testing.T) {
		r := runCmd(t, "", nil, "explain", "573")
		if r.code != 0 || !strings.Contains(r.stdout, "not in the catalog") || !strings.Contains(r.stdout, "5xx Permanent Negative") {
			t.Errorf("explain 573: exit %d\n%s", r.code, r.stdout)
		}
		if d := explainJSON(t, "", "573")[0]; str(t, d, "class") != "5xx Permanent Negative" || str(t, d, "retry") != "permanent" {
			t.Errorf("explain 573: %v", d)
		}
	})
	t.Run("text with continuation lines, from the argument and stdin", func(t *testing.T) {
		reply := "550-5.1.1 The email account that you tried to reach does not exist. Please try\n" +
			"550-5.1.1 double-checking the recipient's email address for typos or\n" +
			"550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser\n"
		for name, ds := range map[string][]map[string]any{
			"argument": explainJSON(t, "", "--text", reply),
			"stdin":    explainJSON(t, reply, "--text", "-"),
		} {
			if len(ds) != 1 {
				t.Errorf("%s: %d objects, want one for the reply", name, len(ds))
				continue
			}
			checkDiagnosis(t, ds[0], name)
			if num(t, ds[0], "code") != 550 || str(t, ds[0], "enhanced") != "5.1.1" || str(t, ds[0], "category") != "mailbox-unknown" {
				t.Errorf("%s: %v", name, ds[0])
			}
		}
		r := runCmd(t, reply, nil, "explain", "--text", "-")
		if r.code != 0 || !strings.Contains(r.stdout, "mailbox-unknown") {
			t.Errorf("explain --text - (text): exit %d\n%s", r.code, r.stdout)
		}
	})
	t.Run("json is one object per code", func(t *testing.T) {
		ds := explainJSON(t, "", "550", "421", "5.7.1", "252")
		if len(ds) != 4 {
			t.Fatalf("%d objects, want 4", len(ds))
		}
		for i, d := range ds {
			checkDiagnosis(t, d, fmt.Sprintf("object %d", i+1))
		}
	})
}

// TestContractServe adds to TestServeProbe (success, duration, step reply
// codes, TLS expiry) and TestServePages (/metrics) the contract's
// modules, and the port, rcpt, helo, from, vrfy, tls and starttls options
// as query parameters of a module that allows them.
func TestContractServe(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{
		RejectRcpt: map[string]*smtptest.SMTPError{"nobody@example.com": smtptest.Error(550, "5.1.1", "Email address could not be found, or was misspelled (G8)")},
	})
	host, port, _ := net.SplitHostPort(srv.Addr)
	dns := dnstest.Start(t,
		"example.com. 300 IN MX 10 mx.example.com.",
		"mx.example.com. 300 IN A 192.0.2.1",
	)
	ca := smtptest.NewCA(t)
	labSrv := smtptest.Start(t, smtptest.Options{
		TLS:        smtptest.TLSConfig(ca.Issue(t, "mx.example.com", time.Now().Add(90*24*time.Hour))),
		RejectRcpt: map[string]*smtptest.SMTPError{"nobody@example.com": smtptest.Error(550, "5.1.1", "Email address could not be found, or was misspelled (G8)")},
	})
	e, _ := serveEnv(map[string]string{"192.0.2.1:2525": labSrv.Addr}, ca.Pool())
	// As in the contract: a default module, a lab module with its own port,
	// resolver and judgement, a module that lets a scrape name the server.
	_, ts := startExporter(t, e, "--config", configFile(t, `
modules:
  default:                 # used when the query names no module
    timeout: 10s
  lab:
    port: 2525
    resolver: `+dns.Addr()+`
    timeout: 3s
    starttls: require
    allow_query_params: [rcpt]
  open:
    allow_query_params: [server, port, rcpt, helo, from, vrfy, tls, starttls, resolver]
`))
	t.Run("module selects the probe options", func(t *testing.T) {
		code, body := get(t, ts.URL+"/probe?target=example.com&module=lab")
		if code != 200 {
			t.Fatalf("module=lab: status %d: %s", code, body)
		}
		mfs := parseText(t, body)
		// The lab's resolver found mx.example.com, its port reached the
		// server, and it required STARTTLS.
		wantValue(t, mfs, 1, "smtpprobe_host_up", "host=mx.example.com")
		wantValue(t, mfs, 220, "smtpprobe_step_reply_code", "host=mx.example.com", "step=starttls")
		wantValue(t, mfs, 250, "smtpprobe_step_reply_code", "host=mx.example.com", "step=rcpt")
		wantValue(t, mfs, 0, "smtpprobe_status")

	})
	t.Run("the module's allowed parameters work, no others", func(t *testing.T) {
		code, body := get(t, ts.URL+"/probe?target=example.com&module=lab&rcpt=nobody@example.com")
		if code != 200 {
			t.Fatalf("status %d: %s", code, body)
		}
		wantValue(t, parseText(t, body), 550, "smtpprobe_step_reply_code", "step=rcpt")
		for _, q := range []string{"module=lab&port=25", "module=lab&resolver=192.0.2.53", "server=192.0.2.1", "resolver=192.0.2.53", "rcpt=a@example.com"} {
			code, body := get(t, ts.URL+"/probe?target=example.com&"+q)
			name, _, _ := strings.Cut(strings.TrimPrefix(q, "module=lab&"), "=")
			if code != 400 || !strings.Contains(body, "parameter "+name+" is not allowed") {
				t.Errorf("%s: status %d, want 400 naming %s: %s", q, code, name, body)
			}
		}
	})
	t.Run("a module that allows server and resolver", func(t *testing.T) {
		code, body := get(t, ts.URL+"/probe?module=open&target=example.com&port=2525&resolver="+dns.Addr())
		if code != 200 {
			t.Fatalf("status %d: %s", code, body)
		}
		wantValue(t, parseText(t, body), 250, "smtpprobe_step_reply_code", "host=mx.example.com", "step=rcpt")
		code, body = get(t, ts.URL+"/probe?module=open&target=example.com&server="+srv.Addr)
		if code != 200 {
			t.Fatalf("status %d: %s", code, body)
		}
		wantValue(t, parseText(t, body), 1, "smtpprobe_success")
	})
	t.Run("unknown module", func(t *testing.T) {
		if code, body := get(t, ts.URL+"/probe?target=example.com&module=nope"); code != 400 || !strings.Contains(body, `unknown module "nope"`) {
			t.Errorf("module=nope: status %d: %s", code, body)
		}
	})
	t.Run("debug answers the text report", func(t *testing.T) {
		code, body := get(t, ts.URL+"/probe?target=example.com&module=lab&debug=true")
		if code != 200 || !strings.Contains(body, "Verdict:") || !strings.Contains(body, "mx.example.com") || strings.Contains(body, "smtpprobe_success") {
			t.Errorf("debug=true: status %d:\n%s", code, body)
		}
	})
	probeQuery := func(t *testing.T, q string) (float64, func(name string, labels ...string) (float64, bool)) {
		q = "module=open&" + q
		code, body := get(t, ts.URL+"/probe?"+q)
		if code != 200 {
			t.Fatalf("%s: status %d: %s", q, code, body)
		}
		mfs := parseText(t, body)
		ok, _ := value(mfs, "smtpprobe_success")
		return ok, func(name string, labels ...string) (float64, bool) { return value(mfs, name, labels...) }
	}

	t.Run("port", func(t *testing.T) {
		ok, _ := probeQuery(t, "target=example.com&server="+host+"&port="+port)
		if ok != 1 {
			t.Errorf("port=%s: success %v, want 1", port, ok)
		}
		ok, _ = probeQuery(t, "target=example.com&server="+host+"&port="+strings.Split(closedAddr(t), ":")[1])
		if ok != 0 {
			t.Errorf("a closed port: success %v, want 0", ok)
		}
	})
	t.Run("rcpt", func(t *testing.T) {
		ok, v := probeQuery(t, "target=example.com&server="+srv.Addr+"&rcpt=nobody@example.com")
		if code, _ := v("smtpprobe_step_reply_code", "step=rcpt"); ok != 0 || code != 550 {
			t.Errorf("rcpt=nobody@example.com: success %v, rcpt code %v; want 0 and 550", ok, code)
		}
		if !strings.Contains(events(srv), "RCPT <nobody@example.com>") {
			t.Errorf("server saw %q", events(srv))
		}
	})
	t.Run("helo from vrfy on the wire", func(t *testing.T) {
		rec := recorder(t)
		ok, v := probeQuery(t, "target=example.com&server="+rec.Addr+"&helo=scraper.test&from=probe@scraper.test&vrfy=someone")
		if code, _ := v("smtpprobe_step_reply_code", "step=vrfy"); ok != 1 || code != 252 {
			t.Errorf("success %v, vrfy code %v; want 1 and 252", ok, code)
		}
		got := commands(rec)
		for _, w := range []string{"EHLO scraper.test", "MAIL FROM:<probe@scraper.test>", "VRFY someone"} {
			if !slices.Contains(got, w) {
				t.Errorf("the exporter did not send %q; it sent %q", w, got)
			}
		}
	})
	t.Run("tls", func(t *testing.T) {
		ca := smtptest.NewCA(t)
		tlsSrv := smtptest.Start(t, smtptest.Options{ImplicitTLS: true, TLS: smtptest.TLSConfig(ca.Issue(t, "127.0.0.1", time.Now().Add(90*24*time.Hour)))})
		e, _ := serveEnv(nil, ca.Pool())
		_, ts := startExporter(t, e, "--server", tlsSrv.Addr, "--config", configFile(t, "modules: {default: {allow_query_params: [tls]}}"))
		code, body := get(t, ts.URL+"/probe?target=example.com&tls=true")
		mfs := parseText(t, body)
		if ok, _ := value(mfs, "smtpprobe_success"); code != 200 || ok != 1 {
			t.Errorf("tls=true: status %d, success %v", code, ok)
		}
		if _, ok := value(mfs, "smtpprobe_tls_cert_expiry_timestamp_seconds"); !ok {
			t.Errorf("tls=true: no certificate expiry:\n%s", body)
		}
	})
	t.Run("starttls", func(t *testing.T) {
		ok, v := probeQuery(t, "target=example.com&server="+srv.Addr+"&starttls=require")
		if st, _ := v("smtpprobe_status"); ok != 0 || st != 2 {
			t.Errorf("starttls=require without STARTTLS: success %v, status %v; want 0 and 2", ok, st)
		}
		ok, _ = probeQuery(t, "target=example.com&server="+srv.Addr+"&starttls=never")
		if ok != 1 {
			t.Errorf("starttls=never: success %v, want 1", ok)
		}
	})
}
