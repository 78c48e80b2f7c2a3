// Package mtasts reads a domain's SMTP MTA Strict Transport Security
// policy (RFC 8461): the TXT record at _mta-sts.DOMAIN that announces it,
// and the policy file served over HTTPS from mta-sts.DOMAIN, fetched the
// way a sender must (a PKIX-valid certificate for that name, no
// redirects, bounded size and time). It records facts and never judges.
package mtasts

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Bounds of RFC 8461 and against hostile peers.
const (
	// MaxPolicySize is the largest policy file read (RFC 8461 section
	// 3.3 lets senders refuse larger ones; 64 KiB is the common limit).
	MaxPolicySize = 64 << 10
	// MaxMaxAge is the largest max_age RFC 8461 allows: 31557600 s, a year.
	MaxMaxAge = 31557600
	// MaxMX caps the mx patterns kept of a policy.
	MaxMX = 64
)

// Record is a parsed MTA-STS TXT record.
type Record struct {
	ID         string            // the policy id: 1 to 32 letters and digits
	Extensions map[string]string // other fields, by name
}

// ParseRecord reads an MTA-STS TXT record (RFC 8461 section 3.1):
// "v=STSv1" first, then fields separated by ";", among them exactly one
// "id".
func ParseRecord(txt string) (Record, error) {
	var rec Record
	fields := strings.Split(txt, ";")
	if strings.Trim(fields[0], " \t") != "v=STSv1" {
		return rec, errors.New(`record does not begin with "v=STSv1"`)
	}
	seen := map[string]bool{}
	for _, f := range fields[1:] {
		f = strings.Trim(f, " \t")
		if f == "" {
			continue // a final ";", or an empty field
		}
		name, value, ok := strings.Cut(f, "=")
		if !ok || !validFieldName(name) || !validFieldValue(value) {
			return rec, fmt.Errorf("malformed field %q", f)
		}
		if seen[name] {
			return rec, fmt.Errorf("field %q appears twice", name)
		}
		seen[name] = true
		if name == "id" {
			if len(value) > 32 || !alnum(value) {
				return rec, fmt.Errorf("id %q is not 1 to 32 letters and digits", value)
			}
			rec.ID = value
			continue
		}
		if rec.Extensions == nil {
			rec.Extensions = map[string]string{}
		}
		rec.Extensions[name] = value
	}
	if rec.ID == "" {
		return rec, errors.New("record has no id")
	}
	return rec, nil
}

// validFieldName is sts-ext-name: a letter or digit, then up to 31
// letters, digits, "_", "-" or ".".
func validFieldName(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i, c := range []byte(s) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !ok && (i == 0 || c != '_' && c != '-' && c != '.') {
			return false
		}
	}
	return true
}

// validFieldValue is sts-ext-value: visible ASCII but ";" and "=".
func validFieldValue(s string) bool {
	for _, c := range []byte(s) {
		if c < 0x21 || c > 0x7e || c == ';' || c == '=' {
			return false
		}
	}
	return s != ""
}

func alnum(s string) bool {
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// Mode is the policy mode.
type Mode string

// The modes of RFC 8461 section 5.
const (
	ModeEnforce Mode = "enforce" // senders deliver only over verified TLS to a listed MX
	ModeTesting Mode = "testing" // senders deliver anyway and report failures (TLS-RPT)
	ModeNone    Mode = "none"    // the policy is withdrawn
)

// Policy is a parsed policy file.
type Policy struct {
	Version string
	Mode    Mode
	MX      []string // the mx patterns, "mail.example.com" or "*.example.com", lower case
	MaxAge  int      // seconds
	// OmittedMX counts mx patterns beyond MaxMX.
	OmittedMX int
}

// ParsePolicy reads a policy file (RFC 8461 section 3.2): "key: value"
// lines ending in CRLF or LF; version STSv1, mode, max_age and (unless the
// mode is none) at least one mx are required; unknown keys are ignored.
func ParsePolicy(body string) (Policy, error) {
	var p Policy
	seen := map[string]bool{}
	for n, line := range strings.Split(body, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return p, fmt.Errorf("line %d is not \"key: value\"", n+1)
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if key != "mx" && seen[key] {
			return p, fmt.Errorf("line %d: %s appears twice", n+1, key)
		}
		seen[key] = true
		switch key {
		case "version":
			if value != "STSv1" {
				return p, fmt.Errorf("line %d: version %q, want STSv1", n+1, value)
			}
			p.Version = value
		case "mode":
			switch m := Mode(value); m {
			case ModeEnforce, ModeTesting, ModeNone:
				p.Mode = m
			default:
				return p, fmt.Errorf("line %d: mode %q, want enforce, testing or none", n+1, value)
			}
		case "max_age":
			age, err := strconv.Atoi(value)
			if err != nil || age < 0 || age > MaxMaxAge || value != strconv.Itoa(age) {
				return p, fmt.Errorf("line %d: max_age %q is not a number of seconds from 0 to %d", n+1, value, MaxMaxAge)
			}
			p.MaxAge = age
		case "mx":
			if !validPattern(value) {
				return p, fmt.Errorf("line %d: mx %q is not a host name or *.domain pattern", n+1, value)
			}
			if len(p.MX) == MaxMX {
				p.OmittedMX++
				continue
			}
			p.MX = append(p.MX, strings.ToLower(strings.TrimSuffix(value, ".")))
		}
	}
	switch {
	case p.Version == "":
		return p, errors.New("no version line (version: STSv1 must come first)")
	case p.Mode == "":
		return p, errors.New("no mode line")
	case !seen["max_age"]:
		return p, errors.New("no max_age line")
	case len(p.MX) == 0 && p.Mode != ModeNone:
		return p, errors.New("no mx line")
	}
	return p, nil
}

// validPattern accepts a host name, optionally with "*." in front.
func validPattern(s string) bool {
	s = strings.TrimPrefix(strings.TrimSuffix(s, "."), "*.")
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, c := range []byte(label) {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// Matches reports whether MX host name matches one of the policy's mx
// patterns (RFC 8461 section 4.1): exactly, or "*.example.com" for one
// label followed by example.com, without regard to case.
func (p Policy) Matches(host string) (string, bool) {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, pat := range p.MX {
		if suffix, ok := strings.CutPrefix(pat, "*."); ok {
			if first, rest, ok := strings.Cut(host, "."); ok && first != "" && rest == suffix {
				return pat, true
			}
			continue
		}
		if host == pat {
			return pat, true
		}
	}
	return "", false
}
