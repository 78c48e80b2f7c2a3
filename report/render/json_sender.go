package render

import (
	"github.com/smtpprobe/smtpprobe/dkim"
	"github.com/smtpprobe/smtpprobe/dmarc"
	"github.com/smtpprobe/smtpprobe/dnsbl"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/spf"
)

type jsonSPF struct {
	jsonCheck
	Domain      string       `json:"domain"`
	Record      string       `json:"record"`
	Lookups     int          `json:"lookups"`
	VoidLookups int          `json:"void_lookups"`
	Result      string       `json:"result"`
	DecidedBy   []string     `json:"decided_by"`
	Problems    []string     `json:"problems"`
	Truncated   bool         `json:"truncated,omitempty"`
	Tree        *jsonSPFNode `json:"tree"`
}

type jsonSPFNode struct {
	Domain  string        `json:"domain"`
	Record  string        `json:"record"`
	Records []string      `json:"records,omitempty"`
	Error   string        `json:"error,omitempty"`
	Terms   []jsonSPFTerm `json:"terms"`
}

type jsonSPFTerm struct {
	Term     string       `json:"term"`
	Target   string       `json:"target,omitempty"`
	Cost     int          `json:"cost"`
	Lookups  int          `json:"lookups"`
	Position int          `json:"position,omitempty"`
	Void     bool         `json:"void,omitempty"`
	Names    int          `json:"names,omitempty"`
	Match    bool         `json:"match,omitempty"`
	Error    string       `json:"error,omitempty"`
	Skipped  string       `json:"skipped,omitempty"`
	Child    *jsonSPFNode `json:"child,omitempty"`
}

func jsonSPFOf(base jsonCheck, f *spf.Facts) jsonSPF {
	out := jsonSPF{jsonCheck: base, Domain: f.Domain, Lookups: f.Lookups, VoidLookups: f.VoidLookups,
		Result: string(f.Result), DecidedBy: f.DecidedBy, Problems: []string{}, Truncated: f.Truncated}
	if out.DecidedBy == nil {
		out.DecidedBy = []string{}
	}
	for _, p := range f.Problems {
		out.Problems = append(out.Problems, p.String())
	}
	if f.Root != nil {
		out.Record = f.Root.Record
		out.Tree = jsonSPFNodeOf(f.Root)
	}
	return out
}

func jsonSPFNodeOf(n *spf.Node) *jsonSPFNode {
	out := &jsonSPFNode{Domain: n.Domain, Record: n.Record, Terms: []jsonSPFTerm{}}
	if len(n.Records) > 1 {
		out.Records = n.Records
	}
	if n.Err != nil {
		out.Error = n.Err.Error()
	}
	for _, s := range n.Steps {
		t := jsonSPFTerm{Term: s.Term.Text, Target: s.Target, Cost: s.Cost, Lookups: s.Lookups, Position: s.Position,
			Void: s.Void, Names: s.Names, Match: s.Match, Skipped: s.Skipped}
		if s.Err != nil {
			t.Error = s.Err.Error()
		}
		if s.Child != nil {
			t.Child = jsonSPFNodeOf(s.Child)
		}
		out.Terms = append(out.Terms, t)
	}
	return out
}

type jsonDMARC struct {
	jsonCheck
	Domain            string          `json:"domain"`
	PolicyDomain      string          `json:"policy_domain"`
	Record            string          `json:"record"`
	Policy            string          `json:"policy"`
	SubdomainPolicy   string          `json:"subdomain_policy"`
	NonexistentPolicy string          `json:"nonexistent_policy"`
	Percent           int             `json:"pct"`
	Testing           bool            `json:"testing"`
	ADKIM             string          `json:"adkim"`
	ASPF              string          `json:"aspf"`
	RUA               []string        `json:"rua"`
	RUF               []string        `json:"ruf"`
	Errors            []string        `json:"errors"`
	Destinations      []jsonDMARCDest `json:"destinations"`
	Error             string          `json:"error"`
}

type jsonDMARCDest struct {
	Tag        string `json:"tag"`
	URI        string `json:"uri"`
	Domain     string `json:"domain"`
	External   bool   `json:"external"`
	Authorized bool   `json:"authorized"`
	Error      string `json:"error,omitempty"`
}

func jsonDMARCOf(base jsonCheck, f *dmarc.Facts) jsonDMARC {
	out := jsonDMARC{jsonCheck: base, Domain: f.Domain, PolicyDomain: f.PolicyDomain, RUA: []string{}, RUF: []string{},
		Errors: []string{}, Destinations: []jsonDMARCDest{}}
	if f.Err != nil {
		out.Error = f.Err.Error()
	}
	if r := f.Record; r != nil {
		out.Record, out.Policy, out.SubdomainPolicy, out.NonexistentPolicy = r.Text, r.Policy, r.SubdomainPolicy, r.NonexistentPolicy
		out.Percent, out.Testing, out.ADKIM, out.ASPF = r.Percent, r.Testing, r.ADKIM, r.ASPF
		out.RUA = append(out.RUA, r.RUA...)
		out.RUF = append(out.RUF, r.RUF...)
		out.Errors = append(out.Errors, r.Errors...)
	}
	for _, d := range f.Destinations {
		j := jsonDMARCDest{Tag: d.Tag, URI: d.URI, Domain: d.Domain, External: d.External, Authorized: d.Authorized || !d.External}
		if d.Err != nil {
			j.Error = d.Err.Error()
		}
		out.Destinations = append(out.Destinations, j)
	}
	return out
}

type jsonDKIM struct {
	jsonCheck
	Domain    string                 `json:"domain"`
	Selectors map[string]jsonDKIMKey `json:"selectors"`
}

type jsonDKIMKey struct {
	Name    string   `json:"name"`
	Record  string   `json:"record"`
	KeyType string   `json:"key_type"`
	KeyBits int      `json:"key_bits"`
	Revoked bool     `json:"revoked"`
	Flags   []string `json:"flags"`
	Error   string   `json:"error"`
}

func jsonDKIMOf(base jsonCheck, f *dkim.Facts) jsonDKIM {
	out := jsonDKIM{jsonCheck: base, Domain: f.Domain, Selectors: map[string]jsonDKIMKey{}}
	for _, s := range f.Selectors {
		k := jsonDKIMKey{Name: s.Name, Flags: []string{}}
		if s.Err != nil {
			k.Error = s.Err.Error()
		}
		if s.Key != nil {
			k.Record, k.KeyType, k.KeyBits, k.Revoked = s.Key.Record, s.Key.Type, s.Key.Bits, s.Key.Revoked
			k.Flags = append(k.Flags, s.Key.Flags...)
		}
		out.Selectors[s.Selector] = k
	}
	return out
}

type jsonSendingIP struct {
	jsonCheck
	Address string   `json:"address"`
	Names   []string `json:"names"`
	FCrDNS  bool     `json:"fcrdns"`
	Error   string   `json:"error,omitempty"`
	// Listed and Unknown are there whenever dnsbl ran ({} when no zone
	// lists the address), and absent when it did not.
	Listed  *map[string][]string `json:"listed,omitempty"`
	Unknown *map[string]string   `json:"unknown,omitempty"`
}

func jsonSendingIPOf(base jsonCheck, s *probe.SendingIP, bl *probe.DNSBL) jsonSendingIP {
	out := jsonSendingIP{jsonCheck: base, Address: s.Addr.String(), Names: []string{}, FCrDNS: s.Reverse.FCrDNS()}
	if s.Err != nil {
		out.Error = s.Err.Error()
	}
	for _, n := range s.Reverse.Names {
		out.Names = append(out.Names, n.Name)
	}
	if bl != nil {
		listed, unknown := listings(bl.About(s.Addr))
		out.Listed, out.Unknown = &listed, &unknown
	}
	return out
}

type jsonDNSBL struct {
	jsonCheck
	Listed  map[string][]string `json:"listed"`
	Unknown map[string]string   `json:"unknown"`
}

func jsonDNSBLOf(base jsonCheck, bl *probe.DNSBL, h *probe.Host) jsonDNSBL {
	out := jsonDNSBL{jsonCheck: base}
	out.Listed, out.Unknown = listings(bl.About(h.EntryAddr()))
	return out
}

// listings splits a zone's answers into the listed codes and the reasons
// of the unknown answers, keyed by zone.
func listings(answers []dnsbl.Answer) (map[string][]string, map[string]string) {
	listed, unknown := map[string][]string{}, map[string]string{}
	for _, a := range answers {
		switch a.Status {
		case dnsbl.Listed:
			for _, c := range a.Codes {
				listed[a.Zone] = append(listed[a.Zone], c.String())
			}
		case dnsbl.Unknown:
			unknown[a.Zone] = a.Reason
		}
	}
	return listed, unknown
}
