package probe

import (
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		in, domain, rcpt string
	}{
		{"example.com", "example.com", "postmaster@example.com"},
		{"Example.COM.", "example.com", "postmaster@example.com"},
		{"  example.com  ", "example.com", "postmaster@example.com"},
		{"user@example.com", "example.com", "user@example.com"},
		{"<User.Name+tag@Example.com>", "example.com", "User.Name+tag@example.com"},
		{"bücher.example", "xn--bcher-kva.example", "postmaster@xn--bcher-kva.example"},
		{"info@münchen.de", "xn--mnchen-3ya.de", "info@xn--mnchen-3ya.de"},
		{"ÉXAMPLE.com", "xn--xample-9ua.com", "postmaster@xn--xample-9ua.com"},
		{"john doe@example.com", "example.com", `"john doe"@example.com`},
		{`"john doe"@example.com`, "example.com", `"john doe"@example.com`},
		{"a..b@example.com", "example.com", `"a..b"@example.com`},
		{".a@example.com", "example.com", `".a"@example.com`},
		{`a"b\c@example.com`, "example.com", `"a\"b\\c"@example.com`},
		{`"a@b"@example.com`, "example.com", `"a@b"@example.com`},
		{"x@" + strings.Repeat("a", 63) + ".com", strings.Repeat("a", 63) + ".com", "x@" + strings.Repeat("a", 63) + ".com"},
		{"localhost", "localhost", "postmaster@localhost"},
		// An opening quote without its closing one is a character like
		// any other: the local part is quoted whole.
		{`"unterminated@example.com`, "example.com", `"\"unterminated"@example.com`},
	} {
		got, err := ParseTarget(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		want := Target{Input: strings.Trim(tc.in, " "), Domain: tc.domain, Rcpt: tc.rcpt}
		if got != want {
			t.Errorf("%q: got %+v, want %+v", tc.in, got, want)
		}
	}
}

func TestParseTargetBad(t *testing.T) {
	long63 := strings.Repeat("a", 63)
	for _, tc := range []struct{ in, has string }{
		{"", "empty target"},
		{"   ", "empty target"},
		{"example.com\r\nRCPT TO:<x@y>", "CR, LF or NUL"},
		{"exam\x00ple.com", "CR, LF or NUL"},
		{"user@example.com\n", "CR, LF or NUL"},
		{"user\r@example.com", "CR, LF or NUL"},
		{"example..com", "invalid domain"},
		{".example.com", "invalid domain"},
		{"example.com..", "invalid domain"},
		{".", "empty"},
		{"-example.com", "invalid domain"},
		{"example-.com", "invalid domain"},
		{"exa_mple.com", "invalid domain"},
		{"exa mple.com", "invalid domain"},
		{"example.com:25", "invalid domain"},
		{"http://example.com", "a URL"},
		{"@@example.com", "more than one @"},
		{"@@", "more than one @"},
		{strings.Repeat("a", 64) + ".com", "invalid domain"},
		{strings.Repeat(long63+".", 4) + "com", "longer than 253 bytes"},
		{"192.0.2.1", "an IP address is not a mail domain"},
		{"[192.0.2.1]", "an IP address is not a mail domain"},
		{"2001:db8::1", "an IP address is not a mail domain"},
		{"example.123", "the last label is numeric"},
		{"user@", "empty"},
		{"@example.com", "empty local part"},
		{"user@[192.0.2.1]", "address literals are not supported"},
		{"user@exa mple.com", "invalid domain"},
		{"üser@example.com", "SMTPUTF8"},
		{"us\ter@example.com", "not printable ASCII"},
		{`"bad"quote"@example.com`, "malformed quoted local part"},
		{`"ends in backslash\"@example.com`, "malformed quoted local part"},
		{strings.Repeat("u", 65) + "@example.com", "local part longer than 64 bytes"},
		{"a" + strings.Repeat(" ", 62) + "b@example.com", "local part longer than 64 bytes"},
		{"u@" + strings.Repeat(long63+".", 3) + strings.Repeat("a", 61), "longer than 254 bytes"},
		{strings.Repeat("a", 2000) + ".com", "longer than 1024 bytes"},
		// Typos: a one-line error that says what was probably meant.
		{"user@@ok.test", "more than one @; did you mean user@ok.test?"},
		{"user@ok.test@x", "more than one @; did you mean user@ok.test?"},
		{"mailto:user@ok.test", "a mailto: link, not an address; did you mean user@ok.test?"},
		{"MAILTO:user@ok.test?subject=hi", "did you mean user@ok.test?"},
		{"https://example.com/", "a URL, not a domain or an address; did you mean example.com?"},
		{"smtp://me@mail.example.com:587", "a URL, not a domain or an address; did you mean mail.example.com?"},
		{"example.com:25", "a port is not part of a domain; did you mean example.com with --port 25?"},
		{"example.com/contact", "a path is not part of a domain; did you mean example.com?"},
		{"user@example.com:587", "did you mean example.com with --port 587?"},
		// No suggestion of a port that --port refuses.
		{"example.com:0", `a port is not part of a domain, and "0" is no port (1 to 65535)`},
		{"example.com:99999", `a port is not part of a domain, and "99999" is no port (1 to 65535)`},
	} {
		got, err := ParseTarget(tc.in)
		if err == nil {
			t.Errorf("%.50q: no error, got %+v", tc.in, got)
			continue
		}
		if !strings.Contains(err.Error(), tc.has) || strings.ContainsAny(err.Error(), "\r\n") {
			t.Errorf("%.50q: error %q, want one line containing %q", tc.in, err, tc.has)
		}
	}
}

func TestParseAddress(t *testing.T) {
	for in, want := range map[string]string{
		"probe@probe.test":     "probe@probe.test",
		"<probe@Probe.Test.>":  "probe@probe.test",
		"x y@bücher.example":   `"x y"@xn--bcher-kva.example`,
		"first.last@sub.ex.io": "first.last@sub.ex.io",
	} {
		if got, err := ParseAddress(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "no-at-sign", "a@b@", "user@exa\nmple.com", "user@-x.com", "<>"} {
		if got, err := ParseAddress(in); err == nil {
			t.Errorf("%q: no error, got %q", in, got)
		}
	}
}

func TestParseVrfy(t *testing.T) {
	for in, want := range map[string]string{
		"postmaster":       "postmaster",
		"John Doe":         `"John Doe"`,
		"user@Example.com": "user@example.com",
	} {
		if got, err := ParseVrfy(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "a\r\nDATA", "ü"} {
		if got, err := ParseVrfy(in); err == nil {
			t.Errorf("%q: no error, got %q", in, got)
		}
	}
}

func TestParseHelo(t *testing.T) {
	for in, want := range map[string]string{
		"probe.example.com":  "probe.example.com",
		"Probe.Example.COM.": "probe.example.com",
		"bücher.example":     "xn--bcher-kva.example",
		"[192.0.2.1]":        "[192.0.2.1]",
		"[IPv6:2001:db8::1]": "[IPv6:2001:db8::1]",
		"localhost":          "localhost",
	} {
		if got, err := ParseHelo(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "probe\r\n.example.com", "[192.0.2.1", "[IPv6:192.0.2.1]", "[2001:db8::1]", "[300.1.1.1]",
		"[IPv6:fe80::1%eth0]", "under_score.example", "192.0.2.1", "a b"} {
		if got, err := ParseHelo(in); err == nil {
			t.Errorf("%q: no error, got %q", in, got)
		}
	}
}

func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"example.com", "user@example.com", `"a b"@example.com`, "bücher.example", "x@[1.2.3.4]", "a..b@c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		tg, err := ParseTarget(in)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		if strings.ContainsAny(tg.Rcpt+tg.Domain, "\r\n\x00") {
			t.Fatalf("CR, LF or NUL in %+v", tg)
		}
		if !strings.HasSuffix(tg.Rcpt, "@"+tg.Domain) || len(tg.Domain) > 253 || len(tg.Rcpt) > maxPath-2 {
			t.Fatalf("target %+v", tg)
		}
		// What ParseTarget returns parses again to itself.
		again, err := ParseAddress(tg.Rcpt)
		if err != nil || again != tg.Rcpt {
			t.Fatalf("%q reparsed: %q %v", tg.Rcpt, again, err)
		}
		if d, err := ParseDomain(tg.Domain); err != nil || d != tg.Domain {
			t.Fatalf("%q reparsed: %q %v", tg.Domain, d, err)
		}
	})
}
