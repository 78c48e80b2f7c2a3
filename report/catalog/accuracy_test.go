package catalog

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

// update rewrites the catalog column of testdata/replies.tsv: the pinned
// diagnosis of every row that the catalog gets wrong.
var update = flag.Bool("update", false, "rewrite the catalog column of testdata/replies.tsv")

// labelled is one reply of a corpus with the category and retry it should
// get. pinned is the diagnosis ("category/retry") the catalog is known to
// give instead, empty when it gets the labels right.
type labelled struct{ reply, category, retry, source, pinned string }

// answer returns the catalog's category and retry for a reply as
// "category/retry".
func answer(reply string) string {
	d := Diagnose(0, "", reply, English)
	return d.Category + "/" + d.Retry
}

// accuracy diagnoses every row and returns the share with the expected
// category and retry, the share with the expected category, and the rows
// that missed.
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
func readLabelled(t testing.TB, path string) []labelled {
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
	field := func(r []string, name string) string {
		if i, ok := col[name]; ok && i < len(r) {
			return r[i]
		}
		return ""
	}
	var out []labelled
	for _, r := range rows {
		out = append(out, labelled{
			reply: field(r, "reply"), category: field(r, "category"), retry: field(r, "retry"),
			source: field(r, "source"), pinned: field(r, "catalog"),
		})
	}
	return out
}

// TestCorpusAccuracy pins the catalog's answer for every reply of the
// corpus: the labels where it gets them right, the known wrong answer where
// it does not, so that any change of any row fails until the corpus is
// updated on purpose.
func TestCorpusAccuracy(t *testing.T) {
	const path = "testdata/replies.tsv"
	rows := readLabelled(t, path)
	if *update {
		rewritePins(t, path)
		rows = readLabelled(t, path)
	}
	if len(rows) < 400 {
		t.Errorf("replies.tsv has %d replies; want at least 400", len(rows))
	}
	perCategory := map[string]int{}
	seen := map[string]bool{}
	for _, r := range rows {
		if !validCategory(r.category) || (r.retry != Transient && r.retry != Permanent) || r.source == "" {
			t.Errorf("bad row %+v", r)
		}
		perCategory[r.category]++
		key := flatten(r.reply)
		if seen[key] {
			t.Errorf("duplicate reply %q", r.reply)
		}
		seen[key] = true
		want := r.category + "/" + r.retry
		if r.pinned != "" {
			if r.pinned == want {
				t.Errorf("%q: pinned as a miss but the pin equals the labels %s", r.reply, want)
			}
			want = r.pinned
		}
		if got := answer(r.reply); got != want {
			t.Errorf("%.120q: catalog says %s; pinned %s (labels %s/%s)", r.reply, got, want, r.category, r.retry)
		}
	}
	for _, c := range Categories() {
		if c == CategorySuccess || c == CategoryIntermediate {
			continue
		}
		if perCategory[c] < 5 {
			t.Errorf("replies.tsv has %d replies of category %s; want at least 5", perCategory[c], c)
		}
	}
	both, cat, misses := accuracy(rows)
	t.Logf("own corpus: %d replies, category+retry %.1f%%, category %.1f%%", len(rows), 100*both, 100*cat)
	for _, m := range misses {
		t.Log(m)
	}
}

// rewritePins rewrites the catalog column of the corpus from the catalog's
// answers, keeping everything else byte for byte.
func rewritePins(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	header := true
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			b.WriteString(line + "\n")
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) > 4 {
			f = f[:4]
		}
		for len(f) < 4 {
			f = append(f, "")
		}
		if header {
			header = false
			b.WriteString(strings.Join(append(f, "catalog"), "\t") + "\n")
			continue
		}
		pin := ""
		if got := answer(f[0]); got != f[1]+"/"+f[2] {
			pin = got
		}
		b.WriteString(strings.Join(append(f, pin), "\t") + "\n")
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
