package report_test

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
)

// senderFindingIDs lists the finding IDs of the sender checks and dnsbl,
// for TestFindingIDsHaveTexts.
var senderFindingIDs = []string{
	report.FindingSPFOK, report.FindingSPFNone, report.FindingSPFSeveral, report.FindingSPFSyntax,
	report.FindingSPFLookups, report.FindingSPFVoid, report.FindingSPFLoop, report.FindingSPFPermError,
	report.FindingSPFPassAll, report.FindingSPFWeakAll, report.FindingSPFPTR, report.FindingSPFResolver,
	report.FindingSPFIPPass, report.FindingSPFIPFail, report.FindingSPFIPWeak,
	report.FindingDMARCOK, report.FindingDMARCMonitoring, report.FindingDMARCNone, report.FindingDMARCSeveral,
	report.FindingDMARCSyntax, report.FindingDMARCUnauthorized, report.FindingDMARCResolver,
	report.FindingDKIMOK, report.FindingDKIMNoSelector, report.FindingDKIMMissing, report.FindingDKIMInvalid,
	report.FindingDKIMWeakKey, report.FindingDKIM1024, report.FindingDKIMRevoked, report.FindingDKIMTesting,
	report.FindingDKIMResolver,
	report.FindingSendingIPOK, report.FindingSendingIPNoPTR, report.FindingSendingIPUnconfirmed,
	report.FindingSendingIPListed, report.FindingSendingIPResolver,
	report.FindingDNSBLOK, report.FindingDNSBLMXListed, report.FindingDNSBLUnknown,
}

func txtRR(name, record string) string {
	var parts []string
	for len(record) > 255 {
		parts = append(parts, fmt.Sprintf("%q", record[:255]))
		record = record[255:]
	}
	parts = append(parts, fmt.Sprintf("%q", record))
	return name + ". TXT " + strings.Join(parts, " ")
}

func dkimKey(t *testing.T, name string) string {
	b, err := os.ReadFile("../dkim/testdata/" + name + ".b64")
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// senderZone serves every case of the Sender table of the checks design.
func senderZone(t *testing.T) *dnstest.Server {
	rrs := []string{
		"example.com. SOA ns.example.com. admin.example.com. 1 3600 600 86400 300",
		txtRR("good.example.com", "v=spf1 ip4:192.0.2.0/24 -all"),
		txtRR("_dmarc.good.example.com", "v=DMARC1; p=reject; rua=mailto:d@good.example.com,mailto:r@reports.example.net"),
		txtRR("good.example.com._report._dmarc.reports.example.net", "v=DMARC1"),
		txtRR("soft.example.com", "v=spf1 ip4:192.0.2.0/24 ~all"),
		txtRR("_dmarc.soft.example.com", "v=DMARC1; p=none; rua=mailto:r@unauthorized.example.org"),
		txtRR("neutral.example.com", "v=spf1 ip4:192.0.2.0/24 ?all"),
		txtRR("noall.example.com", "v=spf1 ip4:192.0.2.0/24"),
		txtRR("plusall.example.com", "v=spf1 +all"),
		txtRR("several.example.com", "v=spf1 -all"),
		txtRR("several.example.com", "v=spf1 ip4:192.0.2.1 -all"),
		txtRR("_dmarc.several.example.com", "v=DMARC1; p=none"),
		txtRR("_dmarc.several.example.com", "v=DMARC1; p=reject"),
		txtRR("syntax.example.com", "v=spf1 ip4:192.0.2 -all"),
		txtRR("_dmarc.syntax.example.com", "v=DMARC1; p=drop; pct=150"),
		txtRR("loop.example.com", "v=spf1 include:loop2.example.com -all"),
		txtRR("loop2.example.com", "v=spf1 include:loop.example.com -all"),
		txtRR("ptr.example.com", "v=spf1 ptr -all"),
		txtRR("void2.example.com", "v=spf1 a:nx1.example.com a:nx2.example.com -all"),
		txtRR("void3.example.com", "v=spf1 a:nx1.example.com a:nx2.example.com a:nx3.example.com -all"),
		txtRR("noinclude.example.com", "v=spf1 include:gone.example.com -all"),
		txtRR("broken.example.com", "v=spf1 include:servfail.example.com -all"),
		"cnameloop.example.com. CNAME cnameloop2.example.com.",
		"cnameloop2.example.com. CNAME cnameloop.example.com.",
		txtRR("rsa512._domainkey.good.example.com", "v=DKIM1; p="+dkimKey(t, "rsa512")),
		txtRR("rsa1024._domainkey.good.example.com", "v=DKIM1; p="+dkimKey(t, "rsa1024")),
		txtRR("rsa2048._domainkey.good.example.com", "v=DKIM1; p="+dkimKey(t, "rsa2048")),
		txtRR("ed._domainkey.good.example.com", "v=DKIM1; k=ed25519; p="+dkimKey(t, "ed25519")),
		txtRR("revoked._domainkey.good.example.com", "v=DKIM1; p="),
		txtRR("testing._domainkey.good.example.com", "v=DKIM1; t=y; p="+dkimKey(t, "rsa2048")),
		txtRR("bad._domainkey.good.example.com", "v=DKIM1; p=AAAA"),
		// The sending addresses.
		"1.2.0.192.in-addr.arpa. PTR out.good.example.com.",
		"out.good.example.com. A 192.0.2.1",
		"2.2.0.192.in-addr.arpa. PTR generic.isp.example.",
		"generic.isp.example. A 198.51.100.1",
		// The MX of good.example.com and the blocklists.
		"good.example.com. MX 10 mx.good.example.com.",
		"mx.good.example.com. A 192.0.2.10",
		"10.2.0.192.bl.example. A 127.0.0.2",
		`10.2.0.192.bl.example. TXT "listed, see https://bl.example/"`,
		"1.2.0.192.bl.example. A 127.0.0.3",
		"1.2.0.192.refusing.example. A 127.255.255.254",
		"10.2.0.192.wild.example. A 198.51.100.9",
	}
	for i := 1; i <= 11; i++ {
		name := fmt.Sprintf("i%d.example.net", i)
		rrs = append(rrs, txtRR(name, fmt.Sprintf("v=spf1 ip4:198.51.100.%d -all", i)))
	}
	incl := func(n int) string {
		s := "v=spf1"
		for i := 1; i <= n; i++ {
			s += fmt.Sprintf(" include:i%d.example.net", i)
		}
		return s + " -all"
	}
	rrs = append(rrs, txtRR("ten.example.com", incl(10)), txtRR("eleven.example.com", incl(11)))
	srv := dnstest.Start(t, rrs...)
	srv.ServFail("servfail.example.com")
	return srv
}

func TestSenderChecks(t *testing.T) {
	t.Parallel()
	srv := senderZone(t)
	resolver := &dnsx.Resolver{Servers: []string{srv.Addr()}, Timeout: 5 * time.Second, Attempts: 1}
	type want struct {
		check    checks.Name
		status   report.Status
		findings []string // the check's finding IDs in order
	}
	tests := []struct {
		name      string
		domain    string
		from      string
		set       checks.Set
		sendingIP string
		selectors []string
		zones     []string
		want      []want
		status    report.Status
	}{
		{name: "spf valid, -all", domain: "good.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.OK, []string{"spf-ok"}}}},
		{name: "spf valid, ~all, from the --from domain", domain: "other.example", from: "me@soft.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.OK, []string{"spf-ok"}}}},
		{name: "spf ?all", domain: "neutral.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Warning, []string{"spf-weak-all"}}}},
		{name: "spf no all", domain: "noall.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Warning, []string{"spf-weak-all"}}}},
		{name: "spf +all", domain: "plusall.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Critical, []string{"spf-pass-all"}}}},
		{name: "spf none", domain: "nothing.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Warning, []string{"spf-none"}}}},
		{name: "spf several", domain: "several.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Critical, []string{"spf-several"}}}},
		{name: "spf syntax", domain: "syntax.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Critical, []string{"spf-syntax"}}}},
		{name: "spf loop", domain: "loop.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Critical, []string{"spf-loop"}}}},
		{name: "spf ptr", domain: "ptr.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Warning, []string{"spf-ptr"}}}},
		{name: "spf 10 lookups", domain: "ten.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.OK, []string{"spf-ok"}}}},
		{name: "spf 11 lookups", domain: "eleven.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Critical, []string{"spf-lookups"}}}},
		{name: "spf 2 void lookups", domain: "void2.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.OK, []string{"spf-ok"}}}},
		{name: "spf 3 void lookups", domain: "void3.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Critical, []string{"spf-void"}}}},
		{name: "spf include without record", domain: "noinclude.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Critical, []string{"spf-permerror"}}}},
		{name: "spf resolver failure is not a missing record", domain: "broken.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Unknown, []string{"spf-resolver"}}}},
		{name: "spf CNAME loop is the zone's fault", domain: "cnameloop.example.com", set: checks.Of(checks.SPF),
			want: []want{{checks.SPF, report.Critical, []string{"spf-permerror"}}}},
		{name: "sending ip passes", domain: "good.example.com", set: checks.Of(checks.SPF), sendingIP: "192.0.2.1",
			want: []want{{checks.SPF, report.OK, []string{"spf-ok", "spf-ip-pass"}},
				{checks.SendingIP, report.OK, []string{"sending-ip-ok"}}}},
		{name: "sending ip fails", domain: "good.example.com", set: checks.Of(checks.SPF), sendingIP: "198.51.100.1",
			want: []want{{checks.SPF, report.Critical, []string{"spf-ok", "spf-ip-fail"}},
				{checks.SendingIP, report.Critical, []string{"sending-ip-no-ptr"}}}},
		{name: "sending ip softfails", domain: "soft.example.com", set: checks.Of(checks.SPF), sendingIP: "198.51.100.1",
			want: []want{{checks.SPF, report.Warning, []string{"spf-ok", "spf-ip-weak"}},
				{checks.SendingIP, report.Critical, []string{"sending-ip-no-ptr"}}}},
		{name: "sending ip not forward-confirmed", domain: "good.example.com", set: checks.Of(checks.SPF), sendingIP: "192.0.2.2",
			want: []want{{checks.SPF, report.OK, []string{"spf-ok", "spf-ip-pass"}},
				{checks.SendingIP, report.Critical, []string{"sending-ip-unconfirmed"}}}},
		{name: "sending ip neutral", domain: "neutral.example.com", set: checks.Of(checks.SPF), sendingIP: "198.51.100.1",
			want: []want{{checks.SPF, report.Warning, []string{"spf-weak-all", "spf-ip-weak"}},
				{checks.SendingIP, report.Critical, []string{"sending-ip-no-ptr"}}}},
		{name: "sending ip, no spf", domain: "nothing.example.com", set: checks.Of(checks.SPF), sendingIP: "192.0.2.1",
			want: []want{{checks.SPF, report.Warning, []string{"spf-none", "spf-ip-weak"}},
				{checks.SendingIP, report.OK, []string{"sending-ip-ok"}}}},
		{name: "dmarc reject, external rua authorised", domain: "good.example.com", set: checks.Of(checks.DMARC),
			want: []want{{checks.DMARC, report.OK, []string{"dmarc-ok"}}}},
		{name: "dmarc inherited by a subdomain", domain: "mail.good.example.com", set: checks.Of(checks.DMARC),
			want: []want{{checks.DMARC, report.OK, []string{"dmarc-ok"}}}},
		{name: "dmarc p=none, external rua not authorised", domain: "soft.example.com", set: checks.Of(checks.DMARC),
			want: []want{{checks.DMARC, report.Warning, []string{"dmarc-rua-unauthorized", "dmarc-monitoring"}}}},
		{name: "dmarc none", domain: "nothing.example.com", set: checks.Of(checks.DMARC),
			want: []want{{checks.DMARC, report.Warning, []string{"dmarc-none"}}}},
		{name: "dmarc several", domain: "several.example.com", set: checks.Of(checks.DMARC),
			want: []want{{checks.DMARC, report.Warning, []string{"dmarc-several", "dmarc-none"}}}},
		{name: "dmarc syntax", domain: "syntax.example.com", set: checks.Of(checks.DMARC),
			want: []want{{checks.DMARC, report.Warning, []string{"dmarc-syntax"}}}},
		{name: "dkim without a selector is untestable", domain: "good.example.com", set: checks.Of(checks.DKIM),
			want: []want{{checks.DKIM, report.Untestable, []string{"dkim-no-selector"}}}},
		{name: "dkim keys", domain: "good.example.com", set: checks.Of(checks.DKIM),
			selectors: []string{"rsa2048", "ed", "rsa1024", "revoked", "testing", "rsa512", "bad", "missing"},
			want: []want{{checks.DKIM, report.Critical, []string{"dkim-ok", "dkim-ok", "dkim-1024", "dkim-revoked", "dkim-ok", "dkim-testing",
				"dkim-weak-key", "dkim-invalid", "dkim-missing"}}}},
		{name: "dkim 2048 and ed25519", domain: "good.example.com", set: checks.Of(checks.DKIM), selectors: []string{"rsa2048", "ed"},
			want: []want{{checks.DKIM, report.OK, []string{"dkim-ok", "dkim-ok"}}}},
		{name: "dnsbl", domain: "good.example.com", set: checks.Of(checks.DNSBL), sendingIP: "192.0.2.1",
			zones: []string{"bl.example", "refusing.example", "wild.example"},
			want: []want{{checks.SendingIP, report.Critical, []string{"sending-ip-ok", "sending-ip-listed", "dnsbl-unknown"}},
				{checks.DNSBL, report.Warning, []string{"dnsbl-mx-listed", "dnsbl-unknown"}}}},
		{name: "dnsbl clean", domain: "good.example.com", set: checks.Of(checks.DNSBL), zones: []string{"refusing.example"},
			want: []want{{checks.DNSBL, report.OK, []string{"dnsbl-ok"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := probe.Config{Checks: tt.set, Resolver: resolver, From: tt.from, DKIMSelectors: tt.selectors, DNSBLZones: tt.zones}
			if tt.sendingIP != "" {
				cfg.SendingIP = netip.MustParseAddr(tt.sendingIP)
			}
			r := probe.Run(context.Background(), cfg, probe.Target{Input: tt.domain, Domain: tt.domain, Rcpt: "postmaster@" + tt.domain})
			a := report.Assess(r, report.Options{})
			verdicts := map[checks.Name]report.Check{}
			for _, c := range a.Checks {
				verdicts[c.Name] = c
			}
			for _, h := range a.Hosts {
				for _, c := range h.Checks {
					verdicts[c.Name] = c
				}
			}
			for _, w := range tt.want {
				var ids []string
				for _, f := range a.Findings {
					if f.Check == w.check {
						ids = append(ids, f.ID)
					}
				}
				v, ok := verdicts[w.check]
				if !ok || v.Status != w.status || !slices.Equal(ids, w.findings) {
					var details []string
					for _, f := range a.Findings {
						details = append(details, string(f.Check)+" "+f.ID+": "+f.Detail)
					}
					t.Errorf("%s: status %v (ran %v) findings %q, want %v %q\n%s", w.check, v.Status, ok, ids, w.status, w.findings,
						strings.Join(details, "\n"))
				}
				if ok && v.Summary == "" {
					t.Errorf("%s: no summary", w.check)
				}
			}
			if len(r.Hosts) > 0 && r.Hosts[0].Attempts != nil {
				t.Errorf("an SMTP connection was attempted: %+v", r.Hosts[0].Attempts)
			}
		})
	}
}
