package catalog

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestThresholdFindingText(t *testing.T) {
	ph := regexp.MustCompile(`\{[a-z]+\}`)
	hasJapanese := func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) }) >= 0
	}
	placeholders := func(s string) []string {
		p := ph.FindAllString(s, -1)
		slices.Sort(p)
		return slices.Compact(p)
	}
	for _, id := range ThresholdFindingIDs() {
		if _, clash := FindingText(id, English); clash {
			t.Errorf("%s: also a FindingText id", id)
		}
		en, ok := ThresholdFindingText(id, English)
		if !ok {
			t.Fatalf("ThresholdFindingText(%q) not found", id)
		}
		ja, _ := ThresholdFindingText(id, Japanese)
		if de, _ := ThresholdFindingText(id, Lang("de")); de != en {
			t.Errorf("%s: German is not the English fallback", id)
		}
		if !slices.Contains(Categories(), en.Category) || (en.Retry != Transient && en.Retry != Permanent) || en.Class == "" || en.Matched != "finding" {
			t.Errorf("%s: bad category, retry, class or matched: %+v", id, en)
		}
		for _, p := range [][2]string{{en.Title, ja.Title}, {en.Meaning, ja.Meaning}, {en.When, ja.When}, {en.Fix, ja.Fix}} {
			switch {
			case strings.TrimSpace(p[0]) == "" || strings.TrimSpace(p[1]) == "":
				t.Errorf("%s: empty text in %q / %q", id, p[0], p[1])
			case hasJapanese(p[0]) || !hasJapanese(p[1]):
				t.Errorf("%s: language mix-up in %q / %q", id, p[0], p[1])
			case !slices.Equal(placeholders(p[0]), placeholders(p[1])):
				t.Errorf("%s: placeholders differ: %q / %q", id, p[0], p[1])
			}
			for _, x := range placeholders(p[0]) {
				if x != "{delay}" && x != "{days}" && x != "{threshold}" {
					t.Errorf("%s: unknown placeholder %s", id, x)
				}
			}
		}
	}
	if _, ok := ThresholdFindingText("no-such-finding", English); ok {
		t.Errorf("unknown id found")
	}
	if got := len(ThresholdFindingIDs()); got != len(thresholdFindings) {
		t.Errorf("ThresholdFindingIDs lists %d ids, the table has %d", got, len(thresholdFindings))
	}
}
