package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

func TestJSONGolden(t *testing.T) {
	for _, tc := range fixtures.GoldenCases() {
		t.Run(tc.Name, func(t *testing.T) {
			a := report.Assess(tc.R, tc.O)
			var b bytes.Buffer
			if err := JSON(&b, []report.Assessment{a}, opts(tc.O)); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.Name+".json.golden", b.Bytes())
			if n := bytes.Count(b.Bytes(), []byte("\n")); n != 1 {
				t.Errorf("want one line, got %d", n)
			}
			checkContract(t, b.Bytes())
		})
	}
}

// TestJSONLines renders several targets, one object per line in order,
// each complete; an input that is not a target is one of them.
func TestJSONLines(t *testing.T) {
	var as []report.Assessment
	for _, tc := range fixtures.GoldenCases() {
		as = append(as, report.Assess(tc.R, tc.O))
	}
	as = append(as, report.Invalid("bad..example", errors.New(`invalid target "bad..example": empty label`)))
	var b bytes.Buffer
	if err := JSON(&b, as, opts(fixtures.Options())); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&b)
	sc.Buffer(nil, 1<<20)
	i := 0
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if m["target"] != as[i].Result.Target.Input || m["status"] != as[i].Status.String() {
			t.Errorf("line %d is %v/%v, want %s/%s", i+1, m["target"], m["status"], as[i].Result.Target.Input, as[i].Status)
		}
		checkContract(t, sc.Bytes())
		i++
	}
	if i != len(as) {
		t.Errorf("%d lines for %d targets", i, len(as))
	}
}

// checkContract decodes one JSON Lines record and checks every field that
// interface.md requires, with its JSON type.
func checkContract(t *testing.T, line []byte) {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, line)
	}
	want := func(obj map[string]any, path string, kinds ...string) {
		t.Helper()
		key := path[strings.LastIndex(path, ".")+1:]
		v, ok := obj[key]
		if !ok {
			t.Errorf("%s missing", path)
			return
		}
		got := "null"
		switch v.(type) {
		case string:
			got = "string"
		case json.Number:
			got = "number"
		case bool:
			got = "bool"
		case []any:
			got = "array"
		case map[string]any:
			got = "object"
		}
		for _, k := range kinds {
			if k == got {
				return
			}
		}
		t.Errorf("%s is %s, want %v", path, got, kinds)
	}
	for _, k := range []string{"target", "domain", "status", "summary"} {
		want(m, k, "string")
	}
	want(m, "exit_code", "number")
	want(m, "dns", "object")
	want(m, "hosts", "array")
	want(m, "findings", "array")
	status, _ := m["status"].(string)
	code, _ := m["exit_code"].(json.Number)
	if map[string]string{"ok": "0", "warning": "1", "critical": "2", "unknown": "3"}[status] != code.String() {
		t.Errorf("status %q with exit_code %s", status, code)
	}
	if dns, ok := m["dns"].(map[string]any); ok {
		want(dns, "dns.mx", "array")
		want(dns, "dns.null_mx", "bool")
		want(dns, "dns.implicit_mx", "bool")
		want(dns, "dns.error", "string")
		mxs, _ := dns["mx"].([]any)
		for _, x := range mxs {
			mx := x.(map[string]any)
			want(mx, "dns.mx.host", "string")
			want(mx, "dns.mx.preference", "number")
			want(mx, "dns.mx.addresses", "array")
		}
	}
	hosts, _ := m["hosts"].([]any)
	for _, x := range hosts {
		h := x.(map[string]any)
		for _, k := range []string{"host", "address", "status", "error"} {
			want(h, "hosts."+k, "string")
		}
		want(h, "hosts.port", "number")
		want(h, "hosts.tls", "object", "null")
		want(h, "hosts.extensions", "object")
		want(h, "hosts.steps", "array")
		if tls, ok := h["tls"].(map[string]any); ok {
			want(tls, "tls.version", "string")
			want(tls, "tls.verified", "bool")
			want(tls, "tls.verify_error", "string")
			want(tls, "tls.not_after", "string")
			want(tls, "tls.days_left", "number")
		}
		steps, _ := h["steps"].([]any)
		for i, y := range steps {
			s := y.(map[string]any)
			want(s, "steps.command", "string")
			want(s, "steps.code", "number")
			want(s, "steps.enhanced", "string")
			want(s, "steps.lines", "array")
			want(s, "steps.duration_ms", "number")
			want(s, "steps.explanation", "object", "null")
			if i == 0 && s["command"] != "" {
				t.Errorf("first step %q is not the greeting", s["command"])
			}
			code, _ := s["code"].(json.Number)
			if code.String() == "0" {
				if h["error"] == "" {
					t.Errorf("step %q without a reply, and no host error", s["command"])
				}
				continue
			}
			e, ok := s["explanation"].(map[string]any)
			if !ok {
				t.Errorf("step %q with code %s has no explanation", s["command"], code)
				continue
			}
			checkDiagnosis(t, want, e, "explanation")
		}
	}
	findings, _ := m["findings"].([]any)
	for _, x := range findings {
		f := x.(map[string]any)
		want(f, "findings.severity", "string")
		want(f, "findings.host", "string")
		want(f, "findings.code", "number")
		want(f, "findings.enhanced", "string")
		checkDiagnosis(t, want, f, "findings")
		switch f["severity"] {
		case "info", "warning", "critical", "unknown":
		default:
			t.Errorf("finding severity %v", f["severity"])
		}
	}
}

// checkDiagnosis checks the fields every explanation and finding carries.
func checkDiagnosis(t *testing.T, want func(map[string]any, string, ...string), d map[string]any, where string) {
	t.Helper()
	want(d, where+".code", "number")
	for _, k := range []string{"enhanced", "class", "title", "meaning", "when", "fix", "category", "retry", "matched"} {
		want(d, where+"."+k, "string")
	}
	if r := d["retry"]; r != "transient" && r != "permanent" {
		t.Errorf("%s.retry = %v", where, r)
	}
}

// TestJSONStartTLSOfferedImplicit checks that starttls_offered reports
// what the EHLO reply offered: nothing over implicit TLS (SMTPS), where no
// EHLO comes before TLS.
func TestJSONStartTLSOfferedImplicit(t *testing.T) {
	for _, implicit := range []bool{false, true} {
		h := fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")
		if implicit {
			h.Port, h.TLS.Implicit, h.ExtensionsBeforeTLS = 465, true, nil
			h.Steps = slices.DeleteFunc(slices.Clone(h.Steps), func(s probe.Step) bool { return s.Command == "STARTTLS" })
		}
		a := report.Assess(fixtures.Result("example.com", []probe.Host{h}, fixtures.MX(10, h.Name, "192.0.2.1")), fixtures.Options())
		var b bytes.Buffer
		if err := JSON(&b, []report.Assessment{a}, opts(fixtures.Options())); err != nil {
			t.Fatal(err)
		}
		var v struct {
			Hosts []struct {
				StartTLSOffered bool `json:"starttls_offered"`
			} `json:"hosts"`
		}
		if err := json.Unmarshal(b.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		if got := v.Hosts[0].StartTLSOffered; got == implicit {
			t.Errorf("implicit TLS %v: starttls_offered %v", implicit, got)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	a := report.Assess(fixtures.Golden("healthy-tls").R, fixtures.Options())
	as := []report.Assessment{a}
	for _, bc := range []struct {
		name   string
		render func(io.Writer, []report.Assessment, Options) error
	}{{"text", Text}, {"json", JSON}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.render(io.Discard, as, opts(fixtures.Options())); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
