package render

import (
	"cmp"
	"slices"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/dane"
	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/tlsrpt"
)

// jsonCheck holds the fields every check object has; each check's object
// embeds it and adds its facts.
type jsonCheck struct {
	Status  string `json:"status"`
	Summary string `json:"summary"`
}

// jsonChecksOf returns the target's "checks" object, keyed by check name;
// nil when no check beyond the dialogue ran.
func jsonChecksOf(a report.Assessment) map[string]any {
	if len(a.Checks) == 0 {
		return nil
	}
	out := make(map[string]any, len(a.Checks))
	for _, c := range a.Checks {
		out[string(c.Name)] = jsonDomainCheck(c, &a.Result)
	}
	return out
}

// jsonHostChecksOf returns the "checks" object of Result.Hosts[i]; nil
// when no per-host check ran.
func jsonHostChecksOf(a report.Assessment, i int) map[string]any {
	cs := a.Host(i).Checks
	if len(cs) == 0 {
		return nil
	}
	out := make(map[string]any, len(cs))
	for _, c := range cs {
		out[string(c.Name)] = jsonHostCheck(c, &a.Result, &a.Result.Hosts[i])
	}
	return out
}

// jsonDomainCheck is the object of a domain-level check: its verdict and
// the facts the contract names.
func jsonDomainCheck(c report.Check, r *probe.Result) any {
	base := jsonCheck{Status: c.Status.String(), Summary: c.Summary}
	switch {
	case c.Name == checks.DNSSEC && r.Checks.DNSSEC != nil:
		return jsonDNSSECOf(base, r.Checks.DNSSEC, c.Signed)
	case c.Name == checks.SPF && r.Checks.SPF != nil:
		return jsonSPFOf(base, r.Checks.SPF)
	case c.Name == checks.DMARC && r.Checks.DMARC != nil:
		return jsonDMARCOf(base, r.Checks.DMARC)
	case c.Name == checks.DKIM && r.Checks.DKIM != nil:
		return jsonDKIMOf(base, r.Checks.DKIM)
	case c.Name == checks.SendingIP && r.Checks.SendingIP != nil:
		return jsonSendingIPOf(base, r.Checks.SendingIP, r.Checks.DNSBL)
	case c.Name == checks.TLSRPT && r.Checks.TLSRPT != nil:
		return jsonTLSRPTOf(base, r.Checks.TLSRPT)
	case c.Name == checks.MTASTS && r.Checks.MTASTS != nil:
		return jsonMTASTSOf(base, r)
	}
	return base
}

// jsonHostCheck is the object of a per-host check.
func jsonHostCheck(c report.Check, r *probe.Result, h *probe.Host) any {
	base := jsonCheck{Status: c.Status.String(), Summary: c.Summary}
	switch {
	case c.Name == checks.DNSBL && r.Checks.DNSBL != nil:
		return jsonDNSBLOf(base, r.Checks.DNSBL, h)
	case c.Name == checks.PTR && h.PTR != nil:
		return jsonPTROf(base, h)
	case c.Name == checks.DANE && h.DANE != nil:
		return jsonDANEOf(base, h.DANE)
	}
	return base
}

type jsonTLSRPT struct {
	jsonCheck
	Record    string   `json:"record"`
	RUA       []string `json:"rua"`
	Records   []string `json:"records"` // every v=TLSRPTv1 record, when not one
	Authentic bool     `json:"authentic"`
	Error     string   `json:"error,omitempty"`
}

func jsonTLSRPTOf(base jsonCheck, f *tlsrpt.Facts) jsonTLSRPT {
	out := jsonTLSRPT{jsonCheck: base, RUA: []string{}, Records: []string{}, Authentic: f.Authentic, Error: cmp.Or(f.Err, f.ParseErr)}
	out.Records = append(out.Records, f.Records...)
	if len(f.Records) == 1 {
		out.Record = f.Records[0]
	}
	if f.Record != nil {
		out.RUA = append(out.RUA, f.Record.RUA...)
	}
	return out
}

type jsonPTR struct {
	jsonCheck
	Address      string   `json:"address"`
	Names        []string `json:"names"`
	FCrDNS       bool     `json:"fcrdns"`
	GreetingName string   `json:"greeting_name"`
	Error        string   `json:"error,omitempty"`
}

func jsonPTROf(base jsonCheck, h *probe.Host) jsonPTR {
	p := h.PTR
	out := jsonPTR{jsonCheck: base, Address: p.Addr.String(), Names: []string{}, FCrDNS: p.FCrDNS(), GreetingName: report.GreetingName(h), Error: p.Err}
	for _, n := range p.Names {
		out.Names = append(out.Names, n.Name)
	}
	return out
}

type jsonDNSSEC struct {
	jsonCheck
	// Signed says the MX answer (the server's with --server) validated;
	// null when that cannot be known: the resolver does not validate or
	// failed the self-test, or the answer failed without being bogus.
	Signed *bool `json:"signed"`
	// ResolverValidates is null when the self-test itself failed (no
	// answer, SERVFAIL, REFUSED): whether the resolver validates is then
	// not known, which false would deny.
	ResolverValidates *bool            `json:"resolver_validates"`
	Names             []jsonNameSecure `json:"names"`
}

type jsonNameSecure struct {
	Name  string   `json:"name"`
	Type  string   `json:"type"`
	Rcode string   `json:"rcode"`
	AD    bool     `json:"ad"`
	Bogus bool     `json:"bogus"`
	EDE   []string `json:"ede,omitempty"`
	Error string   `json:"error,omitempty"`
}

func jsonDNSSECOf(base jsonCheck, d *dnsx.DNSSEC, signed *bool) jsonDNSSEC {
	out := jsonDNSSEC{jsonCheck: base, Names: []jsonNameSecure{}, Signed: signed}
	if !d.SelfTestFailed() {
		out.ResolverValidates = &d.ResolverValidates
	}
	for _, ns := range d.Names {
		j := jsonNameSecure{Name: ns.Name, Type: ns.Type, Rcode: ns.Rcode, AD: ns.AD, Bogus: ns.Bogus, Error: ns.Err}
		for _, e := range ns.EDE {
			j.EDE = append(j.EDE, e.String())
		}
		out.Names = append(out.Names, j)
	}
	return out
}

type jsonMTASTS struct {
	jsonCheck
	Record      string          `json:"record"`
	Records     []string        `json:"records"`
	Authentic   bool            `json:"authentic"`
	URL         string          `json:"url,omitempty"`
	Mode        string          `json:"mode"`
	MX          []string        `json:"mx"`
	MaxAge      int             `json:"max_age"`
	PolicyError string          `json:"policy_error"`
	FetchError  string          `json:"fetch_error,omitempty"`
	MXCovered   map[string]bool `json:"mx_covered"` // matched by an mx pattern
	MXPass      map[string]bool `json:"mx_pass"`    // matched, and valid TLS seen
	Error       string          `json:"error,omitempty"`
}

func jsonMTASTSOf(base jsonCheck, r *probe.Result) jsonMTASTS {
	f := r.Checks.MTASTS
	out := jsonMTASTS{jsonCheck: base, Records: []string{}, Authentic: f.Authentic, URL: f.URL, MX: []string{},
		MXCovered: map[string]bool{}, MXPass: map[string]bool{}, Error: f.LookupErr, FetchError: f.FetchErr}
	out.Records = append(out.Records, f.Records...)
	if len(f.Records) == 1 {
		out.Record = f.Records[0]
	}
	out.PolicyError = cmp.Or(f.RecordErr, f.FetchErr, f.PolicyErr)
	if p := f.Policy; p != nil {
		out.Mode, out.MaxAge = string(p.Mode), p.MaxAge
		out.MX = append(out.MX, p.MX...)
	}
	for _, m := range report.MTASTSCoverage(r) {
		out.MXCovered[m.Host] = m.Pattern != ""
		out.MXPass[m.Host] = m.Pass()
	}
	return out
}

type jsonDANE struct {
	jsonCheck
	Name      string   `json:"name"`
	TLSA      []string `json:"tlsa"`
	Omitted   int      `json:"omitted,omitempty"`
	Authentic bool     `json:"authentic"`
	// Match is null when it could not be decided (no authentic usable
	// record, no handshake).
	Match         *bool  `json:"match"`
	MatchedRecord string `json:"matched_record,omitempty"`
	Depth         *int   `json:"depth,omitempty"`
	Why           string `json:"why,omitempty"`
	Error         string `json:"error,omitempty"`
}

func jsonDANEOf(base jsonCheck, d *probe.DANEFacts) jsonDANE {
	out := jsonDANE{jsonCheck: base, Name: d.Name, TLSA: []string{}, Omitted: d.Omitted, Authentic: d.Authentic, Error: d.Err}
	for _, r := range d.Records {
		out.TLSA = append(out.TLSA, r.String())
	}
	usable := slices.ContainsFunc(d.Records, dane.Record.Usable)
	if m := d.Match; m != nil && d.Authentic && usable {
		matched := m.Matched
		out.Match, out.Why = &matched, m.Why
		if m.Matched {
			depth := m.Depth
			out.MatchedRecord, out.Depth = m.Record.String(), &depth
		}
	}
	return out
}
