package catalog

import (
	"strings"
	"testing"
)

// TestAuthFindings checks that FindingText serves every AUTH finding (the
// completeness test covers their texts) and that no id is shared with
// the other finding tables.
func TestAuthFindings(t *testing.T) {
	ids := strings.Join(FindingIDs(), " ")
	for id := range authFindings {
		if _, dup := findings[id]; dup {
			t.Errorf("%s is in both findings and authFindings", id)
		}
		if _, dup := thresholdFindings[id]; dup {
			t.Errorf("%s is in both thresholdFindings and authFindings", id)
		}
		if !strings.Contains(" "+ids+" ", " "+id+" ") {
			t.Errorf("FindingIDs lacks %s", id)
		}
		for _, lang := range []Lang{English, Japanese} {
			d, ok := FindingText(id, lang)
			if !ok || d.Matched != MatchedRule || d.Rule != id || d.Title == "" {
				t.Errorf("FindingText(%s, %s) = %+v, %v", id, lang, d, ok)
			}
		}
	}
	// The fix that sends people to the flags names them as they are.
	d, _ := FindingText("auth-required", English)
	for _, flag := range []string{"--auth-user", "--auth-password-file", "SMTPPROBE_PASSWORD"} {
		if !strings.Contains(d.Fix, flag) {
			t.Errorf("auth-required fix does not name %s: %q", flag, d.Fix)
		}
	}
}
