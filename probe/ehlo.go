package probe

import "strings"

// parseExtensions reads the service extensions from the lines of a 250
// reply to EHLO (RFC 5321 section 4.1.1.1): the first line greets, each
// further line is a keyword with optional parameters. Keywords are upper
// cased; a keyword given twice keeps its first parameters. Lines whose
// keyword is not letters, digits and hyphens are skipped, except that the
// old "AUTH=LOGIN PLAIN" form some servers still send is kept under its
// literal keyword, so that the report can show it.
func parseExtensions(lines []string) map[string]string {
	ext := make(map[string]string)
	if len(lines) < 2 {
		return ext
	}
	for _, line := range lines[1:] {
		kw, params, _ := strings.Cut(strings.TrimSpace(line), " ")
		kw = strings.ToUpper(kw)
		if !validKeyword(kw) {
			continue
		}
		if _, dup := ext[kw]; dup {
			continue
		}
		ext[kw] = strings.TrimSpace(params)
	}
	return ext
}

// validKeyword reports whether kw is an ehlo-keyword (RFC 5321 section
// 4.1.1.1): a letter or digit, then letters, digits and hyphens. An "="
// after the first character is allowed for "AUTH=".
func validKeyword(kw string) bool {
	if kw == "" || !isAlnum(kw[0]) {
		return false
	}
	for i := 1; i < len(kw); i++ {
		if c := kw[i]; !isAlnum(c) && c != '-' && c != '=' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
}
