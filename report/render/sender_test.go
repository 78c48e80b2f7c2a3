package render

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

func senderTXT(name, record string) string {
	var parts []string
	for len(record) > 255 {
		parts = append(parts, fmt.Sprintf("%q", record[:255]))
		record = record[255:]
	}
	parts = append(parts, fmt.Sprintf("%q", record))
	return name + ". TXT " + strings.Join(parts, " ")
}

// senderResult runs the sender checks against a zone on loopback: an SPF
// tree of 17 lookups (over the limit), DMARC with an unauthorised
// external destination, two DKIM selectors, a sending address with
// confirmed reverse DNS listed on one of two blocklists.
func senderResult(t *testing.T) probe.Result {
	key, err := os.ReadFile("../../dkim/testdata/rsa1024.b64")
	if err != nil {
		t.Fatal(err)
	}
	rrs := []string{
		senderTXT("example.com", "v=spf1 ip4:192.0.2.0/28 include:_spf.example.com include:mail.example.net mx ~all"),
		senderTXT("_spf.example.com", "v=spf1 include:a.example.net include:b.example.net include:c.example.net -all"),
		senderTXT("mail.example.net", "v=spf1 include:d.example.net include:e.example.net include:f.example.net include:g.example.net ?all"),
		"example.com. MX 10 mx.example.com.",
		"mx.example.com. A 192.0.2.10",
		senderTXT("_dmarc.example.com", "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com,mailto:agg@reports.example.org"),
		senderTXT("s1._domainkey.example.com", "v=DKIM1; k=rsa; p="+strings.TrimSpace(string(key))),
		senderTXT("old._domainkey.example.com", "v=DKIM1; p="),
		"20.113.0.203.in-addr.arpa. PTR out.example.com.",
		"out.example.com. A 203.0.113.20",
		"20.113.0.203.bl.example. A 127.0.0.2",
		senderTXT("20.113.0.203.bl.example", "Listed: see https://bl.example/lookup"),
	}
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		rrs = append(rrs, senderTXT(n+".example.net", "v=spf1 a:"+n+".example.net -all"), n+".example.net. A 198.51.100.1")
	}
	srv := dnstest.Start(t, rrs...)
	cfg := probe.Config{
		Checks:        checks.Of(checks.SPF, checks.DMARC, checks.DKIM),
		Resolver:      &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 5 * time.Second, Attempts: 1},
		SendingIP:     netip.MustParseAddr("203.0.113.20"),
		DKIMSelectors: []string{"s1", "old"},
	}
	r := probe.Run(context.Background(), cfg, probe.Target{Input: "example.com", Domain: "example.com"})
	r.Started, r.Duration = time.Time{}, 0
	return r
}

// TestSenderText draws the SPF tree with what each term costs, beyond the
// limit too, and the other sender sections, in both languages.
func TestSenderText(t *testing.T) {
	r := senderResult(t)
	for _, lang := range []catalog.Lang{catalog.English, catalog.Japanese} {
		a := report.Assess(r, report.Options{Lang: lang})
		var b bytes.Buffer
		if err := Text(&b, []report.Assessment{a}, Options{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		golden(t, "sender-"+string(lang)+".text.golden", b.Bytes())
	}
}

// TestSenderJSON checks the contract's fields of the sender checks.
func TestSenderJSON(t *testing.T) {
	r := senderResult(t)
	a := report.Assess(r, report.Options{})
	var b bytes.Buffer
	if err := JSON(&b, []report.Assessment{a}, Options{}); err != nil {
		t.Fatal(err)
	}
	var obj struct {
		Status string `json:"status"`
		Checks struct {
			SPF struct {
				Status      string   `json:"status"`
				Summary     string   `json:"summary"`
				Domain      string   `json:"domain"`
				Record      string   `json:"record"`
				Lookups     int      `json:"lookups"`
				VoidLookups *int     `json:"void_lookups"`
				Result      string   `json:"result"`
				DecidedBy   []string `json:"decided_by"`
			} `json:"spf"`
			DMARC struct {
				Status          string   `json:"status"`
				Domain          string   `json:"domain"`
				Record          string   `json:"record"`
				Policy          string   `json:"policy"`
				SubdomainPolicy string   `json:"subdomain_policy"`
				RUA             []string `json:"rua"`
			} `json:"dmarc"`
			DKIM struct {
				Status    string `json:"status"`
				Domain    string `json:"domain"`
				Selectors map[string]struct {
					Record  string `json:"record"`
					KeyType string `json:"key_type"`
					KeyBits int    `json:"key_bits"`
					Error   string `json:"error"`
				} `json:"selectors"`
			} `json:"dkim"`
			SendingIP struct {
				Status  string              `json:"status"`
				Address string              `json:"address"`
				Names   []string            `json:"names"`
				FCrDNS  bool                `json:"fcrdns"`
				Listed  map[string][]string `json:"listed"`
			} `json:"sending-ip"`
		} `json:"checks"`
	}
	if err := json.Unmarshal(b.Bytes(), &obj); err != nil {
		t.Fatal(err)
	}
	c := obj.Checks
	if c.SPF.Status != "critical" || c.SPF.Domain != "example.com" || !strings.HasPrefix(c.SPF.Record, "v=spf1 ip4:192.0.2.0/28") ||
		c.SPF.Lookups != 17 || c.SPF.VoidLookups == nil || c.SPF.Result != "permerror" || c.SPF.Summary == "" {
		t.Errorf("spf %+v", c.SPF)
	}
	if c.DMARC.Status != "warning" || c.DMARC.Policy != "quarantine" || c.DMARC.SubdomainPolicy != "quarantine" || len(c.DMARC.RUA) != 2 {
		t.Errorf("dmarc %+v", c.DMARC)
	}
	if s1 := c.DKIM.Selectors["s1"]; c.DKIM.Status != "warning" || s1.KeyType != "rsa" || s1.KeyBits != 1024 || s1.Error != "" ||
		c.DKIM.Selectors["old"].Error != "" {
		t.Errorf("dkim %+v", c.DKIM)
	}
	if c.SendingIP.Status != "ok" || c.SendingIP.Address != "203.0.113.20" || !c.SendingIP.FCrDNS ||
		len(c.SendingIP.Names) != 1 || c.SendingIP.Listed != nil {
		t.Errorf("sending-ip %+v", c.SendingIP)
	}
	if obj.Status != "critical" {
		t.Errorf("status %s", obj.Status)
	}
}

// TestSenderMonitoring: Nagios lists each check and the SPF lookup count,
// Prometheus has a gauge per check and the SPF figures.
func TestSenderMonitoring(t *testing.T) {
	r := senderResult(t)
	a := report.Assess(r, report.Options{})
	var n, p bytes.Buffer
	if err := Nagios(&n, []report.Assessment{a}, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Prometheus(&p, []report.Assessment{a}, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"SMTP CRITICAL - spf: SPF needs more than 10 DNS lookups |",
		"spf_lookups=17;;;0;",
		"[CRITICAL] spf: SPF needs more than 10 DNS lookups\n",
		"[WARNING] dmarc: DMARC reports go to a domain that has not agreed\n",
		"[WARNING] dkim: DKIM key of only 1024 bits\n",
		"[OK] sending-ip: Sending address has confirmed reverse DNS\n",
	} {
		if !strings.Contains(n.String(), want) {
			t.Errorf("Nagios lacks %q:\n%s", want, n.String())
		}
	}
	if strings.Contains(n.String(), "mx=") {
		t.Errorf("Nagios has MX perfdata for a run that looked no MX up:\n%s", n.String())
	}
	for _, want := range []string{
		`smtpprobe_check_status{check="spf",target="example.com"} 2`,
		`smtpprobe_check_status{check="sending-ip",target="example.com"} 0`,
		`smtpprobe_spf_lookups{target="example.com"} 17`,
		`smtpprobe_spf_void_lookups{target="example.com"} 0`,
	} {
		if !strings.Contains(p.String(), want) {
			t.Errorf("Prometheus lacks %q:\n%s", want, p.String())
		}
	}
}

// TestSendingIPListedJSON: with dnsbl the sending-ip check always has
// "listed" (the contract's field), {} when no zone lists the address, so
// that a script reads an empty object, not a missing field; without
// dnsbl it is absent.
func TestSendingIPListedJSON(t *testing.T) {
	srv := dnstest.Start(t, "7.113.0.203.in-addr.arpa. PTR out.example.com.", "out.example.com. A 203.0.113.7")
	for _, zones := range [][]string{nil, {"bl.example"}} {
		set := checks.Of(checks.SPF)
		if zones != nil {
			set = checks.Of(checks.SPF, checks.DNSBL)
		}
		cfg := probe.Config{
			Checks:     set,
			Resolver:   &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 5 * time.Second, Attempts: 1},
			SendingIP:  netip.MustParseAddr("203.0.113.7"),
			DNSBLZones: zones,
		}
		r := probe.Run(context.Background(), cfg, probe.Target{Input: "example.com", Domain: "example.com"})
		var b bytes.Buffer
		if err := JSON(&b, []report.Assessment{report.Assess(r, report.Options{})}, Options{}); err != nil {
			t.Fatal(err)
		}
		var obj struct {
			Checks map[string]map[string]json.RawMessage `json:"checks"`
		}
		if err := json.Unmarshal(b.Bytes(), &obj); err != nil {
			t.Fatal(err)
		}
		listed, ok := obj.Checks["sending-ip"]["listed"]
		if zones == nil && ok || zones != nil && string(listed) != "{}" {
			t.Errorf("zones %v: sending-ip listed %s (present %v)\n%s", zones, listed, ok, b.String())
		}
	}
}
