// Package catalog explains SMTP replies: every basic reply code of RFC 5321,
// RFC 3207, RFC 4954 and RFC 7504, every entry of the IANA registry of
// enhanced status codes (RFC 3463, RFC 5248), and rules for the reply texts
// that large providers and common MTAs really send. Each explanation says
// what a reply means, when it appears and how to fix it, in English and
// Japanese.
//
// The catalog is read-only data; it does no I/O.
package catalog

// Lang selects the language of explanations.
type Lang string

// The languages of the catalog.
const (
	English  Lang = "en"
	Japanese Lang = "ja"
)

// Diagnosis explains one reply, or one finding of the report.
type Diagnosis struct {
	Code     int    `json:"code"`
	Enhanced string `json:"enhanced"`
	Class    string `json:"class"` // "5xx Permanent Negative"
	Title    string `json:"title"`
	Meaning  string `json:"meaning"`
	When     string `json:"when"`
	Fix      string `json:"fix"`
	Category string `json:"category"` // one of the Category constants
	Retry    string `json:"retry"`    // "transient" or "permanent"
	Matched  string `json:"matched"`  // "rule", "enhanced", "basic" or "class"
}

// Diagnose explains a reply. The most specific match wins: a reply-text
// rule, then the enhanced status code, then the basic code, then the class
// (the first digit); Matched says which it was.
func Diagnose(code int, enhanced, text string, lang Lang) Diagnosis {
	// Placeholder until the catalog lands (issue 3): the class only.
	d := Diagnosis{Code: code, Enhanced: enhanced, Matched: "class", Category: "other", Retry: "permanent"}
	switch code / 100 {
	case 2:
		d.Class, d.Category = "2xx Positive Completion", "success"
	case 3:
		d.Class, d.Category = "3xx Positive Intermediate", "intermediate"
	case 4:
		d.Class, d.Retry = "4xx Transient Negative", "transient"
	case 5:
		d.Class = "5xx Permanent Negative"
	}
	return d
}
