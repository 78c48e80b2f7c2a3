// Package dmarc reads a domain's DMARC policy (RFC 7489): the record at
// _dmarc.DOMAIN, found by the DNS tree walk of RFC 9989 when the domain
// has none of its own, its tags, and whether the report destinations of
// other domains have authorised it (DOMAIN._report._dmarc.DEST, RFC 7489
// section 7.1).
//
// The package records facts; package report judges them.
package dmarc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrSyntax is wrapped by the error of a record that is not DMARC at all.
var ErrSyntax = errors.New("syntax error")

// Record is a parsed DMARC record. Tags with invalid values keep their
// defaults, and Errors says what was wrong, as RFC 7489 section 6.3 asks
// receivers to read them.
type Record struct {
	Text string
	// Policy is p: "none", "quarantine" or "reject"; "" when missing or
	// invalid.
	Policy string
	// SubdomainPolicy is sp, else Policy.
	SubdomainPolicy string
	// NonexistentPolicy is np (RFC 9091, RFC 9989), else SubdomainPolicy.
	NonexistentPolicy string
	// Percent is pct (RFC 7489), 100 when absent.
	Percent int
	// Testing is t=y (RFC 9989, which replaced pct).
	Testing bool
	// ADKIM and ASPF are the alignment modes: "r" (relaxed, the default)
	// or "s" (strict).
	ADKIM, ASPF string
	// RUA and RUF are the report URIs, as written.
	RUA, RUF []string
	// PSD is the psd tag (RFC 9989): "y", "n", "u" or "".
	PSD string
	// Errors are the record's syntax problems, one per tag.
	Errors []string
}

// IsDMARC reports whether a TXT record is a DMARC record: its first tag
// is v=DMARC1.
func IsDMARC(txt string) bool {
	first, _, _ := strings.Cut(txt, ";")
	name, value, ok := strings.Cut(first, "=")
	return ok && strings.TrimSpace(name) == "v" && strings.TrimSpace(value) == "DMARC1"
}

// MaxURIs bounds the report URIs kept from one tag.
const MaxURIs = 16

// Parse parses a DMARC record. It fails only when the record is not
// DMARC; problems with tags are listed in Record.Errors.
func Parse(s string) (*Record, error) {
	if !IsDMARC(s) {
		return nil, fmt.Errorf("%w: does not begin with v=DMARC1", ErrSyntax)
	}
	r := &Record{Text: s, Percent: 100, ADKIM: "r", ASPF: "r"}
	seen := map[string]bool{}
	var sp, np string
	for i, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if i == 0 || part == "" {
			continue
		}
		name, value, ok := strings.Cut(part, "=")
		name, value = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(value)
		if !ok || name == "" {
			r.errorf("%q is not a tag=value pair", short(part))
			continue
		}
		if seen[name] {
			r.errorf("tag %s appears more than once", short(name))
			continue
		}
		seen[name] = true
		switch name {
		case "p":
			if isPolicy(value) {
				r.Policy = strings.ToLower(value)
			} else {
				r.errorf("p=%s is not none, quarantine or reject", short(value))
			}
		case "sp", "np":
			if !isPolicy(value) {
				r.errorf("%s=%s is not none, quarantine or reject", name, short(value))
			} else if name == "sp" {
				sp = strings.ToLower(value)
			} else {
				np = strings.ToLower(value)
			}
		case "pct":
			n, err := strconv.Atoi(value)
			if err != nil || n < 0 || n > 100 {
				r.errorf("pct=%s is not a number from 0 to 100", short(value))
			} else {
				r.Percent = n
			}
		case "t":
			switch strings.ToLower(value) {
			case "y":
				r.Testing = true
			case "n":
			default:
				r.errorf("t=%s is not y or n", short(value))
			}
		case "adkim", "aspf":
			v := strings.ToLower(value)
			if v != "r" && v != "s" {
				r.errorf("%s=%s is not r or s", name, short(value))
			} else if name == "adkim" {
				r.ADKIM = v
			} else {
				r.ASPF = v
			}
		case "rua", "ruf":
			uris := r.uris(name, value)
			if name == "rua" {
				r.RUA = uris
			} else {
				r.RUF = uris
			}
		case "psd":
			v := strings.ToLower(value)
			if v != "y" && v != "n" && v != "u" {
				r.errorf("psd=%s is not y, n or u", short(value))
			} else {
				r.PSD = v
			}
		case "v":
			r.errorf("v is not the first tag")
		case "fo", "rf", "ri":
			// Reporting options this check does not judge.
		default:
			// RFC 7489 section 6.3: unknown tags are ignored.
		}
	}
	if !seen["p"] {
		r.errorf("no p tag")
	}
	r.SubdomainPolicy = cmpOr(sp, r.Policy)
	r.NonexistentPolicy = cmpOr(np, r.SubdomainPolicy)
	return r, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func isPolicy(v string) bool {
	switch strings.ToLower(v) {
	case "none", "quarantine", "reject":
		return true
	}
	return false
}

func (r *Record) errorf(format string, args ...any) {
	r.Errors = append(r.Errors, fmt.Sprintf(format, args...))
}

// uris splits a rua or ruf value and checks each URI.
func (r *Record) uris(tag, value string) []string {
	var out []string
	for _, u := range strings.Split(value, ",") {
		u = strings.TrimSpace(u)
		if len(out) == MaxURIs {
			r.errorf("%s has more than %d URIs", tag, MaxURIs)
			break
		}
		if _, err := ParseURI(u); err != nil {
			r.errorf("%s: %v", tag, err)
			continue
		}
		out = append(out, u)
	}
	return out
}

// URI is a report destination (RFC 7489 section 6.2).
type URI struct {
	Scheme  string // "mailto" (the only one receivers send to)
	Address string // the mailbox, for mailto
	Domain  string // the mailbox's domain, lower case
}

// ParseURI parses a DMARC report URI: a URI with an optional "!size"
// suffix. Only mailto URIs name a domain to authorise.
func ParseURI(s string) (URI, error) {
	if i := strings.LastIndexByte(s, '!'); i >= 0 {
		if !validSize(s[i+1:]) {
			return URI{}, fmt.Errorf("%q has an invalid size limit", short(s))
		}
		s = s[:i]
	}
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || scheme == "" || rest == "" {
		return URI{}, fmt.Errorf("%q is not a URI", short(s))
	}
	u := URI{Scheme: strings.ToLower(scheme)}
	if u.Scheme != "mailto" {
		return u, nil
	}
	addr, _, _ := strings.Cut(rest, "?")
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 || at == len(addr)-1 {
		return URI{}, fmt.Errorf("%q is not a mailto address", short(s))
	}
	u.Address = addr
	u.Domain = strings.ToLower(strings.TrimSuffix(addr[at+1:], "."))
	if strings.ContainsAny(u.Domain, " \t,;!@") {
		return URI{}, fmt.Errorf("%q has an invalid domain", short(s))
	}
	return u, nil
}

// validSize checks 1*DIGIT [ "k" / "m" / "g" / "t" ].
func validSize(s string) bool {
	s = strings.ToLower(s)
	if s != "" && strings.ContainsRune("kmgt", rune(s[len(s)-1])) {
		s = s[:len(s)-1]
	}
	if s == "" {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

func short(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
