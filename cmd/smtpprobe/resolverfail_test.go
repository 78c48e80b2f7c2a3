package main

import (
	"strings"
	"testing"
)

// TestResolverFailureIsUnknownInEveryCheck: when the resolver fails the
// question a check needs (SERVFAIL here, REFUSED for the DNSSEC
// self-test), every check, inbound and sender, per domain and per host,
// is unknown and the probe exits 3: the probe could not finish, which is
// neither a fault of the domain nor a limit of this machine (untestable),
// and never a missing record.
func TestResolverFailureIsUnknownInEveryCheck(t *testing.T) {
	w := newInbound(t,
		"fail.example. 300 IN MX 10 mx.fail.example.",
		"mx.fail.example. 300 IN A 192.0.2.1",
		"sender.example. 300 IN MX 10 mx.fail.example.",
	)
	w.dns.Validate(".")
	w.dns.Refuse(".")
	w.dns.ServFail("_mta-sts.fail.example.", "_smtp._tls.fail.example.", "_25._tcp.mx.fail.example.",
		"1.2.0.192.in-addr.arpa.", "sender.example.", "_dmarc.sender.example.", "s1._domainkey.sender.example.",
		"50.2.0.192.in-addr.arpa.")
	w.route("192.0.2.1")
	code, obj, r := w.run(t, "--checks", "all", "--from", "me@sender.example", "--dkim-selector", "s1",
		"--sending-ip", "192.0.2.50", "fail.example")
	if code != 3 || obj["status"] != "unknown" {
		t.Errorf("exit %d, status %v; want 3, unknown\n%s", code, obj["status"], r.stdout)
	}
	for _, name := range []string{"dnssec", "mta-sts", "tls-rpt", "spf", "dmarc", "dkim", "sending-ip"} {
		if c := check(obj, name); c["status"] != "unknown" {
			t.Errorf("%s: %v, want unknown", name, c)
		}
	}
	hosts, _ := obj["hosts"].([]any)
	if len(hosts) != 1 {
		t.Fatalf("%d hosts\n%s", len(hosts), r.stdout)
	}
	for _, name := range []string{"dane", "ptr"} {
		if c := check(hosts[0].(map[string]any), name); c["status"] != "unknown" {
			t.Errorf("%s: %v, want unknown", name, c)
		}
	}
	fs, _ := obj["findings"].([]any)
	for _, f := range fs {
		m := f.(map[string]any)
		id, _ := m["id"].(string)
		if strings.HasSuffix(id, "-absent") || strings.HasSuffix(id, "-none") || strings.HasSuffix(id, "-missing") || m["severity"] == "untestable" {
			t.Errorf("a failed question judged as %s (%v)", id, m["severity"])
		}
	}
}

// TestBrokenCNAMEIsTheZones: a check's record behind a CNAME chain that
// loops is the zone's fault, not the resolver's: check-cname-broken, a
// warning for mta-sts, tls-rpt and dane (no sender can read the record)
// and a note for ptr, never "the resolver did not answer" and never
// unknown.
func TestBrokenCNAMEIsTheZones(t *testing.T) {
	loop := func(name string) []string {
		return []string{name + ". 300 IN CNAME loop-" + name + ".", "loop-" + name + ". 300 IN CNAME " + name + "."}
	}
	rrs := []string{"cname.example. 300 IN MX 10 mx.cname.example.", "mx.cname.example. 300 IN A 192.0.2.1"}
	for _, n := range []string{"_mta-sts.cname.example", "_smtp._tls.cname.example", "_25._tcp.mx.cname.example", "1.2.0.192.in-addr.arpa"} {
		rrs = append(rrs, loop(n)...)
	}
	w := newInbound(t, rrs...)
	w.route("192.0.2.1")
	code, obj, r := w.run(t, "--checks", "smtp,mta-sts,tls-rpt,dane,ptr", "cname.example")
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s", code, r.stdout)
	}
	for name, want := range map[string]string{"mta-sts": "warning", "tls-rpt": "warning"} {
		if c := check(obj, name); c["status"] != want || !hasFindingID(obj, name, "check-cname-broken") {
			t.Errorf("%s: %v, want %s with check-cname-broken", name, c, want)
		}
	}
	h := obj["hosts"].([]any)[0].(map[string]any)
	for name, want := range map[string]string{"dane": "warning", "ptr": "ok"} {
		if c := check(h, name); c["status"] != want || !hasFindingID(obj, name, "check-cname-broken") {
			t.Errorf("%s: %v, want %s with check-cname-broken", name, c, want)
		}
	}
	text := runWith(t, cmdEnv{routes: w.routes}, "--resolver", w.dns.Addr(), "--no-color", "--checks", "smtp,mta-sts,tls-rpt,dane,ptr", "cname.example")
	for _, wrong := range []string{"check-lookup-failed", "The resolver did not answer", "unknown:"} {
		if strings.Contains(r.stdout, wrong) || strings.Contains(text.stdout, wrong) {
			t.Errorf("a broken CNAME chain reported as a resolver failure (%q):\n%s", wrong, text.stdout)
		}
	}
}
