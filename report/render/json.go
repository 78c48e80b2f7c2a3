package render

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"time"

	"github.com/smtpprobe/smtpprobe/checks"
	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// JSON writes one JSON object per assessment, one per line (JSON Lines),
// with the fields of the contract (interface.md) and a few more: the
// recipient, start and duration, the DNS queries, each host's connection
// attempts and chain, each finding's id and detail. Times are milliseconds
// as numbers; "tls" is null when no TLS was negotiated; a step without a
// reply has code 0 and its host's error says why.
func JSON(w io.Writer, as []report.Assessment, o Options) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, a := range as {
		if err := enc.Encode(jsonAssessment(a)); err != nil {
			return err
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

type jsonReport struct {
	Target     string  `json:"target"`
	Domain     string  `json:"domain"`
	Rcpt       string  `json:"rcpt"`
	Server     string  `json:"server,omitempty"`
	Submission bool    `json:"submission,omitempty"`
	Status     string  `json:"status"`
	ExitCode   int     `json:"exit_code"`
	Summary    string  `json:"summary"`
	Started    string  `json:"started,omitempty"`
	DurationMS float64 `json:"duration_ms"`
	// QueuedMS is the time the probe only waited for other probes of the
	// same addresses: not in duration_ms, never the servers'.
	QueuedMS float64       `json:"queued_ms,omitempty"`
	DNS      jsonDNS       `json:"dns"`
	Hosts    []jsonHost    `json:"hosts"`
	Findings []jsonFinding `json:"findings"`
	// Checks holds the domain-level checks by name; absent when no check
	// beyond the dialogue ran.
	Checks map[string]any `json:"checks,omitempty"`
}

type jsonDNS struct {
	MX         []jsonMX    `json:"mx"`
	NullMX     bool        `json:"null_mx"`
	ImplicitMX bool        `json:"implicit_mx"`
	NXDomain   bool        `json:"nxdomain"`
	CNAME      string      `json:"cname,omitempty"`
	OmittedMX  int         `json:"omitted_mx,omitempty"`
	Error      string      `json:"error"`
	Queries    []jsonQuery `json:"queries"`
}

type jsonMX struct {
	Host             string   `json:"host"`
	Preference       uint16   `json:"preference"`
	Addresses        []string `json:"addresses"`
	OmittedAddresses int      `json:"omitted_addresses,omitempty"`
	CNAME            string   `json:"cname,omitempty"`
	IPLiteral        bool     `json:"ip_literal,omitempty"`
	Error            string   `json:"error,omitempty"`
}

type jsonQuery struct {
	Name       string  `json:"name"`
	Type       string  `json:"type"`
	Server     string  `json:"server"`
	Rcode      string  `json:"rcode"`
	TCP        bool    `json:"tcp,omitempty"`
	Truncated  bool    `json:"truncated,omitempty"`
	Cached     bool    `json:"cached,omitempty"`
	DurationMS float64 `json:"duration_ms"`
	Error      string  `json:"error,omitempty"`
}

type jsonHost struct {
	Host                string            `json:"host"`
	Preference          uint16            `json:"preference"`
	Address             string            `json:"address"`
	Port                int               `json:"port"`
	Status              string            `json:"status"`
	Error               string            `json:"error"`
	ErrorStep           string            `json:"error_step,omitempty"`
	ErrorKind           string            `json:"error_kind,omitempty"`
	CloseError          string            `json:"close_error,omitempty"`
	DurationMS          float64           `json:"duration_ms"`
	QueuedMS            float64           `json:"queued_ms,omitempty"`
	Attempts            []jsonAttempt     `json:"attempts"`
	TLS                 *jsonTLS          `json:"tls"`
	TLSHandshakeError   string            `json:"tls_handshake_error,omitempty"`
	StartTLSOffered     bool              `json:"starttls_offered"`
	Extensions          map[string]string `json:"extensions"`
	ExtensionsBeforeTLS map[string]string `json:"extensions_before_tls,omitempty"`
	Steps               []jsonStep        `json:"steps"`
	Auth                *jsonAuth         `json:"auth,omitempty"`
	// Helo is the name the probe sent in EHLO; Software the server
	// software its greeting or EHLO names ("" when none).
	Helo     string `json:"helo,omitempty"`
	Software string `json:"software,omitempty"`
	// RetryInClear is the dialogue held again in clear after a failed
	// STARTTLS handshake.
	RetryInClear *jsonRetry `json:"retry_in_clear,omitempty"`
	// SharedSession says the dialogue was a transaction in a session
	// shared with other targets of the run.
	SharedSession *jsonShared `json:"shared_session,omitempty"`
	// Untestable marks an address this machine has no route to.
	Untestable bool `json:"untestable,omitempty"`
	// Checks holds the per-host checks by name.
	Checks map[string]any `json:"checks,omitempty"`
}

// jsonShared is probe.SharedSession.
type jsonShared struct {
	Session     int `json:"session"`
	Transaction int `json:"transaction"`
	Recipients  int `json:"recipients"`
}

// jsonRetry is the dialogue in clear after a failed STARTTLS handshake.
type jsonRetry struct {
	Error      string            `json:"error"`
	ErrorStep  string            `json:"error_step,omitempty"`
	ErrorKind  string            `json:"error_kind,omitempty"`
	DurationMS float64           `json:"duration_ms"`
	Extensions map[string]string `json:"extensions"`
	Steps      []jsonStep        `json:"steps"`
}

type jsonAttempt struct {
	Address    string  `json:"address"`
	DurationMS float64 `json:"duration_ms"`
	Error      string  `json:"error"`
	ErrorKind  string  `json:"error_kind,omitempty"`
}

type jsonTLS struct {
	Version     string `json:"version"`
	Verified    bool   `json:"verified"`
	VerifyError string `json:"verify_error"`
	NotAfter    string `json:"not_after"`
	DaysLeft    int    `json:"days_left"`
	Cipher      string `json:"cipher"`
	Implicit    bool   `json:"implicit"`
	ServerName  string `json:"server_name"`
	// The separate facts; null when the one verify error stopped before
	// the check.
	ChainTrusted   *bool      `json:"chain_trusted"`
	NameMatches    *bool      `json:"name_matches"`
	Expired        bool       `json:"expired"`
	HandshakeMS    float64    `json:"handshake_ms"`
	DiscardedBytes int        `json:"discarded_bytes,omitempty"`
	Chain          []jsonCert `json:"chain"`
}

type jsonCert struct {
	Subject   string   `json:"subject"`
	Issuer    string   `json:"issuer"`
	DNSNames  []string `json:"dns_names"`
	NotBefore string   `json:"not_before"`
	NotAfter  string   `json:"not_after"`
}

type jsonStep struct {
	Command    string   `json:"command"`
	Code       int      `json:"code"`
	Enhanced   string   `json:"enhanced"`
	Lines      []string `json:"lines"`
	DurationMS float64  `json:"duration_ms"`
	Pipelined  bool     `json:"pipelined,omitempty"`
	// WithPrevious: the reply came with the previous step's in one batch,
	// so the batch's wait shows on its first step.
	WithPrevious bool               `json:"with_previous,omitempty"`
	Explanation  *catalog.Diagnosis `json:"explanation"`
}

// jsonFinding carries every field of the finding's diagnosis; its own
// code and enhanced code are the reply's.
type jsonFinding struct {
	ID       string `json:"id"`
	Severity string `json:"severity"`
	Host     string `json:"host"`
	// Address is the address of the host entry the finding is about;
	// absent for findings about the host name or the target.
	Address string `json:"address,omitempty"`
	// Check names the check the finding belongs to: "smtp" for those of
	// the dialogue and the MX lookup; absent only for an MX lookup's
	// findings in a run without the dialogue.
	Check    string `json:"check,omitempty"`
	Code     int    `json:"code"`
	Enhanced string `json:"enhanced"`
	Command  string `json:"command,omitempty"`
	Detail   string `json:"detail"`
	// Publish is the DNS record or file to publish as the fix.
	Publish string `json:"publish,omitempty"`
	catalog.Diagnosis
}

func jsonAssessment(a report.Assessment) jsonReport {
	r := a.Result
	out := jsonReport{
		Target:     r.Target.Input,
		Domain:     r.Target.Domain,
		Rcpt:       r.Target.Rcpt,
		Server:     r.Server,
		Submission: r.Submission,
		Status:     a.Status.String(),
		ExitCode:   int(a.Status),
		Summary:    a.Summary,
		DurationMS: millis(r.Duration),
		QueuedMS:   millis(r.Queued),
		DNS:        jsonDNSOf(r),
		Hosts:      []jsonHost{},
		Findings:   []jsonFinding{},
	}
	if !r.Started.IsZero() {
		out.Started = r.Started.UTC().Format(time.RFC3339Nano)
	}
	for i, h := range r.Hosts {
		jh := jsonHostOf(h, a.Host(i))
		jh.Untestable = h.Untestable
		jh.Checks = jsonHostChecksOf(a, i)
		out.Hosts = append(out.Hosts, jh)
	}
	out.Checks = jsonChecksOf(a)
	for _, f := range a.Findings {
		check := f.Check
		if check == "" && a.Dialogue() {
			check = checks.SMTP
		}
		addr := ""
		if f.Addr.IsValid() {
			addr = f.Addr.String()
		}
		out.Findings = append(out.Findings, jsonFinding{
			ID: f.ID, Severity: severityLabel(f.Severity), Host: f.Host, Address: addr, Check: string(check),
			Code: f.Code, Enhanced: f.Enhanced, Command: f.Command, Detail: f.Detail, Publish: f.Publish,
			Diagnosis: f.Diagnosis,
		})
	}
	return out
}

func jsonDNSOf(r probe.Result) jsonDNS {
	d := r.DNS
	out := jsonDNS{
		MX: []jsonMX{}, NullMX: d.NullMX, ImplicitMX: d.ImplicitMX, NXDomain: d.NXDomain,
		CNAME: d.CNAME, OmittedMX: d.OmittedMX, Queries: []jsonQuery{},
	}
	if r.DNSErr != nil {
		out.Error = r.DNSErr.Error()
	}
	for _, mx := range d.MX {
		m := jsonMX{Host: mx.Host, Preference: mx.Preference, Addresses: []string{},
			OmittedAddresses: mx.OmittedAddresses, CNAME: mx.CNAME, IPLiteral: mx.IPLiteral, Error: mx.Err}
		for _, a := range mx.Addresses {
			m.Addresses = append(m.Addresses, a.String())
		}
		out.MX = append(out.MX, m)
	}
	for _, q := range d.Queries {
		out.Queries = append(out.Queries, jsonQuery{Name: q.Name, Type: q.Type, Server: q.Server, Rcode: q.Rcode,
			TCP: q.TCP, Truncated: q.Truncated, Cached: q.Cached, DurationMS: millis(q.Duration), Error: q.Err})
	}
	return out
}

func jsonHostOf(h probe.Host, ha report.HostAssessment) jsonHost {
	out := jsonHost{
		Host: h.Name, Preference: h.Preference, Port: h.Port, Status: ha.Status.String(),
		DurationMS: millis(h.Duration), QueuedMS: millis(h.Queued), Attempts: []jsonAttempt{},
		Extensions: h.Extensions, ExtensionsBeforeTLS: h.ExtensionsBeforeTLS,
	}
	if out.Extensions == nil {
		out.Extensions = map[string]string{}
	}
	if a := h.AddrTried(); a.IsValid() {
		out.Address = a.String()
	}
	if h.Err != nil {
		out.Error, out.ErrorStep, out.ErrorKind = h.Err.Error(), string(h.Err.Step), string(h.Err.Kind)
	}
	if h.CloseErr != nil {
		out.CloseError = h.CloseErr.Error()
	}
	for _, at := range h.Attempts {
		j := jsonAttempt{Address: at.Addr.String(), DurationMS: millis(at.Duration)}
		if at.Err != nil {
			j.Error, j.ErrorKind = at.Err.Error(), string(at.Err.Kind)
		}
		out.Attempts = append(out.Attempts, j)
	}
	f := ha.TLS
	out.StartTLSOffered = f.Offered
	if h.TLS != nil && !f.HandshakeOK {
		out.TLSHandshakeError = h.TLS.HandshakeError
	}
	if f.HandshakeOK {
		out.TLS = jsonTLSOf(h.TLS, f)
	}
	out.Steps = jsonSteps(h.Steps, ha.Steps)
	out.Auth = jsonAuthOf(h.Auth)
	out.Helo, out.Software = h.Helo, string(h.Software)
	if sh := h.Shared; sh != nil {
		out.SharedSession = &jsonShared{Session: sh.Session, Transaction: sh.Transaction, Recipients: sh.Recipients}
	}
	if r := h.Retry; r != nil {
		out.RetryInClear = &jsonRetry{DurationMS: millis(r.Duration), Extensions: r.Extensions, Steps: jsonSteps(r.Steps, ha.Retry)}
		if r.Err != nil {
			out.RetryInClear.Error, out.RetryInClear.ErrorStep, out.RetryInClear.ErrorKind = r.Err.Error(), string(r.Err.Step), string(r.Err.Kind)
		}
		if r.Extensions == nil {
			out.RetryInClear.Extensions = map[string]string{}
		}
	}
	return out
}

// jsonSteps are the steps of a dialogue with the explanations in judged.
func jsonSteps(steps []probe.Step, judged []report.StepAssessment) []jsonStep {
	out := []jsonStep{}
	for k, s := range steps {
		j := jsonStep{Command: s.Command, Code: s.Reply.Code, Enhanced: s.Reply.Enhanced,
			Lines: s.Reply.Lines, DurationMS: millis(s.Duration), Pipelined: s.Pipelined, WithPrevious: s.WithPrevious}
		if j.Lines == nil {
			j.Lines = []string{}
		}
		if k < len(judged) {
			j.Explanation = judged[k].Diagnosis
		}
		out = append(out, j)
	}
	return out
}

func jsonTLSOf(info *probe.TLSInfo, f report.TLSFacts) *jsonTLS {
	t := &jsonTLS{
		Version: info.Version, Verified: info.Verified, VerifyError: info.VerifyError,
		Cipher: info.CipherSuite, Implicit: info.Implicit, ServerName: info.ServerName,
		Expired: f.Expired, HandshakeMS: millis(info.Duration), DiscardedBytes: info.DiscardedBytes,
		Chain: []jsonCert{},
	}
	if f.HasCert {
		t.NotAfter, t.DaysLeft = f.NotAfter.UTC().Format(time.RFC3339), f.DaysLeft
	}
	if f.Chain.Known {
		t.ChainTrusted = &f.Chain.OK
	}
	if f.Name.Known {
		t.NameMatches = &f.Name.OK
	}
	for _, c := range info.Chain {
		names := c.DNSNames
		if names == nil {
			names = []string{}
		}
		t.Chain = append(t.Chain, jsonCert{Subject: c.Subject, Issuer: c.Issuer, DNSNames: names,
			NotBefore: c.NotBefore.UTC().Format(time.RFC3339), NotAfter: c.NotAfter.UTC().Format(time.RFC3339)})
	}
	return t
}

// millis converts a duration to milliseconds, to the microsecond.
func millis(d time.Duration) float64 {
	return math.Round(float64(d)/float64(time.Microsecond)) / 1000
}

// jsonAuth is a host's AUTH facts in JSON: never a credential, only the
// user name.
type jsonAuth struct {
	OfferedBeforeTLS []string `json:"offered_before_tls"`
	Offered          []string `json:"offered"`
	AuthOffered      bool     `json:"auth_offered"`
	TLS              bool     `json:"tls"`
	Verified         bool     `json:"verified"`
	User             string   `json:"user,omitempty"`
	Mechanism        string   `json:"mechanism"`
	Sent             bool     `json:"sent"`
	Succeeded        bool     `json:"succeeded"`
	Code             int      `json:"code"`
	Enhanced         string   `json:"enhanced"`
	ServerError      string   `json:"server_error,omitempty"`
	Skipped          string   `json:"skipped,omitempty"`
}

func jsonAuthOf(a *probe.AuthInfo) *jsonAuth {
	if a == nil {
		return nil
	}
	nonNil := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	return &jsonAuth{
		OfferedBeforeTLS: nonNil(a.OfferedBeforeTLS), Offered: nonNil(a.Offered), AuthOffered: a.AuthOffered,
		TLS: a.TLS, Verified: a.Verified, User: a.User, Mechanism: a.Mechanism, Sent: a.Sent,
		Succeeded: a.Code == 235, Code: a.Code, Enhanced: a.Enhanced, ServerError: a.ServerError,
		Skipped: string(a.Skipped),
	}
}
