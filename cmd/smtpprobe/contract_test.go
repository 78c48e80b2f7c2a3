package main

// These tests pin the user-facing contract (interface.md, copied nowhere:
// its promises are restated next to each test) end to end through run,
// against real peers on loopback: a miekg/dns server (dnstest) and go-smtp
// servers (smtptest), with scripted servers only where a test needs to see
// the exact bytes on the wire or to hold connections open. DNS answers use
// documentation addresses (192.0.2.x) that the env's configure hook routes
// to the listeners, so several "hosts" can live on one loopback address
// and the probe's one-connection-per-address gate still sees them apart.
//
// A contract behaviour that is missing is a subtest that skips with
// "gap: ..." and says what to fix; the lead removes the skip with the fix
// (none are left).

import (
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

// closedAddr returns a loopback TCP address where nothing listens.
func closedAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// decodeJSONLines decodes one JSON object per line of out.
func decodeJSONLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	for i, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", i+1, err, out)
		}
		objs = append(objs, m)
	}
	return objs
}

// decodeOne decodes the one JSON object of a single-target run.
func decodeOne(t *testing.T, r result) map[string]any {
	t.Helper()
	objs := decodeJSONLines(t, r.stdout)
	if len(objs) != 1 {
		t.Fatalf("%d JSON objects, want 1:\n%s", len(objs), r.stdout)
	}
	return objs[0]
}

// jget returns the value at a path of object keys and array indexes
// ("hosts.0.tls.version"); ok is false when the path does not exist.
func jget(v any, path string) (any, bool) {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[k]; !ok {
				return nil, false
			}
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// jtype names the JSON type of a decoded value.
func jtype(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// want checks that path exists in v with JSON type typ and returns it.
func want(t *testing.T, v any, path, typ string) any {
	t.Helper()
	x, ok := jget(v, path)
	if !ok {
		t.Errorf("JSON lacks %s", path)
		return nil
	}
	if got := jtype(x); got != typ {
		t.Errorf("JSON %s is %s (%v), want %s", path, got, x, typ)
	}
	return x
}

func str(t *testing.T, v any, path string) string {
	t.Helper()
	s, _ := want(t, v, path, "string").(string)
	return s
}

func num(t *testing.T, v any, path string) float64 {
	t.Helper()
	n, _ := want(t, v, path, "number").(float64)
	return n
}

func arr(t *testing.T, v any, path string) []any {
	t.Helper()
	a, _ := want(t, v, path, "array").([]any)
	return a
}

// The categories, retry values and match kinds the contract lists.
var (
	contractCategories = set("mailbox-unknown", "mailbox-full", "mailbox-disabled", "relay-denied",
		"sender-rejected", "spam-reputation", "blocklist", "authentication-required",
		"authentication-failed", "tls-required", "dns-problem", "reverse-dns", "spf-dkim-dmarc",
		"rate-limit", "greylisting", "size-limit", "policy", "syntax", "server-unavailable",
		"does-not-accept-mail", "success", "intermediate", "other")
	contractRetry    = set("transient", "permanent")
	contractMatched  = set("rule", "enhanced", "basic", "class")
	contractStatuses = set("ok", "warning", "critical", "unknown")
)

func set(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// checkDiagnosis checks a diagnosis object (an explanation, an explain -o
// json line) against the contract: every field, with its JSON type, and
// the values of category, retry and matched from the contract's lists.
func checkDiagnosis(t *testing.T, d any, where string) {
	t.Helper()
	if jtype(d) != "object" {
		t.Errorf("%s: diagnosis is %s, want an object", where, jtype(d))
		return
	}
	num(t, d, "code")
	str(t, d, "enhanced")
	for _, f := range []string{"class", "title", "meaning", "when", "fix"} {
		if str(t, d, f) == "" {
			t.Errorf("%s: diagnosis field %s is empty", where, f)
		}
	}
	if c := str(t, d, "category"); !contractCategories[c] {
		t.Errorf("%s: category %q is not one of the contract's", where, c)
	}
	if r := str(t, d, "retry"); !contractRetry[r] {
		t.Errorf("%s: retry %q, want transient or permanent", where, r)
	}
	if m := str(t, d, "matched"); !contractMatched[m] {
		t.Errorf("%s: matched %q, want rule, enhanced, basic or class", where, m)
	}
}

// events returns the go-smtp server's backend events as one string.
func events(s *smtptest.Server) string { return strings.Join(s.Events(), "\n") }

// recorder is a well-behaved scripted server that records the client's
// bytes: a go-smtp server does not show the EHLO name or VRFY. It offers
// no PIPELINING, so that each command is answered on its own.
func recorder(t *testing.T) *smtptest.Scripted {
	return smtptest.StartScript(t, func(c *smtptest.Conn) {
		if !c.Greet("8BITMIME", "ENHANCEDSTATUSCODES") {
			return
		}
		c.Answer(map[string]string{
			"VRFY": "252 2.1.5 Cannot VRFY user, but will accept message",
			"RSET": "250 2.0.0 reset",
		})
	})
}

// commands lists the commands a recorder received, one a line.
func commands(s *smtptest.Scripted) []string {
	return strings.Split(strings.TrimRight(s.Received(), "\r\n"), "\r\n")
}

func stepCommands(t *testing.T, obj map[string]any) []string {
	var out []string
	for _, st := range arr(t, obj, "hosts.0.steps") {
		c, _ := jget(st, "command")
		s, _ := c.(string)
		out = append(out, s)
	}
	return out
}

// isStartTLS reads a command and tells whether it is STARTTLS. The probe's
// retry in clear after a failed handshake sends MAIL FROM instead.
func isStartTLS(c *smtptest.Conn) bool {
	verb, _, ok := c.Command()
	return ok && verb == "STARTTLS"
}
