package spf

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/miekg/dns"
	"github.com/smtpprobe/smtpprobe/dnsx"
)

// Result is an RFC 7208 section 2.6 result.
type Result string

// The results of check_host().
const (
	None      Result = "none"
	Neutral   Result = "neutral"
	Pass      Result = "pass"
	Fail      Result = "fail"
	SoftFail  Result = "softfail"
	PermError Result = "permerror"
	TempError Result = "temperror"
)

// Limits of RFC 7208 section 4.6.4.
const (
	// MaxLookups is the most DNS-querying terms one evaluation may hold.
	MaxLookups = 10
	// MaxVoidLookups is the most queries answered NXDOMAIN or empty.
	MaxVoidLookups = 2
	// MaxNames is the most MX names an mx term may have and the most
	// PTR names a ptr term looks at.
	MaxNames = 10
	// MaxWalk bounds the DNS-querying terms followed to draw the tree
	// beyond MaxLookups, so that a hostile tree costs a bounded number
	// of questions; terms beyond it are listed but not followed.
	MaxWalk = 40
)

// Errors recorded in the tree; resolver failures are *dnsx.ResolverError.
var (
	ErrNoRecord       = errors.New("no SPF record")
	ErrSeveralRecords = errors.New("more than one SPF record")
	ErrLoop           = errors.New("include loop")
	ErrLookupLimit    = fmt.Errorf("more than %d DNS-querying terms", MaxLookups)
	ErrVoidLimit      = fmt.Errorf("more than %d void lookups", MaxVoidLookups)
	ErrTooManyMX      = fmt.Errorf("more than %d MX records", MaxNames)
)

// Node is the SPF record of one domain in the tree.
type Node struct {
	Domain string // without the final dot
	Record string // the SPF record used, "" when none could be
	// Records are every SPF record at the domain (several is an error).
	Records []string
	// Err says why the record could not be used: ErrNoRecord,
	// ErrSeveralRecords, a syntax error (wrapping ErrSyntax) or a
	// resolver failure.
	Err   error
	Steps []Step // the record's terms in the order written
}

// Step is one term of a record as the walk met it.
type Step struct {
	Term Term
	// Target is the domain the term asked about after macro expansion,
	// "" for terms that ask nothing.
	Target string
	// Cost is 1 for a term that counts against MaxLookups.
	Cost int
	// Lookups is Cost plus the lookups of the term's subtree.
	Lookups int
	// Position is the running count of DNS-querying terms after this
	// one, in evaluation order; over MaxLookups it is past the limit.
	Position int
	Void     bool  // its query was answered NXDOMAIN or empty
	Names    int   // MX or PTR names found by mx and ptr
	Child    *Node // the record an include or redirect points to
	// Match says the term matched the sending address.
	Match bool
	// Err is what went wrong with this term (ErrLoop, ErrTooManyMX,
	// ErrLookupLimit, ErrVoidLimit, a resolver failure, ...).
	Err error
	// Skipped says why the term was not evaluated: SkippedAfterAll,
	// SkippedNeedsIP, SkippedRedirect or SkippedWalk.
	Skipped string
}

// Why a Step was not evaluated.
const (
	SkippedAfterAll = "after all"                                        // check_host() never reaches it
	SkippedNeedsIP  = "needs the sending address"                        // a macro or ptr needs --sending-ip
	SkippedRedirect = "ignored: the record has all"                      // redirect beside all
	SkippedWalk     = "not followed: the walk's lookup bound is reached" // beyond MaxWalk
)

// Problem is an error found somewhere in the tree.
type Problem struct {
	Path []string // term texts from the root record to the one at fault; empty for the root record itself
	Err  error
}

func (p Problem) String() string {
	if len(p.Path) == 0 {
		return p.Err.Error()
	}
	return strings.Join(p.Path, " > ") + ": " + p.Err.Error()
}

// Facts is what the SPF walk of a domain found.
type Facts struct {
	Domain string     // the domain whose policy was read, without the final dot
	IP     netip.Addr // the sending address evaluated, invalid when none
	Root   *Node
	// Lookups counts the DNS-querying terms of the whole tree, every
	// branch followed (terms after "all" excepted): an address that
	// matches nothing costs this many.
	Lookups int
	// VoidLookups counts the void answers over the whole tree.
	VoidLookups int
	// Truncated says the walk stopped following terms at MaxWalk.
	Truncated bool
	// Result is check_host() for IP, "" without one.
	Result Result
	// DecidedBy is the path of terms that gave Result, from the root
	// record: the matching mechanism, the term that broke a limit or
	// failed; empty when no term matched (the default neutral).
	DecidedBy []string
	// Reason says why Result is permerror, temperror or none.
	Reason error
	// Problems are every error found anywhere in the tree.
	Problems []Problem
	// Queries are the DNS questions asked.
	Queries []dnsx.Query
}

// Options are the inputs of an evaluation besides the domain.
type Options struct {
	// IP is the sending address; without one the tree is walked and no
	// result given.
	IP netip.Addr
	// Sender is the MAIL FROM address for the s, l and o macros;
	// "postmaster@DOMAIN" when empty.
	Sender string
	// HELO is the name for the h macro; DOMAIN when empty.
	HELO string
}

// Check reads the SPF policy of domain and walks its tree.
func Check(ctx context.Context, r *dnsx.Resolver, domain string, opt Options) Facts {
	domain = strings.ToLower(strings.TrimSuffix(domain, "."))
	w := &walker{ctx: ctx, r: r, ip: opt.IP.Unmap()}
	w.env = macroEnv{sender: opt.Sender, helo: opt.HELO, ip: w.ip}
	if w.env.sender == "" {
		w.env.sender = "postmaster@" + domain
	}
	if w.env.helo == "" {
		w.env.helo = domain
	}
	f := Facts{Domain: domain, IP: w.ip}
	root, ev := w.node(domain, nil, true)
	f.Root = root
	f.Lookups, f.VoidLookups, f.Truncated = w.total, w.voidTotal, w.truncated
	f.Problems, f.Queries = w.problems, w.queries
	if w.ip.IsValid() {
		f.Result, f.DecidedBy, f.Reason = ev.result, ev.by, ev.reason
	}
	return f
}

// walker holds the state of one walk.
type walker struct {
	ctx context.Context
	r   *dnsx.Resolver
	ip  netip.Addr
	env macroEnv

	total, voidTotal int // over the whole tree
	live, voidLive   int // over what check_host() evaluates
	truncated        bool
	stack            []string // domains being evaluated, for loops
	problems         []Problem
	queries          []dnsx.Query
}

// eval is the outcome of check_host() on a record.
type eval struct {
	result Result
	by     []string
	reason error
}

func (w *walker) problem(path []string, err error) {
	w.problems = append(w.problems, Problem{Path: append([]string(nil), path...), Err: err})
}

func (w *walker) lookup(name string, qtype uint16) (dnsx.Answer, error) {
	a, err := w.r.Lookup(w.ctx, name, qtype)
	w.queries = append(w.queries, a.Queries...)
	return a, err
}

// node fetches and walks the record of domain. live says check_host()
// would evaluate it (no earlier term decided the result).
func (w *walker) node(domain string, path []string, live bool) (*Node, eval) {
	n := &Node{Domain: domain}
	ans, err := w.lookup(domain, dns.TypeTXT)
	if err != nil {
		var re *dnsx.ResolverError
		n.Err = err
		w.problem(path, err)
		if errors.As(err, &re) {
			return n, eval{TempError, path, err}
		}
		return n, eval{None, path, err}
	}
	for _, txt := range dnsx.TXT(ans.Records) {
		if IsSPF(txt) {
			n.Records = append(n.Records, txt)
		}
	}
	switch len(n.Records) {
	case 0:
		n.Err = ErrNoRecord
		if len(path) > 0 {
			w.problem(path, ErrNoRecord)
		}
		return n, eval{None, path, ErrNoRecord}
	case 1:
	default:
		n.Err = ErrSeveralRecords
		w.problem(path, ErrSeveralRecords)
		return n, eval{PermError, path, ErrSeveralRecords}
	}
	rec, err := Parse(n.Records[0])
	if err != nil {
		n.Err = err
		w.problem(path, err)
		return n, eval{PermError, path, err}
	}
	n.Record = rec.Text
	w.stack = append(w.stack, domain)
	defer func() { w.stack = w.stack[:len(w.stack)-1] }()
	return n, w.walk(n, rec, path, live)
}

// walk evaluates a record's terms in check_host() order, following every
// branch for the tree; only terms met while live count for the result.
func (w *walker) walk(n *Node, rec *Record, path []string, live bool) eval {
	open := live
	var ev eval
	decide := func(e eval) {
		if open {
			ev, open = e, false
		}
	}
	n.Steps = make([]Step, len(rec.Terms))
	afterAll := false
	redirect := -1
	for i, t := range rec.Terms {
		s := &n.Steps[i]
		s.Term = t
		here := slices.Concat(path, []string{t.Text})
		switch {
		case t.Modifier == Redirect:
			redirect = i
			continue
		case t.Modifier != "":
			continue
		case afterAll:
			s.Skipped = SkippedAfterAll
			continue
		}
		if t.Mechanism == All {
			afterAll = true
		}
		match, e, stop := w.term(s, here, open)
		switch {
		case stop:
			decide(e)
		case match:
			s.Match = open
			decide(eval{qualified(t.Qualifier), slices.Concat(here, e.by), nil})
		}
	}
	if redirect >= 0 {
		s := &n.Steps[redirect]
		here := slices.Concat(path, []string{s.Term.Text})
		if afterAll {
			s.Skipped = SkippedRedirect
		} else {
			_, e, _ := w.term(s, here, open)
			decide(e)
		}
	}
	decide(eval{result: Neutral})
	return ev
}

func qualified(q byte) Result {
	switch q {
	case '-':
		return Fail
	case '~':
		return SoftFail
	case '?':
		return Neutral
	}
	return Pass
}

// term evaluates one mechanism, or the redirect modifier. It returns
// whether the term matched, and stop with the outcome when it ends the
// evaluation (an error, or always for redirect).
func (w *walker) term(s *Step, here []string, live bool) (match bool, ev eval, stop bool) {
	t := s.Term
	fail := func(r Result, err error) (bool, eval, bool) {
		if s.Err == nil {
			s.Err = err
		}
		return false, eval{r, here, err}, true
	}
	if t.Mechanism == All {
		return true, eval{}, false
	}
	if t.Mechanism == IP4 || t.Mechanism == IP6 {
		return w.ip.IsValid() && t.Net.Contains(w.ip), eval{}, false
	}
	// Every other term costs a lookup.
	s.Cost = 1
	w.total++
	s.Position = w.total
	s.Lookups = 1
	over := false
	if w.total == MaxLookups+1 {
		w.problem(here, ErrLookupLimit)
	}
	if w.total > MaxLookups {
		s.Err = ErrLookupLimit
	}
	if live {
		w.live++
		if w.live > MaxLookups {
			over = true
		}
	}
	if w.total > MaxWalk {
		w.truncated = true
		s.Skipped = SkippedWalk
		if over {
			return fail(PermError, ErrLookupLimit)
		}
		return false, eval{}, false
	}
	target := w.current()
	if t.Domain != "" {
		env := w.env
		env.domain = w.current()
		var err error
		target, err = expand(t.Domain, &env, false)
		if errors.Is(err, errNeedsIP) {
			s.Skipped = SkippedNeedsIP
			return false, eval{}, false
		}
		if err != nil {
			s.Err = err
			w.problem(here, err)
			if over {
				return fail(PermError, ErrLookupLimit)
			}
			return fail(PermError, err)
		}
	}
	target = strings.ToLower(strings.TrimSuffix(target, "."))
	s.Target = target
	if over {
		// The limit is checked before the lookup (RFC 7208 section
		// 4.6.4): check_host() stops here; the tree goes on.
		defer func() { match, ev, stop = fail(PermError, ErrLookupLimit) }()
		live = false
	}

	switch {
	case t.Mechanism == Include || t.Modifier == Redirect:
		if slices.Contains(w.stack, target) {
			w.problem(here, ErrLoop)
			return fail(PermError, ErrLoop)
		}
		before := w.total
		child, e := w.node(target, here, live)
		s.Child = child
		s.Lookups += w.total - before
		if t.Modifier == Redirect {
			if e.result == None {
				return fail(PermError, e.reason)
			}
			return false, e, true
		}
		switch e.result {
		case Pass:
			return true, eval{by: e.by[len(here):]}, false
		case Fail, SoftFail, Neutral:
			return false, eval{}, false
		case None:
			return fail(PermError, e.reason)
		}
		return false, e, true
	case t.Mechanism == Exists:
		ans, err := w.lookup(target, dns.TypeA)
		if err != nil {
			return w.lookupErr(s, here, err)
		}
		if w.void(s, here, live, ans) {
			return fail(PermError, ErrVoidLimit)
		}
		return len(ans.Records) > 0, eval{}, false
	case t.Mechanism == A:
		addrs, void, err := w.addrs(target)
		if err != nil {
			return w.lookupErr(s, here, err)
		}
		if w.void(s, here, live, dnsx.Answer{Records: void}) {
			return fail(PermError, ErrVoidLimit)
		}
		return w.within(addrs, t), eval{}, false
	case t.Mechanism == MX:
		return w.mx(s, here, live, target)
	case t.Mechanism == PTR:
		return w.ptr(s, here, live, target)
	}
	return false, eval{}, false
}

// current is the domain whose record is being walked.
func (w *walker) current() string { return w.stack[len(w.stack)-1] }

// lookupErr handles a failed query: a resolver failure is temperror
// (RFC 7208 section 5); a name that cannot be asked about matches nothing.
func (w *walker) lookupErr(s *Step, here []string, err error) (bool, eval, bool) {
	s.Err = err
	w.problem(here, err)
	var re *dnsx.ResolverError
	if errors.As(err, &re) {
		return false, eval{TempError, here, err}, true
	}
	return false, eval{}, false
}

// void counts a void answer and reports whether it breaks the limit for
// check_host().
func (w *walker) void(s *Step, here []string, live bool, ans dnsx.Answer) bool {
	if len(ans.Records) > 0 {
		return false
	}
	s.Void = true
	w.voidTotal++
	if w.voidTotal == MaxVoidLookups+1 {
		w.problem(here, ErrVoidLimit)
	}
	if w.voidTotal > MaxVoidLookups {
		s.Err = ErrVoidLimit
	}
	if live {
		w.voidLive++
		return w.voidLive > MaxVoidLookups
	}
	return false
}

// addrs asks for the addresses of name in the sending address's family,
// or both families without one. The records returned decide voidness.
func (w *walker) addrs(name string) ([]netip.Addr, []dns.RR, error) {
	types := []uint16{dns.TypeA, dns.TypeAAAA}
	if w.ip.Is4() {
		types = types[:1]
	} else if w.ip.Is6() {
		types = types[1:]
	}
	var rrs []dns.RR
	for _, qt := range types {
		ans, err := w.lookup(name, qt)
		if err != nil {
			return nil, nil, err
		}
		rrs = append(rrs, ans.Records...)
	}
	return dnsx.Addrs(rrs), rrs, nil
}

// within reports whether the sending address lies in the network of one
// of addrs with the term's CIDR length.
func (w *walker) within(addrs []netip.Addr, t Term) bool {
	if !w.ip.IsValid() {
		return false
	}
	for _, a := range addrs {
		bits := t.Prefix4
		if a.Is6() {
			bits = t.Prefix6
		}
		if p, err := a.Prefix(bits); err == nil && p.Contains(w.ip) {
			return true
		}
	}
	return false
}

func (w *walker) mx(s *Step, here []string, live bool, target string) (bool, eval, bool) {
	ans, err := w.lookup(target, dns.TypeMX)
	if err != nil {
		return w.lookupErr(s, here, err)
	}
	if w.void(s, here, live, ans) {
		s.Err = ErrVoidLimit
		return false, eval{PermError, here, ErrVoidLimit}, true
	}
	var hosts []string
	for _, rr := range ans.Records {
		if m, ok := rr.(*dns.MX); ok && m.Mx != "." {
			hosts = append(hosts, m.Mx)
		}
	}
	s.Names = len(hosts)
	if len(hosts) > MaxNames {
		s.Err = ErrTooManyMX
		w.problem(here, ErrTooManyMX)
		return false, eval{PermError, here, ErrTooManyMX}, true
	}
	if !w.ip.IsValid() {
		return false, eval{}, false
	}
	for _, h := range hosts {
		addrs, _, err := w.addrs(h)
		if err != nil {
			return w.lookupErr(s, here, err)
		}
		if w.within(addrs, s.Term) {
			return true, eval{}, false
		}
	}
	return false, eval{}, false
}

func (w *walker) ptr(s *Step, here []string, live bool, target string) (bool, eval, bool) {
	if !w.ip.IsValid() {
		s.Skipped = SkippedNeedsIP
		return false, eval{}, false
	}
	rv, err := w.r.LookupReverse(w.ctx, w.ip)
	w.queries = append(w.queries, rv.Queries...)
	if err != nil {
		// A failed PTR lookup makes ptr not match (RFC 7208 section 5.5).
		s.Err = err
		return false, eval{}, false
	}
	s.Names = len(rv.Names) + rv.Omitted
	if len(rv.Names) == 0 && w.void(s, here, live, dnsx.Answer{}) {
		s.Err = ErrVoidLimit
		return false, eval{PermError, here, ErrVoidLimit}, true
	}
	for _, n := range rv.Names {
		if n.Confirmed && (n.Name == target || strings.HasSuffix(n.Name, "."+target)) {
			return true, eval{}, false
		}
	}
	return false, eval{}, false
}
