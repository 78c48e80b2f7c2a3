package catalog

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// contractCategories are the categories interface.md allows.
var contractCategories = strings.Fields(`mailbox-unknown mailbox-full mailbox-disabled
	relay-denied sender-rejected spam-reputation blocklist authentication-required
	authentication-failed tls-required dns-problem reverse-dns spf-dkim-dmarc rate-limit
	greylisting size-limit policy syntax server-unavailable does-not-accept-mail success
	intermediate other`)

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// TestCategoriesAreTheContracts checks Categories, by which every test of
// the catalog checks a category, against the contract's list.
func TestCategoriesAreTheContracts(t *testing.T) {
	if got := Categories(); !slices.Equal(got, contractCategories) {
		t.Errorf("Categories() = %q\nwant the contract's %q", got, contractCategories)
	}
}

func TestFindingTextComplete(t *testing.T) {
	known := []string{"{port}", "{delay}", "{days}", "{threshold}", "{domain}", "{result}", "{record}", "{inuse}", "{name}", "{address}", "{host}", "{helo}", "{size}", "{code}", "{version}"}
	ids := FindingIDs()
	if len(ids) == 0 {
		t.Fatal("FindingIDs is empty")
	}
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			t.Errorf("%s is in two finding tables", ids[i])
		}
	}
	for _, id := range ids {
		en, ok := FindingText(id, English)
		if !ok {
			t.Fatalf("FindingText(%q, en) not found", id)
		}
		ja, _ := FindingText(id, Japanese)
		for _, d := range []Diagnosis{en, ja} {
			for name, v := range map[string]string{"class": d.Class, "title": d.Title, "meaning": d.Meaning,
				"when": d.When, "fix": d.Fix, "category": d.Category, "retry": d.Retry, "matched": d.Matched} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s: empty %s", id, name)
				}
			}
			if !validCategory(d.Category) {
				t.Errorf("%s: category %q is not in the contract", id, d.Category)
			}
			if d.Retry != "transient" && d.Retry != "permanent" {
				t.Errorf("%s: retry %q", id, d.Retry)
			}
			if d.Matched != MatchedRule || d.Rule != id {
				t.Errorf("%s: matched %q rule %q; want rule %s", id, d.Matched, d.Rule, id)
			}
			for _, p := range placeholder.FindAllString(d.Title+d.Meaning+d.When+d.Fix, -1) {
				if !slices.Contains(known, p) {
					t.Errorf("%s: unknown placeholder %s", id, p)
				}
			}
		}
		pairs := [][2]string{{en.Title, ja.Title}, {en.Meaning, ja.Meaning}, {en.When, ja.When}, {en.Fix, ja.Fix}}
		for _, p := range pairs {
			if p[0] == p[1] {
				t.Errorf("%s: Japanese text is the English one: %q", id, p[0])
			}
			if !hasJapanese(p[1]) {
				t.Errorf("%s: Japanese text has no Japanese: %q", id, p[1])
			}
			if hasJapanese(p[0]) {
				t.Errorf("%s: English text has Japanese: %q", id, p[0])
			}
			if !samePlaceholders(p[0], p[1]) {
				t.Errorf("%s: placeholders differ between %q and %q", id, p[0], p[1])
			}
		}
	}
}

func TestFindingTextUnknown(t *testing.T) {
	if d, ok := FindingText("no-such-finding", English); ok || d.Title != "" {
		t.Errorf("FindingText(unknown) = %+v, %v; want zero, false", d, ok)
	}
	// Languages other than Japanese fall back to English.
	en, _ := FindingText("port-blocked", English)
	xx, _ := FindingText("port-blocked", Lang("de"))
	if en != xx {
		t.Errorf("FindingText(de) = %+v; want the English text", xx)
	}
}

func samePlaceholders(a, b string) bool {
	pa := placeholder.FindAllString(a, -1)
	pb := placeholder.FindAllString(b, -1)
	slices.Sort(pa)
	slices.Sort(pb)
	return slices.Equal(slices.Compact(pa), slices.Compact(pb))
}
