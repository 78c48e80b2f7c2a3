package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/fatih/color"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

func TestTextGolden(t *testing.T) {
	for _, tc := range fixtures.GoldenCases() {
		t.Run(tc.Name, func(t *testing.T) {
			a := report.Assess(tc.R, tc.O)
			var plain, colored bytes.Buffer
			if err := Text(&plain, []report.Assessment{a}, opts(tc.O)); err != nil {
				t.Fatal(err)
			}
			o := opts(tc.O)
			o.Color = true
			if err := Text(&colored, []report.Assessment{a}, o); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.Name+".text.golden", plain.Bytes())
			golden(t, tc.Name+".color.golden", colored.Bytes())

			if bytes.Contains(plain.Bytes(), []byte("\x1b[")) {
				t.Error("plain text has colour codes")
			}
			if !bytes.Contains(colored.Bytes(), []byte("\x1b[")) {
				t.Error("coloured text has no colour codes")
			}
			if got := stripANSI(colored.String()); got != plain.String() {
				t.Errorf("coloured text without its colour codes differs from the plain text:\n%s\n---\n%s", got, plain.String())
			}
			out := plain.String()
			// The verdict says what happened in a line; what to do is in
			// the findings.
			verdict := out[strings.LastIndex(out, "\n\n")+2:]
			if !strings.Contains(verdict, a.Headline) || strings.Count(verdict, "\n") != 1 {
				t.Errorf("the verdict %q is not the headline %q on one line", verdict, a.Headline)
			}
			if n := utf8.RuneCountInString(verdict); n > 200 {
				t.Errorf("the verdict runs over %d characters: %q", n, verdict)
			}
			for _, f := range a.Findings {
				if !strings.Contains(out, f.Diagnosis.Title) {
					t.Errorf("finding %s: title %q is missing", f.ID, f.Diagnosis.Title)
				}
			}
		})
	}
}

// TestTextTranscript checks the transcript lines: every command with "->",
// every reply line with "<-" and its code, in wire form.
func TestTextTranscript(t *testing.T) {
	h := fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")
	a := report.Assess(fixtures.Result("example.com", nil, fixtures.MX(10, "mx1.example.com", "192.0.2.1")), fixtures.Options())
	a.Result.Hosts = append(a.Result.Hosts, h)
	a.Hosts = append(a.Hosts, report.Assess(fixtures.Result("example.com", []probe.Host{h}), fixtures.Options()).Hosts...)
	var b bytes.Buffer
	if err := Text(&b, []report.Assessment{a}, opts(fixtures.Options())); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range h.Steps {
		if s.Command != "" && !strings.Contains(out, "-> "+s.Command) {
			t.Errorf("command %q missing", s.Command)
		}
	}
	for _, want := range []string{"<- 220 mx1.example.com ESMTP Postfix", "<- 250-PIPELINING", "<- 250 SMTPUTF8", "== TLS handshake: TLS 1.3"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q missing in\n%s", want, out)
		}
	}
}

func TestTextSeveralTargets(t *testing.T) {
	cases := fixtures.GoldenCases()
	as := []report.Assessment{report.Assess(cases[0].R, fixtures.Options()), report.Invalid("bad..example", errors.New(`invalid target "bad..example": empty label`))}
	var b bytes.Buffer
	if err := Text(&b, as, opts(fixtures.Options())); err != nil {
		t.Fatal(err)
	}
	golden(t, "several.text.golden", b.Bytes())
	out := b.String()
	if i, j := strings.Index(out, "example.com"), strings.Index(out, "bad..example"); i < 0 || j < i {
		t.Errorf("targets not in order:\n%s", out)
	}
	if strings.Count(out, "Verdict") != 2 {
		t.Errorf("want a verdict per target:\n%s", out)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderersReportWriteErrors(t *testing.T) {
	as := []report.Assessment{report.Assess(fixtures.GoldenCases()[0].R, fixtures.Options())}
	es := []report.Explanation{}
	for _, q := range []string{"550", "5.1.1"} {
		e, err := report.ExplainCode(q, catalog.English)
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, e)
	}
	for name, render := range map[string]func(io.Writer) error{
		"Text":        func(w io.Writer) error { return Text(w, as, opts(fixtures.Options())) },
		"JSON":        func(w io.Writer) error { return JSON(w, as, opts(fixtures.Options())) },
		"Nagios":      func(w io.Writer) error { return Nagios(w, as, opts(fixtures.Options())) },
		"Prometheus":  func(w io.Writer) error { return Prometheus(w, as, opts(fixtures.Options())) },
		"Table":       func(w io.Writer) error { return Table(w, as, opts(fixtures.Options())) },
		"ExplainText": func(w io.Writer) error { return ExplainText(w, es, opts(fixtures.Options())) },
		"ExplainJSON": func(w io.Writer) error { return ExplainJSON(w, es, opts(fixtures.Options())) },
	} {
		if err := render(failingWriter{}); err == nil {
			t.Errorf("%s: no error from a failing writer", name)
		}
	}
}

// FuzzText feeds what a hostile server controls (reply lines, a
// certificate subject and names, an error text) through Assess and every
// renderer of this file and Nagios: nothing may panic, the text report and
// the plugin output may hold no control character but the newline (no
// terminal escapes from the network), and the JSON must stay valid JSON
// Lines.
func FuzzText(f *testing.F) {
	f.Add("5.1.1 <xxx@icloud.com>: user does not exist", "CN=mx1.example.com", "mx1.example.com", "EOF", uint16(550))
	f.Add("\x1b[2J\x1b]0;pwned\x07 hello", "CN=\x1b[31mred", "*.example.com\r\n", "read: \x00\xff", uint16(421))
	f.Add("ｍｘ１ 日本語 \u202e txt.exe", "O=テスト", "", "", uint16(250))
	f.Add("2.1.5 Ok\x1b]0;pwned\x07\x1b[2J", "CN=mx1.example.com", "mx1.example.com", "", uint16(250))
	f.Fuzz(func(t *testing.T, line, subject, name, errText string, code uint16) {
		h := fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com",
			fixtures.Step("", time.Millisecond, int(code%1000), line, line+line))
		h.TLS.Chain[0].Subject = subject
		h.TLS.Chain[0].DNSNames = []string{name}
		h.TLS.Verified, h.TLS.VerifyError = false, errText
		h.CloseErr = &probe.Error{Step: probe.StepQuit, Kind: probe.ErrClosed, Err: errors.New(errText)}
		r := fixtures.Result("example.com", []probe.Host{h}, fixtures.MX(10, "mx1.example.com", "192.0.2.1"))
		for _, o := range []report.Options{fixtures.Options(), {Lang: "ja", Now: fixtures.Options().Now}} {
			a := report.Assess(r, o)
			var b bytes.Buffer
			if err := Text(&b, []report.Assessment{a}, opts(o)); err != nil {
				t.Fatal(err)
			}
			for i, c := range b.Bytes() {
				if c < 0x20 && c != '\n' || c == 0x7f {
					t.Fatalf("control byte %#x at %d in the text report:\n%q", c, i, b.String())
				}
			}
			if !utf8.Valid(b.Bytes()) {
				t.Fatalf("text report is not UTF-8: %q", b.String())
			}
			if strings.ContainsAny(a.Summary, "\r\n") {
				t.Fatalf("summary spans lines: %q", a.Summary)
			}
			b.Reset()
			if err := JSON(&b, []report.Assessment{a}, opts(o)); err != nil {
				t.Fatal(err)
			}
			if bytes.Count(b.Bytes(), []byte("\n")) != 1 || !json.Valid(b.Bytes()) {
				t.Fatalf("not one line of JSON: %q", b.String())
			}
			b.Reset()
			if err := Nagios(&b, []report.Assessment{a}, opts(o)); err != nil {
				t.Fatal(err)
			}
			for i, c := range b.Bytes() {
				if c < 0x20 && c != '\n' || c == 0x7f {
					t.Fatalf("control byte %#x at %d in the plugin output:\n%q", c, i, b.String())
				}
			}
		}
	})
}

// TestTextExpiryColour checks that the certificate's expiry date is
// coloured by the severity Assess gave it, thresholds included: an expired
// certificate is a warning (contract), and --cert-crit-days makes it
// critical.
func TestTextExpiryColour(t *testing.T) {
	p := newPalette(true)
	crit := report.Options{Now: fixtures.Options().Now, CertCritDays: 7}
	for _, tt := range []struct {
		name string
		days int
		o    report.Options
		want *color.Color
	}{
		{"valid", 40, fixtures.Options(), p.ok},
		{"expires soon", 5, fixtures.Options(), p.warn},
		{"expired", -3, fixtures.Options(), p.warn},
		{"within the critical days", 5, crit, p.crit},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")
			h.TLS = fixtures.TLSInfo(h.Name, tt.days)
			a := report.Assess(fixtures.Result("example.com", []probe.Host{h}, fixtures.MX(10, h.Name, "192.0.2.1")), tt.o)
			o := opts(tt.o)
			o.Color = true
			var b bytes.Buffer
			if err := Text(&b, []report.Assessment{a}, o); err != nil {
				t.Fatal(err)
			}
			var line string
			for l := range strings.Lines(b.String()) {
				if strings.Contains(stripANSI(l), "expires  ") {
					line = l
				}
			}
			left := fmt.Sprintf("%d days left", tt.days)
			if tt.days < 0 {
				left = fmt.Sprintf("expired %d days ago", -tt.days)
			}
			// The last colour switched on before the words is the wanted one.
			mark := tt.want.Sprint("\x00")
			on := mark[:strings.Index(mark, "\x00")]
			j := strings.Index(line, left)
			if j < 0 || !strings.HasPrefix(line[strings.LastIndex(line[:j], "\x1b["):], on) {
				t.Errorf("expiry line %q: want %q in colour %q", line, left, on)
			}
		})
	}
}

// TestTextExplainsWhatAssessFound checks that the transcript explains the
// replies Assess made findings of, and does not judge replies again: with
// that judgement of the steps taken away, the 550 stands unexplained.
func TestTextExplainsWhatAssessFound(t *testing.T) {
	a := report.Assess(fixtures.Golden("rcpt-550").R, fixtures.Options())
	explained := func(a report.Assessment) bool {
		var b bytes.Buffer
		if err := Text(&b, []report.Assessment{a}, opts(fixtures.Options())); err != nil {
			t.Fatal(err)
		}
		return strings.Contains(b.String(), "              ^ ")
	}
	if !explained(a) {
		t.Error("the 550 finding is not explained in the transcript")
	}
	for i := range a.Hosts {
		for k := range a.Hosts[i].Steps {
			a.Hosts[i].Steps[k].Finding = false
		}
	}
	if explained(a) {
		t.Error("a reply without a finding is explained: the renderer judged it")
	}
}

// TestTextCertificateBounded: a certificate with 1,000 names and a huge
// subject in a chain of 12 prints a bounded part of each, and counts what
// was left out.
func TestTextCertificateBounded(t *testing.T) {
	h := fixtures.HealthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")
	leaf := h.TLS.Chain[0]
	leaf.Subject = "CN=mx1.example.com,O=" + strings.Repeat("x", 5000)
	leaf.DNSNames = nil
	for i := range 1000 {
		leaf.DNSNames = append(leaf.DNSNames, fmt.Sprintf("san%04d.example.com", i))
	}
	h.TLS.Chain = []probe.Cert{leaf}
	for range 11 {
		h.TLS.Chain = append(h.TLS.Chain, h.TLS.Chain[len(h.TLS.Chain)-1])
	}
	a := report.Assess(fixtures.Result("example.com", []probe.Host{h}, fixtures.MX(10, "mx1.example.com", "192.0.2.1")), fixtures.Options())
	for _, lang := range []catalog.Lang{catalog.English, catalog.Japanese} {
		var b bytes.Buffer
		if err := Text(&b, []report.Assessment{a}, Options{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(b.String(), "\n") {
			if len(line) > 1000 {
				t.Errorf("%s: a line of %d bytes: %.200s", lang, len(line), line)
			}
		}
		out := b.String()
		for _, want := range map[catalog.Lang][]string{
			catalog.English:  {"san0009.example.com and 990 more", "(4821 more characters)", "7 more certificates not shown"},
			catalog.Japanese: {"san0009.example.com（ほか990個の名前）", "（ほか4821文字）", "ほか7枚の証明書は省略"},
		}[lang] {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the report lacks %q", lang, want)
			}
		}
		if strings.Contains(out, "san0010.example.com") {
			t.Errorf("%s: the 11th name is printed", lang)
		}
	}
}
