package spf

import (
	"net/netip"
	"strings"
	"testing"
)

// FuzzParse parses fuzzed records and expands their domain-specs: no
// panic, the terms are the record's words, and every accepted domain-spec
// expands. The seeds in testdata/fuzz/FuzzParse are real-world records
// and broken ones.
func FuzzParse(f *testing.F) {
	env := &macroEnv{sender: "a.b@example.com", domain: "example.com", ip: netip.MustParseAddr("2001:db8::1"), helo: "h.example.com"}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Parse(s)
		if err != nil {
			if r != nil {
				t.Fatal("a record with an error")
			}
			return
		}
		if got, want := len(r.Terms), len(strings.Fields(strings.ReplaceAll(s[6:], "\t", "x"))); got != want {
			t.Fatalf("%d terms from %d words", got, want)
		}
		for _, term := range r.Terms {
			if term.Domain == "" {
				continue
			}
			if _, err := expand(term.Domain, env, false); err != nil && term.Modifier != "" && term.Modifier != Redirect && term.Modifier != Exp {
				continue
			} else if err != nil {
				t.Fatalf("%q parsed but does not expand: %v", term.Domain, err)
			}
		}
	})
}
