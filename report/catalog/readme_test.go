package catalog

import (
	"fmt"
	"os"
	"regexp"
	"testing"
)

// TestReadmeFigures keeps the figures the README gives about the catalog
// (its number of reply-text rules, the size of its corpus and its score on
// it) equal to what the code has and measures.
func TestReadmeFigures(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := readLabelled(t, "testdata/replies.tsv")
	both, _, _ := accuracy(rows)
	for _, f := range []struct{ pattern, want string }{
		{`and (\d+) rules for\s+the reply texts`, fmt.Sprint(len(rules()))},
		{"`report/catalog/testdata/replies.tsv` holds (\\d+) real", fmt.Sprint(len(rows))},
		{`The catalog gets\s+\*\*([0-9.]+)%\*\* of them right`, fmt.Sprintf("%.1f", 100*both)},
	} {
		m := regexp.MustCompile(f.pattern).FindSubmatch(b)
		switch {
		case m == nil:
			t.Errorf("the README has no %q", f.pattern)
		case string(m[1]) != f.want:
			t.Errorf("the README says %s for %q; the catalog has %s", m[1], f.pattern, f.want)
		}
	}
}
