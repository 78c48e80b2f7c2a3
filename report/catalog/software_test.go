package catalog

import (
	"strings"
	"testing"
)

// softwareNames are the words that name a server software or one of its
// settings files: a neutral fix names none of them.
var softwareNames = []string{"Postfix", "Exim", "Sendmail", "sendmail.mc", "OpenSMTPD", "smtpd.conf", "Exchange", "main.cf", "smtpd_", "Set-ReceiveConnector"}

// TestSoftwareFixes checks every fix written for one software: a known
// software, each once, text in both languages, and a neutral fix beside
// it that names no software.
func TestSoftwareFixes(t *testing.T) {
	type entry struct {
		name, neutral, neutralJa string
		fixes                    []SoftwareFix
	}
	var entries []entry
	for _, r := range Rules() {
		entries = append(entries, entry{"rule " + r.ID, r.En.Fix, r.Ja.Fix, r.Fixes})
	}
	for _, e := range BasicEntries() {
		entries = append(entries, entry{"basic " + e.Name, e.En.Fix, e.Ja.Fix, e.Fixes})
	}
	for _, e := range EnhancedEntries() {
		entries = append(entries, entry{"enhanced " + e.Code, e.En.Fix, e.Ja.Fix, e.Fixes})
	}
	for _, table := range findingTables {
		for id, e := range table {
			entries = append(entries, entry{"finding " + id, e.en.fix, e.ja.fix, e.fixes})
		}
	}
	known := map[Software]bool{SoftwarePostfix: true, SoftwareExim: true, SoftwareSendmail: true, SoftwareOpenSMTPD: true, SoftwareExchange: true}
	n := 0
	for _, e := range entries {
		if len(e.fixes) == 0 {
			continue
		}
		seen := map[Software]bool{}
		for _, f := range e.fixes {
			n++
			if !known[f.Software] || seen[f.Software] {
				t.Errorf("%s: fix for %q unknown or repeated", e.name, f.Software)
			}
			seen[f.Software] = true
			if f.En == "" || !hasJapanese(f.Ja) || f.En == e.neutral {
				t.Errorf("%s, %s: fix %q / %q", e.name, f.Software, f.En, f.Ja)
			}
		}
		for _, w := range softwareNames {
			if strings.Contains(e.neutral, w) || strings.Contains(e.neutralJa, w) {
				t.Errorf("%s: the neutral fix names %q: %q", e.name, w, e.neutral)
			}
		}
	}
	if n < 30 {
		t.Errorf("only %d software fixes", n)
	}
}

// TestDiagnoseWithSoftware checks that a fix names the settings of the
// software the probe identified, else of the software the reply's text
// identifies, and is neutral when neither says. The replies are from
// testdata/replies.tsv.
func TestDiagnoseWithSoftware(t *testing.T) {
	tests := []struct {
		reply string
		sw    Software
		lang  Lang
		want  string // in the fix
	}{
		{"552 5.3.4 Message size exceeds fixed limit", SoftwareExim, English, "message_size_limit in the Exim configuration"},
		{"552 5.3.4 Message size exceeds fixed limit", SoftwareOpenSMTPD, Japanese, "smtp max-message-size"},
		{"552 5.3.4 Message size exceeds fixed limit", SoftwareUnknown, English, "the receiving site can raise its limit."},
		// The text is Postfix's own: its fix names Postfix's settings.
		{"554 5.7.1 <example@example.com>: Recipient address rejected: Invalid-Recipient.", SoftwareUnknown, English, "virtual_mailbox_maps"},
		// The identified software wins over the text.
		{"554 5.7.1 <example@example.com>: Recipient address rejected: Invalid-Recipient.", SoftwareExchange, English, "Set-Mailbox"},
		{"550 Invalid recipient", SoftwareOpenSMTPD, English, "smtpctl update table"},
		{"550 Invalid recipient", SoftwareUnknown, English, "create the mailbox or alias."},
		// A software with no fix of its own gets the neutral one.
		{"535 5.7.8 Error: authentication failed: authentication failure", SoftwareSendmail, English, ""},
	}
	for _, tt := range tests {
		d := DiagnoseWith(0, "", tt.reply, Options{Lang: tt.lang, Software: tt.sw})
		neutral := Diagnose(0, "", tt.reply, tt.lang)
		if tt.want == "" {
			if tt.sw != SoftwareUnknown && d.Fix != neutral.Fix {
				t.Errorf("%q on %s: fix %q; want the neutral %q", tt.reply, tt.sw, d.Fix, neutral.Fix)
			}
			continue
		}
		if !strings.Contains(d.Fix, tt.want) {
			t.Errorf("%q on %q: fix %q; want it to contain %q", tt.reply, tt.sw, d.Fix, tt.want)
		}
		if d.Category != neutral.Category || d.Title != neutral.Title {
			t.Errorf("%q: the software changed more than the fix: %+v", tt.reply, d)
		}
	}
}

func TestFindingTextWithSoftware(t *testing.T) {
	d, ok := FindingTextWith("starttls-not-offered", Options{Lang: English, Software: SoftwareSendmail})
	if !ok || !strings.Contains(d.Fix, "confSERVER_CERT") {
		t.Errorf("Sendmail: %q", d.Fix)
	}
	d, _ = FindingTextWith("starttls-not-offered", Options{Lang: Japanese, Software: SoftwareExim})
	if !strings.Contains(d.Fix, "tls_certificate") || !hasJapanese(d.Fix) {
		t.Errorf("Exim, Japanese: %q", d.Fix)
	}
	d, _ = FindingText("starttls-not-offered", English)
	for _, w := range softwareNames {
		if strings.Contains(d.Fix, w) {
			t.Errorf("unknown software: the fix names %q: %q", w, d.Fix)
		}
	}
}
