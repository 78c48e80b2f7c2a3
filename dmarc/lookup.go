package dmarc

import (
	"context"
	"errors"
	"strings"

	"github.com/miekg/dns"
	"github.com/smtpprobe/smtpprobe/dnsx"
)

// MaxWalkLabels is where the DNS tree walk of RFC 9989 section 4.10
// jumps: a name of more labels is next asked about with only this many.
const MaxWalkLabels = 7

// Errors of a lookup; resolver failures are *dnsx.ResolverError.
var (
	ErrNoRecord       = errors.New("no DMARC record")
	ErrSeveralRecords = errors.New("more than one DMARC record")
)

// Step is one name the tree walk asked about.
type Step struct {
	Name    string   // "_dmarc." and the domain
	Records []string // the DMARC records found there
	Err     error    // ErrSeveralRecords or a resolver failure
}

// Destination is a report URI and whether its domain accepts reports
// about this one.
type Destination struct {
	Tag    string // "rua" or "ruf"
	URI    string
	Domain string // the mailto domain
	// External says Domain is neither the policy domain nor its parent
	// or child, so it must authorise the reports.
	External bool
	// Authorized says DOMAIN._report._dmarc.DEST holds a v=DMARC1 record.
	Authorized bool
	// Err is a resolver failure while asking; Authorized is then
	// unknown.
	Err error
}

// Facts is what the DMARC lookup of a domain found.
type Facts struct {
	Domain string // the domain asked about, without the final dot
	// PolicyDomain is where the record was found: Domain itself or, by
	// the tree walk, a parent; "" when none was.
	PolicyDomain string
	Record       *Record
	Walk         []Step
	// Err is ErrNoRecord when the walk found none, a resolver failure
	// when it could not finish, nil when a record was found.
	Err          error
	Destinations []Destination
	Queries      []dnsx.Query
}

// Inherited reports whether the policy comes from a parent domain.
func (f Facts) Inherited() bool { return f.PolicyDomain != "" && f.PolicyDomain != f.Domain }

// Check finds the DMARC policy of domain and checks its report
// destinations.
func Check(ctx context.Context, r *dnsx.Resolver, domain string) Facts {
	domain = strings.ToLower(strings.TrimSuffix(domain, "."))
	f := Facts{Domain: domain}
	for _, name := range walkNames(domain) {
		st := Step{Name: "_dmarc." + name}
		ans, err := r.Lookup(ctx, st.Name, dns.TypeTXT)
		f.Queries = append(f.Queries, ans.Queries...)
		if err != nil {
			st.Err = err
			f.Walk = append(f.Walk, st)
			f.Err = err
			return f
		}
		for _, txt := range dnsx.TXT(ans.Records) {
			if IsDMARC(txt) {
				st.Records = append(st.Records, txt)
			}
		}
		if len(st.Records) > 1 {
			// RFC 9989 discards them all and walks on.
			st.Err = ErrSeveralRecords
		}
		f.Walk = append(f.Walk, st)
		if len(st.Records) == 1 {
			rec, err := Parse(st.Records[0])
			if err == nil {
				f.Record, f.PolicyDomain = rec, name
				break
			}
		}
	}
	if f.Record == nil {
		f.Err = ErrNoRecord
		return f
	}
	f.Destinations = f.destinations(ctx, r)
	return f
}

// walkNames lists the domains the tree walk asks about, in order: the
// domain, then (from at most MaxWalkLabels labels) one label fewer at a
// time down to the top-level domain.
func walkNames(domain string) []string {
	names := []string{domain}
	labels := dns.SplitDomainName(domain)
	n := len(labels)
	if n > MaxWalkLabels {
		n = MaxWalkLabels + 1
	}
	for k := n - 1; k >= 1; k-- {
		names = append(names, strings.Join(labels[len(labels)-k:], "."))
	}
	return names
}

func (f *Facts) destinations(ctx context.Context, r *dnsx.Resolver) []Destination {
	var out []Destination
	checked := map[string]*Destination{}
	for _, tag := range []string{"rua", "ruf"} {
		uris := f.Record.RUA
		if tag == "ruf" {
			uris = f.Record.RUF
		}
		for _, s := range uris {
			u, err := ParseURI(s)
			if err != nil || u.Domain == "" {
				continue
			}
			d := Destination{Tag: tag, URI: s, Domain: u.Domain, External: external(f.PolicyDomain, u.Domain)}
			if d.External {
				if prev, ok := checked[u.Domain]; ok {
					d.Authorized, d.Err = prev.Authorized, prev.Err
				} else {
					d.Authorized, d.Err = f.authorized(ctx, r, u.Domain)
					checked[u.Domain] = &d
				}
			}
			out = append(out, d)
		}
	}
	return out
}

// external says dest is another domain than the policy's: not the same,
// not a parent and not a child. Without a public suffix list this is
// how far the organisational domain can be told (RFC 7489 section 7.1).
func external(policy, dest string) bool {
	return dest != policy && !strings.HasSuffix(dest, "."+policy) && !strings.HasSuffix(policy, "."+dest)
}

// authorized asks whether dest accepts reports about the policy domain.
func (f *Facts) authorized(ctx context.Context, r *dnsx.Resolver, dest string) (bool, error) {
	ans, err := r.Lookup(ctx, f.PolicyDomain+"._report._dmarc."+dest, dns.TypeTXT)
	f.Queries = append(f.Queries, ans.Queries...)
	if err != nil {
		var re *dnsx.ResolverError
		if errors.As(err, &re) {
			return false, err
		}
		return false, nil
	}
	for _, txt := range dnsx.TXT(ans.Records) {
		if strings.HasPrefix(strings.TrimSpace(txt), "v=DMARC1") {
			return true, nil
		}
	}
	return false, nil
}
