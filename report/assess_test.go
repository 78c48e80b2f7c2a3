package report_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/dnsx"
	"github.com/smtpprobe/smtpprobe/internal/specialaddr"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
	"github.com/smtpprobe/smtpprobe/report/internal/fixtures"
)

// severityLabel names a severity as the renderers do: "info" for OK.
func severityLabel(s report.Status) string {
	if s == report.OK {
		return "info"
	}
	return s.String()
}

// found lists the findings as "severity id host", the way the tests state
// what they expect.
func found(a report.Assessment) []string {
	var out []string
	for _, f := range a.Findings {
		out = append(out, strings.TrimSpace(severityLabel(f.Severity)+" "+f.ID+" "+f.Host))
	}
	return out
}

func TestAssess(t *testing.T) {
	const pm = "postmaster@example.com"
	one := func(h probe.Host) probe.Result {
		return fixtures.Result("example.com", []probe.Host{h}, fixtures.MX(10, h.Name, "192.0.2.1"))
	}
	two := func(a, b probe.Host) probe.Result {
		b.Preference = 20
		return fixtures.Result("example.com", []probe.Host{a, b}, fixtures.MX(10, a.Name, "192.0.2.1"), fixtures.MX(20, b.Name, "192.0.2.2"))
	}
	healthy1 := fixtures.HealthyHost("mx1.example.com", "192.0.2.1", pm)
	healthy2 := fixtures.HealthyHost("mx2.example.com", "192.0.2.2", pm)
	with := func(h probe.Host, f func(*probe.Host)) probe.Host {
		h.Steps = slices.Clone(h.Steps)
		if h.TLS != nil {
			c := *h.TLS
			h.TLS = &c
		}
		f(&h)
		return h
	}
	rcpt := func(code int, line string) probe.Host {
		return fixtures.HealthyHost("mx1.example.com", "192.0.2.1", pm, fixtures.Step("", time.Millisecond, code, line))
	}
	greeting := func(h probe.Host, code int, line string) probe.Host {
		h.Steps = []probe.Step{fixtures.Step("", 20*time.Millisecond, code, line)}
		if code != 421 {
			h.Steps = append(h.Steps, fixtures.Step("QUIT", time.Millisecond, 221, "Bye"))
		}
		h.TLS, h.Extensions, h.ExtensionsBeforeTLS = nil, nil, nil
		return h
	}
	dnsOnly := func(f func(*dnsx.MXResult)) probe.Result {
		r := fixtures.Result("example.com", nil)
		f(&r.DNS)
		return r
	}
	warn7 := fixtures.Options()
	warn7.CertWarnDays = 7

	tests := []struct {
		name     string
		r        probe.Result
		o        *report.Options
		status   report.Status
		hosts    []report.Status
		findings []string
		summary  string // a part of the summary
	}{
		{
			name: "healthy", r: two(healthy1, healthy2), status: report.OK, hosts: []report.Status{report.OK, report.OK},
			summary: "all 2 MX hosts accepted RCPT TO:<postmaster@example.com> in 312ms (TLS 1.3, certificate valid 40 days)",
		},
		{
			name: "transient 4xx is a warning", r: one(rcpt(451, "4.7.1 Greylisted, try again later")),
			status: report.Warning, hosts: []report.Status{report.Warning}, findings: []string{"warning reply mx1.example.com"},
			summary: "mx1.example.com deferred RCPT TO:<postmaster@example.com>: 451 4.7.1 ",
		},
		{
			name: "5xx is critical", r: one(rcpt(550, "5.1.1 <postmaster@example.com>: user does not exist")),
			status: report.Critical, hosts: []report.Status{report.Critical}, findings: []string{"critical reply mx1.example.com"},
			summary: "mx1.example.com rejected RCPT TO:<postmaster@example.com>: 550 5.1.1 ",
		},
		{
			name:   "one MX host of two unreachable is a warning",
			r:      two(fixtures.DeadHost("mx1.example.com", probe.ErrTimeout, "192.0.2.1"), healthy2),
			status: report.Warning, hosts: []report.Status{report.Critical, report.OK}, findings: []string{"warning host-unreachable mx1.example.com"},
			summary: "mx1.example.com: could not connect (192.0.2.1:25 timeout); the other MX hosts take the mail",
		},
		{
			name: "a resolver failure on an MX host's addresses is unknown, not a missing record",
			r: func() probe.Result {
				m := fixtures.MX(10, "mx1.example.com")
				m.Err, m.Problem = "resolver 127.0.0.53:53: A mx1.example.com: SERVFAIL", dnsx.MXResolverFailed
				h := probe.Host{Name: "mx1.example.com", Preference: 10, Port: 25,
					Err: &probe.Error{Step: probe.StepConnect, Kind: probe.ErrNetwork, Err: errors.New(m.Err)}}
				return fixtures.Result("example.com", []probe.Host{h}, m)
			}(),
			// The host is unknown too: host_status 2 said it was down.
			status: report.Unknown, hosts: []report.Status{report.Unknown}, findings: []string{"unknown mx-resolve-failed mx1.example.com"},
			summary: "resolver failed",
		},
		{
			name: "an MX host's address question never sent for want of a DNS slot is the run's queue, not the resolver's failure",
			r: func() probe.Result {
				m := fixtures.MX(10, "mx1.example.com")
				m.Err, m.Problem = "resolver 127.0.0.53:53: A mx1.example.com: query not sent: the run's other DNS queries held every slot (256 in flight): context deadline exceeded", dnsx.MXQueued
				h := probe.Host{Name: "mx1.example.com", Preference: 10, Port: 25,
					Err: &probe.Error{Step: probe.StepConnect, Kind: probe.ErrNetwork, Err: errors.New(m.Err)}}
				return fixtures.Result("example.com", []probe.Host{h}, m)
			}(),
			status: report.Unknown, hosts: []report.Status{report.Unknown}, findings: []string{"unknown dns-queued mx1.example.com"},
			summary: "not looked up in time",
		},
		{
			name: "an MX name with bytes no host name has is the invalid name",
			r: func() probe.Result {
				m := fixtures.MX(10, `mx\000.example.com`)
				m.Err, m.Problem = `invalid domain name "mx\\000.example.com"`, dnsx.MXInvalidName
				h := probe.Host{Name: m.Host, Preference: 10, Port: 25,
					Err: &probe.Error{Step: probe.StepConnect, Kind: probe.ErrNetwork, Err: errors.New(m.Err)}}
				return fixtures.Result("example.com", []probe.Host{h}, m)
			}(),
			status: report.Critical, findings: []string{`critical mx-invalid-name mx\000.example.com`},
		},
		{
			name: "a loopback MX is critical and not dialled, even beside a healthy MX",
			r: two(probe.Host{Name: "mx1.example.com", Port: 25, Attempts: []probe.Attempt{{Addr: fixtures.Addr("127.0.0.1"), Skipped: true,
				Special: specialaddr.Range{Name: "Loopback", RFC: "RFC 1122", Kind: specialaddr.Nowhere}}}}, healthy2),
			status: report.Critical, hosts: []report.Status{report.Critical, report.OK},
			findings: []string{"critical mx-special-address mx1.example.com"},
			summary:  "points at 127.0.0.1 (Loopback)",
		},
		{
			name: "a documentation-range MX beside a healthy MX is a warning",
			r: two(probe.Host{Name: "mx1.example.com", Port: 25, Attempts: []probe.Attempt{{Addr: fixtures.Addr("192.0.2.1"), Skipped: true,
				Special: specialaddr.Range{Name: "Documentation (TEST-NET-1)", RFC: "RFC 5737", Kind: specialaddr.Unroutable}}}}, healthy2),
			status: report.Warning, hosts: []report.Status{report.Critical, report.OK},
			findings: []string{"warning mx-special-address mx1.example.com"},
		},
		{
			name: "a documentation-range MX alone is critical, not a blocked port",
			r: one(probe.Host{Name: "mx1.example.com", Port: 25, Attempts: []probe.Attempt{{Addr: fixtures.Addr("192.0.2.1"), Skipped: true,
				Special: specialaddr.Range{Name: "Documentation (TEST-NET-1)", RFC: "RFC 5737", Kind: specialaddr.Unroutable}}}}),
			status: report.Critical, hosts: []report.Status{report.Critical},
			findings: []string{"critical mx-special-address mx1.example.com"},
		},
		{
			name: "a special address probed as allowed keeps only an info finding",
			r: one(with(healthy1, func(h *probe.Host) {
				h.Attempts = []probe.Attempt{{Addr: fixtures.Addr("192.0.2.1"),
					Special: specialaddr.Range{Name: "Documentation (TEST-NET-1)", RFC: "RFC 5737", Kind: specialaddr.Unroutable}}}
			})),
			status: report.OK, hosts: []report.Status{report.OK},
			findings: []string{"info mx-special-address-probed mx1.example.com"},
		},
		{
			name: "every MX host timing out means a blocked port",
			r: two(fixtures.DeadHost("mx1.example.com", probe.ErrTimeout, "192.0.2.1"),
				fixtures.DeadHost("mx2.example.com", probe.ErrRefused, "192.0.2.2")),
			status: report.Critical, hosts: []report.Status{report.Critical, report.Critical},
			findings: []string{"critical port-blocked", "critical host-unreachable mx1.example.com", "critical host-unreachable mx2.example.com"},
			summary:  "no MX host answered on port 25 (1 timed out, 1 refused) — outbound port 25 is probably blocked from this network (+2 more)",
		},
		{
			name: "the blocked port named is the one used",
			r: func() probe.Result {
				h := fixtures.DeadHost("mx1.example.com", probe.ErrTimeout, "192.0.2.1")
				h.Port = 2525
				return one(h)
			}(),
			status: report.Critical, hosts: []report.Status{report.Critical},
			findings: []string{"critical port-blocked", "critical host-unreachable mx1.example.com"},
			summary:  "no MX host answered on port 2525 (1 timed out) — outbound port 2525 is probably blocked",
		},
		{
			name:   "one host refusing is not a blocked port",
			r:      one(fixtures.DeadHost("mx1.example.com", probe.ErrRefused, "192.0.2.1")),
			status: report.Critical, hosts: []report.Status{report.Critical},
			findings: []string{"critical host-unreachable mx1.example.com"},
		},
		{
			name: "no route is not a blocked port",
			r: two(fixtures.DeadHost("mx1.example.com", probe.ErrNetwork, "2001:db8::1"),
				fixtures.DeadHost("mx2.example.com", probe.ErrNetwork, "2001:db8::2")),
			status: report.Critical, hosts: []report.Status{report.Critical, report.Critical},
			findings: []string{"critical host-unreachable mx1.example.com", "critical host-unreachable mx2.example.com"},
		},
		{
			name: "servers reached but refusing are down, not blocked",
			r: two(greeting(healthy1, 554, "5.3.2 mx1.example.com Service currently unavailable"),
				with(healthy2, func(h *probe.Host) {
					h.Steps = []probe.Step{{Command: ""}}
					h.TLS, h.Extensions, h.ExtensionsBeforeTLS = nil, nil, nil
					h.Err = &probe.Error{Step: probe.StepGreeting, Kind: probe.ErrReset, Err: errors.New("read: connection reset by peer")}
				})),
			status: report.Critical, hosts: []report.Status{report.Critical, report.Critical},
			findings: []string{"critical servers-down", "critical reply mx1.example.com", "critical dialogue-failed mx2.example.com"},
			summary:  "example.com: no mail server of the domain accepts connections",
		},
		{
			name: "521 greetings say the hosts accept no mail, not that they are down",
			r: two(greeting(healthy1, 521, "5.3.2 mx1.example.com does not accept mail"),
				greeting(healthy2, 521, "5.3.2 mx2.example.com does not accept mail")),
			status: report.Critical, hosts: []report.Status{report.Critical, report.Critical},
			findings: []string{"critical reply mx1.example.com", "critical reply mx2.example.com"},
			summary:  "mx1.example.com rejected the connection: 521 ",
		},
		{
			name:   "a refusing greeting is skipped when another MX takes the mail",
			r:      two(greeting(healthy1, 554, "5.7.1 You are not allowed to connect"), healthy2),
			status: report.Warning, hosts: []report.Status{report.Critical, report.OK}, findings: []string{"warning reply mx1.example.com"},
		},
		{
			name:   "a 421 too many connections is throttling, not an outage",
			r:      one(greeting(healthy1, 421, "4.7.0 mx1.example.com Error: too many connections from 203.0.113.9")),
			status: report.Warning, hosts: []report.Status{report.Warning}, findings: []string{"warning throttled mx1.example.com"},
			summary: "mx1.example.com deferred the connection: 421 4.7.0 mx1.example.com Error: too many connections from 203.0.113.9 — wait, then retry",
		},
		{
			name:   "a rate limit on RCPT is throttling",
			r:      one(rcpt(450, "4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. Rate limit exceeded")),
			status: report.Warning, hosts: []report.Status{report.Warning}, findings: []string{"warning throttled mx1.example.com"},
		},
		{
			name: "a late greeting is a deliberate delay, not a failure",
			r: one(with(healthy1, func(h *probe.Host) {
				h.Steps[0] = fixtures.Step("", 6200*time.Millisecond, 220, "mx1.example.com ESMTP")
			})),
			status: report.OK, hosts: []report.Status{report.OK}, findings: []string{"info greeting-delay mx1.example.com"},
			summary: "; 1 note",
		},
		{
			name: "a greeting that never comes",
			r: one(with(healthy1, func(h *probe.Host) {
				h.Steps = []probe.Step{{Command: "", Duration: 10 * time.Second}}
				h.TLS, h.Extensions, h.ExtensionsBeforeTLS = nil, nil, nil
				h.Err = &probe.Error{Step: probe.StepGreeting, Kind: probe.ErrTimeout, Err: errors.New("i/o timeout")}
			})),
			status: report.Critical, hosts: []report.Status{report.Critical},
			findings: []string{"critical servers-down", "critical greeting-timeout mx1.example.com"},
		},
		{
			name: "with --server one silent host is that host's finding, not 'the domain's servers are down'",
			r: func() probe.Result {
				r := one(with(healthy1, func(h *probe.Host) {
					h.Steps = []probe.Step{{Command: "", Duration: 10 * time.Second}}
					h.TLS, h.Extensions, h.ExtensionsBeforeTLS = nil, nil, nil
					h.Err = &probe.Error{Step: probe.StepGreeting, Kind: probe.ErrTimeout, Err: errors.New("i/o timeout")}
				}))
				r.Server = "mx1.example.com"
				return r
			}(),
			status: report.Critical, hosts: []report.Status{report.Critical},
			findings: []string{"critical greeting-timeout mx1.example.com"},
		},
		{
			name:   "no STARTTLS on offer is information",
			r:      one(fixtures.PlainHost("mx1.example.com", "192.0.2.1", pm)),
			status: report.OK, hosts: []report.Status{report.OK}, findings: []string{"info starttls-not-offered mx1.example.com"},
			summary: "mx1.example.com accepted RCPT TO:<postmaster@example.com> in 312ms (no TLS); 1 note",
		},
		{
			name: "required STARTTLS missing is critical",
			r: one(with(fixtures.PlainHost("mx1.example.com", "192.0.2.1", pm), func(h *probe.Host) {
				h.Steps = h.Steps[:2]
				h.Err = &probe.Error{Step: "STARTTLS", Kind: probe.ErrPolicy, Err: errors.New("STARTTLS required but not offered; nothing more sent in clear")}
			})),
			status: report.Critical, hosts: []report.Status{report.Critical}, findings: []string{"critical starttls-required mx1.example.com"},
		},
		{
			name: "a failed handshake is a warning",
			r: one(with(healthy1, func(h *probe.Host) {
				h.Steps = h.Steps[:3]
				h.TLS = &probe.TLSInfo{ServerName: h.Name, HandshakeError: "remote error: tls: handshake failure"}
				h.Err = &probe.Error{Step: "TLS handshake", Kind: probe.ErrTLS, Err: errors.New("remote error: tls: handshake failure")}
			})),
			status: report.Warning, hosts: []report.Status{report.Warning}, findings: []string{"warning tls-handshake-failed mx1.example.com"},
		},
		{
			name: "implicit TLS failing is a TLS finding, not servers down",
			r: func() probe.Result {
				r := one(with(healthy1, func(h *probe.Host) {
					h.Steps, h.Extensions, h.ExtensionsBeforeTLS = nil, nil, nil
					h.TLS = &probe.TLSInfo{Implicit: true, ServerName: h.Name, HandshakeError: "tls: first record does not look like a TLS handshake"}
					h.Err = &probe.Error{Step: "TLS handshake", Kind: probe.ErrTLS, Err: errors.New("tls: first record does not look like a TLS handshake")}
				}))
				r.RequireTLS = true // as probe.Run records for implicit TLS
				return r
			}(),
			status: report.Critical, hosts: []report.Status{report.Critical}, findings: []string{"critical tls-handshake-failed mx1.example.com"},
		},
		{
			name: "a failed handshake is critical when TLS is required",
			r: func() probe.Result {
				r := one(with(healthy1, func(h *probe.Host) {
					h.Steps = h.Steps[:3]
					h.TLS = &probe.TLSInfo{ServerName: h.Name, HandshakeError: "remote error: tls: protocol version not supported"}
					h.Err = &probe.Error{Step: "TLS handshake", Kind: probe.ErrTLS, Err: errors.New("remote error: tls: protocol version not supported")}
				}))
				r.RequireTLS = true
				return r
			}(),
			status: report.Critical, hosts: []report.Status{report.Critical}, findings: []string{"critical tls-handshake-failed mx1.example.com"},
		},
		{
			name: "an untrusted chain is only that: the name passed",
			r: one(with(healthy1, func(h *probe.Host) {
				h.TLS.Verified, h.TLS.VerifyError = false, "x509: certificate signed by unknown authority"
			})),
			status: report.Warning, hosts: []report.Status{report.Warning}, findings: []string{"warning tls-untrusted mx1.example.com"},
			summary: "mx1.example.com: the certificate chain is not trusted",
		},
		{
			name: "a name mismatch is only that",
			r: one(with(healthy1, func(h *probe.Host) {
				h.TLS.Verified, h.TLS.VerifyError = false, "x509: certificate is valid for www.example.com, not mx1.example.com"
			})),
			status: report.Warning, hosts: []report.Status{report.Warning}, findings: []string{"warning tls-name-mismatch mx1.example.com"},
		},
		{
			name: "separate name and chain checks give a finding each",
			r: one(with(healthy1, func(h *probe.Host) {
				h.TLS.Verified, h.TLS.VerifyError = false, "x509: certificate is valid for www.example.com, not mx1.example.com"
				h.TLS.NameError = h.TLS.VerifyError
				h.TLS.ChainError = "x509: certificate signed by unknown authority"
			})),
			status: report.Warning, hosts: []report.Status{report.Warning},
			findings: []string{"warning tls-untrusted mx1.example.com", "warning tls-name-mismatch mx1.example.com"},
		},
		{
			name:   "an expired certificate is a warning, its name checked apart",
			r:      one(with(healthy1, func(h *probe.Host) { *h.TLS = *fixtures.TLSInfo(h.Name, -3, "other.example.com") })),
			status: report.Warning, hosts: []report.Status{report.Warning},
			findings: []string{"warning tls-expired mx1.example.com", "warning tls-name-mismatch mx1.example.com"},
		},
		{
			name:   "a certificate expiring within the warning days",
			r:      one(with(healthy1, func(h *probe.Host) { *h.TLS = *fixtures.TLSInfo(h.Name, 10) })),
			status: report.Warning, hosts: []report.Status{report.Warning}, findings: []string{"warning tls-expires-soon mx1.example.com"},
			summary: "mx1.example.com: the certificate expires in 10 days",
		},
		{
			name:   "CertWarnDays moves the window",
			r:      one(with(healthy1, func(h *probe.Host) { *h.TLS = *fixtures.TLSInfo(h.Name, 10) })),
			o:      &warn7,
			status: report.OK, hosts: []report.Status{report.OK},
			summary: "certificate valid 10 days",
		},
		{
			name: "a certificate not yet valid",
			r: one(with(healthy1, func(h *probe.Host) {
				h.TLS.Chain[0].NotBefore = fixtures.Now.Add(time.Hour)
				h.TLS.Verified, h.TLS.VerifyError = false, "x509: certificate has expired or is not yet valid: current time 2026-11-22T12:00:00Z is before 2026-11-22T13:00:00Z"
			})),
			status: report.Warning, hosts: []report.Status{report.Warning}, findings: []string{"warning tls-verify-failed mx1.example.com"},
		},
		{
			name: "VRFY refused is information",
			r: one(with(healthy1, func(h *probe.Host) {
				h.Steps = slices.Insert(h.Steps, 6, fixtures.Step("VRFY postmaster", time.Millisecond, 502, "5.5.1 VRFY command is disabled"))
			})),
			status: report.OK, hosts: []report.Status{report.OK}, findings: []string{"info reply mx1.example.com"},
		},
		{
			name: "EHLO refused with a working HELO is information",
			r: one(with(fixtures.PlainHost("mx1.example.com", "192.0.2.1", pm), func(h *probe.Host) {
				h.Steps = slices.Insert(h.Steps, 1, fixtures.Step("EHLO probe.example.net", time.Millisecond, 502, "Command not implemented"))
				h.Steps[2] = fixtures.Step("HELO probe.example.net", time.Millisecond, 250, "mx1.example.com")
				h.Extensions = map[string]string{}
			})),
			status: report.OK, hosts: []report.Status{report.OK}, findings: []string{"info reply mx1.example.com", "info starttls-not-offered mx1.example.com"},
		},
		{
			name: "a consequence of a rejection is shown, not judged (issue 10 item 7)",
			r: one(with(healthy1, func(h *probe.Host) {
				h.Steps[4] = fixtures.Step("MAIL FROM:<>", time.Millisecond, 550, "5.7.1 Sender rejected")
				h.Steps[5] = fixtures.Step("RCPT TO:<postmaster@example.com>", time.Millisecond, 503, "5.5.1 Error: need MAIL command")
			})),
			status: report.Critical, hosts: []report.Status{report.Critical},
			findings: []string{"critical reply mx1.example.com"},
			summary:  "mx1.example.com rejected MAIL FROM:<>: 550 5.7.1 ",
		},
		{
			// go-smtp answers the RCPT pipelined behind a refused MAIL
			// with 502 5.5.1 "Missing MAIL FROM command".
			name: "a 502 consequence of a rejection is shown, not judged",
			r: one(with(healthy1, func(h *probe.Host) {
				h.Steps[4] = fixtures.Step("MAIL FROM:<>", time.Millisecond, 530, "5.7.0 Authentication required")
				h.Steps[5] = fixtures.Step("RCPT TO:<postmaster@example.com>", time.Millisecond, 502, "5.5.1 Missing MAIL FROM command.")
			})),
			status: report.Critical, hosts: []report.Status{report.Critical},
			findings: []string{"critical auth-required mx1.example.com"},
			summary:  "mx1.example.com rejected MAIL FROM:<>: 530 5.7.0",
		},
		{
			// Postfix's reject_non_fqdn_helo_hostname with its delayed
			// rejects answers at RCPT: still the probe's own name.
			name: "the probe's EHLO name refused at RCPT (issue 10 item 1)",
			r: one(with(healthy1, func(h *probe.Host) {
				h.Helo = "vm"
				h.Steps[5] = fixtures.Step("RCPT TO:<postmaster@example.com>", time.Millisecond, 504, "5.5.2 <vm>: Helo command rejected: need fully-qualified hostname")
			})),
			status: report.Unknown, hosts: []report.Status{report.Unknown},
			findings: []string{"unknown helo-refused mx1.example.com"},
		},
		{
			// crypto/tls refuses a HelloRequest; the probe ended the
			// session, the server's log has nothing to explain.
			name: "a TLS renegotiation the probe refused (issue 10 item 15)",
			r: one(with(healthy1, func(h *probe.Host) {
				h.Steps = h.Steps[:4]
				h.Steps[3].Reply = probe.Reply{}
				h.Err = &probe.Error{Step: probe.StepEHLO, Kind: probe.ErrRenegotiation, Err: errors.New("local error: tls: no renegotiation")}
			})),
			status: report.Warning, hosts: []report.Status{report.Warning},
			findings: []string{"warning tls-renegotiation-refused mx1.example.com"},
		},
		{
			name: "garbage instead of SMTP",
			r: one(with(healthy1, func(h *probe.Host) {
				h.Steps = []probe.Step{{Command: ""}}
				h.TLS, h.Extensions, h.ExtensionsBeforeTLS = nil, nil, nil
				h.Err = &probe.Error{Step: probe.StepGreeting, Kind: probe.ErrProtocol, Err: errors.New(`malformed reply "HTTP/1.1 400 Bad Request"`)}
			})),
			status: report.Critical, hosts: []report.Status{report.Critical},
			findings: []string{"critical servers-down", "critical protocol-error mx1.example.com"},
		},
		{
			name: "a session broken on one host of two is a warning",
			r: two(with(healthy1, func(h *probe.Host) {
				h.Steps = h.Steps[:5]
				h.Steps[4].Reply = probe.Reply{}
				h.Err = &probe.Error{Step: "MAIL FROM", Kind: probe.ErrTimeout, Err: errors.New("i/o timeout")}
			}), healthy2),
			status: report.Warning, hosts: []report.Status{report.Critical, report.OK}, findings: []string{"warning dialogue-failed mx1.example.com"},
		},
		{
			name: "a 421 before the server hangs up is the finding, not the hang-up",
			r: one(with(healthy1, func(h *probe.Host) {
				h.Steps = h.Steps[:6]
				h.Steps[5] = fixtures.Step("RCPT TO:<postmaster@example.com>", time.Millisecond, 421, "4.3.0 Shutting down")
				h.Err = &probe.Error{Step: "RSET", Kind: probe.ErrClosed, Err: errors.New("EOF")}
			})),
			status: report.Warning, hosts: []report.Status{report.Warning}, findings: []string{"warning reply mx1.example.com"},
		},
		{
			name: "an interrupted run is unknown and diagnoses nothing",
			r: two(fixtures.DeadHost("mx1.example.com", probe.ErrTimeout, "192.0.2.1"), with(healthy2, func(h *probe.Host) {
				h.Steps = h.Steps[:1]
				h.Err = &probe.Error{Step: "EHLO", Kind: probe.ErrCanceled, Err: errors.New("interrupted: context canceled")}
			})),
			status: report.Critical, hosts: []report.Status{report.Critical, report.Unknown},
			findings: []string{"critical host-unreachable mx1.example.com", "unknown interrupted mx2.example.com"},
		},
		{
			name: "MX to a CNAME and to an IP literal",
			r: func() probe.Result {
				r := two(healthy1, healthy2)
				r.DNS.MX[0].CNAME = "mail.provider.example"
				r.DNS.MX[1].IPLiteral = true
				return r
			}(),
			status: report.Warning, hosts: []report.Status{report.OK, report.OK},
			findings: []string{"warning mx-cname mx1.example.com", "warning mx-ip-literal mx2.example.com"},
		},
		{
			name: "an MX host without addresses among others",
			r: func() probe.Result {
				gone := probe.Host{Name: "old.example.com", Preference: 5, Port: 25,
					Err: &probe.Error{Step: probe.StepConnect, Kind: probe.ErrNetwork, Err: errors.New("no A or AAAA records")}}
				r := fixtures.Result("example.com", []probe.Host{gone, healthy1}, fixtures.MX(5, "old.example.com"), fixtures.MX(10, "mx1.example.com", "192.0.2.1"))
				return r
			}(),
			status: report.Warning, hosts: []report.Status{report.Critical, report.OK}, findings: []string{"warning mx-no-address old.example.com"},
		},
		{
			name: "the only MX host without addresses",
			r: func() probe.Result {
				gone := probe.Host{Name: "old.example.com", Preference: 5, Port: 25,
					Err: &probe.Error{Step: probe.StepConnect, Kind: probe.ErrNetwork, Err: errors.New("no A or AAAA records")}}
				return fixtures.Result("example.com", []probe.Host{gone}, fixtures.MX(5, "old.example.com"))
			}(),
			status: report.Critical, hosts: []report.Status{report.Critical}, findings: []string{"critical mx-no-address old.example.com"},
		},
		{
			name: "null MX", r: dnsOnly(func(d *dnsx.MXResult) { d.NullMX = true }),
			status: report.Critical, hosts: []report.Status{}, findings: []string{"critical null-mx"},
			summary: "example.com: the domain accepts no mail (null MX)",
		},
		{
			name: "NXDOMAIN", r: dnsOnly(func(d *dnsx.MXResult) { d.NXDomain = true }),
			status: report.Critical, hosts: []report.Status{}, findings: []string{"critical nxdomain"},
			summary: "example.com: the domain does not exist (NXDOMAIN) — check the spelling of the domain",
		},
		{
			name: "no MX and no address", r: dnsOnly(func(d *dnsx.MXResult) {}),
			status: report.Critical, hosts: []report.Status{}, findings: []string{"critical no-mail-host"},
		},
		{
			name: "implicit MX is information",
			r: func() probe.Result {
				h := fixtures.HealthyHost("example.com", "192.0.2.1", pm)
				r := fixtures.Result("example.com", []probe.Host{h}, fixtures.MX(0, "example.com", "192.0.2.1"))
				r.DNS.ImplicitMX = true
				return r
			}(),
			status: report.OK, hosts: []report.Status{report.OK}, findings: []string{"info implicit-mx"},
		},
		{
			name: "the resolver failing is unknown",
			r: func() probe.Result {
				r := fixtures.Result("example.com", nil)
				r.DNSErr = errors.New("MX example.com: resolver 192.0.2.53:53: i/o timeout")
				return r
			}(),
			status: report.Unknown, hosts: []report.Status{}, findings: []string{"unknown resolver-failed"},
			summary: "example.com: the DNS resolver did not answer (MX example.com: resolver 192.0.2.53:53: i/o timeout) — run the probe again with another resolver",
		},
		{
			name: "an MX question never sent for want of a DNS slot is the run's queue, not the resolver's failure",
			r: func() probe.Result {
				r := fixtures.Result("example.com", nil)
				r.DNSErr = fmt.Errorf("MX example.com: %w (256 in flight): %w", dnsx.ErrNoSlot, context.DeadlineExceeded)
				return r
			}(),
			status: report.Unknown, hosts: []report.Status{}, findings: []string{"unknown dns-queued"},
			summary: "example.com: not looked up in time: a DNS question waited for other DNS queries",
		},
		{
			name: "a CNAME loop at the domain is the zone's fault: critical, not unknown",
			r: func() probe.Result {
				r := fixtures.Result("example.com", nil)
				r.DNSErr = fmt.Errorf("MX example.com: %w loop at loop.example.com", dnsx.ErrCNAME)
				return r
			}(),
			status: report.Critical, hosts: []report.Status{}, findings: []string{"critical cname-broken"},
		},
		{
			name: "--server skips the DNS findings",
			r: func() probe.Result {
				r := fixtures.Result("example.com", []probe.Host{healthy1})
				r.Server, r.DNS = "mx1.example.com", dnsx.MXResult{}
				return r
			}(),
			status: report.OK, hosts: []report.Status{report.OK},
			summary: "mx1.example.com accepted RCPT TO:<postmaster@example.com>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := fixtures.Options()
			if tt.o != nil {
				o = *tt.o
			}
			a := report.Assess(tt.r, o)
			if a.Status != tt.status {
				t.Errorf("status = %v, want %v (findings %q, summary %q)", a.Status, tt.status, found(a), a.Summary)
			}
			if tt.hosts != nil && !slices.Equal(report.Statuses(a), tt.hosts) {
				t.Errorf("hosts = %v, want %v", report.Statuses(a), tt.hosts)
			}
			if got := found(a); !slices.Equal(got, tt.findings) {
				t.Errorf("findings = %q, want %q", got, tt.findings)
			}
			if !strings.Contains(a.Summary, tt.summary) {
				t.Errorf("summary = %q, want it to contain %q", a.Summary, tt.summary)
			}
			if strings.Contains(a.Summary, "\n") {
				t.Errorf("summary has a line break: %q", a.Summary)
			}
			// The headline is the summary up to its advice: what
			// happened, for the verdict line.
			if a.Headline == "" || !strings.HasPrefix(a.Summary, strings.TrimSuffix(a.Headline, moreSuffix(a.Headline))) || strings.Contains(a.Headline, " — "+firstWords(a.Findings)) {
				t.Errorf("headline %q is not the summary %q without its advice", a.Headline, a.Summary)
			}
			for _, f := range a.Findings {
				if f.ID == report.FindingReply {
					continue // explained by catalog.Diagnose, tested there
				}
				if f.Diagnosis.Title == "" || f.Diagnosis.Title == f.ID || f.Diagnosis.Category == "" || f.Diagnosis.Retry == "" {
					t.Errorf("finding %s has no proper diagnosis: %+v", f.ID, f.Diagnosis)
				}
				if strings.Contains(f.Diagnosis.Title+f.Diagnosis.Meaning+f.Diagnosis.Fix, "{") {
					t.Errorf("finding %s has an unfilled placeholder: %+v", f.ID, f.Diagnosis)
				}
			}
		})
	}
}

func TestAssessJapanese(t *testing.T) {
	o := fixtures.Options()
	o.Lang = catalog.Japanese
	for _, tc := range fixtures.GoldenCases() {
		a := report.Assess(tc.R, o)
		if !japanese(a.Summary) && a.Status != report.OK {
			t.Errorf("%s: summary not in Japanese: %q", tc.Name, a.Summary)
		}
		for _, f := range a.Findings {
			if f.ID != report.FindingReply && !japanese(f.Diagnosis.Title) {
				t.Errorf("%s: finding %s title not in Japanese: %q", tc.Name, f.ID, f.Diagnosis.Title)
			}
		}
	}
}

func japanese(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30FF || r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

// findingIDs lists every ID Assess can give a finding, but FindingReply
// (explained by catalog.Diagnose): a new finding goes here, and its texts
// into the catalog.
var findingIDs = []string{
	report.FindingResolverFailed, report.FindingNXDomain, report.FindingCNAMEBroken, report.FindingNullMX, report.FindingNoMailHost,
	report.FindingImplicitMX, report.FindingMXCNAME, report.FindingMXIPLiteral, report.FindingMXNoAddress,
	report.FindingMXResolveFailed, report.FindingMXInvalidName, report.FindingMXSpecialAddress, report.FindingMXSpecialProbed,
	report.FindingPortBlocked, report.FindingServersDown, report.FindingHostUnreachable,
	report.FindingDialogueFailed, report.FindingProtocolError, report.FindingGreetingTimeout,
	report.FindingGreetingDelay, report.FindingThrottled, report.FindingInterrupted, report.FindingQueued, report.FindingDNSQueued,
	report.FindingProbeStopped, report.FindingStartTLSNotOffered, report.FindingStartTLSRequired,
	report.FindingTLSHandshake, report.FindingTLSUntrusted, report.FindingTLSNameMismatch,
	report.FindingTLSExpired, report.FindingTLSExpiresSoon, report.FindingTLSVerifyFailed,

	report.FindingAuthBeforeTLS, report.FindingAuthNotOffered, report.FindingAuthInsecureRefused,
	report.FindingAuthUnverifiedRefused, report.FindingAuthInsecureSent, report.FindingAuthMechNotOffered,
	report.FindingAuthNoMechanism, report.FindingAuthRequired,

	report.FindingSlowProbe, report.FindingCertExpiresCritical,
}

// TestFindingIDsHaveTexts checks that every finding Assess can make has
// its text in the catalog (in both languages, which the catalog's tests
// check).
func TestFindingIDsHaveTexts(t *testing.T) {
	for _, id := range slices.Concat(findingIDs, checkFindingIDs, senderFindingIDs) {
		if _, ok := catalog.FindingText(id, catalog.English); !ok {
			t.Errorf("finding %s has no text in the catalog", id)
		}
	}
}

func TestNameMatches(t *testing.T) {
	tests := []struct {
		names []string
		host  string
		want  bool
	}{
		{[]string{"mx1.example.com"}, "mx1.example.com", true},
		{[]string{"MX1.Example.COM."}, "mx1.example.com", true},
		{[]string{"*.example.com"}, "mx1.example.com", true},
		{[]string{"*.example.com"}, "a.mx1.example.com", false},
		{[]string{"*.example.com"}, "example.com", false},
		{[]string{"www.example.com"}, "mx1.example.com", false},
		{nil, "mx1.example.com", false},
		{[]string{"192.0.2.1"}, "192.0.2.1", false},
	}
	for _, tt := range tests {
		if got := report.NameMatches(tt.names, tt.host); got != tt.want {
			t.Errorf("report.NameMatches(%q, %q) = %v, want %v", tt.names, tt.host, got, tt.want)
		}
	}
}

// BenchmarkAssess measures judging a healthy two-host result: the report's
// share of the cost of one probed domain.
func BenchmarkAssess(b *testing.B) {
	r := fixtures.Golden("healthy-tls").R
	o := fixtures.Options()
	b.ReportAllocs()
	for b.Loop() {
		report.Assess(r, o)
	}
}

// moreSuffix is the " (+N more)" that ends a summary and its headline.
func moreSuffix(s string) string {
	if i := strings.LastIndex(s, " (+"); i >= 0 && strings.HasSuffix(s, " more)") {
		return s[i:]
	}
	return ""
}

// firstWords is the start of the worst finding's fix, as the summary
// quotes it; "" when there is none.
func firstWords(fs []report.Finding) string {
	for _, f := range fs {
		if f.Severity != report.OK && len(f.Diagnosis.Fix) > 12 {
			return strings.ToLower(f.Diagnosis.Fix[:1]) + f.Diagnosis.Fix[1:12]
		}
	}
	return "\x00"
}

// TestPortBlockedNamesEachHostOnce: with every address of an MX host
// probed (one entry each), the blocked-port finding names each host once.
func TestPortBlockedNamesEachHostOnce(t *testing.T) {
	r := fixtures.Result("example.com", []probe.Host{
		fixtures.DeadHost("mx1.example.com", probe.ErrTimeout, "2001:db8::25"),
		fixtures.DeadHost("mx1.example.com", probe.ErrTimeout, "192.0.2.25"),
		fixtures.DeadHost("mx2.example.com", probe.ErrTimeout, "192.0.2.26"),
	}, fixtures.MX(10, "mx1.example.com", "2001:db8::25", "192.0.2.25"), fixtures.MX(20, "mx2.example.com", "192.0.2.26"))
	a := report.Assess(r, fixtures.Options())
	for _, f := range a.Findings {
		if f.ID == report.FindingPortBlocked {
			if want := "mx1.example.com, mx2.example.com: 3 timed out"; f.Detail != want {
				t.Errorf("detail %q, want %q", f.Detail, want)
			}
			return
		}
	}
	t.Errorf("no port-blocked finding: %q", found(a))
}
