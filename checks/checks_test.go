package checks

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"inbound", "smtp,dnssec,dane,mta-sts,tls-rpt,ptr"},
		{"sender", "spf,dmarc,dkim"},
		{"all", "smtp,dnssec,dane,mta-sts,tls-rpt,ptr,spf,dmarc,dkim"},
		{"spf,dmarc", "spf,dmarc"},
		{"+spf", "smtp,dnssec,dane,mta-sts,tls-rpt,ptr,spf"},
		{"-ptr,-dane", "smtp,dnssec,mta-sts,tls-rpt"},
		{"+dnsbl,-smtp", "dnssec,dane,mta-sts,tls-rpt,ptr,dnsbl"},
		{"all,-smtp", "dnssec,dane,mta-sts,tls-rpt,ptr,spf,dmarc,dkim"},
		{"dane, MTA-STS ", "dane,mta-sts"},
		{"smtp,smtp", "smtp"},
		{"+ sender", "smtp,dnssec,dane,mta-sts,tls-rpt,ptr,spf,dmarc,dkim"},
		{"sender,+dnsbl,-dkim", "spf,dmarc,dnsbl"},
		{"dnsbl", "dnsbl"},
	} {
		s, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := s.String(); got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, got, tc.want)
		}
		if again, err := Parse(s.String()); err != nil || again != s {
			t.Errorf("Parse(%q) does not read back its String %q: %v, %v", tc.in, s, again, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "empty check name"},
		{"spf,", "empty check name"},
		{"+", "empty check name"},
		{"tls", `unknown check "tls"`},
		{"+dnssec,-bogus", `unknown check "bogus"`},
		{"smtp,-smtp", "selects no check"},
		{"-inbound", "selects no check"},
	} {
		_, err := Parse(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", tc.in, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("Parse(%q): error is not one line: %q", tc.in, err)
		}
	}
}

func TestGroups(t *testing.T) {
	if Default != Inbound {
		t.Errorf("Default = %s, want the inbound group", Default)
	}
	if All.Has(DNSBL) {
		t.Error("all includes dnsbl, which runs only when named")
	}
	for _, n := range []Name{SMTP, DNSSEC, DANE, MTASTS, TLSRPT, PTR, SPF, DMARC, DKIM, DNSBL} {
		if !Known(n) || !Of(n).Has(n) || Of(n).Names()[0] != n {
			t.Errorf("%s does not round-trip through a Set", n)
		}
	}
	if Known("tls") || Of().Has("") {
		t.Error("unknown names are known")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"inbound", "+spf,-ptr", "all,-smtp", "", ",", "+-", "dnsbl"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := Parse(in)
		if err != nil {
			if strings.Contains(err.Error(), "\n") && !strings.Contains(in, "\n") {
				t.Errorf("multi-line error %q", err)
			}
			return
		}
		if s == 0 || s >= bitEnd {
			t.Fatalf("Parse(%q) = %b", in, s)
		}
		if again, err := Parse(s.String()); err != nil || again != s {
			t.Fatalf("Parse(%q) = %s does not read back: %v", in, s, err)
		}
	})
}
