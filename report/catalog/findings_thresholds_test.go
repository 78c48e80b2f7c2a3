package catalog

import (
	"slices"
	"testing"
)

// TestThresholdFindings checks that the threshold findings are served like
// the others (their texts are checked with every finding in findings_test.go)
// and that no id is defined twice.
func TestThresholdFindings(t *testing.T) {
	ids := FindingIDs()
	for id := range thresholdFindings {
		if _, clash := findings[id]; clash {
			t.Errorf("%s: defined in both findings and thresholdFindings", id)
		}
		if _, ok := FindingText(id, Japanese); !ok {
			t.Errorf("FindingText(%q) not found", id)
		}
		if !slices.Contains(ids, id) {
			t.Errorf("FindingIDs lacks %s", id)
		}
	}
	for _, id := range []string{"slow-probe", "cert-expires-critical"} {
		if _, ok := thresholdFindings[id]; !ok {
			t.Errorf("thresholdFindings lacks %s", id)
		}
	}
}
