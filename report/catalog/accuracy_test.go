package catalog

import (
	"flag"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// external names a labelled corpus outside the repository to measure the
// catalog against, such as the Sisimai replies of the reference material.
// Tests never read it unless the flag is given by hand:
//
//	go test ./report/catalog -run TestMeasureExternal -external /path/to/replies.tsv -v
var external = flag.String("external", "", "measure against this labelled TSV (reply, ..., category, retry columns named in its header)")

// accuracy diagnoses every row and returns the share with the expected
// category and retry, and the rows that missed.
type labelled struct{ reply, category, retry, source string }

func accuracy(rows []labelled) (both, cat float64, misses []string) {
	var okBoth, okCat int
	for _, r := range rows {
		d := Diagnose(0, "", r.reply, English)
		if d.Category == r.category {
			okCat++
			if d.Retry == r.retry {
				okBoth++
				continue
			}
		}
		misses = append(misses, fmt.Sprintf("want %s/%s got %s/%s (%s %s): %.110s", r.category, r.retry, d.Category, d.Retry, d.Matched, d.Rule, r.reply))
	}
	n := float64(len(rows))
	return float64(okBoth) / n, float64(okCat) / n, misses
}

// readLabelled reads a TSV whose header names the reply, category and
// retry columns.
func readLabelled(t *testing.T, path string) []labelled {
	t.Helper()
	all := readTSVFile(t, path)
	header, rows := all[0], all[1:]
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, need := range []string{"reply", "category", "retry"} {
		if _, ok := col[need]; !ok {
			t.Fatalf("%s: no %q column in header %q", path, need, header)
		}
	}
	var out []labelled
	for _, r := range rows {
		l := labelled{reply: r[col["reply"]], category: r[col["category"]], retry: r[col["retry"]]}
		if i, ok := col["source"]; ok && i < len(r) {
			l.source = r[i]
		}
		out = append(out, l)
	}
	return out
}

func TestCorpusAccuracy(t *testing.T) {
	rows := readLabelled(t, "testdata/replies.tsv")
	if len(rows) < 100 {
		t.Fatalf("replies.tsv has %d replies; want at least 100", len(rows))
	}
	sources := map[string]bool{}
	for _, r := range rows {
		if !validCategory(r.category) || (r.retry != Transient && r.retry != Permanent) || r.source == "" {
			t.Errorf("bad row %+v", r)
		}
		sources[r.reply] = true
	}
	if len(sources) != len(rows) {
		t.Errorf("replies.tsv has %d duplicate replies", len(rows)-len(sources))
	}
	both, cat, misses := accuracy(rows)
	t.Logf("own corpus: %d replies, category+retry %.1f%%, category %.1f%%", len(rows), 100*both, 100*cat)
	for _, m := range misses {
		t.Log(m)
	}
	if both < 0.90 {
		t.Errorf("catalog diagnoses %.1f%% of the corpus correctly; want at least 90%%", 100*both)
	}
}

func TestMeasureExternal(t *testing.T) {
	if *external == "" {
		t.Skip("no -external corpus given (measurement by hand only)")
	}
	rows := readLabelled(t, *external)
	both, cat, misses := accuracy(rows)
	t.Logf("%s: %d replies, category+retry %.1f%%, category %.1f%%", *external, len(rows), 100*both, 100*cat)
	sort.Strings(misses)
	t.Log("misses:\n" + strings.Join(misses, "\n"))
}
