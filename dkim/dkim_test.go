package dkim_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dkim"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

// key reads a base64 public key made by openssl (see testdata).
func key(t *testing.T, name string) string {
	b, err := os.ReadFile("testdata/" + name + ".b64")
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// txt builds a TXT record, split into strings of 255 bytes as
// publishers must for long keys.
func txt(name, record string) string {
	var parts []string
	for len(record) > 255 {
		parts = append(parts, fmt.Sprintf("%q", record[:255]))
		record = record[255:]
	}
	parts = append(parts, fmt.Sprintf("%q", record))
	return name + ". TXT " + strings.Join(parts, " ")
}

func TestCheck(t *testing.T) {
	t.Parallel()
	srv := dnstest.Start(t,
		txt("rsa512._domainkey.example.com", "v=DKIM1; k=rsa; p="+key(t, "rsa512")),
		txt("rsa1024._domainkey.example.com", "v=DKIM1; p="+key(t, "rsa1024")),
		txt("pkcs1._domainkey.example.com", "v=DKIM1; k=rsa; p="+key(t, "rsa1024-pkcs1")),
		txt("rsa2048._domainkey.example.com", "v=DKIM1; k=rsa; h=sha256; t=s; p="+key(t, "rsa2048")),
		txt("ed._domainkey.example.com", "v=DKIM1; k=ed25519; p="+key(t, "ed25519")),
		txt("revoked._domainkey.example.com", "v=DKIM1; k=rsa; p="),
		txt("testing._domainkey.example.com", "v=DKIM1; t=y:s; p="+key(t, "rsa2048")),
		txt("garbage._domainkey.example.com", "v=DKIM1; p=bm90IGEga2V5"),
		txt("nop._domainkey.example.com", "v=DKIM1; k=rsa"),
		txt("two._domainkey.example.com", "v=DKIM1; p="+key(t, "rsa1024")),
		txt("two._domainkey.example.com", "v=DKIM1; p="+key(t, "rsa2048")),
		txt("badv._domainkey.example.com", "v=DKIM2; p="+key(t, "rsa1024")),
		"cname._domainkey.example.com. CNAME ed._domainkey.example.com.",
	)
	srv.ServFail("broken._domainkey.example.com")
	tests := []struct {
		sel  string
		want string // type bits revoked flags
		err  error
	}{
		{sel: "rsa512", want: "rsa 512 false []"},
		{sel: "rsa1024", want: "rsa 1024 false []"},
		{sel: "pkcs1", want: "rsa 1024 false []"},
		{sel: "rsa2048", want: "rsa 2048 false [s]"},
		{sel: "ed", want: "ed25519 256 false []"},
		{sel: "cname", want: "ed25519 256 false []"},
		{sel: "revoked", want: "rsa 0 true []"},
		{sel: "testing", want: "rsa 2048 false [y s]"},
		{sel: "garbage", err: dkim.ErrSyntax},
		{sel: "nop", err: dkim.ErrSyntax},
		{sel: "badv", err: dkim.ErrSyntax},
		{sel: "two", err: dkim.ErrSeveralRecords},
		{sel: "missing", err: dkim.ErrNoRecord},
	}
	var sels []string
	for _, tt := range tests {
		sels = append(sels, tt.sel)
	}
	sels = append(sels, "broken")
	r := &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 5 * time.Second, Attempts: 1}
	f := dkim.Check(context.Background(), r, "Example.com.", sels)
	if len(f.Selectors) != len(sels) || f.Domain != "example.com" {
		t.Fatalf("%d selectors for %q, want %d", len(f.Selectors), f.Domain, len(sels))
	}
	for i, tt := range tests {
		s := f.Selectors[i]
		if s.Name != tt.sel+"._domainkey.example.com" {
			t.Errorf("name %q", s.Name)
		}
		if tt.err != nil {
			if !errors.Is(s.Err, tt.err) || s.Key != nil {
				t.Errorf("%s: err %v key %v, want %v", tt.sel, s.Err, s.Key, tt.err)
			}
			continue
		}
		if s.Err != nil {
			t.Errorf("%s: %v", tt.sel, s.Err)
			continue
		}
		got := fmt.Sprintf("%s %d %v %v", s.Key.Type, s.Key.Bits, s.Key.Revoked, s.Key.Flags)
		if got != tt.want {
			t.Errorf("%s: %s, want %s", tt.sel, got, tt.want)
		}
		if s.Key.Testing() != (tt.sel == "testing") {
			t.Errorf("%s: Testing() = %v", tt.sel, s.Key.Testing())
		}
	}
	var re *dnsx.ResolverError
	if last := f.Selectors[len(sels)-1]; !errors.As(last.Err, &re) || re.Rcode != "SERVFAIL" {
		t.Errorf("broken: err %v, want SERVFAIL", last.Err)
	}
}
