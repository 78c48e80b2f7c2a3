package smtptest

import (
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
	"strings"
	"syscall"
	"testing"
	"time"
)

// MTARootEnv names the environment variable that says where
// .ci/install-mtas unpacked Exim, OpenSMTPD and Sendmail; unset means
// DefaultMTARoot. They are not installed as Debian packages because each
// conflicts with Postfix.
const MTARootEnv = "SMTPPROBE_MTA_ROOT"

// DefaultMTARoot is where .ci/install-mtas unpacks the MTAs by default,
// one directory each: exim, opensmtpd, sendmail.
const DefaultMTARoot = "/opt/smtpprobe-mtas"

// MTAOptions configure Exim, OpenSMTPD or Sendmail started by StartExim,
// StartOpenSMTPD or StartSendmail. The zero value is a plain server for
// example.test that accepts user@example.test and postmaster@example.test.
type MTAOptions struct {
	// Hostname is the server's own name, in the greeting and EHLO reply;
	// empty means "mx.example.test".
	Hostname string
	// Domain is the one local domain; empty means "example.test".
	Domain string
	// Users are the local parts in Domain that RCPT TO accepts; empty
	// means "user" and "postmaster". Other addresses in Domain are
	// refused the way the MTA refuses unknown users.
	Users []string
	// TLS, when set, makes the server offer STARTTLS with this
	// certificate.
	TLS *tls.Certificate
	// SizeLimit is the largest message accepted, in bytes, as the SIZE
	// extension announces it; zero keeps the MTA's default.
	SizeLimit int
	// StrictHelo refuses an EHLO or HELO name that is neither fully
	// qualified nor an address literal, as many sites configure it: Exim
	// drops the connection with 550 "Invalid HELO name", OpenSMTPD
	// answers 550 5.7.1. Sendmail has no such setting and ignores it.
	StrictHelo bool
	// RefusedSenderDomain, when set, is a sender domain whose MAIL FROM
	// is refused with a 5xx.
	RefusedSenderDomain string
}

func (o *MTAOptions) defaults() {
	if o.Hostname == "" {
		o.Hostname = "mx.example.test"
	}
	if o.Domain == "" {
		o.Domain = "example.test"
	}
	if len(o.Users) == 0 {
		o.Users = []string{"user", "postmaster"}
	}
}

// MTA is a running Exim, OpenSMTPD or Sendmail daemon.
type MTA struct {
	Addr string // host:port on 127.0.0.1

	log  *lockedBuffer
	logs []string // log files the daemon writes besides its output
}

// Log returns what the daemon printed and logged to files so far.
// Sendmail logs only to syslog, so its Log holds only its own output.
func (m *MTA) Log() string {
	var b strings.Builder
	b.WriteString(m.log.String())
	for _, f := range m.logs {
		if data, err := os.ReadFile(f); err == nil {
			fmt.Fprintf(&b, "== %s\n%s", filepath.Base(f), data)
		}
	}
	return b.String()
}

// mtaRoot is the directory .ci/install-mtas unpacked the MTAs into.
func mtaRoot() string {
	if r := os.Getenv(MTARootEnv); r != "" {
		return r
	}
	return DefaultMTARoot
}

// mtaMissing says what running an MTA needs and does not find, or "" when
// it has everything: root, unshare and mount (for a private view of the
// files below), the unpacked binaries and the system users.
func mtaMissing(name string, files []string, users []string) string {
	if os.Geteuid() != 0 {
		return "not root: " + name + " must start as root"
	}
	for _, tool := range []string{"unshare", "mount"} {
		if _, err := exec.LookPath(tool); err != nil {
			return tool + " not installed (Debian package util-linux, mount)"
		}
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return name + " not installed in " + mtaRoot() + " (run .ci/install-mtas): no " + f
		}
	}
	for _, u := range users {
		if _, err := user.Lookup(u); err != nil {
			return "no " + u + " user (run .ci/install-mtas)"
		}
	}
	return ""
}

// skipOrFail skips the test when why is not "", or fails it under
// SMTPPROBE_REQUIRE_ALL=1.
func skipOrFail(t testing.TB, why string) {
	t.Helper()
	if why == "" {
		return
	}
	if os.Getenv(RequireAllEnv) == "1" {
		t.Fatal(why + " and " + RequireAllEnv + "=1")
	}
	t.Skip(why)
}

// mtaDir makes the private directory of one daemon, removed when the test
// ends. Not t.TempDir: the daemons drop privileges and check the modes of
// every directory above their files, so the path must be searchable by
// all and owned by root.
func mtaDir(t testing.TB, name string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "smtptest-"+name+"-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeKeyAndChain writes the private key and the chain, leaf first, to
// files of their own, the key readable only by uid.
func writeKeyAndChain(keyPath, chainPath string, cert *tls.Certificate, uid, gid int) error {
	key, err := x509.MarshalPKCS8PrivateKey(cert.PrivateKey)
	if err != nil {
		return err
	}
	if err := os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: key}), 0o600); err != nil {
		return err
	}
	if err := os.Chown(keyPath, uid, gid); err != nil {
		return err
	}
	var chain []byte
	for _, der := range cert.Certificate {
		chain = append(chain, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	}
	return os.WriteFile(chainPath, chain, 0o644)
}

// sandboxed is a daemon command line run in a private mount namespace
// where /etc/hosts names only the loopback address and /etc/resolv.conf
// points at a port where nothing listens, so that no lookup leaves the
// machine, and where each of binds (target to source) is mounted over
// the system's directory.
type sandboxed struct {
	dir   string            // the daemon's private directory
	binds map[string]string // mount point: private directory
	args  []string          // the daemon and its arguments
}

func (s sandboxed) command(hostname string) (*exec.Cmd, error) {
	hosts := filepath.Join(s.dir, "hosts")
	if err := os.WriteFile(hosts, []byte("127.0.0.1 "+hostname+" localhost\n"), 0o644); err != nil {
		return nil, err
	}
	resolv := filepath.Join(s.dir, "resolv.conf")
	if err := os.WriteFile(resolv, []byte("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n"), 0o644); err != nil {
		return nil, err
	}
	script := "set -e\nmount --bind \"$1\" /etc/hosts\nmount --bind \"$2\" /etc/resolv.conf\n"
	args := []string{"-m", "--propagation", "private", "--", "sh", "-c", "", "sandbox", hosts, resolv}
	n := 3
	for target, source := range s.binds {
		script += fmt.Sprintf("mount --bind \"$%d\" \"$%d\"\n", n, n+1)
		args = append(args, source, target)
		n += 2
	}
	script += fmt.Sprintf("shift %d\nexec \"$@\"\n", n-1)
	args[6] = script
	args = append(args, s.args...)
	cmd := exec.Command("unshare", args...)
	cmd.Dir = s.dir
	// A group of its own, so that the daemon's children can be stopped
	// with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd, nil
}

// startMTA starts a daemon that listens on a free loopback port, which
// cmdFor builds into its command line or configuration, and stops it when
// the test ends. It retries a few times: the port is found free, released
// and only then bound by the daemon.
func startMTA(t testing.TB, name, hostname string, cmdFor func(port int) (sandboxed, error), logs ...string) *MTA {
	t.Helper()
	var lastErr error
	for try := 0; try < 5; try++ {
		m, err := startMTAOnce(t, name, hostname, cmdFor, logs)
		if err == nil {
			return m
		}
		lastErr = err
	}
	t.Fatalf("starting %s: %v", name, lastErr)
	return nil
}

func startMTAOnce(t testing.TB, name, hostname string, cmdFor func(port int) (sandboxed, error), logs []string) (*MTA, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	sb, err := cmdFor(port)
	if err != nil {
		return nil, err
	}
	cmd, err := sb.command(hostname)
	if err != nil {
		return nil, err
	}
	d, err := startDaemon(cmd)
	if err != nil {
		return nil, err
	}
	log, done := d.log, d.done
	stop := func() {
		d.stop(-d.pgid)
		// The daemons' children share the group; wait until none is
		// left, so that the next test can bind the port.
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
			if syscall.Kill(-d.pgid, 0) != nil {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		syscall.Kill(-d.pgid, syscall.SIGKILL)
	}
	m := &MTA{Addr: addr, log: log, logs: logs}
	switch err := waitListen(addr, done, 15*time.Second); {
	case errors.Is(err, errExited):
		stop()
		return nil, fmt.Errorf("%s exited: %v: %s", name, d.waitErr, m.Log())
	case err != nil:
		stop()
		return nil, fmt.Errorf("%s did not listen on %s: %s", name, addr, m.Log())
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			t.Logf("%s log:\n%s", name, m.Log())
		}
	})
	return m, nil
}

// daemon is a started child process whose output is collected, the
// leader of its process group.
type daemon struct {
	log     *lockedBuffer
	pgid    int
	done    chan struct{} // closed when the process has exited
	waitErr error         // how it exited, once done is closed
}

func startDaemon(cmd *exec.Cmd) (*daemon, error) {
	d := &daemon{log: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = d.log, d.log
	cmd.WaitDelay = 5 * time.Second // a child that keeps the output open
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	d.pgid = cmd.Process.Pid
	go func() { d.waitErr = cmd.Wait(); close(d.done) }()
	return d, nil
}

// stop sends SIGTERM to pid (the leader, or with a minus the group) and
// waits for the leader to exit, killing the group after five seconds.
func (d *daemon) stop(pid int) {
	select {
	case <-d.done:
	default:
		syscall.Kill(pid, syscall.SIGTERM)
	}
	select {
	case <-d.done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-d.pgid, syscall.SIGKILL)
		<-d.done
	}
}
