package dmarc_test

import (
	"testing"

	"github.com/smtpprobe/smtpprobe/dmarc"
)

// FuzzParse parses fuzzed records: no panic, the policies are valid or
// empty, and the URI lists are bounded. Seeds in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		r, err := dmarc.Parse(s)
		if err != nil {
			return
		}
		for _, p := range []string{r.Policy, r.SubdomainPolicy, r.NonexistentPolicy} {
			switch p {
			case "", "none", "quarantine", "reject":
			default:
				t.Fatalf("policy %q", p)
			}
		}
		if len(r.RUA) > dmarc.MaxURIs || len(r.RUF) > dmarc.MaxURIs || r.Percent < 0 || r.Percent > 100 {
			t.Fatalf("rua %d ruf %d pct %d", len(r.RUA), len(r.RUF), r.Percent)
		}
		for _, u := range append(r.RUA, r.RUF...) {
			if _, err := dmarc.ParseURI(u); err != nil {
				t.Fatalf("kept URI %q: %v", u, err)
			}
		}
	})
}
