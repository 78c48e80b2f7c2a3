// Package tlsrpt reads a domain's SMTP TLS Reporting record (RFC 8460):
// the TXT record at _smtp._tls.DOMAIN that tells senders where to report
// failed TLS negotiations. It records facts and never judges.
package tlsrpt

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/miekg/dns"

	"github.com/smtpprobe/smtpprobe/dnsx"
)

// Bounds on what is kept of a hostile zone's answer.
const (
	// MaxRecords caps the v=TLSRPTv1 records kept.
	MaxRecords = 8
	// MaxRecordLen caps the length of a record kept; longer ones are cut
	// and fail to parse.
	MaxRecordLen = 2048
	// MaxRUA caps the report URIs of a record.
	MaxRUA = 16
)

// Record is a parsed TLS-RPT record.
type Record struct {
	RUA        []string          // the report URIs, "mailto:..." or "https://..."
	Extensions map[string]string // other fields, by name
}

// Parse reads a TLS-RPT record (RFC 8460 section 3): "v=TLSRPTv1" first,
// then fields separated by ";", among them exactly one "rua" with
// comma-separated mailto: or https: URIs.
func Parse(txt string) (Record, error) {
	var rec Record
	fields := strings.Split(txt, ";")
	if strings.TrimRight(fields[0], " \t") != "v=TLSRPTv1" {
		return rec, errors.New(`record does not begin with "v=TLSRPTv1"`)
	}
	fields = fields[1:]
	if n := len(fields); n > 0 && strings.Trim(fields[n-1], " \t") == "" {
		fields = fields[:n-1] // a final ";" is allowed
	}
	if len(fields) == 0 {
		return rec, errors.New("record has no rua field")
	}
	seen := map[string]bool{}
	for _, f := range fields {
		f = strings.Trim(f, " \t")
		name, value, ok := strings.Cut(f, "=")
		if !ok || !validName(name) || value == "" {
			return rec, fmt.Errorf("malformed field %q", f)
		}
		if seen[name] {
			return rec, fmt.Errorf("field %q appears twice", name)
		}
		seen[name] = true
		if name != "rua" {
			if !validValue(value) {
				return rec, fmt.Errorf("malformed value of %q", name)
			}
			if rec.Extensions == nil {
				rec.Extensions = map[string]string{}
			}
			rec.Extensions[name] = value
			continue
		}
		for _, u := range strings.Split(value, ",") {
			u = strings.Trim(u, " \t")
			if err := checkURI(u); err != nil {
				return rec, err
			}
			if len(rec.RUA) == MaxRUA {
				return rec, fmt.Errorf("more than %d rua URIs", MaxRUA)
			}
			rec.RUA = append(rec.RUA, u)
		}
	}
	if len(rec.RUA) == 0 {
		return rec, errors.New("record has no rua field")
	}
	return rec, nil
}

// checkURI accepts the mailto: and https: URIs that RFC 8460 section 3
// allows for rua.
func checkURI(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil || s == "":
		return fmt.Errorf("rua %q is not a URI", s)
	case strings.EqualFold(u.Scheme, "mailto"):
		if !strings.Contains(u.Opaque, "@") {
			return fmt.Errorf("rua %q has no mail address", s)
		}
	case strings.EqualFold(u.Scheme, "https"):
		if u.Host == "" {
			return fmt.Errorf("rua %q has no host", s)
		}
	default:
		return fmt.Errorf("rua %q is not a mailto or https URI", s)
	}
	return nil
}

// validName is tlsrpt-ext-name: a letter or digit, then up to 31
// letters, digits, "_", "-" or ".".
func validName(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i, c := range []byte(s) {
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum && (i == 0 || c != '_' && c != '-' && c != '.') {
			return false
		}
	}
	return true
}

// validValue is tlsrpt-ext-value: visible ASCII but ";" and "=".
func validValue(s string) bool {
	for _, c := range []byte(s) {
		if c < 0x21 || c > 0x7e || c == ';' || c == '=' {
			return false
		}
	}
	return s != ""
}

// Facts is what DNS says about a domain's TLS-RPT record.
type Facts struct {
	Name string // the name asked: _smtp._tls.DOMAIN
	// Records are the TXT records that begin with "v=TLSRPTv1", at most
	// MaxRecords, each cut to MaxRecordLen.
	Records []string
	// Omitted counts the records beyond MaxRecords.
	Omitted int
	// Record is the parsed record when there is exactly one; nil else.
	Record *Record
	// ParseErr says why the one record does not parse.
	ParseErr string
	// Authentic says the resolver validated the answer (its AD bit).
	Authentic bool
	// Err says why the question got no answer (a resolver failure); the
	// other fields are then empty: a failure is never a missing record.
	Err string
	// Broken says Err is the zone's, not the resolver's: the name's
	// CNAME chain loops or is too long (dnsx.ErrCNAME).
	Broken bool
	// Queued says the question was never sent: its time ran out while
	// the run's other DNS queries held every slot (dnsx.ErrNoSlot).
	Queued  bool
	Queries []dnsx.Query
}

// Lookup asks for the TLS-RPT record of domain and parses it.
func Lookup(ctx context.Context, r *dnsx.Resolver, domain string) Facts {
	f := Facts{Name: "_smtp._tls." + strings.TrimSuffix(domain, ".")}
	ans, err := r.Lookup(ctx, f.Name, dns.TypeTXT)
	f.Queries = ans.Queries
	if err != nil {
		f.Err, f.Broken, f.Queued = err.Error(), errors.Is(err, dnsx.ErrCNAME), errors.Is(err, dnsx.ErrNoSlot)
		return f
	}
	f.Authentic = dnsx.Authentic(ans.Queries)
	longest := 0
	for _, txt := range dnsx.TXT(ans.Records) {
		// RFC 8460 section 3: records that do not begin with the
		// version are discarded.
		if rest, ok := strings.CutPrefix(txt, "v=TLSRPTv1"); !ok || rest != "" && !strings.ContainsRune("; \t", rune(rest[0])) {
			continue
		}
		if len(f.Records) == MaxRecords {
			f.Omitted++
			continue
		}
		longest = max(longest, len(txt))
		if len(txt) > MaxRecordLen {
			txt = txt[:MaxRecordLen]
		}
		f.Records = append(f.Records, txt)
	}
	if len(f.Records) == 1 && f.Omitted == 0 {
		rec, err := Parse(f.Records[0])
		if longest > MaxRecordLen {
			err = fmt.Errorf("record is %d bytes long, more than the %d read", longest, MaxRecordLen)
		}
		if err != nil {
			f.ParseErr = err.Error()
		} else {
			f.Record = &rec
		}
	}
	return f
}
