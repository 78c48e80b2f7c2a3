package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// TestSenderFlagErrors: a bad --sending-ip, --dkim-selector or --dnsbl,
// and dnsbl without a zone, are one line and exit 3.
func TestSenderFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--sending-ip", "mail.example.com"}, `--sending-ip "mail.example.com": want an IPv4 or IPv6 address`},
		{[]string{"--sending-ip", "fe80::1%eth0"}, "--sending-ip"},
		{[]string{"--dkim-selector", "s 1"}, `--dkim-selector "s 1"`},
		{[]string{"--dnsbl", "localhost"}, `--dnsbl "localhost"`},
		{[]string{"--dnsbl", "zen..example"}, `--dnsbl "zen..example"`},
		{[]string{"--checks", "dnsbl"}, "--checks dnsbl: name a blocklist with --dnsbl ZONE"},
	} {
		r := runCmd(t, "", nil, append(tc.args, "example.test")...)
		if r.code != 3 || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
			t.Errorf("%q: exit %d, stderr %q, stdout %q", tc.args, r.code, r.stderr, r.stdout)
		}
	}
}

// TestSenderDNSOnly: --checks spf,dmarc asks DNS only, about the --from
// domain: no MX question, no SMTP connection; the JSON has the contract's
// objects and the exit status is the worst check's.
func TestSenderDNSOnly(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	d := dnstest.Start(t,
		"example.test. 300 IN MX 10 mx.example.test.",
		"mx.example.test. 300 IN A 192.0.2.25",
		`sender.test. 300 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"`,
		`_dmarc.sender.test. 300 IN TXT "v=DMARC1; p=none"`,
	)
	ce := cmdEnv{routes: map[string]string{"192.0.2.25:25": srv.Addr}}
	r := runWith(t, ce, "--resolver", d.Addr(), "-o", "json", "--checks", "spf,dmarc", "--from", "me@sender.test",
		"--sending-ip", "192.0.2.7", "example.test")
	if n, _ := srv.Conns(); n != 0 {
		t.Errorf("%d SMTP sessions", n)
	}
	if udp, tcp := d.Count("", "MX"); udp+tcp != 0 {
		t.Errorf("%d MX questions", udp+tcp)
	}
	obj := decodeJSONLines(t, r.stdout)[0]
	cs, _ := obj["checks"].(map[string]any)
	spf, _ := cs["spf"].(map[string]any)
	dmarc, _ := cs["dmarc"].(map[string]any)
	sip, _ := cs["sending-ip"].(map[string]any)
	if spf["status"] != "ok" || spf["domain"] != "sender.test" || spf["result"] != "pass" || spf["lookups"] != 0.0 ||
		spf["record"] != "v=spf1 ip4:192.0.2.0/24 -all" {
		t.Errorf("spf %v", spf)
	}
	if dmarc["status"] != "ok" || dmarc["policy"] != "none" || dmarc["domain"] != "sender.test" {
		t.Errorf("dmarc %v", dmarc)
	}
	if sip["status"] != "critical" || sip["address"] != "192.0.2.7" || sip["fcrdns"] != false {
		t.Errorf("sending-ip %v", sip)
	}
	if cs["smtp"] != nil || cs["dkim"] != nil {
		t.Errorf("checks %v", cs)
	}
	if r.code != 2 || obj["status"] != "critical" {
		t.Errorf("exit %d status %v\n%s", r.code, obj["status"], r.stderr)
	}
	// Text: no DNS section about the MX, the SPF section.
	r = runWith(t, ce, "--resolver", d.Addr(), "--checks", "spf", "--from", "me@sender.test", "example.test")
	if strings.Contains(r.stdout, "MX ") || !strings.Contains(r.stdout, "SPF  OK  sender.test  v=spf1 ip4:192.0.2.0/24 -all") || r.code != 0 {
		t.Errorf("text, exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestSenderDNSBL: --dnsbl asks the zone about every MX address and
// implies the dnsbl check; each host gets its object.
func TestSenderDNSBL(t *testing.T) {
	d := dnstest.Start(t,
		"example.test. 300 IN MX 10 mx.example.test.",
		"mx.example.test. 300 IN A 192.0.2.25",
		"25.2.0.192.bl.test. 300 IN A 127.0.0.2",
	)
	r := runWith(t, cmdEnv{}, "--resolver", d.Addr(), "-o", "json", "--checks", "-smtp", "--dnsbl", "bl.test", "example.test")
	obj := decodeJSONLines(t, r.stdout)[0]
	hosts, _ := obj["hosts"].([]any)
	if len(hosts) != 1 {
		t.Fatalf("hosts %v\n%s", obj["hosts"], r.stderr)
	}
	hc, _ := hosts[0].(map[string]any)["checks"].(map[string]any)
	bl, _ := hc["dnsbl"].(map[string]any)
	listed, _ := bl["listed"].(map[string]any)
	if bl["status"] != "warning" || len(listed) != 1 || listed["bl.test"] == nil {
		t.Errorf("dnsbl %v", hc)
	}
}

// TestSenderRefusalNamesChecks: when a real server (go-smtp) refuses the
// probe with the words of a real SPF, DMARC or reverse-DNS refusal, the
// finding names the checks that show the cause and the command to run
// them: about the domain of --from when the probe used one, else with a
// placeholder sender and the probed domain as its target. The replies'
// sources are cited in report's senderRefusals.
func TestSenderRefusalNamesChecks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opts   smtptest.Options
		args   []string
		checks string
	}{
		{"iinet spf at MAIL", smtptest.Options{RejectMail: smtptest.Error(550, "5.7.1", "SPF unauthorized mail is prohibited")},
			[]string{"--from", "me@sender.test"}, "spf,dkim,dmarc"},
		{"gmail ptr at RCPT", smtptest.Options{RejectRcpt: map[string]*smtptest.SMTPError{"postmaster@example.test": smtptest.Error(550, "5.7.25",
			"[192.0.2.9] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP.")}},
			nil, "sending-ip"},
		{"gmail dmarc after DATA", smtptest.Options{RejectData: smtptest.Error(550, "5.7.26",
			"Unauthenticated email from sender.test is not accepted due to domain's DMARC policy. Please contact the administrator of sender.test domain if this was a legitimate mail.")},
			[]string{"--data", "--from", "me@sender.test"}, "spf,dkim,dmarc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.Start(t, tc.opts)
			d := dnstest.Start(t, "example.test. 300 IN MX 10 mx.example.test.", "mx.example.test. 300 IN A 192.0.2.25")
			ce := cmdEnv{routes: map[string]string{"192.0.2.25:25": srv.Addr}}
			args := append([]string{"--resolver", d.Addr(), "--checks", "smtp", "--starttls", "never", "-o", "json"}, tc.args...)
			r := runWith(t, ce, append(args, "example.test")...)
			obj := decodeJSONLines(t, r.stdout)[0]
			fs, _ := obj["findings"].([]any)
			found := false
			for _, f := range fs {
				f := f.(map[string]any)
				if f["see_checks"] == nil {
					continue
				}
				found = true
				cmd, _ := f["see_command"].(string)
				fix, _ := f["fix"].(string)
				prefix, target := "smtpprobe --checks sender --from you@yourdomain --sending-ip ADDR", " example.test"
				if slices.Contains(tc.args, "--from") {
					prefix, target = "smtpprobe --checks sender --sending-ip ADDR", " sender.test"
				}
				if f["see_checks"] != tc.checks || !strings.HasPrefix(cmd, prefix) || !strings.HasSuffix(cmd, target) ||
					!strings.Contains(fix, cmd) || (target == " sender.test") == strings.Contains(fix, "you@yourdomain") {
					t.Errorf("finding %v", f)
				}
			}
			if !found || r.code != 2 {
				t.Errorf("exit %d, no finding names the checks:\n%s%s", r.code, r.stdout, r.stderr)
			}
		})
	}
}

// TestServeSenderModule: a serve module can audit a sending domain: its
// checks, from, sending_ip, dkim_selector and dnsbl (a YAML list) reach
// the probe, and the metrics carry each check's verdict and the SPF
// lookups.
func TestServeSenderModule(t *testing.T) {
	d := dnstest.Start(t,
		`sender.test. 300 IN TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.sender.test -all"`,
		`_spf.sender.test. 300 IN TXT "v=spf1 a:out.sender.test -all"`,
		"out.sender.test. 300 IN A 192.0.2.7",
		`_dmarc.sender.test. 300 IN TXT "v=DMARC1; p=reject"`,
		"7.2.0.192.in-addr.arpa. 300 IN PTR out.sender.test.",
		"7.2.0.192.bl.test. 300 IN A 127.0.0.2",
	)
	config := "modules:\n  sender:\n    checks: [spf, dmarc]\n    from: me@sender.test\n    sending_ip: 192.0.2.7\n" +
		"    dkim_selector: [s1, s2]\n    dnsbl: [bl.test, other.test]\n    resolver: " + d.Addr() + "\n"
	e, _ := serveEnv(nil, nil)
	_, ts := startExporter(t, e, "--config", configFile(t, config))
	code, body := get(t, ts.URL+"/probe?target=example.test&module=sender")
	for _, want := range []string{
		`smtpprobe_check_status{check="spf"} 0`,
		`smtpprobe_check_status{check="dmarc"} 0`,
		`smtpprobe_check_status{check="sending-ip"} 2`,
		`smtpprobe_spf_lookups 2`,
		`smtpprobe_dnsbl_listed{address="192.0.2.7",zone="bl.test"} 1`,
		`smtpprobe_dnsbl_listed{address="192.0.2.7",zone="other.test"} 0`,
	} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("status %d, no %q in\n%s", code, want, body)
		}
	}
}
