package catalog

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// readTSV returns the data rows of a tab-separated file in testdata,
// skipping comments and the header.
func readTSV(t *testing.T, name string) [][]string {
	t.Helper()
	return readTSVFile(t, "testdata/"+name)[1:]
}

// readTSVFile returns the header and data rows of a tab-separated file,
// skipping comments.
func readTSVFile(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		line := s.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// hasJapanese reports whether s holds kana or kanji.
func hasJapanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}

// checkText fails when a field of an entry is empty, or when the Japanese
// text is not Japanese.
func checkText(t *testing.T, what string, en, ja Text) {
	t.Helper()
	for lang, tx := range map[string]Text{"en": en, "ja": ja} {
		for field, v := range map[string]string{"title": tx.Title, "meaning": tx.Meaning, "when": tx.When, "fix": tx.Fix} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %s %s is empty", what, lang, field)
				continue
			}
			if lang == "ja" && !hasJapanese(v) {
				t.Errorf("%s: ja %s is not Japanese: %q", what, field, v)
			}
			if lang == "en" && hasJapanese(v) {
				t.Errorf("%s: en %s holds Japanese: %q", what, field, v)
			}
		}
	}
}

func validCategory(c string) bool { return slices.Contains(Categories(), c) }

func TestEveryBasicCodeHasAnEntry(t *testing.T) {
	rows := readTSV(t, "basic-codes.tsv")
	if len(rows) != 59 {
		t.Fatalf("basic-codes.tsv has %d rows; want the whole list", len(rows))
	}
	for _, row := range rows {
		code, err := strconv.Atoi(row[0])
		if err != nil {
			t.Fatalf("bad row %q", row)
		}
		title := row[2]
		found := false
		for _, e := range basicEntries(code) {
			if e.Name == title {
				found = true
			}
		}
		if !found {
			t.Errorf("basic code %d %q has no catalog entry", code, title)
		}
		if ds := Basic(code, Japanese); len(ds) == 0 {
			t.Errorf("Basic(%d, ja) is empty", code)
		}
	}
}

func TestEveryRegistryEntryHasAnEntry(t *testing.T) {
	rows := readTSV(t, "enhanced-codes.tsv")
	if len(rows) != 81 {
		t.Fatalf("enhanced-codes.tsv has %d rows; want 81", len(rows))
	}
	for _, row := range rows {
		e := lookupEnhanced(row[0])
		if e == nil {
			t.Errorf("registry entry %s has no catalog entry", row[0])
			continue
		}
		if e.Name != row[1] {
			t.Errorf("%s: name %q; registry says %q", row[0], e.Name, row[1])
		}
		for _, class := range []string{"4", "5"} {
			code := class + row[0][1:]
			d, ok := Enhanced(code, English)
			if !ok || d.Matched != MatchedEnhanced {
				t.Errorf("Enhanced(%s) = %+v, %v", code, d, ok)
			}
		}
	}
	if n := len(EnhancedEntries()); n != len(rows) {
		t.Errorf("catalog has %d enhanced entries; registry %d", n, len(rows))
	}
}

func TestEntriesComplete(t *testing.T) {
	seen := map[string]bool{}
	prev := 0
	for _, e := range BasicEntries() {
		what := strconv.Itoa(e.Code) + " " + e.Name
		if seen[what] {
			t.Errorf("%s: duplicate entry", what)
		}
		seen[what] = true
		if e.Code < prev {
			t.Errorf("%s: entries out of order", what)
		}
		prev = e.Code
		checkText(t, what, e.En, e.Ja)
		if !validCategory(e.Category) || (e.Retry != Transient && e.Retry != Permanent) || e.Ref == "" {
			t.Errorf("%s: category %q retry %q ref %q", what, e.Category, e.Retry, e.Ref)
		}
		if first := basicEntries(e.Code)[0]; first.Name != e.Name && e.Match == "" {
			t.Errorf("%s: a second meaning needs a Match pattern", what)
		}
		if (e.Code/100 == 4) != (e.Retry == Transient) {
			t.Errorf("%s: retry %s does not follow the class", what, e.Retry)
		}
	}
	for _, e := range EnhancedEntries() {
		checkText(t, e.Code, e.En, e.Ja)
		if !validCategory(e.Category) || e.Ref == "" {
			t.Errorf("%s: category %q ref %q", e.Code, e.Category, e.Ref)
		}
	}
	for _, c := range classes {
		checkText(t, "class "+string(c.Digit), c.En, c.Ja)
	}
	for _, s := range subjects {
		checkText(t, s.Subject, s.En, s.Ja)
	}
	ids := map[string]bool{}
	for _, r := range Rules() {
		if r.ID == "" || ids[r.ID] {
			t.Errorf("rule %q: empty or duplicate ID", r.ID)
		}
		ids[r.ID] = true
		checkText(t, "rule "+r.ID, r.En, r.Ja)
		if !validCategory(r.Category) || (r.Retry != "" && r.Retry != Transient && r.Retry != Permanent) {
			t.Errorf("rule %s: category %q retry %q", r.ID, r.Category, r.Retry)
		}
		if r.Pattern == "" && r.Enhanced == "" {
			t.Errorf("rule %s matches everything", r.ID)
		}
	}
}

func TestDiagnoseMatchOrder(t *testing.T) {
	tests := []struct {
		code               int
		enhanced, text     string
		matched, category  string
		retry, class, rule string
	}{
		{550, "5.1.1", "<example@icloud.com>: user does not exist", MatchedRule, CategoryMailboxUnknown, Permanent, ClassPermanentNegative, "user-unknown"},
		{550, "5.1.1", "Invalid recipient", MatchedRule, CategoryMailboxUnknown, Permanent, ClassPermanentNegative, "user-unknown"},
		{550, "5.1.1", "xyzzy", MatchedEnhanced, CategoryMailboxUnknown, Permanent, ClassPermanentNegative, ""},
		{450, "4.2.2", "xyzzy", MatchedEnhanced, CategoryMailboxFull, Transient, ClassTransientNegative, ""},
		{550, "", "xyzzy", MatchedBasic, CategoryMailboxUnknown, Permanent, ClassPermanentNegative, ""},
		{550, "5.0.0", "xyzzy", MatchedBasic, CategoryMailboxUnknown, Permanent, ClassPermanentNegative, ""},
		{599, "", "xyzzy", MatchedClass, CategoryOther, Permanent, ClassPermanentNegative, ""},
		{499, "", "xyzzy", MatchedClass, CategoryOther, Transient, ClassTransientNegative, ""},
		{550, "5.7.999", "xyzzy", MatchedBasic, CategoryMailboxUnknown, Permanent, ClassPermanentNegative, ""},
		{599, "5.7.999", "xyzzy", MatchedEnhanced, CategoryPolicy, Permanent, ClassPermanentNegative, ""},
		{250, "2.0.0", "Ok: queued as 4Kx", MatchedBasic, CategorySuccess, Permanent, ClassPositiveCompletion, ""},
		{250, "", "mx.example.com", MatchedBasic, CategorySuccess, Permanent, ClassPositiveCompletion, ""},
		{250, "2.1.5", "Ok", MatchedEnhanced, CategorySuccess, Permanent, ClassPositiveCompletion, ""},
		// An enhanced entry written for failures yields to the basic code
		// of a success: Postfix's 235 2.7.0 is a login that worked.
		{235, "2.7.0", "Authentication successful", MatchedBasic, CategorySuccess, Permanent, ClassPositiveCompletion, ""},
		{250, "2.1.0", "Ok", MatchedBasic, CategorySuccess, Permanent, ClassPositiveCompletion, ""},
		// A temporary AUTH failure is the server's problem, not a wrong password.
		{454, "4.7.0", "Temporary authentication failure", MatchedRule, CategoryAuthenticationFailed, Transient, ClassTransientNegative, "auth-temporary"},
		// Rules never judge a positive reply, whatever its text says.
		{250, "", "spam filter says ok", MatchedBasic, CategorySuccess, Permanent, ClassPositiveCompletion, ""},
		{354, "", "End data with <CR><LF>.<CR><LF>", MatchedBasic, CategoryIntermediate, Permanent, ClassPositiveIntermediate, ""},
		// A second meaning of a code chosen by its text.
		{452, "", "max rcpt limit exceeded (#5.7.1)", MatchedRule, CategoryRateLimit, Transient, ClassTransientNegative, "rate-limit"},
		{521, "", "Server does not accept mail", MatchedRule, CategoryDoesNotAcceptMail, Permanent, ClassPermanentNegative, "does-not-accept-mail"},
		{220, "2.0.0", "Ready to start TLS", MatchedBasic, CategorySuccess, Permanent, ClassPositiveCompletion, ""},
		// The enhanced code is read from the text when not given.
		{550, "", "5.2.1 The email account that you tried to reach is disabled.", MatchedRule, CategoryMailboxDisabled, Permanent, ClassPermanentNegative, "mailbox-disabled"},
		// A 5xx that says to try again later is worth a retry.
		{554, "", "Service temporarily unavailable, please try again later", MatchedRule, CategoryServerUnavailable, Transient, ClassPermanentNegative, "server-trouble"},
		// Code 0: read from the text.
		{0, "", "550 5.1.1 <example@icloud.com>: user does not exist", MatchedRule, CategoryMailboxUnknown, Permanent, ClassPermanentNegative, "user-unknown"},
		{0, "", "", MatchedClass, CategoryOther, Permanent, "", ""},
	}
	for _, tt := range tests {
		d := Diagnose(tt.code, tt.enhanced, tt.text, English)
		if d.Matched != tt.matched || d.Category != tt.category || d.Retry != tt.retry || d.Class != tt.class || d.Rule != tt.rule {
			t.Errorf("Diagnose(%d, %q, %q) = matched %s category %s retry %s class %q rule %q; want %s %s %s %q %q",
				tt.code, tt.enhanced, tt.text, d.Matched, d.Category, d.Retry, d.Class, d.Rule,
				tt.matched, tt.category, tt.retry, tt.class, tt.rule)
		}
		if d.Title == "" || d.Meaning == "" || d.Fix == "" {
			t.Errorf("Diagnose(%d, %q, %q): empty text %+v", tt.code, tt.enhanced, tt.text, d)
		}
	}
}

func TestDiagnoseSecondMeaningByText(t *testing.T) {
	tests := []struct {
		code int
		text string
		name string
	}{
		{220, "2.0.0 Ready to start TLS", "Ready to start TLS"},
		{220, "mx.example.com ESMTP Postfix", "Service ready"},
		{454, "4.7.0 TLS not available due to local problem", "TLS not available"},
		{530, "5.7.0 Authentication required", "Authentication required"},
		{530, "5.7.0 Must issue a STARTTLS command first", "Must issue a STARTTLS command first"},
		{552, "Message size exceeds fixed maximum message size", "Too much mail data (message too large)"},
		{250, "OK, queuing for node example.com started", "Queuing for node started"},
	}
	for _, tt := range tests {
		flat := lowerText(flatten(tt.text))
		d, _, ok := diagnoseBasic(tt.code, flat, English)
		var want Diagnosis
		for _, e := range basicEntries(tt.code) {
			if e.Name == tt.name {
				want = e.diagnosis(English)
			}
		}
		if !ok || d.Title != want.Title || want.Title == "" {
			t.Errorf("code %d %q: got %q; want the meaning %q", tt.code, tt.text, d.Title, tt.name)
		}
	}
}

func TestDiagnoseUnknownSaysSo(t *testing.T) {
	for _, lang := range []Lang{English, Japanese} {
		d := Diagnose(573, "", "", lang)
		if d.Matched != MatchedClass || !strings.Contains(d.Meaning, "573") {
			t.Errorf("Diagnose(573, %s) = %+v; want the class, naming the code", lang, d)
		}
		if lang == English && !strings.Contains(d.Meaning, "not in the catalog") {
			t.Errorf("Diagnose(573) does not say it is unknown: %q", d.Meaning)
		}
		if lang == Japanese && !strings.Contains(d.Meaning, "登録されていない") {
			t.Errorf("Diagnose(573, ja) does not say it is unknown: %q", d.Meaning)
		}
	}
}

func TestDiagnoseJapanese(t *testing.T) {
	en := Diagnose(550, "5.1.1", "<nobody@example.org>: user does not exist", English)
	ja := Diagnose(550, "5.1.1", "<nobody@example.org>: user does not exist", Japanese)
	if !hasJapanese(ja.Title) || hasJapanese(en.Title) || en.Category != ja.Category || en.Retry != ja.Retry || en.Class != ja.Class {
		t.Errorf("en %+v\nja %+v", en, ja)
	}
}

func TestEnhancedXForm(t *testing.T) {
	d, ok := Enhanced("x.7.26", English)
	if !ok || d.Enhanced != "X.7.26" || d.Class != ClassAny || d.Category != CategorySPFDKIMDMARC || d.Retry != Permanent {
		t.Errorf("Enhanced(x.7.26) = %+v, %v", d, ok)
	}
	// The "X." form names no class; retry is the usual class's.
	d, _ = Enhanced("X.4.2", English)
	if d.Class != ClassAny || d.Retry != Transient {
		t.Errorf("Enhanced(X.4.2) = %+v; want no class and the usual 4xx retry", d)
	}
	d, _ = Enhanced("2.1.5", English)
	if d.Category != CategorySuccess {
		t.Errorf("Enhanced(2.1.5) category %s", d.Category)
	}
	d, _ = Enhanced("5.1.5", English)
	if d.Category != CategoryOther {
		t.Errorf("Enhanced(5.1.5) category %s; a success detail with a failure class is other", d.Category)
	}
	for _, bad := range []string{"5.1", "6.1.1", "5.1.1.1", "5.1.1000", "X.9.9", "5.a.1", ""} {
		if _, ok := Enhanced(bad, English); ok {
			t.Errorf("Enhanced(%q) = ok", bad)
		}
	}
}

// TestClass checks the explanation of a code the catalog knows only by its
// class (the first digit).
func TestClass(t *testing.T) {
	for code, want := range map[int]string{290: CategorySuccess, 390: CategoryIntermediate, 490: CategoryOther, 590: CategoryOther} {
		d := Diagnose(code, "", "", Japanese)
		if d.Matched != MatchedClass || d.Category != want || d.Class == "" || !hasJapanese(d.Meaning) {
			t.Errorf("Diagnose(%d) = %+v", code, d)
		}
	}
}

func BenchmarkDiagnose(b *testing.B) {
	Diagnose(550, "", "warm up", English)
	for b.Loop() {
		Diagnose(550, "5.7.1", "Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1", English)
		Diagnose(421, "4.7.0", "Try again later, closing connection. (EHLO) x-y.example.com - gsmtp", English)
	}
}
