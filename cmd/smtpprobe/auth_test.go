package main

import (
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

const (
	subUser  = "alice@example.test"
	subPass  = "correct horse battery"
	subToken = "ya29.a0Af-secret_TOKEN.value"
)

// subWorld is a submission server, smtp.example.test, on loopback: a
// go-smtp server with a certificate from a test CA (in caFile), AUTH for
// subUser, and DNS that points the name at it.
type subWorld struct {
	dns    *dnstest.Server
	addr   string // 127.0.0.1:port
	port   string
	caFile string
	srv    *smtptest.Server
}

func newSubWorld(t *testing.T, o smtptest.Options) *subWorld {
	t.Helper()
	ca := smtptest.NewCA(t)
	if o.TLS == nil {
		o.TLS = smtptest.TLSConfig(ca.Issue(t, "smtp.example.test", time.Now().Add(60*24*time.Hour)))
	}
	if o.Auth == nil {
		o.Auth = map[string]string{subUser: subPass}
	}
	if o.Tokens == nil {
		o.Tokens = map[string]string{subUser: subToken}
	}
	srv := smtptest.Start(t, o)
	host, port, err := net.SplitHostPort(srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Cert.Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	d := dnstest.Start(t, "smtp.example.test. 300 IN A "+host)
	return &subWorld{dns: d, addr: srv.Addr, port: port, caFile: caFile, srv: srv}
}

// args points the command at the submission server.
func (w *subWorld) args(more ...string) []string {
	return append([]string{"--resolver", w.dns.Addr(), "--server", "smtp.example.test:" + w.port,
		"--ca-file", w.caFile, "--timeout", "5s"}, more...)
}

// secretFile writes content to a private file and returns its name.
func secretFile(t *testing.T, content string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(f, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// secretForms are the credentials as they could leak: as given, base64
// encoded, and inside each mechanism's payload.
func secretForms(pass, token string) []string {
	b := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	return []string{
		pass, b(pass), b("\x00" + subUser + "\x00" + pass), b(subUser + "\x00" + subUser + "\x00" + pass),
		token, b(token), b("user=" + subUser + "\x01auth=Bearer " + token + "\x01\x01"),
	}
}

func TestSubmissionExitStatus(t *testing.T) {
	w := newSubWorld(t, smtptest.Options{RequireAuth: true})
	env := map[string]string{passwordEnv: subPass}
	wrong := map[string]string{passwordEnv: "wrong password"}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    int
		stdout  []string
		summary string
	}{
		{"PLAIN from the environment", env, w.args("--submission", "--auth-user", subUser, "bob@example.org"), 0,
			[]string{"-> AUTH PLAIN ********", "<- 235 2.0.0", "MAIL FROM:<alice@example.test>", "PLAIN as alice@example.test, over TLS: 235 accepted"},
			"authenticated (PLAIN) and accepted RCPT TO:<bob@example.org>"},
		{"PLAIN from a file", nil, w.args("--submission", "--auth-user", subUser, "--auth-password-file", secretFile(t, subPass+"\n"), "bob@example.org"), 0,
			[]string{"<- 235 2.0.0"}, ""},
		{"wrong password", wrong, w.args("--submission", "--auth-user", subUser, "bob@example.org"), 2,
			[]string{"<- 535 5.7.8 Authentication failed", "Fix: Check the credentials"},
			"rejected AUTH PLAIN ********: 535 5.7.8 Authentication failed"},
		{"LOGIN", env, w.args("--submission", "--auth-user", subUser, "--auth-mech", "login", "bob@example.org"), 0,
			[]string{"-> AUTH LOGIN\n", "-> ********\n", "<- 334 UGFzc3dvcmQ6"}, ""},
		{"LOGIN wrong password", wrong, w.args("--submission", "--auth-user", subUser, "--auth-mech", "LOGIN", "bob@example.org"), 2,
			[]string{"<- 535 5.7.8"}, ""},
		{"OAUTHBEARER", nil, w.args("--submission", "--auth-user", subUser, "--auth-token-file", secretFile(t, subToken), "bob@example.org"), 0,
			[]string{"-> AUTH OAUTHBEARER ********", "<- 235"}, ""},
		{"XOAUTH2 expired token", nil, w.args("--submission", "--auth-user", subUser, "--auth-mech", "XOAUTH2", "--auth-token-file", secretFile(t, "expired"), "bob@example.org"), 2,
			[]string{"-> AUTH XOAUTH2 ********", "<- 334 ", `{"schemes":"bearer","scope":"https://mail.google.com/","status":"401"}`}, ""},
		{"no credentials on submission", nil, w.args("--submission", "bob@example.org"), 2,
			[]string{"<- 530 5.7.0 Authentication required", "This server needs AUTH", "Fix: Run smtpprobe again with --auth-user USER"},
			"rejected MAIL FROM:<>: 530 5.7.0 Authentication required"},
		{"no target: RCPT to the login", env, w.args("--submission", "--auth-user", subUser), 0,
			[]string{"RCPT TO:<alice@example.test>"}, ""},
		{"certificate not trusted", env, []string{"--resolver", w.dns.Addr(), "--server", "smtp.example.test:" + w.port, "--timeout", "5s",
			"--submission", "--auth-user", subUser, "bob@example.org"}, 2,
			[]string{"not sent: the certificate does not verify"}, "credentials not sent: the certificate does not verify"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, "", tt.env, tt.args...)
			if r.code != tt.want {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.want, r.stdout, r.stderr)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
			if !strings.Contains(r.stdout, tt.summary) {
				t.Errorf("summary lacks %q:\n%s", tt.summary, r.stdout)
			}
			if r.stderr != "" {
				t.Errorf("stderr: %s", r.stderr)
			}
		})
	}
}

func TestSubmissionServers(t *testing.T) {
	ca := smtptest.NewCA(t)
	cert := smtptest.TLSConfig(ca.Issue(t, "smtp.example.test", time.Now().Add(60*24*time.Hour)))
	env := map[string]string{passwordEnv: subPass}
	tests := []struct {
		name   string
		o      smtptest.Options
		args   []string
		want   int
		stdout []string
	}{
		{"AUTH not offered on submission", smtptest.Options{TLS: cert, AuthMechanisms: []string{}},
			[]string{"--submission"}, 1, []string{"The server does not offer AUTH", "offered after TLS   none"}},
		{"AUTH not offered, credentials given", smtptest.Options{TLS: cert, AuthMechanisms: []string{}},
			[]string{"--submission", "--auth-user", subUser}, 2, []string{"AUTH: the server does not offer AUTH; credentials not sent"}},
		{"AUTH offered before TLS", smtptest.Options{TLS: cert, AllowInsecureAuth: true},
			[]string{"--submission", "--auth-user", subUser}, 1, []string{"offered before TLS  PLAIN LOGIN XOAUTH2 OAUTHBEARER", "The server offers AUTH before TLS"}},
		{"no TLS, submission", smtptest.Options{TLS: nil, AllowInsecureAuth: true},
			[]string{"--submission", "--auth-user", subUser}, 2, []string{"STARTTLS required but not offered"}},
		{"no TLS, credentials refused", smtptest.Options{TLS: nil, AllowInsecureAuth: true},
			[]string{"--auth-user", subUser}, 2, []string{"Credentials not sent: the connection is not encrypted"}},
		{"no TLS, insecure auth allowed", smtptest.Options{TLS: nil, AllowInsecureAuth: true},
			[]string{"--auth-user", subUser, "--allow-insecure-auth"}, 2, []string{"<- 235", "Credentials were sent without verified TLS"}},
		{"implicit TLS", smtptest.Options{TLS: cert, ImplicitTLS: true},
			[]string{"--submission", "--tls", "--auth-user", subUser}, 0, []string{"implicit TLS", "<- 235"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.o
			o.Auth = map[string]string{subUser: subPass}
			o.Tokens = map[string]string{subUser: subToken}
			srv := smtptest.Start(t, o)
			host, port, _ := net.SplitHostPort(srv.Addr)
			d := dnstest.Start(t, "smtp.example.test. 300 IN A "+host)
			caFile := filepath.Join(t.TempDir(), "ca.pem")
			os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Cert.Raw}), 0o600)
			args := append([]string{"--resolver", d.Addr(), "--server", "smtp.example.test:" + port, "--ca-file", caFile, "--timeout", "5s"}, tt.args...)
			r := runCmd(t, "", env, append(args, "bob@example.org")...)
			if r.code != tt.want {
				t.Errorf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.want, r.stdout, r.stderr)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
		})
	}
}

// TestSubmissionDefaultPort: --submission without a port talks to 587,
// the only port routed to the server.
func TestSubmissionDefaultPort(t *testing.T) {
	w := newSubWorld(t, smtptest.Options{})
	host, _, _ := net.SplitHostPort(w.addr)
	ce := cmdEnv{environ: map[string]string{passwordEnv: subPass}, routes: map[string]string{net.JoinHostPort(host, "587"): w.addr}}
	r := runWith(t, ce, "--resolver", w.dns.Addr(), "--server", "smtp.example.test", "--ca-file", w.caFile,
		"--submission", "--auth-user", subUser, "-o", "json", "bob@example.org")
	if port := num(t, decodeOne(t, r), "hosts.0.port"); r.code != 0 || port != 587 {
		t.Errorf("exit %d, port %v; want 0 and 587\n%s%s", r.code, port, r.stdout, r.stderr)
	}
}

// TestSecretsNeverShown runs the command with right and wrong credentials
// in every output format and checks that no form of the password or
// token appears on stdout or stderr.
func TestSecretsNeverShown(t *testing.T) {
	w := newSubWorld(t, smtptest.Options{RequireAuth: true})
	for _, c := range []struct {
		name, pass, token, mech string
		want                    int
	}{
		{"right password", subPass, "", "", 0},
		{"wrong password", "Wr0ng-Passw0rd", "", "", 2},
		{"right password LOGIN", subPass, "", "LOGIN", 0},
		{"wrong password LOGIN", "Wr0ng-Passw0rd", "", "LOGIN", 2},
		{"right token", "", subToken, "", 0},
		{"wrong token XOAUTH2", "", "Wr0ng-T0ken", "XOAUTH2", 2},
		{"wrong token OAUTHBEARER", "", "Wr0ng-T0ken", "OAUTHBEARER", 2},
	} {
		for _, format := range []string{"text", "json", "nagios", "prometheus"} {
			t.Run(c.name+" "+format, func(t *testing.T) {
				args := w.args("--submission", "--auth-user", subUser, "-o", format)
				env := map[string]string{}
				if c.token != "" {
					args = append(args, "--auth-token-file", secretFile(t, c.token+"\n"))
				} else {
					env[passwordEnv] = c.pass
				}
				if c.mech != "" {
					args = append(args, "--auth-mech", c.mech)
				}
				r := runCmd(t, "", env, append(args, "bob@example.org")...)
				if r.code != c.want {
					t.Errorf("exit %d, want %d\n%s\n%s", r.code, c.want, r.stdout, r.stderr)
				}
				if !strings.Contains(r.stdout, "smtp.example.test") {
					t.Errorf("no report on stdout:\n%s", r.stdout)
				}
				for _, s := range secretForms(c.pass, c.token) {
					if s != "" && (strings.Contains(r.stdout, s) || strings.Contains(r.stderr, s)) {
						t.Errorf("output holds the secret %q:\n%s\n%s", s, r.stdout, r.stderr)
					}
				}
				if format == "json" {
					var v map[string]any
					if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
						t.Errorf("not JSON: %v", err)
					}
				}
			})
		}
	}
}

func TestAuthBadInput(t *testing.T) {
	empty := secretFile(t, "\n")
	token := secretFile(t, subToken)
	spaced := secretFile(t, "two words")
	long := secretFile(t, strings.Repeat("x", maxSecretLine+10))
	srv := []string{"--server", "smtp.example.test"}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"user without password", nil, append(srv, "--auth-user", subUser), "needs a password"},
		{"unreadable password file", nil, append(srv, "--auth-user", subUser, "--auth-password-file", "/nonexistent/pw"), "--auth-password-file"},
		{"empty password file", nil, append(srv, "--auth-user", subUser, "--auth-password-file", empty), "is empty"},
		{"overlong password file", nil, append(srv, "--auth-user", subUser, "--auth-password-file", long), "longer than"},
		{"password file without user", nil, append(srv, "--auth-password-file", token), "--auth-password-file needs --auth-user"},
		{"insecure flag without user", nil, append(srv, "--allow-insecure-auth"), "--allow-insecure-auth needs --auth-user"},
		{"submission without server", nil, []string{"--submission"}, "--submission needs --server"},
		{"auth without server", map[string]string{passwordEnv: subPass}, []string{"--auth-user", subUser}, "--auth-user needs --server"},
		{"unknown mechanism", map[string]string{passwordEnv: subPass}, append(srv, "--auth-user", subUser, "--auth-mech", "CRAM-MD5"), `--auth-mech: mechanism "CRAM-MD5"`},
		{"token mechanism with password", map[string]string{passwordEnv: subPass}, append(srv, "--auth-user", subUser, "--auth-mech", "XOAUTH2"), "needs a token"},
		{"password mechanism with token", nil, append(srv, "--auth-user", subUser, "--auth-mech", "PLAIN", "--auth-token-file", token), "takes a password"},
		{"both files", nil, append(srv, "--auth-user", subUser, "--auth-token-file", token, "--auth-password-file", token), "not both"},
		{"token with a space", nil, append(srv, "--auth-user", subUser, "--auth-token-file", spaced), "printable"},
		{"submission without TLS", nil, append(srv, "--submission", "--starttls", "never"), "--submission needs TLS"},
		{"control character in user", map[string]string{passwordEnv: subPass}, append(srv, "--auth-user", "al\x01ice"), "--auth-user: user"},
		{"NUL in password", map[string]string{passwordEnv: "a\x00b"}, append(srv, "--auth-user", subUser), passwordEnv + ": the password contains a NUL"},
		{"NUL in password file", nil, append(srv, "--auth-user", subUser, "--auth-password-file", secretFile(t, "a\x00b\n")), "--auth-password-file: the password contains a NUL"},
		{"token mechanism with password file", nil, append(srv, "--auth-user", subUser, "--auth-mech", "oauthbearer", "--auth-password-file", token), "--auth-mech: OAUTHBEARER takes a token"},
		{"password as a flag", nil, append(srv, "--auth-user", subUser, "--auth-password", subPass), "unknown flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, "", tt.env, append(tt.args, "bob@example.org")...)
			if r.code != 3 || r.stdout != "" {
				t.Errorf("exit status %d, stdout %q; want 3 and nothing", r.code, r.stdout)
			}
			first, _, _ := strings.Cut(r.stderr, "\n")
			if !strings.HasPrefix(first, "smtpprobe: error: ") || !strings.Contains(first, tt.want) {
				t.Errorf("stderr %q: want one line 'smtpprobe: error: ...' with %q", r.stderr, tt.want)
			}
			if strings.Contains(r.stderr, subPass) || strings.Contains(r.stderr, subToken) {
				t.Errorf("stderr shows a secret: %q", r.stderr)
			}
		})
	}
}

// TestSecretFilePermissions: a password or token file that others can
// read or write gets a warning on stderr, as ssh gives for keys; the
// probe still runs. A private file gets none.
func TestSecretFilePermissions(t *testing.T) {
	w := newSubWorld(t, smtptest.Options{RequireAuth: true})
	for _, tc := range []struct {
		flag, content string
		mode          os.FileMode
		want          string // in the warning; "" for none
	}{
		{"--auth-password-file", subPass, 0o600, ""},
		{"--auth-password-file", subPass, 0o400, ""},
		{"--auth-password-file", subPass, 0o644, "readable by others (mode 0644)"},
		{"--auth-password-file", subPass, 0o640, "readable by its group (mode 0640)"},
		{"--auth-password-file", subPass, 0o620, "writable by its group or others (mode 0620)"},
		{"--auth-token-file", subToken, 0o604, "readable by others (mode 0604)"},
	} {
		t.Run(fmt.Sprintf("%s %04o", tc.flag, tc.mode), func(t *testing.T) {
			f := secretFile(t, tc.content+"\n")
			if err := os.Chmod(f, tc.mode); err != nil {
				t.Fatal(err)
			}
			r := runCmd(t, "", nil, w.args("--submission", "--auth-user", subUser, tc.flag, f, "bob@example.org")...)
			if r.code != 0 {
				t.Errorf("exit %d, want 0\n%s%s", r.code, r.stdout, r.stderr)
			}
			want := ""
			if tc.want != "" {
				want = "smtpprobe: warning: " + tc.flag + " " + f + ": " + tc.want + "; chmod 600 " + f + "\n"
			}
			if r.stderr != want {
				t.Errorf("stderr %q, want %q", r.stderr, want)
			}
		})
	}
}

// TestReadmeSecrets keeps the README's secrets examples true: a server
// that echoes the password upper-cased has its reply withheld as shown,
// and a readable password file gets the warning shown.
func TestReadmeSecrets(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	timing := regexp.MustCompile(`\d+\.\dms`)

	echo := regexp.MustCompile("(?s)\n *\\$ (?:SMTPPROBE_PASSWORD='[^']*' )?smtpprobe --server smtp.example.test --auth-user alice@example.test --allow-insecure-auth bob@example.org\n *\\.\\.\\.\n(.*?)\n *```").FindStringSubmatch(readme)
	said := regexp.MustCompile("\\(`(535 5.7.8 password [^`]*)`\\)").FindStringSubmatch(readme)
	if echo == nil || said == nil {
		t.Fatal("the README shows no withheld echo")
	}
	srv := smtptest.StartScript(t, func(c *smtptest.Conn) {
		if !c.Greet("AUTH PLAIN LOGIN") {
			return
		}
		if _, _, ok := c.Command(); ok && c.Send(said[1]) {
			c.Answer(nil)
		}
	})
	if !strings.Contains(said[1], strings.ToUpper(subPass)) {
		t.Fatalf("the README's server says %q, which does not echo the password", said[1])
	}
	host, port, _ := net.SplitHostPort(srv.Addr)
	d := dnstest.Start(t, "smtp.example.test. 300 IN A "+host)
	r := runCmd(t, "", map[string]string{passwordEnv: subPass}, "--resolver", d.Addr(), "--server", "smtp.example.test:"+port,
		"--auth-user", subUser, "--allow-insecure-auth", "--no-color", "bob@example.org")
	out := timing.ReplaceAllString(r.stdout, "T")
	for _, l := range strings.Split(echo[1], "\n") {
		l = strings.TrimSpace(timing.ReplaceAllString(l, "T"))
		if !strings.Contains(out, l) {
			t.Errorf("the README shows %q, the command does not:\n%s", l, r.stdout)
		}
	}

	warn := regexp.MustCompile(`\$ smtpprobe --submission --server smtp.example.test --auth-user alice@example.test --auth-password-file (\S+)\n *(smtpprobe: warning: .*)\n`).FindStringSubmatch(readme)
	if warn == nil {
		t.Fatal("the README shows no permission warning")
	}
	w := newSubWorld(t, smtptest.Options{RequireAuth: true})
	f := secretFile(t, subPass+"\n")
	if err := os.Chmod(f, 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCmd(t, "", nil, w.args("--submission", "--auth-user", subUser, "--auth-password-file", f, "bob@example.org")...)
	if want := strings.ReplaceAll(warn[2], warn[1], f) + "\n"; r.stderr != want {
		t.Errorf("the README shows the warning\n%s\nthe command gives\n%s", want, r.stderr)
	}
}
