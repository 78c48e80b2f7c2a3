package tlsrpt_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/tlsrpt"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in, rua, err string
	}{
		{"v=TLSRPTv1; rua=mailto:tlsrpt@example.com", "mailto:tlsrpt@example.com", ""},
		{"v=TLSRPTv1;rua=mailto:a@example.com,https://report.example.com/tlsrpt;", "mailto:a@example.com https://report.example.com/tlsrpt", ""},
		{"v=TLSRPTv1; rua=mailto:a@example.com , mailto:b@example.net; ext=1", "mailto:a@example.com mailto:b@example.net", ""},
		{"v=TLSRPTv1", "", "no rua"},
		{"v=TLSRPTv1;", "", "no rua"},
		{"v=TLSRPTv1; ext=1", "", "no rua"},
		{"v=TLSRPTv2; rua=mailto:a@example.com", "", "does not begin"},
		{"rua=mailto:a@example.com; v=TLSRPTv1", "", "does not begin"},
		{"v=TLSRPTv1; rua=http://example.com/", "", "not a mailto or https URI"},
		{"v=TLSRPTv1; rua=mailto:nobody", "", "no mail address"},
		{"v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com", "", "twice"},
		{"v=TLSRPTv1; rua", "", "malformed field"},
		{"v=TLSRPTv1; rua=", "", "malformed field"},
	} {
		rec, err := tlsrpt.Parse(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Parse(%q) = %v, want an error with %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || strings.Join(rec.RUA, " ") != tc.rua {
			t.Errorf("Parse(%q) = %q, %v; want %q", tc.in, rec.RUA, err, tc.rua)
		}
	}
}

func resolver(s *dnstest.Server) *dnsx.Resolver {
	return &dnsx.Resolver{Servers: []string{s.Addr()}, Timeout: 5 * time.Second, Attempts: 1}
}

func TestLookup(t *testing.T) {
	huge := strings.Repeat(`"`+strings.Repeat("x", 250)+`" `, 240) // about 60 KiB in one record
	s := dnstest.Start(t,
		`_smtp._tls.good.example. 300 IN TXT "v=TLSRPTv1; rua=mailto:tls@good.example"`,
		`_smtp._tls.good.example. 300 IN TXT "some other text"`,
		`_smtp._tls.split.example. 300 IN TXT "v=TLSRPTv1; " "rua=mailto:tls@split.example"`,
		`_smtp._tls.two.example. 300 IN TXT "v=TLSRPTv1; rua=mailto:a@two.example"`,
		`_smtp._tls.two.example. 300 IN TXT "v=TLSRPTv1; rua=mailto:b@two.example"`,
		`_smtp._tls.bad.example. 300 IN TXT "v=TLSRPTv1; rua=ftp://bad.example"`,
		`_smtp._tls.huge.example. 300 IN TXT "v=TLSRPTv1; rua=mailto:a@huge.example; x=" `+huge,
		`none.example. 300 IN A 192.0.2.1`,
	)
	s.ServFail("_smtp._tls.broken.example.")
	for _, tc := range []struct {
		domain  string
		records int
		rua     string
		parse   bool // a parse error
		err     bool
	}{
		{"good.example", 1, "mailto:tls@good.example", false, false},
		{"split.example", 1, "mailto:tls@split.example", false, false},
		{"two.example", 2, "", false, false},
		{"bad.example", 1, "", true, false},
		{"huge.example", 1, "", true, false},
		{"none.example", 0, "", false, false},
		{"broken.example", 0, "", false, true},
	} {
		f := tlsrpt.Lookup(context.Background(), resolver(s), tc.domain)
		var rua string
		if f.Record != nil {
			rua = strings.Join(f.Record.RUA, " ")
		}
		if len(f.Records) != tc.records || rua != tc.rua || (f.ParseErr != "") != tc.parse || (f.Err != "") != tc.err {
			t.Errorf("%s: %+v", tc.domain, f)
		}
		for _, r := range f.Records {
			if len(r) > tlsrpt.MaxRecordLen {
				t.Errorf("%s: record of %d bytes kept", tc.domain, len(r))
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1;rua=https://x.example/r,mailto:b@example.com;", "v=TLSRPTv1; a=b; rua=mailto:x@y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		rec, err := tlsrpt.Parse(in)
		if err != nil {
			return
		}
		if len(rec.RUA) == 0 || len(rec.RUA) > tlsrpt.MaxRUA || !strings.HasPrefix(in, "v=TLSRPTv1") {
			t.Fatalf("Parse(%q) = %+v", in, rec)
		}
	})
}
