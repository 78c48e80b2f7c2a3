package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"

	"github.com/smtpprobe/smtpprobe/dnsbl"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
)

// Prometheus writes the assessments in the Prometheus text exposition
// format, for the node exporter's textfile collector. Every family appears
// once, and every sample has a "target" label, even for one target: the
// textfile collector adds no label of its own, and the files of several
// cron jobs are merged into one set of series. The metrics are those of
// Metrics.
func Prometheus(w io.Writer, as []report.Assessment, o Options) error {
	mfs, err := metrics(as, true).Gather()
	if err != nil {
		return fmt.Errorf("gathering metrics: %w", err)
	}
	for _, mf := range mfs {
		if _, err := expfmt.MetricFamilyToText(w, mf); err != nil {
			return err
		}
	}
	return nil
}

// Metrics returns a fresh registry holding the assessments as gauges, in
// the style of the blackbox exporter's probe_* metrics. It is the one
// source of metrics for -o prometheus and for the /probe endpoint of
// smtpprobe serve.
//
// Per target (labelled "target" when there are several; for one, the
// exporter's scrape config sets the target, as with the blackbox exporter):
//
//	smtpprobe_success                 1 when mail would be delivered (status ok or warning)
//	smtpprobe_status                  0 ok, 1 warning, 2 critical, 3 unknown
//	smtpprobe_duration_seconds        wall time of the whole probe
//	smtpprobe_dns_duration_seconds    time spent in DNS queries
//	smtpprobe_dns_lookup_success      0 when the resolver failed
//	smtpprobe_mx_hosts                MX records (1 for an implicit MX, 0 for a null MX)
//	smtpprobe_null_mx                 1 for an RFC 7505 null MX
//	smtpprobe_nxdomain                1 when the domain does not exist
//	smtpprobe_findings{severity}      findings by severity (info, warning, critical, unknown)
//	smtpprobe_check_status{check}     each check's verdict, 0-3, 4 untestable
//	smtpprobe_spf_lookups             DNS-querying terms of the sender domain's SPF tree
//	smtpprobe_spf_void_lookups        void lookups of that tree
//	smtpprobe_dnsbl_listed{address,zone} 1 listed, 0 not, -1 unknown
//	smtpprobe_mta_sts_mode{mode}      1 for the MTA-STS policy's mode
//	smtpprobe_dnssec_signed           1 when the MX answer validated
//
// Per host (label "host"):
//
//	smtpprobe_host_up{host,address}                 1 when a connection was accepted
//	smtpprobe_host_status{host}                     the host's verdict, 0-3 (the worst of its addresses)
//	smtpprobe_host_check_status{host,check}         each per-host check's verdict
//	smtpprobe_dane_match{host,address}              1 matched, 0 not, -1 undecided
//	smtpprobe_step_duration_seconds{host,step}      connect, greeting, ehlo, starttls, ehlo_tls, mail, rcpt, ...;
//	                                                retry_connect, retry_greeting, ... for the retry in clear
//	smtpprobe_step_reply_code{host,step}            the basic reply code, 0 when none came
//	smtpprobe_starttls_offered{host}                STARTTLS in the EHLO reply (not for implicit TLS)
//	smtpprobe_tls_version_info{host,version}        1 for the negotiated version
//	smtpprobe_tls_cert_verified{host}               1 when the chain verifies for the host name
//	smtpprobe_tls_cert_expiry_timestamp_seconds{host} NotAfter of the leaf certificate
//
// When a host appears more than once (probing every address), its status
// and check verdicts are the worst over its addresses, and its per-step
// and TLS samples describe the first address that accepted a connection.
func Metrics(as []report.Assessment) *prometheus.Registry {
	return metrics(as, len(as) > 1)
}

// metrics builds the registry, with a target label on every sample when
// labelTarget is set.
func metrics(as []report.Assessment, labelTarget bool) *prometheus.Registry {
	m := newMetricSet(labelTarget)
	for _, a := range as {
		m.add(a)
	}
	return m.reg
}

// metricSet is the registry being filled and its gauges.
type metricSet struct {
	reg    *prometheus.Registry
	multi  bool
	target string // of the assessment being added, when multi

	success, status, duration, dnsDuration, dnsOK, mxCount, nullMX, nxdomain, findings *prometheus.GaugeVec

	hostUp, hostStatus, stepDuration, stepCode, startTLS, tlsVersion, certVerified, certExpiry *prometheus.GaugeVec

	checkStatus, hostCheckStatus, spfLookups, spfVoid, dnsblListed *prometheus.GaugeVec

	daneMatch, mtaSTSMode, dnssecSigned *prometheus.GaugeVec
}

func newMetricSet(multi bool) *metricSet {
	m := &metricSet{reg: prometheus.NewRegistry(), multi: multi}
	vec := func(name, help string, labels ...string) *prometheus.GaugeVec {
		if multi {
			labels = append([]string{"target"}, labels...)
		}
		g := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: name, Help: help}, labels)
		m.reg.MustRegister(g)
		return g
	}
	m.success = vec("smtpprobe_success", "Whether mail to the target would be delivered (status ok or warning).")
	m.status = vec("smtpprobe_status", "Verdict of the probe: 0 ok, 1 warning, 2 critical, 3 unknown.")
	m.duration = vec("smtpprobe_duration_seconds", "Wall time of the whole probe in seconds.")
	m.dnsDuration = vec("smtpprobe_dns_duration_seconds", "Time spent in DNS queries in seconds.")
	m.dnsOK = vec("smtpprobe_dns_lookup_success", "Whether the resolver answered the MX lookup.")
	m.mxCount = vec("smtpprobe_mx_hosts", "Number of mail exchangers found (1 for an implicit MX).")
	m.nullMX = vec("smtpprobe_null_mx", "Whether the domain publishes a null MX (RFC 7505): it accepts no mail.")
	m.nxdomain = vec("smtpprobe_nxdomain", "Whether the domain does not exist.")
	m.findings = vec("smtpprobe_findings", "Number of findings by severity.", "severity")
	m.hostUp = vec("smtpprobe_host_up", "Whether the host accepted a connection, with the address talked to.", "host", "address")
	m.hostStatus = vec("smtpprobe_host_status", "Verdict of the host: 0 ok, 1 warning, 2 critical, 3 unknown.", "host")
	m.stepDuration = vec("smtpprobe_step_duration_seconds", "Duration of each step of the SMTP dialogue in seconds.", "host", "step")
	m.stepCode = vec("smtpprobe_step_reply_code", "Basic reply code of each step of the SMTP dialogue, 0 when no reply came.", "host", "step")
	m.startTLS = vec("smtpprobe_starttls_offered", "Whether the host offered STARTTLS in its EHLO reply.", "host")
	m.tlsVersion = vec("smtpprobe_tls_version_info", "The TLS version negotiated with the host.", "host", "version")
	m.certVerified = vec("smtpprobe_tls_cert_verified", "Whether the host's certificate chain verifies for its name.", "host")
	m.certExpiry = vec("smtpprobe_tls_cert_expiry_timestamp_seconds", "NotAfter of the host's leaf certificate as a Unix timestamp.", "host")
	m.checkStatus = vec("smtpprobe_check_status", "Verdict of each check about the target: 0 ok, 1 warning, 2 critical, 3 unknown, 4 untestable.", "check")
	m.hostCheckStatus = vec("smtpprobe_host_check_status", "Verdict of each per-host check: 0 ok, 1 warning, 2 critical, 3 unknown, 4 untestable.", "host", "check")
	m.spfLookups = vec("smtpprobe_spf_lookups", "DNS-querying terms of the sender domain's SPF tree (RFC 7208 allows 10).")
	m.spfVoid = vec("smtpprobe_spf_void_lookups", "Void DNS lookups of the sender domain's SPF tree (RFC 7208 allows 2).")
	m.dnsblListed = vec("smtpprobe_dnsbl_listed", "Whether a blocklist lists the address: 1 listed, 0 not, -1 unknown (an answer that is not a listing).", "address", "zone")
	m.daneMatch = vec("smtpprobe_dane_match", "Whether the address's certificate matches the host's authentic TLSA records: 1 matched, 0 not, -1 undecided.", "host", "address")
	m.mtaSTSMode = vec("smtpprobe_mta_sts_mode", "The mode of the domain's MTA-STS policy, 1 for the mode in force (enforce, testing, none).", "mode")
	m.dnssecSigned = vec("smtpprobe_dnssec_signed", "Whether the domain's MX answer validated (DNSSEC), from a resolver that validates.")
	return m
}

// set sets a gauge, prefixing the target label when there are several
// targets. Label values are made valid UTF-8, so that no input can make
// the registry refuse to gather.
func (m *metricSet) set(g *prometheus.GaugeVec, v float64, labels ...string) {
	if m.multi {
		labels = append([]string{m.target}, labels...)
	}
	for i, l := range labels {
		labels[i] = strings.ToValidUTF8(l, "\uFFFD")
	}
	g.WithLabelValues(labels...).Set(v)
}

func (m *metricSet) add(a report.Assessment) {
	m.target = a.Result.Target.Input
	r := a.Result
	m.set(m.success, boolGauge(a.Status == report.OK || a.Status == report.Warning))
	m.set(m.status, float64(a.Status))
	m.set(m.duration, r.Duration.Seconds())
	if a.Probed() && r.Server == "" {
		m.set(m.dnsDuration, dnsDuration(r).Seconds())
		m.set(m.dnsOK, boolGauge(r.DNSErr == nil))
		if r.DNSErr == nil {
			m.set(m.mxCount, float64(len(r.DNS.MX)))
			m.set(m.nullMX, boolGauge(r.DNS.NullMX))
			m.set(m.nxdomain, boolGauge(r.DNS.NXDomain))
		}
	}
	counts := map[string]int{}
	for _, f := range a.Findings {
		counts[severityLabel(f.Severity)]++
	}
	for _, s := range []string{"info", "warning", "critical", "unknown"} {
		m.set(m.findings, float64(counts[s]), s)
	}
	m.addChecks(a)
	for _, h := range r.Hosts {
		if !a.Dialogue() {
			break // no connection was tried: nothing is up or down
		}
		addr := ""
		if a := h.AddrTried(); a.IsValid() {
			addr = a.String()
		}
		m.set(m.hostUp, boolGauge(h.Addr.IsValid()), h.Name, addr)
	}
	for _, n := range a.Named() {
		m.set(m.hostStatus, float64(n.Status), n.Name)
		i := talkedTo(r.Hosts, n.Entries)
		m.addSteps(r.Hosts[i], a.Host(i))
		m.addTLS(r.Hosts[i], a.Host(i).TLS)
	}
}

// talkedTo picks, of a host's entries, the one whose dialogue the per-step
// and TLS samples describe: the first address that accepted a connection
// (so that an address refusing connections does not hide the certificate
// of one that serves), else the first.
func talkedTo(hosts []probe.Host, entries []int) int {
	for _, i := range entries {
		if hosts[i].Addr.IsValid() {
			return i
		}
	}
	return entries[0]
}

// addChecks sets the verdict of every check that ran and the figures of
// the sender checks.
func (m *metricSet) addChecks(a report.Assessment) {
	for _, c := range a.Checks {
		m.set(m.checkStatus, float64(c.Status), string(c.Name))
	}
	for _, n := range a.Named() {
		// A per-host check runs per address; the host's series is its
		// verdict over them all.
		for _, c := range n.Checks {
			m.set(m.hostCheckStatus, float64(c.Status), n.Name, string(c.Name))
		}
	}
	m.addInbound(a)
	cs := a.Result.Checks
	if cs.SPF != nil && cs.SPF.Root != nil && cs.SPF.Root.Record != "" {
		m.set(m.spfLookups, float64(cs.SPF.Lookups))
		m.set(m.spfVoid, float64(cs.SPF.VoidLookups))
	}
	if cs.DNSBL != nil {
		for _, an := range cs.DNSBL.Answers {
			v := 0.0
			switch an.Status {
			case dnsbl.Listed:
				v = 1
			case dnsbl.Unknown:
				v = -1
			}
			m.set(m.dnsblListed, v, an.Addr.String(), an.Zone)
		}
	}
}

// addSteps sets the duration and reply code of every step of h's
// dialogue, and of its retry in clear after a failed STARTTLS handshake,
// whose steps are named with "retry_" ("retry_connect", "retry_rcpt"): the
// retry is what an opportunistic sender meets next, so an alert on
// step="rcpt" alone would miss where the mail actually went.
func (m *metricSet) addSteps(h probe.Host, ha report.HostAssessment) {
	m.addDialogue(h.Name, h, "", ha.Steps)
	if h.Retry != nil {
		m.addDialogue(h.Name, *h.Retry, "retry_", ha.Retry)
	}
}

// addDialogue sets the step samples of one dialogue with host; names are
// the steps' assessed names, which already carry prefix.
func (m *metricSet) addDialogue(host string, h probe.Host, prefix string, names []report.StepAssessment) {
	if d, ok := connectDuration(h); ok {
		m.set(m.stepDuration, d.Seconds(), host, prefix+"connect")
	}
	for i, s := range h.Steps {
		if i >= len(names) {
			break
		}
		name := names[i].Name
		m.set(m.stepDuration, s.Duration.Seconds(), host, name)
		m.set(m.stepCode, float64(s.Reply.Code), host, name)
	}
}

func (m *metricSet) addTLS(h probe.Host, f report.TLSFacts) {
	if f.OfferKnown {
		m.set(m.startTLS, boolGauge(f.Offered), h.Name)
	}
	t := h.TLS
	if t == nil || t.HandshakeError != "" {
		return
	}
	m.set(m.tlsVersion, 1, h.Name, t.Version)
	m.set(m.certVerified, boolGauge(t.Verified), h.Name)
	if len(t.Chain) > 0 {
		m.set(m.certExpiry, float64(t.Chain[0].NotAfter.Unix()), h.Name)
	}
}

func boolGauge(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// connectDuration is how long the accepted connection took to open.
func connectDuration(h probe.Host) (time.Duration, bool) {
	for _, at := range h.Attempts {
		if at.Err == nil {
			return at.Duration, true
		}
	}
	return 0, false
}

// dnsDuration is the time spent in DNS queries. Queries for several hosts
// may overlap, so this can exceed the wall time of the lookup.
func dnsDuration(r probe.Result) time.Duration {
	var d time.Duration
	for _, q := range r.DNS.Queries {
		d += q.Duration
	}
	return d
}

// hostsUp counts the MX hosts that accepted a connection on some address,
// of all the hosts probed: a host probed on its IPv4 and IPv6 addresses
// is one host, as the mx count has it.
func hostsUp(a report.Assessment) (up, hosts int) {
	named := a.Named()
	for _, n := range named {
		if a.Result.Hosts[talkedTo(a.Result.Hosts, n.Entries)].Addr.IsValid() {
			up++
		}
	}
	return up, len(named)
}
