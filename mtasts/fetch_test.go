package mtasts_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
	"github.com/smtpprobe/smtpprobe/mtasts"
)

const policy = "version: STSv1\r\nmode: enforce\r\nmx: mx.example\r\nmax_age: 604800\r\n"

// policyWorld serves _mta-sts.example and mta-sts.example at 192.0.2.80
// over HTTPS with a certificate from its own CA; handler answers.
type policyWorld struct {
	dns  *dnstest.Server
	ca   *smtptest.CA
	srv  *httptest.Server
	opts mtasts.Options
}

func newPolicyWorld(t *testing.T, certName string, handler http.HandlerFunc) *policyWorld {
	t.Helper()
	w := &policyWorld{ca: smtptest.NewCA(t)}
	w.dns = dnstest.Start(t,
		`_mta-sts.example. 300 IN TXT "v=STSv1; id=20260101;"`,
		"mta-sts.example. 300 IN A 192.0.2.80",
	)
	w.srv = httptest.NewUnstartedServer(handler)
	w.srv.TLS = smtptest.TLSConfig(w.ca.Issue(t, certName, time.Now().AddDate(0, 1, 0)))
	w.srv.StartTLS()
	t.Cleanup(w.srv.Close)
	w.opts = mtasts.Options{
		Resolver: &dnsx.Resolver{Servers: []string{w.dns.Addr()}, Timeout: 2 * time.Second, Attempts: 1},
		RootCAs:  w.ca.Pool(),
		Timeout:  2 * time.Second,
		Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if addr != "192.0.2.80:443" {
				t.Errorf("dialed %s", addr)
			}
			var d net.Dialer
			return d.DialContext(ctx, network, w.srv.Listener.Addr().String())
		},
	}
	return w
}

func serve(body, contentType string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/.well-known/mta-sts.txt" {
			http.NotFound(rw, r)
			return
		}
		rw.Header().Set("Content-Type", contentType)
		rw.Write([]byte(body))
	}
}

func TestFetch(t *testing.T) {
	w := newPolicyWorld(t, "mta-sts.example", serve(policy, "text/plain; charset=utf-8"))
	f := mtasts.Check(context.Background(), w.opts, "example")
	if f.Record == nil || f.Record.ID != "20260101" || f.Policy == nil || f.FetchErr != "" || f.PolicyErr != "" {
		t.Fatalf("%+v", f)
	}
	if f.Policy.Mode != mtasts.ModeEnforce || f.Addr.String() != "192.0.2.80" || f.Status != 200 {
		t.Errorf("%+v", f)
	}
}

// TestFetchFailures: every way a policy can fail to arrive is a fact with
// its kind, bounded in time and size.
func TestFetchFailures(t *testing.T) {
	big := strings.Repeat("x", 10<<20)
	for _, tc := range []struct {
		name     string
		certName string
		handler  http.HandlerFunc
		kind     mtasts.FetchErrorKind
		policy   string // PolicyErr
	}{
		{"wrong certificate name", "www.example", serve(policy, "text/plain"), mtasts.FetchTLS, ""},
		{"404", "mta-sts.example", http.NotFound, mtasts.FetchHTTP, ""},
		{"redirect loop", "mta-sts.example", func(rw http.ResponseWriter, r *http.Request) {
			http.Redirect(rw, r, r.URL.String(), http.StatusFound)
		}, mtasts.FetchRedirect, ""},
		{"10 MB policy", "mta-sts.example", serve(big, "text/plain"), mtasts.FetchTooLarge, ""},
		{"slow server", "mta-sts.example", func(rw http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
			// Never answer: returning would send an empty 200 that
			// can race the client's timeout (a flake seen under load).
			panic(http.ErrAbortHandler)
		}, mtasts.FetchTimeout, ""},
		{"HTML", "mta-sts.example", serve("<html><body>hello</body></html>", "text/html"), "", "not \"key: value\""},
		{"wrong content type", "mta-sts.example", serve(policy, "text/html"), "", "Content-Type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newPolicyWorld(t, tc.certName, tc.handler)
			start := time.Now()
			f := mtasts.Check(context.Background(), w.opts, "example")
			if took := time.Since(start); took > 9*time.Second {
				t.Errorf("fetch took %v with a 2s timeout", took)
			}
			if f.FetchKind != tc.kind || tc.kind != "" && f.FetchErr == "" || !strings.Contains(f.PolicyErr, tc.policy) || tc.policy != "" && f.PolicyErr == "" {
				t.Errorf("kind %q err %q policy %q", f.FetchKind, f.FetchErr, f.PolicyErr)
			}
			if len(f.Body) > mtasts.MaxPolicySize || len(f.FetchErr) > 300 {
				t.Errorf("unbounded: body %d bytes, error %d bytes", len(f.Body), len(f.FetchErr))
			}
		})
	}
}

func TestCheckRecords(t *testing.T) {
	d := dnstest.Start(t,
		`_mta-sts.two.example. 300 IN TXT "v=STSv1; id=1"`,
		`_mta-sts.two.example. 300 IN TXT "v=STSv1; id=2"`,
		`_mta-sts.other.example. 300 IN TXT "v=spf1 -all"`,
		`_mta-sts.bad.example. 300 IN TXT "v=STSv1; id=no-dashes"`,
		`_mta-sts.huge.example. 300 IN TXT "v=STSv1; id=1; x=" `+strings.Repeat(`"`+strings.Repeat("y", 250)+`" `, 240),
		"mta-sts.two.example. 300 IN A 192.0.2.81",
	)
	d.ServFail("_mta-sts.broken.example.")
	o := mtasts.Options{
		Resolver: &dnsx.Resolver{Servers: []string{d.Addr()}, Timeout: 2 * time.Second, Attempts: 1},
		Timeout:  time.Second,
		Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "refused in the test"}}
		},
	}
	for _, tc := range []struct {
		domain    string
		records   int
		recordErr bool
		lookupErr bool
		fetched   bool
	}{
		{"two.example", 2, false, false, true},
		{"other.example", 0, false, false, false},
		{"bad.example", 1, true, false, true},
		{"broken.example", 0, false, true, false},
		{"huge.example", 1, true, false, true}, // a 60 KiB record: cut, and refused

		{"none.example", 0, false, false, false},
	} {
		f := mtasts.Check(context.Background(), o, tc.domain)
		if len(f.Records) > 0 && len(f.Records[0]) > mtasts.MaxRecordLen {
			t.Errorf("%s: a record of %d bytes kept", tc.domain, len(f.Records[0]))
		}
		if len(f.Records) != tc.records || (f.RecordErr != "") != tc.recordErr || (f.LookupErr != "") != tc.lookupErr || (f.URL != "") != tc.fetched {
			t.Errorf("%s: %+v", tc.domain, f)
		}
	}
}
