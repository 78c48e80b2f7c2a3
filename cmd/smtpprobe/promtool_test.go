package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/promtool"
)

// TestPromtool: what -o prometheus prints for a rich probe (two targets,
// a host up and one down, findings, every inbound and sender check, a
// blocklist listing), and the exporter's /probe and /metrics answers,
// pass Prometheus's own `promtool check metrics`.
func TestPromtool(t *testing.T) {
	promtool.Require(t)
	w, ce := healthyInbound(t)
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	w.dns.Add(t,
		// A second MX that refuses connections, on a listed address.
		"secure.example. 300 IN MX 20 mx2.secure.example.",
		"mx2.secure.example. 300 IN A 192.0.2.2",
		"2.2.0.192.bl.test. 300 IN A 127.0.0.2",
		// The sender checks' records.
		`secure.example. 300 IN TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.secure.example -all"`,
		`_spf.secure.example. 300 IN TXT "v=spf1 a:void.secure.example -all"`,
		`_dmarc.secure.example. 300 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@secure.example"`,
		`s1._domainkey.secure.example. 300 IN TXT "v=DKIM1; k=ed25519; p=`+base64.StdEncoding.EncodeToString(pub)+`"`,
		// A second target, which accepts no mail.
		"null.example. 300 IN MX 0 .",
	)
	probeFlags := []string{"--resolver", w.dns.Addr(), "--timeout", "5s",
		"--checks", "all", "--dnsbl", "bl.test", "--from", "me@secure.example",
		"--sending-ip", "192.0.2.1", "--dkim-selector", "s1"}

	r := runWith(t, ce, append(probeFlags, "-o", "prometheus", "secure.example", "null.example")...)
	for _, want := range []string{
		`smtpprobe_host_up{address="192.0.2.1",host="mx1.secure.example",target="secure.example"} 1`,
		`smtpprobe_host_up{address="192.0.2.2",host="mx2.secure.example",target="secure.example"} 0`,
		`smtpprobe_check_status{check="dkim",target="secure.example"}`,
		`smtpprobe_check_status{check="dmarc",target="secure.example"}`,
		`smtpprobe_check_status{check="spf",target="secure.example"}`,
		`smtpprobe_check_status{check="tls-rpt",target="secure.example"}`,
		`smtpprobe_dnsbl_listed{address="192.0.2.2",target="secure.example",zone="bl.test"} 1`,
		`smtpprobe_mta_sts_mode{mode="enforce",target="secure.example"} 1`,
		`smtpprobe_null_mx{target="null.example"} 1`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-o prometheus: no %s", want)
		}
	}
	promtool.CheckMetrics(t, "-o prometheus", []byte(r.stdout))
	r = runWith(t, ce, append(probeFlags, "-o", "prometheus", "secure.example")...)
	promtool.CheckMetrics(t, "-o prometheus of one target", []byte(r.stdout))

	e, _ := serveEnv(w.routes, ce.roots)
	_, ts := startExporter(t, e, probeFlags...)
	code, body := get(t, ts.URL+"/probe?target="+url.QueryEscape("secure.example"))
	if code != 200 || !strings.Contains(body, `smtpprobe_check_status{check="dkim"}`) {
		t.Errorf("/probe: %d\n%s", code, body)
	}
	promtool.CheckMetrics(t, "/probe", []byte(body))
	code, body = get(t, ts.URL+"/metrics")
	if code != 200 || !strings.Contains(body, `smtpprobe_exporter_probes_total{status=`) {
		t.Errorf("/metrics: %d\n%s", code, body)
	}
	promtool.CheckMetrics(t, "/metrics", []byte(body))
}
