package catalog

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// matcher is a case-insensitive regular expression made fast: it is split
// at its top-level alternatives and its literals are lowercased, so that it
// can be matched against text with ASCII letters lowercased, without case
// folding. Go's regexp then finds each alternative's literal prefix with a
// plain string search instead of running its automaton over the whole text,
// which makes the rules about a hundred times faster.
//
// Text with a letter outside ASCII that has other cases (an "É", a Kelvin
// sign that folds to "k", a long "ſ" that folds to "s") goes to the plain
// case-insensitive expression instead, so that both always agree
// (FuzzMatcherEquivalent checks it against regexp).
type matcher struct {
	alts    []alternative
	pattern string
	slow    func() *regexp.Regexp
}

// alternative is one top-level alternative of a matcher, with a literal
// that every match contains: a cheap strings.Contains rules most texts out
// before the regular expression runs.
type alternative struct {
	re   *regexp.Regexp
	need string
}

// compileMatcher compiles a pattern of RE2 syntax; character classes must
// not depend on case (the rules use \d, \S, [^.;] and lowercase sets).
func compileMatcher(pattern string) *matcher {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		panic("catalog: bad pattern " + pattern + ": " + err.Error())
	}
	lowerLiterals(re)
	alts := expand(re)
	m := &matcher{pattern: pattern, alts: make([]alternative, len(alts))}
	for i, a := range alts {
		m.alts[i] = alternative{re: regexp.MustCompile(a.String()), need: required(a)}
	}
	m.slow = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("(?i)" + pattern) })
	return m
}

// expand returns alternatives that together match what re matches, each
// starting with a literal where re allows: top-level alternations are split
// and a leading group such as "(we|i) do not relay" is distributed.
func expand(re *syntax.Regexp) []*syntax.Regexp {
	switch re.Op {
	case syntax.OpAlternate:
		var out []*syntax.Regexp
		for _, s := range re.Sub {
			out = append(out, expand(s)...)
		}
		return out
	case syntax.OpCapture:
		return expand(re.Sub[0])
	case syntax.OpQuest:
		if re.Flags&syntax.NonGreedy == 0 {
			return append(expand(re.Sub[0]), &syntax.Regexp{Op: syntax.OpEmptyMatch})
		}
	case syntax.OpConcat:
		heads := expand(re.Sub[0])
		if len(heads) < 2 || len(heads) > 16 {
			return []*syntax.Regexp{re}
		}
		out := make([]*syntax.Regexp, len(heads))
		for i, h := range heads {
			out[i] = &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: append([]*syntax.Regexp{h}, re.Sub[1:]...)}
		}
		return out
	}
	return []*syntax.Regexp{re}
}

// required returns the longest literal that every match of re contains,
// or "": the literal itself, or the longest literal part of a sequence,
// looking into groups and nested sequences (expand leaves a distributed
// head such as "sender\b[^;]{0,40}\bdomain" as a sequence inside the
// sequence).
func required(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		return string(re.Rune)
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpConcat:
		best := ""
		for _, s := range re.Sub {
			if lit := required(s); len(lit) > len(best) {
				best = lit
			}
		}
		return best
	}
	return ""
}

// lowerLiterals lowercases the ASCII letters of every literal of re in
// place, the way lowerText treats text.
func lowerLiterals(re *syntax.Regexp) {
	if re.Op == syntax.OpLiteral {
		for i, r := range re.Rune {
			if 'A' <= r && r <= 'Z' {
				re.Rune[i] = r + 'a' - 'A'
			}
		}
		re.Flags &^= syntax.FoldCase
	}
	for _, s := range re.Sub {
		lowerLiterals(s)
	}
}

// match reports whether m matches lower, a text from lowerText.
func (m *matcher) match(lower string) bool {
	if foldsBeyondASCII(lower) {
		return m.slow().MatchString(lower)
	}
	for _, a := range m.alts {
		if a.need != "" && !strings.Contains(lower, a.need) {
			continue
		}
		if a.re.MatchString(lower) {
			return true
		}
	}
	return false
}

// lowerText prepares reply text for matchers: ASCII letters lowercased,
// everything else kept.
func lowerText(flat string) string {
	for i := 0; i < len(flat); i++ {
		if c := flat[i]; 'A' <= c && c <= 'Z' {
			b := []byte(flat)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return flat
}

// foldsBeyondASCII reports whether s holds a rune outside ASCII that case
// folding equates with another rune.
func foldsBeyondASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.SimpleFold(r) != r {
			return true
		}
		i += size - 1
	}
	return false
}
