package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

func TestAuthGolden(t *testing.T) {
	ja := fixtures.Options()
	ja.Lang = catalog.Japanese
	for _, tc := range fixtures.AuthCases() {
		name := "auth-" + strings.NewReplacer(" ", "-", ",", "").Replace(strings.ToLower(tc.Name))
		t.Run(tc.Name, func(t *testing.T) {
			a := report.Assess(tc.R, fixtures.Options())
			var text, js bytes.Buffer
			if err := Text(&text, []report.Assessment{a}, opts(fixtures.Options())); err != nil {
				t.Fatal(err)
			}
			if err := JSON(&js, []report.Assessment{a}, opts(fixtures.Options())); err != nil {
				t.Fatal(err)
			}
			golden(t, name+".text.golden", text.Bytes())
			golden(t, name+".json.golden", js.Bytes())
			var v struct {
				Submission bool `json:"submission"`
				Hosts      []struct {
					Auth *jsonAuth `json:"auth"`
				} `json:"hosts"`
			}
			if err := json.Unmarshal(js.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			if !v.Submission || len(v.Hosts) != 1 || v.Hosts[0].Auth == nil || v.Hosts[0].Auth.Offered == nil {
				t.Errorf("JSON lacks the submission flag or the auth facts: %s", js.Bytes())
			}
			if !strings.Contains(text.String(), "\n  AUTH\n") {
				t.Errorf("text lacks the AUTH block:\n%s", text.String())
			}
		})
	}
	a := report.Assess(fixtures.AuthCases()[1].R, ja)
	var text bytes.Buffer
	if err := Text(&text, []report.Assessment{a}, opts(ja)); err != nil {
		t.Fatal(err)
	}
	golden(t, "auth-rejected-ja.text.golden", text.Bytes())
}
