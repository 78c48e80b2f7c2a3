package mtasts_test

import (
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/mtasts"
)

func TestParseRecord(t *testing.T) {
	for _, tc := range []struct{ in, id, err string }{
		{"v=STSv1; id=20260101T000000;", "20260101T000000", ""},
		{"v=STSv1;id=abc", "abc", ""},
		{"v=STSv1; id=abc; ext=x", "abc", ""},
		{"v=STSv1", "", "no id"},
		{"v=STSv2; id=abc", "", "does not begin"},
		{"id=abc; v=STSv1", "", "does not begin"},
		{"v=STSv1; id=abc-def", "", "letters and digits"},
		{"v=STSv1; id=" + strings.Repeat("a", 33), "", "letters and digits"},
		{"v=STSv1; id=a; id=b", "", "twice"},
		{"v=STSv1; id", "", "malformed"},
	} {
		rec, err := mtasts.ParseRecord(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseRecord(%q) = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || rec.ID != tc.id {
			t.Errorf("ParseRecord(%q) = %+v, %v", tc.in, rec, err)
		}
	}
}

func TestParsePolicy(t *testing.T) {
	good := "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n"
	p, err := mtasts.ParsePolicy(good)
	if err != nil || p.Mode != mtasts.ModeEnforce || p.MaxAge != 604800 || strings.Join(p.MX, " ") != "mail.example.com *.example.net" {
		t.Fatalf("%+v %v", p, err)
	}
	for _, tc := range []struct{ in, err string }{
		{"version: STSv1\nmode: none\nmax_age: 86400\n", ""},
		{"version: STSv1\nmode: testing\nmx: a.example\nmax_age: 0\nfoo: bar\n", ""},
		{"mode: enforce\nmx: a.example\nmax_age: 1\n", "no version"},
		{"version: STSv1\nmx: a.example\nmax_age: 1\n", "no mode"},
		{"version: STSv1\nmode: enforce\nmx: a.example\n", "no max_age"},
		{"version: STSv1\nmode: enforce\nmax_age: 1\n", "no mx"},
		{"version: STSv1\nmode: strict\nmx: a.example\nmax_age: 1\n", "mode"},
		{"version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n", "max_age"},
		{"version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n", "max_age"},
		{"version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1e6\n", "max_age"},
		{"version: STSv1\nmode: enforce\nmx: a..example\nmax_age: 1\n", "mx"},
		{"version: STSv1\nmode: enforce\nmode: none\nmx: a.example\nmax_age: 1\n", "twice"},
		{"<html>\n", "not \"key: value\""},
	} {
		_, err := mtasts.ParsePolicy(tc.in)
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ParsePolicy(%q) = %v, want %q", tc.in, err, tc.err)
		}
	}
}

func TestMatches(t *testing.T) {
	p := mtasts.Policy{MX: []string{"mail.example.com", "*.example.net"}}
	for host, want := range map[string]bool{
		"mail.example.com":   true,
		"MAIL.Example.COM.":  true,
		"mx1.example.net":    true,
		"example.net":        false,
		"a.b.example.net":    false,
		"other.example.com":  false,
		"mail.example.com.x": false,
	} {
		if _, got := p.Matches(host); got != want {
			t.Errorf("Matches(%q) = %v, want %v", host, got, want)
		}
	}
}

func FuzzParsePolicy(f *testing.F) {
	f.Add("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 604800\r\n")
	f.Add("version: STSv1\nmode: none\nmax_age: 0")
	f.Fuzz(func(t *testing.T, in string) {
		p, err := mtasts.ParsePolicy(in)
		if err != nil {
			return
		}
		if p.Version != "STSv1" || p.MaxAge < 0 || p.MaxAge > mtasts.MaxMaxAge || len(p.MX) > mtasts.MaxMX || p.Mode != mtasts.ModeNone && len(p.MX) == 0 {
			t.Fatalf("ParsePolicy(%q) = %+v", in, p)
		}
		for _, m := range p.MX {
			if _, ok := p.Matches(strings.TrimPrefix(m, "*.")); !ok && !strings.HasPrefix(m, "*.") {
				t.Fatalf("pattern %q does not match itself", m)
			}
		}
	})
}

func FuzzParseRecord(f *testing.F) {
	f.Add("v=STSv1; id=20260101T000000;")
	f.Add("v=STSv1;id=a;x=y")
	f.Fuzz(func(t *testing.T, in string) {
		rec, err := mtasts.ParseRecord(in)
		if err == nil && (rec.ID == "" || len(rec.ID) > 32) {
			t.Fatalf("ParseRecord(%q) = %+v", in, rec)
		}
	})
}
