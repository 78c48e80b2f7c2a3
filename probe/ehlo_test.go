package probe

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseExtensions(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		want  map[string]string
	}{
		{nil, map[string]string{}},
		{[]string{"mx.example.com greets you"}, map[string]string{}},
		{
			[]string{"mx.example.com", "PIPELINING", "SIZE 35882577", "starttls", "AUTH PLAIN LOGIN", "AUTH=PLAIN LOGIN", "8BITMIME", "ENHANCEDSTATUSCODES"},
			map[string]string{"PIPELINING": "", "SIZE": "35882577", "STARTTLS": "", "AUTH": "PLAIN LOGIN", "AUTH=PLAIN": "LOGIN", "8BITMIME": "", "ENHANCEDSTATUSCODES": ""},
		},
		{
			[]string{"mx", "  SIZE   1000  ", "SIZE 2000", "-BAD", "", "X_UNDERSCORE", `\x1bESC`, "DSN"},
			map[string]string{"SIZE": "1000", "DSN": ""},
		},
	} {
		if got := parseExtensions(tc.lines); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %v\nwant %v", tc.lines, got, tc.want)
		}
	}
}

func FuzzParseExtensions(f *testing.F) {
	f.Add("mx.example.com\nPIPELINING\nSIZE 10240000\nSTARTTLS\nAUTH PLAIN LOGIN")
	f.Add("mx\nAUTH=LOGIN\nsize\t5")
	f.Fuzz(func(t *testing.T, in string) {
		lines := strings.Split(in, "\n")
		ext := parseExtensions(lines)
		if len(ext) >= len(lines) && len(ext) > 0 {
			t.Fatalf("%d extensions from %d lines", len(ext), len(lines))
		}
		for kw := range ext {
			if kw != strings.ToUpper(kw) || !validKeyword(kw) {
				t.Fatalf("keyword %q", kw)
			}
		}
	})
}
