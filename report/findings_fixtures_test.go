package report

import (
	"errors"
	"net/netip"
	"regexp"
	"strings"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/probe"
)

// Hand-built probe results for the tests of Assess and the renderers. All
// times are fixed, so that goldens are stable.

var fixedNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func testOptions() Options {
	return Options{Now: func() time.Time { return fixedNow }}
}

const msec = time.Millisecond

var enhancedPrefix = regexp.MustCompile(`^[245]\.\d{1,3}\.\d{1,3}\b`)

// step builds a step; the enhanced code is read from the first line.
func step(cmd string, d time.Duration, code int, lines ...string) probe.Step {
	s := probe.Step{Command: cmd, Duration: d, Reply: probe.Reply{Code: code, Lines: lines}}
	if len(lines) > 0 {
		s.Reply.Enhanced = enhancedPrefix.FindString(lines[0])
	}
	return s
}

func addr(s string) netip.Addr { return netip.MustParseAddr(s) }

func mx(pref uint16, host string, addrs ...string) dnsx.MX {
	m := dnsx.MX{Host: host, Preference: pref}
	for _, a := range addrs {
		m.Addresses = append(m.Addresses, addr(a))
	}
	if len(addrs) == 0 {
		m.Err = "no A or AAAA records"
	}
	return m
}

func queries(domain string, n int) []dnsx.Query {
	qs := []dnsx.Query{{Name: domain + ".", Type: "MX", Server: "127.0.0.53:53", Rcode: "NOERROR", Duration: 2100 * time.Microsecond}}
	for i := 1; i < n; i++ {
		qs = append(qs, dnsx.Query{Name: "mx.", Type: "A", Server: "127.0.0.53:53", Rcode: "NOERROR", Duration: 900 * time.Microsecond})
	}
	return qs
}

func result(input string, hosts []probe.Host, mxs ...dnsx.MX) probe.Result {
	domain := input
	rcpt := "postmaster@" + input
	if _, d, ok := strings.Cut(input, "@"); ok {
		domain, rcpt = d, input
	}
	return probe.Result{
		Target:   probe.Target{Input: input, Domain: domain, Rcpt: rcpt},
		DNS:      dnsx.MXResult{Domain: domain, MX: mxs, Queries: queries(domain, 1+len(mxs))},
		Hosts:    hosts,
		Started:  fixedNow.Add(-time.Second),
		Duration: 312 * msec,
	}
}

var ehloLines = []string{"{host}", "PIPELINING", "SIZE 35882577", "STARTTLS", "ENHANCEDSTATUSCODES", "8BITMIME", "SMTPUTF8"}

func ehlo(host string, tls bool) probe.Step {
	var lines []string
	for _, l := range ehloLines {
		if tls && l == "STARTTLS" {
			continue
		}
		lines = append(lines, strings.ReplaceAll(l, "{host}", host))
	}
	return step("EHLO probe.example.net", 900*time.Microsecond, 250, lines...)
}

func exts(tls bool) map[string]string {
	m := map[string]string{"PIPELINING": "", "SIZE": "35882577", "ENHANCEDSTATUSCODES": "", "8BITMIME": "", "SMTPUTF8": ""}
	if !tls {
		m["STARTTLS"] = ""
	}
	return m
}

// cert returns a TLS negotiation whose leaf is valid for names and expires
// in days (negative: expired).
func tlsInfo(server string, days int, names ...string) *probe.TLSInfo {
	if names == nil {
		names = []string{server}
	}
	return &probe.TLSInfo{
		Version: "TLS 1.3", CipherSuite: "TLS_AES_128_GCM_SHA256", ServerName: server,
		Duration: 3100 * time.Microsecond,
		Chain: []probe.Cert{
			{Subject: "CN=" + names[0], Issuer: "CN=Example Issuing CA,O=Example Trust", DNSNames: names,
				NotBefore: fixedNow.AddDate(0, 0, -50), NotAfter: fixedNow.AddDate(0, 0, days).Add(time.Hour)},
			{Subject: "CN=Example Issuing CA,O=Example Trust", Issuer: "CN=Example Root CA,O=Example Trust",
				NotBefore: fixedNow.AddDate(-2, 0, 0), NotAfter: fixedNow.AddDate(3, 0, 0)},
		},
		Verified: days >= 0,
	}
}

// healthyHost is a dialogue with STARTTLS and PIPELINING that ends with
// the recipient accepted, or with rcptReply when given.
func healthyHost(name, a string, rcpt string, rcptReply ...probe.Step) probe.Host {
	h := probe.Host{
		Name: name, Preference: 10, Addr: addr(a), Port: 25,
		Attempts:            []probe.Attempt{{Addr: addr(a), Duration: 800 * time.Microsecond}},
		ExtensionsBeforeTLS: exts(false),
		Extensions:          exts(true),
		TLS:                 tlsInfo(name, 40),
		Duration:            148 * msec,
	}
	rs := step("RCPT TO:<"+rcpt+">", 1100*time.Microsecond, 250, "2.1.5 Ok")
	if len(rcptReply) > 0 {
		rs = rcptReply[0]
		rs.Command = "RCPT TO:<" + rcpt + ">"
	}
	rs.Pipelined = true
	h.Steps = []probe.Step{
		step("", 12*msec, 220, name+" ESMTP Postfix"),
		ehlo(name, false),
		step("STARTTLS", 500*time.Microsecond, 220, "2.0.0 Ready to start TLS"),
		ehlo(name, true),
		{Command: "MAIL FROM:<>", Duration: 1200 * time.Microsecond, Pipelined: true, Reply: probe.Reply{Code: 250, Enhanced: "2.1.0", Lines: []string{"2.1.0 Ok"}}},
		rs,
		{Command: "RSET", Duration: 100 * time.Microsecond, Pipelined: true, Reply: probe.Reply{Code: 250, Enhanced: "2.0.0", Lines: []string{"2.0.0 Ok"}}},
		{Command: "QUIT", Duration: 100 * time.Microsecond, Pipelined: true, Reply: probe.Reply{Code: 221, Enhanced: "2.0.0", Lines: []string{"2.0.0 Bye"}}},
	}
	return h
}

// plainHost is healthyHost without STARTTLS on offer.
func plainHost(name, a, rcpt string) probe.Host {
	h := healthyHost(name, a, rcpt)
	h.TLS, h.ExtensionsBeforeTLS, h.Extensions = nil, nil, exts(true)
	h.Steps = append(h.Steps[:1], h.Steps[3:]...)
	return h
}

// deadHost is a host none of whose addresses accepted a connection.
func deadHost(name string, kind probe.ErrorKind, addrs ...string) probe.Host {
	h := probe.Host{Name: name, Preference: 20, Port: 25, Duration: 10 * time.Second}
	for _, a := range addrs {
		e := &probe.Error{Step: "connect", Kind: kind, Err: errors.New(connectErr(kind, a))}
		h.Attempts = append(h.Attempts, probe.Attempt{Addr: addr(a), Duration: 10 * time.Second, Err: e})
		h.Err = e
	}
	return h
}

func connectErr(kind probe.ErrorKind, a string) string {
	ap := netip.AddrPortFrom(addr(a), 25).String()
	switch kind {
	case probe.ErrRefused:
		return "dial tcp " + ap + ": connect: connection refused"
	case probe.ErrNetwork:
		return "dial tcp " + ap + ": connect: network is unreachable"
	}
	return "dial tcp " + ap + ": i/o timeout"
}

// goldenCase returns the golden case of that name.
func goldenCase(name string) struct {
	name string
	r    probe.Result
	o    Options
} {
	for _, c := range goldenCases() {
		if c.name == name {
			return c
		}
	}
	panic("no golden case " + name)
}

// goldenCases are the fixtures rendered by every renderer test.
func goldenCases() []struct {
	name string
	r    probe.Result
	o    Options
} {
	ja := testOptions()
	ja.Lang = "ja"

	healthy := result("example.com", []probe.Host{
		healthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com"),
		healthyHost("mx2.example.com", "192.0.2.2", "postmaster@example.com"),
	}, mx(10, "mx1.example.com", "192.0.2.1", "2001:db8::1"), mx(20, "mx2.example.com", "192.0.2.2"))
	healthy.Hosts[1].Preference = 20

	rejected := result("nobody@example.com", []probe.Host{
		healthyHost("mx1.example.com", "192.0.2.1", "nobody@example.com",
			step("", 1100*time.Microsecond, 550, "5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table")),
	}, mx(10, "mx1.example.com", "192.0.2.1"))

	greylist := result("example.org", []probe.Host{
		healthyHost("mail.example.org", "198.51.100.7", "postmaster@example.org",
			step("", 31*msec, 451, "4.7.1 <postmaster@example.org>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/example.org.html")),
	}, mx(5, "mail.example.org", "198.51.100.7"))

	blocked := result("example.net", []probe.Host{
		deadHost("mx1.example.net", probe.ErrTimeout, "2001:db8::25", "192.0.2.25"),
		deadHost("mx2.example.net", probe.ErrTimeout, "192.0.2.26"),
	}, mx(10, "mx1.example.net", "2001:db8::25", "192.0.2.25"), mx(20, "mx2.example.net", "192.0.2.26"))
	blocked.Duration = 30 * time.Second

	nullMX := result("nomail.example", nil)
	nullMX.DNS.NullMX = true
	nullMX.DNS.Queries = queries("nomail.example", 1)

	nx := result("no-such-domain.example", nil)
	nx.DNS.NXDomain = true
	nx.DNS.Queries[0].Rcode = "NXDOMAIN"

	resolver := result("example.com", nil)
	resolver.DNS = dnsx.MXResult{Domain: "example.com", Queries: []dnsx.Query{
		{Name: "example.com.", Type: "MX", Server: "192.0.2.53:53", Duration: 5 * time.Second, Err: "read udp 192.0.2.53:53: i/o timeout"},
		{Name: "example.com.", Type: "MX", Server: "192.0.2.53:53", Duration: 5 * time.Second, Err: "read udp 192.0.2.53:53: i/o timeout"},
	}}
	resolver.DNSErr = errors.New("MX example.com: resolver 192.0.2.53:53: read udp 192.0.2.53:53: i/o timeout")
	resolver.Duration = 10 * time.Second

	expired := result("example.com", []probe.Host{healthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")},
		mx(10, "mx1.example.com", "192.0.2.1"))
	expired.Hosts[0].TLS = tlsInfo("mx1.example.com", -3)
	expired.Hosts[0].TLS.VerifyError = "x509: certificate has expired or is not yet valid: current time 2026-11-22T12:00:00Z is after 2026-11-19T13:00:00Z"

	oneDown := result("example.com", []probe.Host{
		deadHost("mx1.example.com", probe.ErrTimeout, "192.0.2.1"),
		healthyHost("mx2.example.com", "192.0.2.2", "postmaster@example.com"),
	}, mx(10, "mx1.example.com", "192.0.2.1"), mx(20, "mx2.example.com", "192.0.2.2"))
	oneDown.Hosts[0].Preference, oneDown.Hosts[1].Preference = 10, 20

	throttledRes := result("example.com", []probe.Host{
		{Name: "mx1.example.com", Preference: 10, Addr: addr("192.0.2.1"), Port: 25, Duration: 40 * msec,
			Attempts: []probe.Attempt{{Addr: addr("192.0.2.1"), Duration: 800 * time.Microsecond}},
			Steps:    []probe.Step{step("", 35*msec, 421, "4.7.0 mx1.example.com Error: too many connections from 203.0.113.9")}},
	}, mx(10, "mx1.example.com", "192.0.2.1"))

	delayed := result("example.com", []probe.Host{plainHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")},
		mx(10, "mx1.example.com", "192.0.2.1"))
	delayed.Hosts[0].Steps[0] = step("", 6200*msec, 220, "mx1.example.com ESMTP")
	delayed.Duration = 6500 * msec

	badTLS := result("example.com", []probe.Host{healthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")},
		mx(10, "mx1.example.com", "192.0.2.1"))
	bt := tlsInfo("mx1.example.com", 9, "www.example.com")
	bt.Chain = bt.Chain[:1]
	bt.Chain[0].Issuer = bt.Chain[0].Subject
	bt.Verified = false
	bt.VerifyError = "x509: certificate is valid for www.example.com, not mx1.example.com"
	bt.NameError = bt.VerifyError
	bt.ChainError = "x509: certificate signed by unknown authority"
	badTLS.Hosts[0].TLS = bt

	down := result("example.com", []probe.Host{
		{Name: "mx1.example.com", Preference: 10, Addr: addr("192.0.2.1"), Port: 25, Duration: 30 * msec,
			Attempts: []probe.Attempt{{Addr: addr("192.0.2.1"), Duration: 700 * time.Microsecond}},
			Steps: []probe.Step{step("", 25*msec, 554, "5.3.2 mx1.example.com Service currently unavailable"),
				step("QUIT", 400*time.Microsecond, 221, "2.0.0 Bye")}},
		{Name: "mx2.example.com", Preference: 20, Addr: addr("192.0.2.2"), Port: 25, Duration: 2 * msec,
			Attempts: []probe.Attempt{{Addr: addr("192.0.2.2"), Duration: 600 * time.Microsecond}},
			Steps:    []probe.Step{{Command: "", Duration: 1200 * time.Microsecond}},
			Err:      &probe.Error{Step: "greeting", Kind: probe.ErrReset, Err: errors.New("read tcp 192.0.2.2:25: connection reset by peer")}},
	}, mx(10, "mx1.example.com", "192.0.2.1"), mx(20, "mx2.example.com", "192.0.2.2"))

	return []struct {
		name string
		r    probe.Result
		o    Options
	}{
		{"tls-untrusted-name", badTLS, testOptions()},
		{"servers-down", down, testOptions()},
		{"healthy-tls", healthy, testOptions()},
		{"rcpt-550", rejected, testOptions()},
		{"greylist", greylist, testOptions()},
		{"port-blocked", blocked, testOptions()},
		{"null-mx", nullMX, testOptions()},
		{"nxdomain", nx, testOptions()},
		{"resolver-failed", resolver, testOptions()},
		{"cert-expired", expired, testOptions()},
		{"one-mx-down", oneDown, testOptions()},
		{"throttled", throttledRes, testOptions()},
		{"greeting-delay-plain", delayed, testOptions()},
		{"ja-rcpt-550", rejected, ja},
		{"ja-port-blocked", blocked, ja},
	}
}
