package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// Explanation is one thing `smtpprobe explain` was asked about: a code as
// typed, or a pasted reply, with its diagnosis.
type Explanation struct {
	// Query is the code as the user typed it ("550 5.1.1") or the reply
	// text they pasted.
	Query string
	// Reply is set when Query was a whole reply (explain --text): the code,
	// enhanced code and text read from it.
	Reply     *catalog.Reply
	Diagnosis catalog.Diagnosis
	// Others are the other meanings the standards give the same basic
	// code (250 for ETRN, 554 as a greeting), usual one first.
	Others []catalog.Diagnosis
	// ByClass is, for an enhanced code in its "X." form (whose Diagnosis
	// has Class catalog.ClassAny), the code as it reads in each class it
	// can be sent with: 4.7.26 and 5.7.26 for X.7.26.
	ByClass []catalog.Diagnosis
}

// ExplainCode explains a code as a person types it: a basic code ("252"),
// an enhanced code ("5.1.1", "X.7.26") or both ("550 5.1.1"). A code the
// catalog does not know gets the meaning of its class.
func ExplainCode(query string, lang catalog.Lang) (Explanation, error) {
	code, enhanced, err := catalog.ParseCode(query)
	if err != nil {
		return Explanation{}, err
	}
	e := Explanation{Query: strings.TrimSpace(query)}
	switch {
	case code != 0 && enhanced != "" && enhanced[0] == 'X':
		// "550 X.1.1": the registry entry in the class of the basic code.
		enhanced = strconv.Itoa(code/100) + enhanced[1:]
		e.Diagnosis = catalog.Diagnose(code, enhanced, "", lang)
	case code != 0 && enhanced != "":
		e.Diagnosis = catalog.Diagnose(code, enhanced, "", lang)
		if _, known := catalog.Enhanced(enhanced, lang); !known && e.Diagnosis.Matched == catalog.MatchedBasic {
			// Say so, or "550 5.9.9" would read as if 5.9.9 were explained.
			e.Diagnosis.Meaning = unknownEnhancedNote(enhanced, code, lang) + e.Diagnosis.Meaning
		}
	case code != 0:
		if ds := catalog.Basic(code, lang); ds != nil {
			e.Diagnosis, e.Others = ds[0], ds[1:]
		} else {
			e.Diagnosis = catalog.Diagnose(code, "", "", lang)
		}
	case enhanced[0] == 'X':
		// No class to pretend: the code in general, and how it reads in
		// each class.
		e.Diagnosis, e.ByClass, _ = catalog.EnhancedAnyClass(enhanced, lang)
	default:
		d, ok := catalog.Enhanced(enhanced, lang)
		if !ok {
			// Unregistered: explain it by its subject, in its class.
			d = catalog.Diagnose(0, enhanced, "", lang)
		}
		e.Diagnosis = d
	}
	e.Diagnosis = withSenderHint(e.Diagnosis, "", "", lang)
	return e, nil
}

// ExplainReply diagnoses a whole reply as a server sent it or a bounce
// shows it, multiline continuation prefixes included.
func ExplainReply(text string, lang catalog.Lang) (Explanation, error) {
	r, err := catalog.ParseReply(text)
	if err != nil {
		return Explanation{}, err
	}
	// A pasted reply came from a remote server as much as a probed one:
	// it is made safe to print, and judged, as the probe records replies.
	r.Text = escapeLines(r.Text)
	return Explanation{
		Query:     escapeLines(strings.TrimSpace(text)),
		Reply:     &r,
		Diagnosis: withSenderHint(catalog.Diagnose(r.Code, r.Enhanced, r.Text, lang), "", "", lang),
	}, nil
}

// escapeLines escapes each line of s with probe.Escape, keeping the line
// breaks.
func escapeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = probe.Escape(strings.TrimSuffix(l, "\r"))
	}
	return strings.Join(lines, "\n")
}

// unknownEnhancedNote opens the explanation of a basic code given with an
// enhanced code that the catalog does not know.
func unknownEnhancedNote(enhanced string, code int, lang catalog.Lang) string {
	if lang == catalog.Japanese {
		return fmt.Sprintf("%s はカタログに登録されていない拡張ステータスコードです。以下は %d の説明です: ", enhanced, code)
	}
	return fmt.Sprintf("%s is not in the catalog; this explains %d: ", enhanced, code)
}
