package catalog

import (
	"strings"
	"testing"
)

// TestAuthRequiredNamesTheFlags checks that the fix that sends people to
// the flags names them as they are. (TestFindingTextComplete checks the
// texts of every finding, the AUTH ones included.)
func TestAuthRequiredNamesTheFlags(t *testing.T) {
	d, _ := FindingText("auth-required", English)
	for _, flag := range []string{"--auth-user", "--auth-password-file", "SMTPPROBE_PASSWORD"} {
		if !strings.Contains(d.Fix, flag) {
			t.Errorf("auth-required fix does not name %s: %q", flag, d.Fix)
		}
	}
}
