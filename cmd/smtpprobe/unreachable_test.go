package main

import (
	"strings"
	"testing"
)

// TestOneUnreachableFindingPerHost: an MX host whose two addresses both
// refuse connections gets one "could not connect" finding naming both
// addresses, while JSON keeps a host entry with its own error for each.
// Two refusing addresses of one host are one server not listening, not a
// port blocked on this side (which several hosts refusing suggest).
func TestOneUnreachableFindingPerHost(t *testing.T) {
	w := newInbound(t,
		"two.example. 300 IN MX 10 mx.two.example.",
		"mx.two.example. 300 IN A 192.0.2.7",
		"mx.two.example. 300 IN A 192.0.2.8",
	)
	w.routes["192.0.2.7:25"] = closedAddr(t)
	w.routes["192.0.2.8:25"] = closedAddr(t)
	code, obj, r := w.run(t, "--checks", "smtp", "two.example")
	if code != 2 {
		t.Errorf("exit %d, want 2\n%s", code, r.stdout)
	}
	var details []string
	fs, _ := obj["findings"].([]any)
	for _, f := range fs {
		switch m := f.(map[string]any); m["id"] {
		case "host-unreachable":
			details = append(details, m["detail"].(string))
			if _, ok := m["address"]; ok {
				t.Errorf("the finding about both addresses names one: %v", m)
			}
		case "port-blocked":
			t.Errorf("one host refusing at both addresses judged a blocked port: %v", m)
		}
	}
	if len(details) != 1 || !strings.Contains(details[0], "192.0.2.7:25 refused") || !strings.Contains(details[0], "192.0.2.8:25 refused") {
		t.Errorf("host-unreachable findings %q, want one naming both addresses\n%s", details, r.stdout)
	}
	hosts, _ := obj["hosts"].([]any)
	if len(hosts) != 2 {
		t.Fatalf("%d host entries, want one per address\n%s", len(hosts), r.stdout)
	}
	for _, h := range hosts {
		m := h.(map[string]any)
		if m["host"] != "mx.two.example" || m["status"] != "critical" || !strings.Contains(m["error"].(string), "refused") {
			t.Errorf("host entry %v", m)
		}
	}
	text := runWith(t, cmdEnv{routes: w.routes}, "--resolver", w.dns.Addr(), "--no-color", "--checks", "smtp", "two.example")
	if n := strings.Count(text.stdout, "Could not connect to this mail server"); n != 1 {
		t.Errorf("%d \"could not connect\" findings in the text report, want 1\n%s", n, text.stdout)
	}
}

// TestOneAddressUnreachable: when one address of a host refuses
// connections and another serves, the finding is about that address
// (address-unreachable, whose text does not claim that no address of the
// host answered), a warning since the host's other address takes the
// mail.
func TestOneAddressUnreachable(t *testing.T) {
	w := newInbound(t,
		"half.example. 300 IN MX 10 mx.half.example.",
		"mx.half.example. 300 IN A 192.0.2.7",
		"mx.half.example. 300 IN A 192.0.2.8",
	)
	w.routes["192.0.2.7:25"] = closedAddr(t)
	w.route("192.0.2.8")
	code, obj, r := w.run(t, "--checks", "smtp", "half.example")
	var ids []string
	fs, _ := obj["findings"].([]any)
	for _, f := range fs {
		m := f.(map[string]any)
		switch m["id"] {
		case "host-unreachable", "address-unreachable":
			ids = append(ids, m["id"].(string))
			if m["severity"] != "warning" || m["address"] != "192.0.2.7" || strings.HasPrefix(m["meaning"].(string), "No address of this MX host") {
				t.Errorf("finding %v", m)
			}
		}
	}
	if code != 1 || len(ids) != 1 || ids[0] != "address-unreachable" {
		t.Errorf("exit %d, findings %q; want 1 and one address-unreachable\n%s", code, ids, r.stdout)
	}
	if s, _ := obj["summary"].(string); !strings.Contains(s, "its other addresses take the mail") {
		t.Errorf("summary %q", s)
	}
}
