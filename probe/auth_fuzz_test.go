package probe_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/smtpprobe/smtpprobe/probe"
)

// FuzzAuthMechanisms feeds EHLO replies from the network to the AUTH
// parser: whatever the lines, the mechanisms are valid names, unique, and
// each comes from the reply.
func FuzzAuthMechanisms(f *testing.F) {
	f.Add("mx.test\nAUTH PLAIN LOGIN\nSTARTTLS")
	f.Add("mx.test\nAUTH=LOGIN PLAIN\nAUTH PLAIN CRAM-MD5")
	f.Add("mx.test\nauth plain\nAUTH= \nAUTH")
	f.Fuzz(func(t *testing.T, reply string) {
		ms := probe.AuthMechanisms(probe.ParseExtensions(strings.Split(reply, "\n")))
		upper := strings.ToUpper(reply)
		for i, m := range ms {
			if m == "" || len(m) > 20 || strings.ToUpper(m) != m || !strings.Contains(upper, m) {
				t.Errorf("mechanism %q from %q", m, reply)
			}
			if slices.Contains(ms[:i], m) {
				t.Errorf("%q listed twice: %v", m, ms)
			}
		}
	})
}

// FuzzDecodeChallenge feeds 334 challenge text from the network to the
// decoder: the result is bounded, printable and one line.
func FuzzDecodeChallenge(f *testing.F) {
	f.Add("eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==")
	f.Add("VXNlcm5hbWU6")
	f.Add("not base64 !")
	f.Add("AAEC/w==")
	f.Fuzz(func(t *testing.T, line string) {
		got := probe.DecodeChallenge(line)
		if len(got) > 4*500 || !utf8.ValidString(got) || strings.ContainsAny(got, "\r\n\x00\x1b") {
			t.Errorf("DecodeChallenge(%q) = %q", line, got)
		}
	})
}
