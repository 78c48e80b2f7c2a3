package dkim_test

import (
	"errors"
	"testing"

	"github.com/smtpprobe/smtpprobe/dkim"
)

// FuzzParse parses fuzzed key records: no panic, an error is a syntax
// error, and a parsed key is revoked, sized or of an unknown type.
// Seeds in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		k, err := dkim.Parse(s)
		if err != nil {
			if !errors.Is(err, dkim.ErrSyntax) {
				t.Fatalf("error %v is not a syntax error", err)
			}
			return
		}
		known := k.Type == "rsa" || k.Type == "ed25519"
		if !k.Revoked && known && k.Bits == 0 {
			t.Fatalf("a %s key of 0 bits", k.Type)
		}
	})
}
