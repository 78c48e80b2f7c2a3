package report_test

import (
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// senderRefusals are real replies that refuse a sender, each as its
// public source printed it.
var senderRefusals = []struct {
	source, reply, checks, command string
}{
	{
		// Gmail, quoted in Broadcom knowledge article 221490, "Outbound
		// message delivery fails with 550-5.7.26 unauthenticated email"
		// (https://knowledge.broadcom.com/external/article/221490).
		source: "broadcom-221490",
		reply: "550-5.7.26 unauthenticated email from is not accepted due to\r\n" +
			"550-5.7.26 domain's dmarc policy. please contact the administrator of\r\n" +
			"550-5.7.26 domain if this was a legitimate mail. please visit\r\n" +
			"550-5.7.26 to learn about the\r\n" +
			"550 5.7.26 dmarc initiative. y129si4332442ybf.273 - gsmtp",
		checks:  "spf,dkim,dmarc",
		command: "smtpprobe --checks sender --from you@yourdomain --sending-ip ADDR --dkim-selector SELECTOR TARGET",
	},
	{
		// Gmail, quoted in "Resolve Undelivered Mail Returned to Sender
		// with PTR Records" (https://kaanlabs.com/resolve-undelivered-mail-returned-to-sender-with-ptr-records/).
		source: "kaanlabs-ptr",
		reply: "550-5.7.25 [f293:a083:1c13:b38d:d8bb:8073:a0a7:cb15] The IP\n" +
			"550-5.7.25 address sending this message does not have a PTR record setup,\n" +
			"550 5.7.25 or the corresponding forward DNS entry does not point to the sending IP.",
		checks:  "sending-ip",
		command: "smtpprobe --checks sender --from you@yourdomain --sending-ip ADDR TARGET",
	},
	{
		// iiNet, "550 #5.7.1 SPF unauthorized mail is prohibited"
		// (https://help.iinet.net.au/550-571-spf-unauthorized-mail-prohibited).
		source:  "iinet-spf",
		reply:   "550 #5.7.1 SPF unauthorized mail is prohibited",
		checks:  "spf,dkim,dmarc",
		command: "smtpprobe --checks sender --from you@yourdomain --sending-ip ADDR --dkim-selector SELECTOR TARGET",
	},
	{
		// Postfix reject_rbl_client with the list's reason, a refusal
		// collected in ZoneMTA's bounce rules (zone-eu/zone-mta:
		// config/bounces.txt; a row of the catalog's corpus).
		source:  "zonemta-rbl",
		reply:   "554 5.7.1 Service unavailable; Client host [11.22.33.44] blocked using sbl-xbl.spamhaus.org; https://www.spamhaus.org/query/ip/11.22.33.44",
		checks:  "sending-ip,dnsbl",
		command: "smtpprobe --checks sender --from you@yourdomain --sending-ip ADDR --dnsbl ZONE TARGET",
	},
}

// TestExplainNamesSenderChecks: explain --text of a real sender refusal
// names the checks that show its cause and the command to run them, in
// both languages; other replies name none.
func TestExplainNamesSenderChecks(t *testing.T) {
	for _, tc := range senderRefusals {
		for _, lang := range []catalog.Lang{catalog.English, catalog.Japanese} {
			e, err := report.ExplainReply(tc.reply, lang)
			if err != nil {
				t.Fatalf("%s: %v", tc.source, err)
			}
			d := e.Diagnosis
			if d.Checks != tc.checks || d.Command != tc.command || !strings.Contains(d.Fix, "`"+tc.command+"`") {
				t.Errorf("%s (%s): category %s checks %q command %q fix %q", tc.source, lang, d.Category, d.Checks, d.Command, d.Fix)
			}
		}
	}
	e, err := report.ExplainReply("550 5.1.1 <xxx@icloud.com>: user does not exist", catalog.English)
	if err != nil || e.Diagnosis.Checks != "" || e.Diagnosis.Command != "" || strings.Contains(e.Diagnosis.Fix, "smtpprobe --checks") {
		t.Errorf("5.1.1: %+v, %v", e.Diagnosis, err)
	}
	// An enhanced code typed alone leads there too.
	e, err = report.ExplainCode("5.7.26", catalog.English)
	if err != nil || e.Diagnosis.Checks != "spf,dkim,dmarc" {
		t.Errorf("5.7.26: %+v, %v", e.Diagnosis, err)
	}
}
