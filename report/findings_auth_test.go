package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// submissionHost is a dialogue with smtp.example.com on port 587: STARTTLS,
// EHLO offering AUTH PLAIN LOGIN, then the given steps (AUTH and on).
func submissionHost(a *probe.AuthInfo, steps ...probe.Step) probe.Host {
	name := "smtp.example.com"
	h := probe.Host{
		Name: name, Addr: addr("192.0.2.50"), Port: 587,
		Attempts:            []probe.Attempt{{Addr: addr("192.0.2.50"), Duration: 800 * time.Microsecond}},
		ExtensionsBeforeTLS: exts(false),
		Extensions:          exts(true),
		TLS:                 tlsInfo(name, 60),
		Duration:            95 * msec,
		Auth:                a,
	}
	h.Extensions["AUTH"] = "PLAIN LOGIN"
	after := ehlo(name, true)
	after.Reply.Lines = append(after.Reply.Lines, "AUTH PLAIN LOGIN")
	h.Steps = append([]probe.Step{
		step("", 9*msec, 220, name+" ESMTP Postfix (submission)"),
		ehlo(name, false),
		step("STARTTLS", 500*time.Microsecond, 220, "2.0.0 Ready to start TLS"),
		after,
	}, steps...)
	return h
}

func authInfo(code int, enhanced string) *probe.AuthInfo {
	return &probe.AuthInfo{
		Offered: []string{"PLAIN", "LOGIN"}, AuthOffered: true, TLS: true, Verified: true,
		User: "alice@example.com", Mechanism: "PLAIN", Sent: true, Code: code, Enhanced: enhanced,
	}
}

func submissionResult(hosts ...probe.Host) probe.Result {
	r := result("bob@example.org", hosts)
	r.Server, r.Submission = "smtp.example.com", true
	r.DNS.MX = nil
	return r
}

var (
	subAuthOK       = step("AUTH PLAIN ********", 21*msec, 235, "2.7.0 Authentication successful")
	subAuthRejected = step("AUTH PLAIN ********", 1900*msec, 535, "5.7.8 Error: authentication failed: authentication failure")
	subMailOK       = probe.Step{Command: "MAIL FROM:<alice@example.com>", Duration: 1200 * time.Microsecond, Pipelined: true, Reply: probe.Reply{Code: 250, Enhanced: "2.1.0", Lines: []string{"2.1.0 Ok"}}}
	subRcptOK       = probe.Step{Command: "RCPT TO:<bob@example.org>", Duration: 100 * time.Microsecond, Pipelined: true, Reply: probe.Reply{Code: 250, Enhanced: "2.1.5", Lines: []string{"2.1.5 Ok"}}}
	subRsetOK       = probe.Step{Command: "RSET", Duration: 100 * time.Microsecond, Pipelined: true, Reply: probe.Reply{Code: 250, Enhanced: "2.0.0", Lines: []string{"2.0.0 Ok"}}}
	subQuitOK       = probe.Step{Command: "QUIT", Duration: 100 * time.Microsecond, Pipelined: true, Reply: probe.Reply{Code: 221, Enhanced: "2.0.0", Lines: []string{"2.0.0 Bye"}}}
)

func authCases() []struct {
	name    string
	r       probe.Result
	status  Status
	want    []string // "severity id"
	summary string
} {
	policy := func(h probe.Host, msg string) probe.Host {
		h.Err = &probe.Error{Step: "AUTH", Kind: probe.ErrPolicy, Err: fmt.Errorf("%s", msg)}
		return h
	}
	skipped := func(why probe.AuthSkip) *probe.AuthInfo {
		a := authInfo(0, "")
		a.Sent, a.Mechanism, a.Skipped = false, "", why
		return a
	}

	noCreds := skipped(probe.AuthNoCredentials)
	noCreds.User = ""
	needAuth := submissionHost(noCreds,
		probe.Step{Command: "MAIL FROM:<>", Duration: time.Millisecond, Pipelined: true, Reply: probe.Reply{Code: 530, Enhanced: "5.7.0", Lines: []string{"5.7.0 Authentication required"}}},
		probe.Step{Command: "RCPT TO:<bob@example.org>", Duration: time.Millisecond, Pipelined: true, Reply: probe.Reply{Code: 503, Enhanced: "5.5.1", Lines: []string{"5.5.1 Error: need MAIL command"}}},
		subRsetOK, subQuitOK)

	noAuthSubmission := skipped(probe.AuthNoCredentials)
	noAuthSubmission.User, noAuthSubmission.Offered, noAuthSubmission.AuthOffered = "", nil, false
	notOfferedHost := submissionHost(noAuthSubmission, subMailOK, subRcptOK, subRsetOK, subQuitOK)
	delete(notOfferedHost.Extensions, "AUTH")

	beforeTLS := authInfo(235, "2.7.0")
	beforeTLS.OfferedBeforeTLS = []string{"PLAIN", "LOGIN"}
	beforeHost := submissionHost(beforeTLS, subAuthOK, subMailOK, subRcptOK, subRsetOK, subQuitOK)
	beforeHost.ExtensionsBeforeTLS["AUTH"] = "PLAIN LOGIN"

	inClear := authInfo(235, "2.7.0")
	inClear.TLS, inClear.Verified = false, false
	clearHost := submissionHost(inClear, subAuthOK, subMailOK, subRcptOK, subRsetOK, subQuitOK)
	clearHost.TLS, clearHost.ExtensionsBeforeTLS = nil, nil

	insecure := skipped(probe.AuthInsecure)
	insecure.TLS, insecure.Verified = false, false
	insecureHost := policy(submissionHost(insecure, subQuitOK), "the connection is not encrypted; credentials not sent in clear")
	insecureHost.TLS, insecureHost.ExtensionsBeforeTLS = nil, nil

	unverified := skipped(probe.AuthUnverified)
	unverified.Verified = false
	unverifiedHost := policy(submissionHost(unverified, subQuitOK), "the certificate does not verify")
	unverifiedHost.TLS.Verified = false
	unverifiedHost.TLS.VerifyError = "x509: certificate signed by unknown authority"

	cram := skipped(probe.AuthNoMechanism)
	cram.Offered = []string{"CRAM-MD5"}
	oauthOnly := skipped(probe.AuthNoMechanism)
	oauthOnly.Offered = []string{"XOAUTH2", "OAUTHBEARER"}

	return []struct {
		name    string
		r       probe.Result
		status  Status
		want    []string
		summary string
	}{
		{"accepted", submissionResult(submissionHost(authInfo(235, "2.7.0"), subAuthOK, subMailOK, subRcptOK, subRsetOK, subQuitOK)),
			OK, nil, "smtp.example.com authenticated (PLAIN) and accepted RCPT TO:<bob@example.org>"},
		{"rejected", submissionResult(submissionHost(authInfo(535, "5.7.8"), subAuthRejected, subQuitOK)),
			Critical, []string{"critical reply"}, "smtp.example.com rejected AUTH PLAIN ********: 535 5.7.8 Authentication failed — check the credentials"},
		{"auth required", submissionResult(needAuth),
			Critical, []string{"critical auth-required", "ok reply"}, "smtp.example.com rejected MAIL FROM:<>: 530 5.7.0 Authentication required — run smtpprobe again with --auth-user USER"},
		{"not offered on submission", submissionResult(notOfferedHost),
			Warning, []string{"warning auth-not-offered"}, "smtp.example.com: the server does not offer AUTH"},
		{"not offered with credentials", submissionResult(policy(submissionHost(func() *probe.AuthInfo {
			a := skipped(probe.AuthNotOffered)
			a.Offered, a.AuthOffered = nil, false
			return a
		}(), subQuitOK), "the server does not offer AUTH; credentials not sent")),
			Critical, []string{"critical auth-not-offered"}, "smtp.example.com: the server does not offer AUTH"},
		{"offered before TLS", submissionResult(beforeHost),
			Warning, []string{"warning auth-before-tls"}, "smtp.example.com: the server offers AUTH before TLS — offer AUTH only over TLS"},
		{"sent in clear", submissionResult(clearHost),
			Critical, []string{"ok starttls-not-offered", "critical auth-insecure-sent"}, "smtp.example.com: credentials were sent without verified TLS"},
		{"refused in clear", submissionResult(insecureHost),
			Critical, []string{"critical auth-insecure-refused"}, "smtp.example.com: credentials not sent: the connection is not encrypted"},
		{"refused unverified", submissionResult(unverifiedHost),
			Critical, []string{"warning tls-untrusted", "critical auth-unverified-refused"}, "smtp.example.com: credentials not sent: the certificate does not verify"},
		{"mechanism not offered", submissionResult(policy(submissionHost(skipped(probe.AuthMechNotOffered), subQuitOK), "AUTH XOAUTH2 is not offered (offered: PLAIN LOGIN); credentials not sent")),
			Critical, []string{"critical auth-mech-not-offered"}, "smtp.example.com: the AUTH mechanism asked for is not offered"},
		{"only CRAM-MD5", submissionResult(policy(submissionHost(cram, subQuitOK), "no mechanism")),
			Unknown, []string{"unknown auth-no-mechanism"}, "smtp.example.com: no AUTH mechanism offered that these credentials can use"},
		{"OAuth only, password given", submissionResult(policy(submissionHost(oauthOnly, subQuitOK), "no mechanism")),
			Critical, []string{"critical auth-no-mechanism"}, "smtp.example.com: no AUTH mechanism offered that these credentials can use"},
	}
}

func TestAssessAuth(t *testing.T) {
	for _, tc := range authCases() {
		t.Run(tc.name, func(t *testing.T) {
			a := Assess(tc.r, testOptions())
			var got []string
			for _, f := range a.Findings {
				got = append(got, severityLabel(f.Severity)+" "+f.ID)
			}
			want := strings.Join(tc.want, ", ")
			if g := strings.ReplaceAll(strings.Join(got, ", "), "info ", "ok "); g != want {
				t.Errorf("findings %s, want %s", g, want)
			}
			if a.Status != tc.status {
				t.Errorf("status %s, want %s", a.Status, tc.status)
			}
			if !strings.HasPrefix(a.Summary, tc.summary) {
				t.Errorf("summary %q, want it to start %q", a.Summary, tc.summary)
			}
		})
	}
}

// TestAuthNotJudgedOnMX: an ordinary MX probe is not held to what a
// submission server must do: AUTH offered before TLS on port 25 is no
// finding, and a 530 there keeps its catalog diagnosis with the hint.
func TestAuthNotJudgedOnMX(t *testing.T) {
	h := healthyHost("mx1.example.com", "192.0.2.1", "postmaster@example.com")
	h.ExtensionsBeforeTLS["AUTH"] = "PLAIN LOGIN"
	a := Assess(result("example.com", []probe.Host{h}, mx(10, "mx1.example.com", "192.0.2.1")), testOptions())
	if len(a.Findings) != 0 || a.Status != OK {
		t.Errorf("findings %+v, status %s", a.Findings, a.Status)
	}
}

func TestAuthGolden(t *testing.T) {
	ja := testOptions()
	ja.Lang = catalog.Japanese
	for _, tc := range authCases() {
		name := "auth-" + strings.NewReplacer(" ", "-", ",", "").Replace(strings.ToLower(tc.name))
		t.Run(tc.name, func(t *testing.T) {
			a := Assess(tc.r, testOptions())
			var text, js bytes.Buffer
			if err := Text(&text, []Assessment{a}, testOptions()); err != nil {
				t.Fatal(err)
			}
			if err := JSON(&js, []Assessment{a}, testOptions()); err != nil {
				t.Fatal(err)
			}
			golden(t, name+".text.golden", text.Bytes())
			golden(t, name+".json.golden", js.Bytes())
			var v struct {
				Submission bool `json:"submission"`
				Hosts      []struct {
					Auth *jsonAuth `json:"auth"`
				} `json:"hosts"`
			}
			if err := json.Unmarshal(js.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			if !v.Submission || len(v.Hosts) != 1 || v.Hosts[0].Auth == nil || v.Hosts[0].Auth.Offered == nil {
				t.Errorf("JSON lacks the submission flag or the auth facts: %s", js.Bytes())
			}
			if !strings.Contains(text.String(), "\n  AUTH\n") {
				t.Errorf("text lacks the AUTH block:\n%s", text.String())
			}
		})
	}
	a := Assess(authCases()[1].r, ja)
	var text bytes.Buffer
	if err := Text(&text, []Assessment{a}, ja); err != nil {
		t.Fatal(err)
	}
	golden(t, "auth-rejected-ja.text.golden", text.Bytes())
}
