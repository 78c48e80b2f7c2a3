package mtasts

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/miekg/dns"

	"github.com/smtpprobe/smtpprobe/dnsx"
)

// Bounds on the TXT answer kept.
const (
	// MaxRecords caps the v=STSv1 records kept.
	MaxRecords = 8
	// MaxRecordLen caps the length of a record kept.
	MaxRecordLen = 2048
	// DefaultTimeout bounds the policy fetch: connect, TLS, the request
	// and reading the body together.
	DefaultTimeout = 10 * time.Second
)

// Options says how to reach the policy host. The zero value of each field
// means its documented default.
type Options struct {
	// Resolver answers the TXT question and the address of mta-sts.DOMAIN,
	// so that --resolver is honoured for every name. Nil means a zero
	// Resolver.
	Resolver *dnsx.Resolver
	// Dial opens connections. Nil means a net.Dialer.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// RootCAs verifies the policy host's certificate. Nil means the
	// system roots.
	RootCAs *x509.CertPool
	// Timeout bounds the fetch. Zero means DefaultTimeout.
	Timeout time.Duration
	// Now tells the time for the certificate check. Nil means time.Now.
	Now func() time.Time
}

// FetchErrorKind classifies why no policy was fetched.
type FetchErrorKind string

// The kinds of fetch failure.
const (
	FetchDNS      FetchErrorKind = "dns"      // mta-sts.DOMAIN has no address (or a broken CNAME chain)
	FetchResolver FetchErrorKind = "resolver" // the resolver failed the policy host's address question
	FetchQueued   FetchErrorKind = "queued"   // the policy host's address question never got a slot of the run's DNS queries (dnsx.ErrNoSlot)
	FetchNoRoute  FetchErrorKind = "no-route" // this machine has no route to the policy host
	FetchNetwork  FetchErrorKind = "network"  // refused, reset, unreachable
	FetchTimeout  FetchErrorKind = "timeout"  // no complete answer within the timeout
	FetchTLS      FetchErrorKind = "tls"      // handshake failed, or the certificate is not valid for mta-sts.DOMAIN
	FetchHTTP     FetchErrorKind = "http"     // a status other than 200, or a malformed response
	FetchRedirect FetchErrorKind = "redirect" // a 3xx, which senders must not follow
	FetchTooLarge FetchErrorKind = "too-large"
)

// Facts is what a sender learns of a domain's MTA-STS policy.
type Facts struct {
	Name string // the TXT name asked: _mta-sts.DOMAIN
	// Records are the TXT records that begin with "v=STSv1", at most
	// MaxRecords, each cut to MaxRecordLen; Omitted counts the rest.
	Records []string
	Omitted int
	// Record is the parsed record when there is exactly one.
	Record    *Record
	RecordErr string // why the one record does not parse
	Authentic bool   // the resolver validated the TXT answer (AD bit)
	// LookupErr says why the TXT question got no answer; nothing else is
	// then known: a failure is never a missing record.
	LookupErr string
	// LookupBroken says LookupErr is the zone's, not the resolver's: the
	// name's CNAME chain loops or is too long (dnsx.ErrCNAME).
	LookupBroken bool
	// LookupQueued says the TXT question was never sent: its time ran
	// out while the run's other DNS queries held every slot
	// (dnsx.ErrNoSlot). The probe's own queue: nothing is known of the
	// domain or against the resolver.
	LookupQueued bool
	Queries      []dnsx.Query

	// URL is the policy's address, set when a fetch was tried (the
	// domain has a v=STSv1 record).
	URL string
	// FetchErr and FetchKind say why no policy body was read; "" when
	// one was.
	FetchErr  string
	FetchKind FetchErrorKind
	// Addr is the address of mta-sts.DOMAIN the fetch connected to.
	Addr        netip.Addr
	Status      int    // the HTTP status, 0 when none came
	ContentType string // the Content-Type header
	// Body is the policy file as served, at most MaxPolicySize bytes.
	Body string
	// Policy is the parsed policy; nil when none was fetched or it does
	// not parse (PolicyErr says why).
	Policy    *Policy
	PolicyErr string
	// FetchDuration is the time the fetch took.
	FetchDuration time.Duration
}

// Check looks up the MTA-STS record of domain and, when there is one,
// fetches and parses the policy as a sender would.
func Check(ctx context.Context, o Options, domain string) Facts {
	domain = strings.ToLower(strings.TrimSuffix(domain, "."))
	f := Facts{Name: "_mta-sts." + domain}
	if o.Resolver == nil {
		o.Resolver = &dnsx.Resolver{}
	}
	ans, err := o.Resolver.Lookup(ctx, f.Name, dns.TypeTXT)
	f.Queries = ans.Queries
	if err != nil {
		f.LookupErr, f.LookupBroken, f.LookupQueued = err.Error(), errors.Is(err, dnsx.ErrCNAME), errors.Is(err, dnsx.ErrNoSlot)
		return f
	}
	f.Authentic = dnsx.Authentic(ans.Queries)
	longest := 0
	for _, txt := range dnsx.TXT(ans.Records) {
		// RFC 8461 section 3.1: other TXT records are ignored.
		if rest, ok := strings.CutPrefix(txt, "v=STSv1"); !ok || rest != "" && !strings.ContainsRune("; \t", rune(rest[0])) {
			continue
		}
		if len(f.Records) == MaxRecords {
			f.Omitted++
			continue
		}
		longest = max(longest, len(txt))
		f.Records = append(f.Records, txt[:min(len(txt), MaxRecordLen)])
	}
	if len(f.Records) == 0 {
		return f
	}
	if len(f.Records) == 1 && f.Omitted == 0 {
		rec, err := ParseRecord(f.Records[0])
		if longest > MaxRecordLen {
			err = fmt.Errorf("record is %d bytes long, more than the %d read", longest, MaxRecordLen)
		}
		if err != nil {
			f.RecordErr = err.Error()
		} else {
			f.Record = &rec
		}
	}
	f.fetch(ctx, o, domain)
	return f
}

// fetch gets https://mta-sts.DOMAIN/.well-known/mta-sts.txt.
func (f *Facts) fetch(ctx context.Context, o Options, domain string) {
	host := "mta-sts." + domain
	f.URL = "https://" + host + "/.well-known/mta-sts.txt"
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	defer func() { f.FetchDuration = time.Since(start) }()

	dial := o.Dial
	if dial == nil {
		var d net.Dialer
		dial = d.DialContext
	}
	// The address is looked up before the request, not in the dialer:
	// the transport dials in a goroutine of its own, so client.Do can
	// return on the context's end before the dialer has recorded why its
	// lookup failed (a question that never got a slot would then pass
	// for a timeout of the policy host).
	addrs, _, err := o.Resolver.LookupHost(ctx, host)
	if err != nil {
		f.FetchKind, f.FetchErr = fetchKind(err, err), fetchErrText(err, err)
		return
	}
	var mu sync.Mutex
	var connected netip.Addr
	tr := &http.Transport{
		Proxy: nil, // the policy host itself, as a sender reaches it
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			_, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			var last error
			for _, a := range addrs {
				c, err := dial(ctx, network, net.JoinHostPort(a.String(), port))
				if err == nil {
					mu.Lock()
					connected = a
					mu.Unlock()
					return c, nil
				}
				last = err
			}
			return nil, last
		},
		TLSClientConfig:        &tls.Config{RootCAs: o.RootCAs, ServerName: host, Time: o.Now},
		DisableKeepAlives:      true,
		MaxResponseHeaderBytes: 16 << 10,
		ResponseHeaderTimeout:  timeout,
		TLSHandshakeTimeout:    timeout,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{
		Transport: tr,
		// RFC 8461 section 3.3: redirects must not be followed.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.URL, nil)
	if err != nil {
		f.FetchErr, f.FetchKind = err.Error(), FetchHTTP
		return
	}
	resp, err := client.Do(req)
	mu.Lock()
	f.Addr = connected
	mu.Unlock()
	if err != nil {
		f.FetchKind = fetchKind(err, nil)
		f.FetchErr = fetchErrText(err, nil)
		return
	}
	defer resp.Body.Close()
	f.Status, f.ContentType = resp.StatusCode, resp.Header.Get("Content-Type")
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		f.FetchErr, f.FetchKind = fmt.Sprintf("HTTP %d redirect to %q, which senders do not follow", resp.StatusCode, clip(resp.Header.Get("Location"))), FetchRedirect
		return
	case resp.StatusCode != http.StatusOK:
		f.FetchErr, f.FetchKind = fmt.Sprintf("HTTP %s", clip(resp.Status)), FetchHTTP
		return
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxPolicySize+1))
	if err != nil {
		f.FetchKind = fetchKind(err, nil)
		f.FetchErr = "reading the policy: " + fetchErrText(err, nil)
		return
	}
	if len(body) > MaxPolicySize {
		f.FetchErr, f.FetchKind = fmt.Sprintf("policy larger than %d bytes", MaxPolicySize), FetchTooLarge
		return
	}
	f.Body = string(body)
	p, err := ParsePolicy(f.Body)
	if err != nil {
		f.PolicyErr = err.Error()
		return
	}
	if mt, _, _ := mime.ParseMediaType(f.ContentType); mt != "text/plain" {
		f.PolicyErr = fmt.Sprintf("Content-Type %q, want text/plain", clip(f.ContentType))
	}
	f.Policy = &p
}

// fetchKind classifies a failed request.
func fetchKind(err, dnsErr error) FetchErrorKind {
	var (
		ve *tls.CertificateVerificationError
		re tls.RecordHeaderError
		ae tls.AlertError
		ne net.Error
	)
	var rerr *dnsx.ResolverError
	switch {
	case errors.Is(dnsErr, dnsx.ErrNoSlot):
		// Never asked: the probe's own queue, before any resolver.
		return FetchQueued
	case errors.As(dnsErr, &rerr):
		// The resolver's failure, not a missing address.
		return FetchResolver
	case dnsErr != nil:
		return FetchDNS
	case errors.As(err, &ve), errors.As(err, &re), errors.As(err, &ae),
		strings.Contains(err.Error(), "tls: "), strings.Contains(err.Error(), "x509: "):
		return FetchTLS
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return FetchTimeout
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EADDRNOTAVAIL):
		return FetchNoRoute
	case errors.As(err, &ne):
		return FetchNetwork
	}
	return FetchHTTP
}

// fetchErrText says why the request failed, without Go's "Get URL:"
// wrapping.
func fetchErrText(err, dnsErr error) string {
	if dnsErr != nil {
		return "looking up the policy host: " + dnsErr.Error()
	}
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) && strings.HasPrefix(err.Error(), "Get ") {
		if inner := ue.Unwrap(); inner != nil {
			err = inner
		}
	}
	return clip(err.Error())
}

// clip bounds a text a server chose and drops its control characters.
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "") + "..."
	}
	return s
}
