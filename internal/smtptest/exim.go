package smtptest

import (
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const eximUser = "Debian-exim"

func eximBinary() string { return filepath.Join(mtaRoot(), "exim/usr/sbin/exim4") }

// EximMissing says what StartExim needs and does not find, or "".
func EximMissing() string {
	return mtaMissing("Exim", []string{eximBinary()}, []string{eximUser})
}

// StartExim runs Exim 4 (Debian's exim4-daemon-light, unpacked by
// .ci/install-mtas) on a free loopback port until the test ends, with a
// configuration of its own: one local domain, recipients checked by ACL,
// no routers, so nothing is ever delivered, and no queue runner. It skips
// the test when Exim is missing or the test does not run as root, and
// fails it instead when SMTPPROBE_REQUIRE_ALL=1.
func StartExim(t testing.TB, o MTAOptions) *MTA {
	t.Helper()
	skipOrFail(t, EximMissing())
	o.defaults()
	u, err := user.Lookup(eximUser)
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	dir := mtaDir(t, "exim")
	// Exim refuses a configuration file not owned by root; it writes its
	// spool and logs as the exim user.
	for _, d := range []string{"spool", "log"} {
		p := filepath.Join(dir, d)
		if err := os.Mkdir(p, 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(p, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	var tlsConf string
	if o.TLS != nil {
		key, chain := filepath.Join(dir, "key.pem"), filepath.Join(dir, "chain.pem")
		if err := writeKeyAndChain(key, chain, o.TLS, uid, gid); err != nil {
			t.Fatal(err)
		}
		tlsConf = fmt.Sprintf("tls_advertise_hosts = *\ntls_certificate = %s\ntls_privatekey = %s\n", chain, key)
	} else {
		tlsConf = "tls_advertise_hosts =\n"
	}
	conf := filepath.Join(dir, "exim.conf")
	logDir := filepath.Join(dir, "log")
	return startMTA(t, "Exim", o.Hostname, func(port int) (sandboxed, error) {
		if err := os.WriteFile(conf, []byte(eximConfig(o, dir, port, tlsConf)), 0o644); err != nil {
			return sandboxed{}, err
		}
		// -bdf: a daemon in the foreground; -oX: the port.
		return sandboxed{dir: dir, args: []string{eximBinary(), "-C", conf, "-bdf", "-oX", strconv.Itoa(port)}}, nil
	}, filepath.Join(logDir, "mainlog"), filepath.Join(logDir, "rejectlog"), filepath.Join(logDir, "paniclog"))
}

func eximConfig(o MTAOptions, dir string, port int, tlsConf string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `primary_hostname = %s
exim_user = %s
exim_group = %s
never_users = root
keep_environment =
spool_directory = %s/spool
log_file_path = %s/log/%%slog
pid_file_path = %s/exim.pid
local_interfaces = <; 127.0.0.1.%d
domainlist local_domains = %s
host_lookup =
rfc1413_hosts =
queue_only = true
# Debian's banner.
smtp_banner = $smtp_active_hostname ESMTP Exim $version_number $tod_full
acl_smtp_helo = acl_helo
acl_smtp_mail = acl_mail
acl_smtp_rcpt = acl_rcpt
%s`, o.Hostname, eximUser, eximUser, dir, dir, dir, port, o.Domain, tlsConf)
	if o.SizeLimit > 0 {
		fmt.Fprintf(&b, "message_size_limit = %d\n", o.SizeLimit)
	}
	b.WriteString("\nbegin acl\n\nacl_helo:\n")
	if o.StrictHelo {
		// The rule many Exim sites copy: a name with no dot that is not an
		// address literal, and the connection is dropped.
		b.WriteString("  drop message = Access denied - Invalid HELO name (See RFC2821 4.1.1.1)\n" +
			"       condition = ${if match{$sender_helo_name}{\\N^\\[|\\.\\N}{no}{yes}}\n")
	}
	b.WriteString("  accept\n\nacl_mail:\n")
	if o.RefusedSenderDomain != "" {
		fmt.Fprintf(&b, "  deny message = Sender refused\n       sender_domains = %s\n", o.RefusedSenderDomain)
	}
	fmt.Fprintf(&b, "  accept\n\nacl_rcpt:\n  accept domains = +local_domains\n         local_parts = %s\n", strings.Join(o.Users, " : "))
	b.WriteString("  deny message = Unrouteable address\n       domains = +local_domains\n")
	b.WriteString("  deny message = relay not permitted\n\nbegin routers\n\nbegin transports\n")
	return b.String()
}
