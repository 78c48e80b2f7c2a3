package hostport_test

import (
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/hostport"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]hostport.HostPort{
		"mx.example.com":                {"mx.example.com", 25},
		"MX.Example.COM.":               {"mx.example.com", 25},
		"mx.example.com:2525":           {"mx.example.com", 2525},
		"mx.example.com.:2525":          {"mx.example.com", 2525},
		"localhost":                     {"localhost", 25},
		"bücher.example:587":            {"xn--bcher-kva.example", 587},
		"192.0.2.1":                     {"192.0.2.1", 25},
		"192.0.2.1:465":                 {"192.0.2.1", 465},
		"2001:db8::1":                   {"2001:db8::1", 25},
		"2001:DB8:0::1":                 {"2001:db8::1", 25},
		"[2001:db8::1]":                 {"2001:db8::1", 25},
		"[2001:db8::1]:587":             {"2001:db8::1", 587},
		"[fe80::1%eth0]:53":             {"fe80::1%eth0", 53},
		"::ffff:192.0.2.1":              {"::ffff:192.0.2.1", 25},
		"mx.example.com:65535":          {"mx.example.com", 65535},
		"mx.example.com:00025":          {"mx.example.com", 25},
		strings.Repeat("a.", 126) + "b": {strings.Repeat("a.", 126) + "b", 25},
	} {
		got, err := hostport.Parse(in, 25)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for in, why := range map[string]string{
		"":                                    "empty",
		":25":                                 "empty",
		"mx.example.com:":                     `port ""`,
		"mx.example.com:0":                    `port "0"`,
		"mx.example.com:-1":                   `port "-1"`,
		"mx.example.com:+25":                  `port "+25"`,
		"mx.example.com:65536":                `port "65536"`,
		"mx.example.com:99999999999999999999": "port",
		"mx.example.com:smtp":                 `port "smtp"`,
		"[2001:db8::1]:0":                     `port "0"`,
		"[2001:db8::1":                        "without",
		"[2001:db8::1]25":                     "after the closing bracket",
		"[192.0.2.1]:25":                      "brackets hold an IPv6 address",
		"[mx.example.com]:25":                 "brackets hold an IPv6 address",
		"2001:db8::1::25":                     "in brackets",
		"a:b:c":                               "in brackets",
		"mx example.com":                      "space",
		"mx.example.com\r\nQUIT":              "control",
		"mx..example.com":                     "empty label",
		"-mx.example.com":                     "-mx",
		"mx_1.example.com":                    "",
		"192.0.2":                             "numeric",
		"http://mx.example.com/":              "",
		strings.Repeat("a", 64) + ".example":  "label",
		strings.Repeat("a.", 127) + "b":       "longer",
		strings.Repeat("a", 2000):             "longer",
	} {
		got, err := hostport.Parse(in, 25)
		if err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("Parse(%q) = %+v, %v; want an error with %q", in, got, err, why)
		}
	}
}

func TestParseDefaultPort(t *testing.T) {
	// With a default of 0 a caller learns that no port was given.
	for in, want := range map[string]int{"mx.example.com": 0, "2001:db8::1": 0, "[2001:db8::1]": 0, "mx.example.com:26": 26} {
		if got, err := hostport.Parse(in, 0); err != nil || got.Port != want {
			t.Errorf("Parse(%q, 0) = %+v, %v; want port %d", in, got, err, want)
		}
	}
}

func TestString(t *testing.T) {
	for hp, want := range map[hostport.HostPort]string{
		{"mx.example.com", 25}: "mx.example.com:25",
		{"2001:db8::1", 587}:   "[2001:db8::1]:587",
		{"2001:db8::1", 0}:     "2001:db8::1",
		{"mx.example.com", 0}:  "mx.example.com",
	} {
		if got := hp.String(); got != want {
			t.Errorf("%+v.String() = %q, want %q", hp, got, want)
		}
	}
}

// FuzzParse feeds HOST[:PORT] from the command line and the exporter's
// query to the parser: no panic, a one-line error or a host that is a
// valid name or address with a port in range, which parses again to
// itself and dials as net.SplitHostPort expects.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"mx.example.com:25", "[2001:db8::1]:587", "2001:db8::1", "bücher.example", "[fe80::1%]]:1", "a:0", "[::1", "x:+1"} {
		f.Add(s, 25)
	}
	f.Fuzz(func(t *testing.T, in string, def int) {
		def = max(0, min(def, 65535))
		hp, err := hostport.Parse(in, def)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("Parse(%q): multi-line error %q", in, err)
			}
			return
		}
		if hp.Host == "" || hp.Port < 0 || hp.Port > 65535 || hp.Port == 0 && def != 0 {
			t.Fatalf("Parse(%q, %d) = %+v", in, def, hp)
		}
		for _, c := range []byte(hp.Host) {
			if c <= ' ' || c >= 0x7f {
				t.Fatalf("Parse(%q) host %q has byte %#x", in, hp.Host, c)
			}
		}
		again, err := hostport.Parse(hp.String(), def)
		if err != nil || again != hp {
			t.Fatalf("Parse(%q) = %+v; its String %q parses to %+v, %v", in, hp, hp.String(), again, err)
		}
		if hp.Port != 0 {
			h, p, err := net.SplitHostPort(hp.String())
			if err != nil || h != hp.Host || p != strconv.Itoa(hp.Port) {
				t.Fatalf("SplitHostPort(%q) = %q, %q, %v", hp.String(), h, p, err)
			}
		}
	})
}
