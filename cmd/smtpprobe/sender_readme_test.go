package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
)

// readmeSenderZone is the sending domain of the README's "Why is my mail
// rejected?" walk-through: an SPF record that a new provider's include
// pushed to 11 lookups, the sending address authorised only by that
// include, a DKIM key and a DMARC policy of reject.
func readmeSenderZone(t *testing.T) *dnstest.Server {
	key, err := os.ReadFile("../../dkim/testdata/rsa2048.b64")
	if err != nil {
		t.Fatal(err)
	}
	txt := func(name, record string) string {
		var parts []string
		for len(record) > 255 {
			parts = append(parts, fmt.Sprintf("%q", record[:255]))
			record = record[255:]
		}
		return name + ". 300 IN TXT " + strings.Join(append(parts, fmt.Sprintf("%q", record)), " ")
	}
	return dnstest.Start(t,
		txt("example.com", "v=spf1 mx include:_spf.mail.example.net include:spf.crm.example.org include:bulk.example.org ~all"),
		"example.com. 300 IN MX 10 mx.example.com.",
		"mx.example.com. 300 IN A 192.0.2.10",
		txt("_spf.mail.example.net", "v=spf1 include:_netblocks.mail.example.net include:_netblocks2.mail.example.net include:_netblocks3.mail.example.net ~all"),
		txt("_netblocks.mail.example.net", "v=spf1 ip4:198.51.100.0/26 ~all"),
		txt("_netblocks2.mail.example.net", "v=spf1 ip6:2001:db8:1::/48 ~all"),
		txt("_netblocks3.mail.example.net", "v=spf1 ip4:198.51.100.64/26 ~all"),
		txt("spf.crm.example.org", "v=spf1 a:out1.crm.example.org a:out2.crm.example.org -all"),
		"out1.crm.example.org. 300 IN A 198.51.100.200",
		"out2.crm.example.org. 300 IN A 198.51.100.201",
		txt("bulk.example.org", "v=spf1 include:_ip6.bulk.example.org include:_ip4.bulk.example.org -all"),
		txt("_ip4.bulk.example.org", "v=spf1 ip4:203.0.113.0/25 -all"),
		txt("_ip6.bulk.example.org", "v=spf1 ip6:2001:db8:2::/48 -all"),
		"25.113.0.203.in-addr.arpa. 300 IN PTR o25.bulk.example.org.",
		"o25.bulk.example.org. 300 IN A 203.0.113.25",
		txt("s1._domainkey.example.com", "v=DKIM1; k=rsa; p="+strings.TrimSpace(string(key))),
		txt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"),
	)
}

// TestReadmeWhyRejected keeps the README's walk-through true: the
// explain output and the sender audit it shows are what the command
// prints (the audit's first line, with the time, aside).
func TestReadmeWhyRejected(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	d := readmeSenderZone(t)
	blocks := regexp.MustCompile("(?s)```\n\\$ (smtpprobe [^\n]*)\n(.*?)```").FindAllStringSubmatch(readme, -1)
	seen := 0
	for _, m := range blocks {
		cmdline, want := m[1], m[2]
		var args []string
		switch {
		case strings.HasPrefix(cmdline, "smtpprobe explain --text '550-5.7.26"):
			args = []string{"explain", "--text", strings.TrimSuffix(strings.TrimPrefix(cmdline, "smtpprobe explain --text '"), "'")}
		case strings.HasPrefix(cmdline, "smtpprobe --checks sender --from you@example.com"):
			args = append([]string{"--resolver", d.Addr()}, strings.Fields(strings.TrimPrefix(cmdline, "smtpprobe "))...)
		default:
			continue
		}
		seen++
		r := runWith(t, cmdEnv{}, args...)
		got := r.stdout
		if args[0] != "explain" {
			// The first line holds the time and duration of the run.
			when := regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · [0-9.]+[µm]?s`)
			got, want = when.ReplaceAllString(got, "TIME"), when.ReplaceAllString(want, "TIME")
		}
		if got != want {
			t.Errorf("the README shows for %q\n%s\nbut the command prints\n%s", cmdline, want, got)
		}
	}
	if seen != 2 {
		t.Errorf("the README's walk-through has %d of its 2 commands", seen)
	}
}
