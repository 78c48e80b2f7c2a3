package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// explainCases are the golden files of explain: the queries, whether they
// are pasted replies, and the options.
var explainCases = []struct {
	name    string
	queries []string
	text    bool // queries are pasted replies (explain --text)
	lang    catalog.Lang
	json    bool
	color   bool
}{
	{name: "basic", queries: []string{"252"}},
	{name: "basic-others", queries: []string{"554"}},
	{name: "enhanced", queries: []string{"5.7.26"}},
	{name: "enhanced-x", queries: []string{"X.4.2"}},
	{name: "combined", queries: []string{"550 5.1.1"}},
	{name: "compare", queries: []string{"252", "354"}},
	{name: "compare-three", queries: []string{"450", "550", "5.2.2"}},
	{name: "text", queries: []string{"550 5.7.1 Service unavailable; Client host [192.0.2.77] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.77"}, text: true},
	{name: "text-multiline", queries: []string{"<user@example.com>: host mx.example.com[192.0.2.1] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking the recipient's email address for typos or\n550 5.1.1 unnecessary spaces. - gsmtp (in reply to RCPT TO command)"}, text: true},
	{name: "unknown", queries: []string{"573"}},
	{name: "unknown-enhanced", queries: []string{"5.7.606"}},
	{name: "ja", queries: []string{"550 5.1.1"}, lang: catalog.Japanese},
	{name: "ja-compare", queries: []string{"421", "4.7.0"}, lang: catalog.Japanese},
	{name: "ja-text", queries: []string{"450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.17]"}, text: true, lang: catalog.Japanese},
	{name: "json", queries: []string{"550 5.1.1", "250"}, json: true},
	{name: "json-text", queries: []string{"421 4.7.0 [TSS04] Messages from 192.0.2.35 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1"}, text: true, json: true},
	{name: "color", queries: []string{"451", "550"}, color: true},
}

func explainAll(t *testing.T, queries []string, text bool, lang catalog.Lang) []report.Explanation {
	t.Helper()
	var es []report.Explanation
	for _, q := range queries {
		var e report.Explanation
		var err error
		if text {
			e, err = report.ExplainReply(q, lang)
		} else {
			e, err = report.ExplainCode(q, lang)
		}
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		es = append(es, e)
	}
	return es
}

func TestExplainGolden(t *testing.T) {
	for _, tc := range explainCases {
		t.Run(tc.name, func(t *testing.T) {
			lang := tc.lang
			if lang == "" {
				lang = catalog.English
			}
			es := explainAll(t, tc.queries, tc.text, lang)
			var b bytes.Buffer
			o := Options{Lang: lang, Color: tc.color}
			var err error
			ext := ".golden"
			if tc.json {
				err = ExplainJSON(&b, es, o)
			} else {
				err = ExplainText(&b, es, o)
			}
			if err != nil {
				t.Fatal(err)
			}
			hasANSI := strings.Contains(b.String(), "\x1b[")
			if hasANSI != tc.color {
				t.Errorf("colour in output %v; want %v", hasANSI, tc.color)
			}
			golden(t, "explain-"+tc.name+ext, b.Bytes())
		})
	}
}

func TestExplainJSONFields(t *testing.T) {
	es := explainAll(t, []string{"550 5.1.1", "554"}, false, catalog.English)
	var b bytes.Buffer
	if err := ExplainJSON(&b, es, Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines; want one object per code", len(lines))
	}
	for _, ln := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(ln), &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"code", "enhanced", "class", "title", "meaning", "when", "fix", "category", "retry", "matched", "query"} {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: no %q field", ln, k)
			}
		}
	}
}

func TestCategoryNamesJapanese(t *testing.T) {
	categories := []string{
		catalog.CategoryMailboxUnknown, catalog.CategoryMailboxFull, catalog.CategoryMailboxDisabled,
		catalog.CategoryRelayDenied, catalog.CategorySenderRejected, catalog.CategorySpamReputation,
		catalog.CategoryBlocklist, catalog.CategoryAuthenticationRequired,
		catalog.CategoryAuthenticationFailed, catalog.CategoryTLSRequired, catalog.CategoryDNSProblem,
		catalog.CategoryReverseDNS, catalog.CategorySPFDKIMDMARC, catalog.CategoryRateLimit,
		catalog.CategoryGreylisting, catalog.CategorySizeLimit, catalog.CategoryPolicy, catalog.CategorySyntax,
		catalog.CategoryServerUnavailable, catalog.CategoryDoesNotAcceptMail, catalog.CategorySuccess,
		catalog.CategoryIntermediate, catalog.CategoryOther,
	}
	for _, c := range categories {
		if categoryJa[c] == "" {
			t.Errorf("category %s has no Japanese name", c)
		}
	}
}
