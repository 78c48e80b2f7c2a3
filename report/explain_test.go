package report

import (
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/report/catalog"
)

func TestExplainCodeForms(t *testing.T) {
	tests := []struct {
		query                    string
		code                     int
		enhanced, matched, class string
		others                   int
	}{
		{"252", 252, "", catalog.MatchedBasic, catalog.ClassPositiveCompletion, 1},
		{"554", 554, "", catalog.MatchedBasic, catalog.ClassPermanentNegative, 2},
		{"5.1.1", 0, "5.1.1", catalog.MatchedEnhanced, catalog.ClassPermanentNegative, 0},
		{"x.7.26", 0, "X.7.26", catalog.MatchedEnhanced, catalog.ClassAny, 0},
		{"550 5.1.1", 550, "5.1.1", catalog.MatchedEnhanced, catalog.ClassPermanentNegative, 0},
		{"450 X.2.2", 450, "4.2.2", catalog.MatchedEnhanced, catalog.ClassTransientNegative, 0},
		{"573", 573, "", catalog.MatchedClass, catalog.ClassPermanentNegative, 0},
		{"5.7.606", 0, "5.7.606", catalog.MatchedEnhanced, catalog.ClassPermanentNegative, 0},
		{"X.9.9", 0, "X.9.9", catalog.MatchedClass, catalog.ClassAny, 0},
		{"X.7.99", 0, "X.7.99", catalog.MatchedEnhanced, catalog.ClassAny, 0},
	}
	for _, tt := range tests {
		e, err := ExplainCode(tt.query, catalog.English)
		if err != nil {
			t.Errorf("%q: %v", tt.query, err)
			continue
		}
		d := e.Diagnosis
		if d.Code != tt.code || d.Enhanced != tt.enhanced || d.Matched != tt.matched || d.Class != tt.class || len(e.Others) != tt.others {
			t.Errorf("%q: code %d enhanced %q matched %s class %q others %d; want %d %q %s %q %d",
				tt.query, d.Code, d.Enhanced, d.Matched, d.Class, len(e.Others), tt.code, tt.enhanced, tt.matched, tt.class, tt.others)
		}
	}
	for _, bad := range []string{"", "abc", "650", "5.1", "550 4.1.1"} {
		if _, err := ExplainCode(bad, catalog.English); err == nil {
			t.Errorf("ExplainCode(%q) succeeded", bad)
		}
	}
	if _, err := ExplainReply(" \n ", catalog.English); err == nil {
		t.Error("ExplainReply of blank text succeeded")
	}
}

// TestExplainAnyClass: an enhanced code in its "X." form names no class,
// so its explanation pretends none: the class is ClassAny, and the code is
// explained as it reads in each class it can be sent with (4.7.26
// transient, 5.7.26 permanent; 2.1.5 first for a success code). With a
// basic code the class is the basic code's.
func TestExplainAnyClass(t *testing.T) {
	for _, tt := range []struct {
		query   string
		forms   []string
		retries []string
	}{
		{"X.7.26", []string{"4.7.26", "5.7.26"}, []string{catalog.Transient, catalog.Permanent}},
		{"X.4.2", []string{"4.4.2", "5.4.2"}, []string{catalog.Transient, catalog.Permanent}},
		{"X.1.5", []string{"2.1.5", "4.1.5", "5.1.5"}, []string{catalog.Permanent, catalog.Transient, catalog.Permanent}},
		{"X.7.99", []string{"4.7.99", "5.7.99"}, []string{catalog.Transient, catalog.Permanent}},
		{"X.9.9", []string{"4.9.9", "5.9.9"}, []string{catalog.Transient, catalog.Permanent}},
	} {
		e, err := ExplainCode(tt.query, catalog.English)
		if err != nil {
			t.Fatal(err)
		}
		// The code in general names no class, not even in its meaning.
		if m := e.Diagnosis.Meaning + e.Diagnosis.Title; strings.Contains(m, tt.forms[len(tt.forms)-1]) || strings.Contains(strings.ToLower(m), "permanent") {
			t.Errorf("%s: the general explanation reads a class: %q", tt.query, m)
		}
		if e.Diagnosis.Class != catalog.ClassAny || e.Diagnosis.Retry == "" {
			t.Errorf("%s: class %q retry %q; want %q and a retry", tt.query, e.Diagnosis.Class, e.Diagnosis.Retry, catalog.ClassAny)
		}
		var forms, retries []string
		for _, f := range e.ByClass {
			forms, retries = append(forms, f.Enhanced), append(retries, f.Retry)
			if want := f.Enhanced[:1] + "xx"; !strings.HasPrefix(f.Class, want) {
				t.Errorf("%s: %s has class %q", tt.query, f.Enhanced, f.Class)
			}
		}
		if strings.Join(forms, " ") != strings.Join(tt.forms, " ") || strings.Join(retries, " ") != strings.Join(tt.retries, " ") {
			t.Errorf("%s: by class %q %q; want %q %q", tt.query, forms, retries, tt.forms, tt.retries)
		}
	}
	e, _ := ExplainCode("450 X.2.2", catalog.English)
	if e.Diagnosis.Class != catalog.ClassTransientNegative || len(e.ByClass) != 0 {
		t.Errorf("450 X.2.2: class %q, %d by class; want the basic code's class alone", e.Diagnosis.Class, len(e.ByClass))
	}
}

// TestExplainUnknownEnhancedWithBasic checks that "550 5.9.9" says that
// 5.9.9 is unknown instead of passing the explanation of 550 off as its own,
// and that a known pair says nothing of the kind.
func TestExplainUnknownEnhancedWithBasic(t *testing.T) {
	for _, tt := range []struct {
		query string
		lang  catalog.Lang
		note  string
	}{
		{"550 5.9.9", catalog.English, "5.9.9 is not in the catalog"},
		{"550 5.9.9", catalog.Japanese, "5.9.9 はカタログに登録されていない"},
		{"550 5.1.1", catalog.English, ""},
	} {
		e, err := ExplainCode(tt.query, tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		has := strings.Contains(e.Diagnosis.Meaning, "not in the catalog") || strings.Contains(e.Diagnosis.Meaning, "カタログに登録されていない")
		if tt.note == "" && has || tt.note != "" && !strings.HasPrefix(e.Diagnosis.Meaning, tt.note) {
			t.Errorf("ExplainCode(%q, %s).Meaning = %q; want note %q", tt.query, tt.lang, e.Diagnosis.Meaning, tt.note)
		}
	}
}
