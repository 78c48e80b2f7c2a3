package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// TestContractTargets pins what a TARGET is: a domain (postmaster@), an
// address, "-" for standard input, and international names as A-labels.
func TestContractTargets(t *testing.T) {
	// TestJSONLinesFromStdin pins "-" with # comments and blank lines.
	srv := smtptest.Start(t, smtptest.Options{})
	d := dnstest.Start(t,
		"example.test. 300 IN MX 10 mx.example.test.",
		"mx.example.test. 300 IN A 192.0.2.60",
		"xn--bcher-kva.test. 300 IN MX 10 mx.xn--bcher-kva.test.",
		"mx.xn--bcher-kva.test. 300 IN A 192.0.2.60",
	)
	ce := cmdEnv{routes: map[string]string{"192.0.2.60:25": srv.Addr}}

	tests := []struct {
		name, target, rcpt, mxQuery string
	}{
		{"domain", "example.test", "postmaster@example.test", "example.test."},
		{"address", "User.Name@example.test", "User.Name@example.test", "example.test."},
		{"IDN domain", "bücher.test", "postmaster@xn--bcher-kva.test", "xn--bcher-kva.test."},
		{"IDN address", "kunde@BÜCHER.test", "kunde@xn--bcher-kva.test", "xn--bcher-kva.test."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := d.Count(tt.mxQuery, "MX")
			r := runWith(t, ce, "--resolver", d.Addr(), "-o", "json", tt.target)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if after, _ := d.Count(tt.mxQuery, "MX"); after == before {
				t.Errorf("no MX question for %s", tt.mxQuery)
			}
			if !strings.Contains(events(srv), "RCPT <"+tt.rcpt+">") {
				t.Errorf("server saw %q, want RCPT <%s>", events(srv), tt.rcpt)
			}
			obj := decodeOne(t, r)
			if got := str(t, obj, "domain"); got != strings.TrimSuffix(tt.mxQuery, ".") {
				t.Errorf("domain %q, want %q", got, strings.TrimSuffix(tt.mxQuery, "."))
			}
		})
	}
	for _, q := range d.Queries() {
		for _, r := range q.Name {
			if r > unicode.MaxASCII {
				t.Errorf("DNS question with a U-label: %q", q.Name)
			}
		}
	}
}

// tlsWorld serves mx.tls.test (192.0.2.70) from srv and trusts ca.
func tlsWorld(t *testing.T, o smtptest.Options, port int) (cmdEnv, *dnstest.Server, *smtptest.Server, *smtptest.CA) {
	ca := smtptest.NewCA(t)
	if o.TLS == nil {
		o.TLS = smtptest.TLSConfig(ca.Issue(t, "mx.tls.test", time.Now().Add(90*24*time.Hour)))
	}
	o.Domain = "mx.tls.test"
	srv := smtptest.Start(t, o)
	d := dnstest.Start(t, "tls.test. 300 IN MX 10 mx.tls.test.", "mx.tls.test. 300 IN A 192.0.2.70")
	return cmdEnv{routes: map[string]string{fmt.Sprintf("192.0.2.70:%d", port): srv.Addr}, roots: ca.Pool()}, d, srv, ca
}

// TestContractTLS pins --starttls auto, require and never, and --tls.
func TestContractTLS(t *testing.T) {
	t.Run("auto uses STARTTLS when offered", func(t *testing.T) {
		ce, d, _, _ := tlsWorld(t, smtptest.Options{}, 25)
		r := runWith(t, ce, "--resolver", d.Addr(), "-o", "json", "tls.test")
		obj := decodeOne(t, r)
		if r.code != 0 || !slices.Contains(stepCommands(t, obj), "STARTTLS") {
			t.Errorf("exit %d, steps %q; want 0 with STARTTLS", r.code, stepCommands(t, obj))
		}
		if v := str(t, obj, "hosts.0.tls.version"); !strings.HasPrefix(v, "TLS 1.") {
			t.Errorf("tls.version %q", v)
		}
		if v, _ := jget(obj, "hosts.0.tls.verified"); v != true {
			t.Errorf("tls.verified %v, want true", v)
		}
	})
	t.Run("never", func(t *testing.T) {
		ce, d, _, _ := tlsWorld(t, smtptest.Options{}, 25)
		r := runWith(t, ce, "--resolver", d.Addr(), "--starttls", "never", "-o", "json", "tls.test")
		obj := decodeOne(t, r)
		if slices.Contains(stepCommands(t, obj), "STARTTLS") {
			t.Errorf("--starttls never sent STARTTLS: %q", stepCommands(t, obj))
		}
		want(t, obj, "hosts.0.tls", "null")
		if r.code != 0 {
			t.Errorf("exit %d, want 0", r.code)
		}
	})
	t.Run("require with STARTTLS offered", func(t *testing.T) {
		ce, d, _, _ := tlsWorld(t, smtptest.Options{}, 25)
		if r := runWith(t, ce, "--resolver", d.Addr(), "--starttls", "require", "tls.test"); r.code != 0 {
			t.Errorf("exit %d, want 0\n%s", r.code, r.stdout)
		}
	})
	t.Run("require with STARTTLS missing is critical", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{})
		r := runWith(t, cmdEnv{}, "--server", srv.Addr, "--starttls", "require", "user@example.test")
		if r.code != 2 {
			t.Errorf("exit %d, want 2\n%s", r.code, r.stdout)
		}
		if strings.Contains(events(srv), "MAIL") {
			t.Errorf("MAIL sent in clear: %s", events(srv))
		}
	})
	t.Run("implicit TLS", func(t *testing.T) {
		// --tls talks TLS from the first byte, on port 465 unless -p.
		ce, d, _, _ := tlsWorld(t, smtptest.Options{ImplicitTLS: true}, 465)
		r := runWith(t, ce, "--resolver", d.Addr(), "--tls", "-o", "json", "tls.test")
		obj := decodeOne(t, r)
		if r.code != 0 {
			t.Errorf("exit %d\n%s", r.code, r.stdout)
		}
		if v, _ := jget(obj, "hosts.0.tls.implicit"); v != true {
			t.Errorf("tls.implicit %v, want true", v)
		}
		if st := stepCommands(t, obj); len(st) == 0 || st[0] != "" || slices.Contains(st, "STARTTLS") {
			t.Errorf("steps %q: want the greeting first and no STARTTLS", st)
		}
		// Without --tls the same server never greets in clear: the probe's
		// wrong choice, so unknown, and the fix is --tls (issue 10 item 11).
		r = runWith(t, ce, "--resolver", d.Addr(), "-p", "465", "--timeout", "500ms", "tls.test")
		if r.code != 3 || !strings.Contains(r.stdout, "use --tls") {
			t.Errorf("without --tls: exit %d, want 3 and 'use --tls'\n%s", r.code, r.stdout)
		}
	})
}
