package report

import (
	"errors"
	"fmt"
	"strings"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/spf"
)

// The findings of the spf check.
const (
	FindingSPFOK        = "spf-ok"        // ok: one valid record within the limits, -all or ~all
	FindingSPFNone      = "spf-none"      // warning: no record
	FindingSPFSeveral   = "spf-several"   // critical: several records (permerror)
	FindingSPFSyntax    = "spf-syntax"    // critical: a record of the tree does not parse (permerror)
	FindingSPFLookups   = "spf-lookups"   // critical: more than 10 DNS-querying terms (permerror)
	FindingSPFVoid      = "spf-void"      // critical: more than 2 void lookups (permerror)
	FindingSPFLoop      = "spf-loop"      // critical: an include or redirect loop (permerror)
	FindingSPFPermError = "spf-permerror" // critical: an include without a record, an mx of more than 10 names
	FindingSPFPassAll   = "spf-pass-all"  // critical: +all passes every address
	FindingSPFWeakAll   = "spf-weak-all"  // warning: ?all or no all
	FindingSPFPTR       = "spf-ptr"       // warning: the ptr mechanism
	FindingSPFResolver  = "spf-resolver"  // unknown: a DNS question of the walk failed
	FindingSPFIPPass    = "spf-ip-pass"   // ok: --sending-ip passes
	FindingSPFIPFail    = "spf-ip-fail"   // critical: --sending-ip gets fail or permerror
	FindingSPFIPWeak    = "spf-ip-weak"   // warning: --sending-ip gets softfail, neutral or none
)

// SPFRecordToPublish is the record suggested to a domain without one:
// mail from its MX hosts only, everything else failing.
const SPFRecordToPublish = "v=spf1 mx -all"

// judgeSPF judges the SPF walk of the sender domain by the Sender table
// of the checks design: whatever makes the evaluation a permerror is
// critical (DMARC treats it as a failure), as is +all; a record that
// says nothing of other senders is a warning.
func judgeSPF(c *checkJudge, f *spf.Facts) {
	vars := map[string]string{"domain": f.Domain, "record": SPFRecordToPublish}
	root := f.Root
	var re *dnsx.ResolverError
	switch {
	case root == nil:
		return
	case root.Err == nil:
	case errors.Is(root.Err, dnsx.ErrNoSlot):
		// Never asked: the run's own DNS queue, not the resolver.
		c.add(Unknown, FindingDNSQueued, nil, root.Err.Error())
		return
	case errors.As(root.Err, &re):
		c.add(Unknown, FindingSPFResolver, vars, root.Err.Error())
		return
	case errors.Is(root.Err, spf.ErrNoRecord):
		c.add(Warning, FindingSPFNone, vars, f.Domain+": no TXT record beginning with v=spf1").Publish = f.Domain + `. IN TXT "` + SPFRecordToPublish + `"`
		judgeSPFResult(c, f, vars)
		return
	case errors.Is(root.Err, spf.ErrSeveralRecords):
		c.add(Critical, FindingSPFSeveral, vars, strings.Join(root.Records, " | "))
		judgeSPFResult(c, f, vars)
		return
	case errors.Is(root.Err, spf.ErrSyntax):
		c.add(Critical, FindingSPFSyntax, vars, root.Err.Error())
		judgeSPFResult(c, f, vars)
		return
	case errors.Is(root.Err, dnsx.ErrCNAME):
		// The zone's fault, not the resolver's.
		c.add(Critical, FindingSPFPermError, vars, root.Err.Error())
		return
	default:
		c.add(Unknown, FindingSPFResolver, vars, root.Err.Error())
		return
	}
	bad := false
	seen := map[string]bool{}
	once := func(sev Status, id, detail string) {
		bad = true
		if !seen[id] {
			seen[id] = true
			c.add(sev, id, vars, detail)
		}
	}
	void := false
	for _, p := range f.Problems {
		switch {
		case errors.Is(p.Err, dnsx.ErrNoSlot):
			once(Unknown, FindingDNSQueued, p.String())
		case errors.As(p.Err, &re):
			once(Unknown, FindingSPFResolver, p.String())
		case errors.Is(p.Err, spf.ErrLookupLimit):
			once(Critical, FindingSPFLookups, lookupsDetail(f))
		case errors.Is(p.Err, spf.ErrVoidLimit):
			void = true
		case errors.Is(p.Err, spf.ErrLoop):
			once(Critical, FindingSPFLoop, p.String())
		case errors.Is(p.Err, spf.ErrSyntax):
			once(Critical, FindingSPFSyntax, p.String())
		case errors.Is(p.Err, spf.ErrNoRecord), errors.Is(p.Err, spf.ErrSeveralRecords), errors.Is(p.Err, spf.ErrTooManyMX):
			once(Critical, FindingSPFPermError, p.String())
		}
	}
	if void {
		once(Critical, FindingSPFVoid, fmt.Sprintf("%d void lookups (limit %d): %s", f.VoidLookups, spf.MaxVoidLookups, strings.Join(voidTerms(root, nil), ", ")))
	}
	walkSteps(root, nil, func(path []string, s *spf.Step) {
		switch {
		case s.Skipped != "" && s.Skipped != spf.SkippedNeedsIP:
		case s.Term.Mechanism == spf.All && s.Term.Qualifier == '+':
			once(Critical, FindingSPFPassAll, strings.Join(append(path, s.Term.Text), " > "))
		case s.Term.Mechanism == spf.PTR:
			once(Warning, FindingSPFPTR, strings.Join(append(path, s.Term.Text), " > "))
		}
	})
	if q, ok := finalAll(root); !ok || q == '?' {
		detail := f.Domain + ": the record has no all"
		if ok {
			detail = f.Domain + ": the record ends in ?all"
		}
		once(Warning, FindingSPFWeakAll, detail)
	}
	if !bad {
		c.add(OK, FindingSPFOK, vars, fmt.Sprintf("%s (%d of %d DNS lookups, %d void)", root.Record, f.Lookups, spf.MaxLookups, f.VoidLookups))
	}
	judgeSPFResult(c, f, vars)
}

// judgeSPFResult judges the result for --sending-ip, when given.
func judgeSPFResult(c *checkJudge, f *spf.Facts, vars map[string]string) {
	if !f.IP.IsValid() {
		return
	}
	v := map[string]string{"domain": vars["domain"], "result": string(f.Result)}
	detail := fmt.Sprintf("%s: %s", f.IP, f.Result)
	if len(f.DecidedBy) > 0 {
		detail += " by " + strings.Join(f.DecidedBy, " > ")
	}
	if f.Reason != nil && f.Result != spf.Pass {
		detail += " (" + f.Reason.Error() + ")"
	}
	switch f.Result {
	case spf.Pass:
		c.add(OK, FindingSPFIPPass, v, detail)
	case spf.Fail, spf.PermError:
		c.add(Critical, FindingSPFIPFail, v, detail)
	case spf.SoftFail, spf.Neutral, spf.None:
		c.add(Warning, FindingSPFIPWeak, v, detail)
	case spf.TempError:
		if errors.Is(f.Reason, dnsx.ErrNoSlot) {
			c.add(Unknown, FindingDNSQueued, nil, detail)
			return
		}
		c.add(Unknown, FindingSPFResolver, v, detail)
	}
}

// walkSteps calls fn for every step of the tree, depth first, with the
// path of terms leading to it.
func walkSteps(n *spf.Node, path []string, fn func(path []string, s *spf.Step)) {
	for i := range n.Steps {
		s := &n.Steps[i]
		fn(path, s)
		if s.Child != nil {
			walkSteps(s.Child, append(path[:len(path):len(path)], s.Term.Text), fn)
		}
	}
}

// voidTerms lists the terms whose query was void.
func voidTerms(n *spf.Node, path []string) []string {
	var out []string
	walkSteps(n, path, func(p []string, s *spf.Step) {
		if s.Void {
			out = append(out, strings.Join(append(p, s.Term.Text), " > "))
		}
	})
	return out
}

// finalAll finds the qualifier of the all that ends the policy, following
// redirect when the record has no all.
func finalAll(n *spf.Node) (byte, bool) {
	for depth := 0; n != nil && depth < 10; depth++ {
		var next *spf.Node
		for _, s := range n.Steps {
			if s.Term.Mechanism == spf.All {
				return s.Term.Qualifier, true
			}
			if s.Term.Modifier == spf.Redirect {
				next = s.Child
			}
		}
		n = next
	}
	return 0, false
}

// lookupsDetail says what each top-level term costs: "12 DNS lookups
// (limit 10): include:_spf.example.net 7, mx 1, ...".
func lookupsDetail(f *spf.Facts) string {
	var parts []string
	for _, s := range f.Root.Steps {
		if s.Lookups > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", s.Term.Text, s.Lookups))
		}
	}
	return fmt.Sprintf("%d DNS lookups (limit %d): %s", f.Lookups, spf.MaxLookups, strings.Join(parts, ", "))
}
