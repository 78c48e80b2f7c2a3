package smtptest

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// PostfixOptions configure a Postfix smtpd started by StartPostfix.
type PostfixOptions struct {
	// Hostname is myhostname, in the greeting and EHLO reply; empty means
	// "mx.example.test".
	Hostname string
	// Domain is the one local domain (mydestination); empty means
	// "example.test".
	Domain string
	// Recipients are the local addresses in Domain that RCPT TO accepts;
	// other addresses in Domain get 550 5.1.1. Empty means "user@Domain".
	Recipients []string
	// TLS, when set, makes smtpd offer STARTTLS with this certificate
	// (smtpd_tls_security_level = may).
	TLS *tls.Certificate
	// Users maps SASL logins ("alice@example.test") to passwords, kept in a
	// Cyrus sasldb; with Users set smtpd offers AUTH PLAIN LOGIN, only
	// after STARTTLS (smtpd_tls_auth_only), so TLS must be set too.
	Users map[string]string
	// ClientsMustAuth refuses clients that have not authenticated, as
	// Postfix's stock master.cf has it for the submission service
	// (smtpd_client_restrictions = permit_sasl_authenticated, reject):
	// RCPT TO gets "554 5.7.1 ...: Client host rejected: Access denied".
	ClientsMustAuth bool
	// Main holds more main.cf parameters, such as smtpd_recipient_limit
	// or smtpd_hard_error_limit; they come last and win.
	Main map[string]string
}

// Postfix is a running Postfix master with one smtpd service.
type Postfix struct {
	Addr string // host:port on 127.0.0.1

	log *lockedBuffer
}

// Log returns what Postfix logged so far (maillog_file = /dev/stdout).
func (p *Postfix) Log() string { return p.log.String() }

const postfixDaemonDir = "/usr/lib/postfix/sbin"

// PostfixMissing says what StartPostfix needs and does not find, or ""
// when it has everything: root, the Postfix daemons, the postfix user
// and, when needSASL, saslpasswd2 and Cyrus SASL's PLAIN and LOGIN
// plugins.
func PostfixMissing(needSASL bool) string {
	if os.Geteuid() != 0 {
		return "not root: Postfix's master must run as root"
	}
	for _, p := range []string{"master", "smtpd", "cleanup", "trivial-rewrite", "tlsmgr", "anvil", "postlogd"} {
		if _, err := os.Stat(filepath.Join(postfixDaemonDir, p)); err != nil {
			return "Postfix (" + p + ") not installed"
		}
	}
	if _, err := user.Lookup("postfix"); err != nil {
		return "no postfix user"
	}
	if needSASL {
		if _, err := exec.LookPath("saslpasswd2"); err != nil {
			if _, err := os.Stat("/usr/sbin/saslpasswd2"); err != nil {
				return "saslpasswd2 (Debian package sasl2-bin) not installed"
			}
		}
		for _, m := range []string{"plain", "login", "sasldb"} {
			if found, _ := filepath.Glob("/usr/lib/*/sasl2/lib" + m + ".so*"); len(found) == 0 {
				if found, _ := filepath.Glob("/usr/lib/sasl2/lib" + m + ".so*"); len(found) == 0 {
					return "Cyrus SASL plugin " + m + " (Debian package libsasl2-modules) not installed"
				}
			}
		}
	}
	return ""
}

// StartPostfix runs a real Postfix smtpd on a free loopback port until
// the test ends: a private master with its own configuration, queue and
// data directories, and only the services smtpd needs (cleanup,
// trivial-rewrite, anvil, tlsmgr, postlogd). There is no queue manager,
// so nothing is ever delivered. It skips the test when Postfix (or, with
// Users, saslpasswd2) is missing or the test does not run as root, and
// fails it instead when SMTPPROBE_REQUIRE_ALL=1.
func StartPostfix(t testing.TB, o PostfixOptions) *Postfix {
	t.Helper()
	if why := PostfixMissing(o.Users != nil); why != "" {
		if os.Getenv(RequireAllEnv) == "1" {
			t.Fatal(why + " and " + RequireAllEnv + "=1")
		}
		t.Skip(why)
	}
	if o.Users != nil && o.TLS == nil {
		t.Fatal("StartPostfix: Users need TLS (smtpd_tls_auth_only)")
	}
	if o.Hostname == "" {
		o.Hostname = "mx.example.test"
	}
	if o.Domain == "" {
		o.Domain = "example.test"
	}
	if len(o.Recipients) == 0 {
		o.Recipients = []string{"user@" + o.Domain}
	}
	// Not t.TempDir: smtpd runs as the postfix user and opens the sasldb
	// by absolute path, so every directory above it must be searchable.
	dir, err := os.MkdirTemp("", "smtptest-postfix-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writePostfixFiles(dir, o); err != nil {
		t.Fatalf("StartPostfix: %v", err)
	}
	var lastErr error
	for try := 0; try < 5; try++ {
		p, err := startPostfix(t, dir)
		if err == nil {
			return p
		}
		lastErr = err
	}
	t.Fatalf("starting Postfix: %v", lastErr)
	return nil
}

// writePostfixFiles writes everything but master.cf, which names the port.
func writePostfixFiles(dir string, o PostfixOptions) error {
	pf, err := user.Lookup("postfix")
	if err != nil {
		return err
	}
	uid, _ := strconv.Atoi(pf.Uid)
	gid, _ := strconv.Atoi(pf.Gid)
	dropGid := gid
	if g, err := user.LookupGroup("postdrop"); err == nil {
		dropGid, _ = strconv.Atoi(g.Gid)
	}
	// The layout "postfix set-permissions" would make, for what smtpd
	// and its helpers touch.
	for _, d := range []struct {
		path     string
		uid, gid int
		mode     os.FileMode
	}{
		{"conf", 0, 0, 0o755},
		{"conf/sasl", 0, 0, 0o755},
		{"data", uid, gid, 0o700},
		{"queue", 0, 0, 0o755},
		{"queue/pid", 0, 0, 0o755},
		{"queue/public", uid, dropGid, 0o710},
		{"queue/private", uid, gid, 0o700},
		{"queue/incoming", uid, gid, 0o700},
	} {
		p := filepath.Join(dir, d.path)
		if err := os.Mkdir(p, d.mode); err != nil {
			return err
		}
		if err := os.Chown(p, d.uid, d.gid); err != nil {
			return err
		}
		if err := os.Chmod(p, d.mode); err != nil {
			return err
		}
	}

	rcpts := make([]string, len(o.Recipients))
	for i, r := range o.Recipients {
		rcpts[i] = r + "=ok"
	}
	var main strings.Builder
	for _, kv := range [][2]string{
		{"compatibility_level", "3.6"},
		{"queue_directory", filepath.Join(dir, "queue")},
		{"data_directory", filepath.Join(dir, "data")},
		{"mail_owner", "postfix"},
		{"maillog_file", "/dev/stdout"},
		{"myhostname", o.Hostname},
		{"mydomain", o.Domain},
		{"mydestination", o.Domain},
		{"local_recipient_maps", "inline:{" + strings.Join(rcpts, ", ") + "}"},
		{"alias_maps", ""},
		{"alias_database", ""},
		// Loopback is not a trusted network: relaying needs AUTH.
		{"mynetworks", "192.0.2.0/24"},
		{"inet_interfaces", "127.0.0.1"},
		{"inet_protocols", "ipv4"},
		{"smtpd_banner", "$myhostname ESMTP"},
		{"notify_classes", ""},
		{"biff", "no"},
		// Without a queue manager no flow-control tokens come back, and
		// cleanup would pause this long at every MAIL FROM.
		{"in_flow_delay", "0"},
	} {
		fmt.Fprintf(&main, "%s = %s\n", kv[0], kv[1])
	}
	if o.TLS != nil {
		chain := filepath.Join(dir, "conf", "chain.pem")
		if err := writeKeyChain(chain, o.TLS); err != nil {
			return err
		}
		fmt.Fprintf(&main, "smtpd_tls_chain_files = %s\nsmtpd_tls_security_level = may\nsmtpd_tls_loglevel = 1\n", chain)
	}
	if o.Users != nil {
		db := filepath.Join(dir, "sasldb2")
		if err := makeSASLDB(db, o.Users); err != nil {
			return err
		}
		if err := os.Chown(db, uid, gid); err != nil {
			return err
		}
		// Debian's Postfix reads smtpd.conf from $config_directory/sasl
		// whatever cyrus_sasl_config_path says; set both.
		sasl := filepath.Join(dir, "conf", "sasl")
		conf := fmt.Sprintf("pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: %s\nmech_list: PLAIN LOGIN\n", db)
		if err := os.WriteFile(filepath.Join(sasl, "smtpd.conf"), []byte(conf), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(&main, "smtpd_sasl_auth_enable = yes\nsmtpd_sasl_type = cyrus\ncyrus_sasl_config_path = %s\n", sasl)
		fmt.Fprintf(&main, "smtpd_tls_auth_only = yes\nbroken_sasl_auth_clients = no\n")
	}
	if o.ClientsMustAuth {
		main.WriteString("smtpd_client_restrictions = permit_sasl_authenticated, reject\n")
	}
	keys := make([]string, 0, len(o.Main))
	for k := range o.Main {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&main, "%s = %s\n", k, o.Main[k])
	}
	return writeConf(filepath.Join(dir, "conf", "main.cf"), main.String())
}

// writeConf writes a configuration file dated a minute ago: Postfix
// rereads a file modified in the current second every 300 ms until the
// second is over, in case it is still being edited.
func writeConf(path, text string) error {
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return err
	}
	past := time.Now().Add(-time.Minute)
	return os.Chtimes(path, past, past)
}

// writeKeyChain writes the private key followed by the chain, leaf first,
// as smtpd_tls_chain_files wants.
func writeKeyChain(path string, cert *tls.Certificate) error {
	key, err := x509.MarshalPKCS8PrivateKey(cert.PrivateKey)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	pem.Encode(&b, &pem.Block{Type: "PRIVATE KEY", Bytes: key})
	for _, der := range cert.Certificate {
		pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: der})
	}
	return os.WriteFile(path, b.Bytes(), 0o600)
}

// makeSASLDB creates a Cyrus sasldb with saslpasswd2, one user at a time,
// the password on its standard input.
func makeSASLDB(path string, users map[string]string) error {
	names := make([]string, 0, len(users))
	for u := range users {
		names = append(names, u)
	}
	sort.Strings(names)
	bin, err := exec.LookPath("saslpasswd2")
	if err != nil {
		bin = "/usr/sbin/saslpasswd2"
	}
	for _, u := range names {
		name, realm, ok := strings.Cut(u, "@")
		if !ok {
			return fmt.Errorf("SASL user %q: want user@realm", u)
		}
		cmd := exec.Command(bin, "-f", path, "-c", "-p", "-u", realm, name)
		cmd.Stdin = strings.NewReader(users[u])
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("saslpasswd2 %s: %v: %s", u, err, out)
		}
	}
	return nil
}

func startPostfix(t testing.TB, dir string) (*Postfix, error) {
	// master binds the port itself: find a free one, release it, and
	// retry on the rare race.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()

	// Only the services smtpd calls on; chroot off (column 5).
	master := addr + " inet n - n - - smtpd\n" +
		"postlog unix-dgram n - n - 1 postlogd\n" +
		"cleanup unix n - n - 0 cleanup\n" +
		"rewrite unix - - n - - trivial-rewrite\n" +
		"anvil unix - - n - 1 anvil\n" +
		"tlsmgr unix - - n 1000? 1 tlsmgr\n"
	conf := filepath.Join(dir, "conf")
	if err := writeConf(filepath.Join(conf, "master.cf"), master); err != nil {
		return nil, err
	}

	// -s: foreground, as "postfix start-fg". master makes itself a session
	// and group leader (so no Setpgid: setsid would fail), which lets the
	// daemons it forks be killed with it.
	cmd := exec.Command(filepath.Join(postfixDaemonDir, "master"), "-c", conf, "-s")
	cmd.Dir = dir
	d, err := startDaemon(cmd)
	if err != nil {
		return nil, err
	}
	log, done := d.log, d.done
	// master stops its daemons. Wait returns once master has exited and
	// its daemons, which share its output, have closed it. Until then the
	// group is ours to kill.
	stop := func() { d.stop(d.pgid) }
	switch err := waitListen(addr, done, 10*time.Second); {
	case errors.Is(err, errExited):
		// Errors before postlogd runs go to syslog, not to the log.
		stop()
		return nil, fmt.Errorf("master exited: %v: %s", d.waitErr, log.String())
	case err != nil:
		stop()
		return nil, fmt.Errorf("master did not listen on %s: %s", addr, log.String())
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			t.Logf("Postfix log:\n%s", log.String())
		}
	})
	return &Postfix{Addr: addr, log: log}, nil
}

// errExited says the daemon exited before it listened.
var errExited = errors.New("exited")

// waitListen waits until addr accepts a connection, for at most d; it
// returns errExited as soon as done is closed (the daemon exited).
func waitListen(addr string, done <-chan struct{}, d time.Duration) error {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); {
		select {
		case <-done:
			return errExited
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return errors.New("timed out")
}

// lockedBuffer collects output written by a child process and read by
// the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
