package smtptest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func openSMTPDBinary() string { return filepath.Join(mtaRoot(), "opensmtpd/usr/sbin/smtpd") }

// openSMTPDChroot is where OpenSMTPD's unprivileged processes chroot;
// .ci/install-mtas makes it, as the package would.
const openSMTPDChroot = "/var/lib/opensmtpd/empty"

// OpenSMTPDMissing says what StartOpenSMTPD needs and does not find, or "".
func OpenSMTPDMissing() string {
	return mtaMissing("OpenSMTPD", []string{openSMTPDBinary(), openSMTPDChroot}, []string{"opensmtpd", "opensmtpq"})
}

// StartOpenSMTPD runs OpenSMTPD 6.8 (Debian's opensmtpd, unpacked by
// .ci/install-mtas) on a free loopback port until the test ends. Its
// spool (/var/spool/smtpd) and control socket (/run/smtpd.sock) are
// fixed at build time, so it runs with private directories mounted over
// /var/spool and /run; delivery is paused (-P mda -P mta), so nothing is
// ever delivered. Local users are a virtual table: an unknown one gets
// OpenSMTPD's "524 5.2.4 Mailing list expansion problem". It skips the test
// when OpenSMTPD is missing or the test does not run as root, and fails it
// instead when SMTPPROBE_REQUIRE_ALL=1.
//
// With TLS set it offers STARTTLS, but Debian 12's build cannot complete
// a handshake (it answers ClientHello with an internal_error alert).
// SizeLimit is ignored.
func StartOpenSMTPD(t testing.TB, o MTAOptions) *MTA {
	t.Helper()
	skipOrFail(t, OpenSMTPDMissing())
	o.defaults()
	dir := mtaDir(t, "opensmtpd")
	for _, d := range []string{"spool", "run"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var pki string
	if o.TLS != nil {
		key, chain := filepath.Join(dir, "key.pem"), filepath.Join(dir, "chain.pem")
		if err := writeKeyAndChain(key, chain, o.TLS, 0, 0); err != nil {
			t.Fatal(err)
		}
		pki = fmt.Sprintf("pki %s cert %q\npki %s key %q\n", o.Hostname, chain, o.Hostname, key)
	}
	conf := filepath.Join(dir, "smtpd.conf")
	return startMTA(t, "OpenSMTPD", o.Hostname, func(port int) (sandboxed, error) {
		if err := os.WriteFile(conf, []byte(pki+openSMTPDConfig(o, port)), 0o600); err != nil {
			return sandboxed{}, err
		}
		return sandboxed{
			dir:   dir,
			binds: map[string]string{"/var/spool": filepath.Join(dir, "spool"), "/run": filepath.Join(dir, "run")},
			// -d: foreground, logging to standard error.
			args: []string{openSMTPDBinary(), "-d", "-P", "mda", "-P", "mta", "-f", conf},
		}, nil
	})
}

func openSMTPDConfig(o MTAOptions, port int) string {
	var b strings.Builder
	users := make([]string, len(o.Users))
	for i, u := range o.Users {
		users[i] = fmt.Sprintf("%q = \"root\"", u+"@"+o.Domain)
	}
	fmt.Fprintf(&b, "table vusers { %s }\n", strings.Join(users, ", "))
	var filters []string
	if o.StrictHelo {
		b.WriteString("table nofqdn { \"^[^.]*$\" }\n")
		for _, phase := range []string{"helo", "ehlo"} {
			fmt.Fprintf(&b, "filter %s_fqdn phase %s match helo regex <nofqdn> reject \"550 5.7.1 Helo name is not a fully qualified domain name\"\n", phase, phase)
			filters = append(filters, phase+"_fqdn")
		}
	}
	if o.RefusedSenderDomain != "" {
		fmt.Fprintf(&b, "table refused { %q }\n", "@"+o.RefusedSenderDomain+"$")
		b.WriteString("filter refused_sender phase mail-from match mail-from regex <refused> reject \"550 5.7.1 Sender refused\"\n")
		filters = append(filters, "refused_sender")
	}
	fmt.Fprintf(&b, "listen on 127.0.0.1 port %d hostname %s", port, o.Hostname)
	if o.TLS != nil {
		fmt.Fprintf(&b, " tls pki %s", o.Hostname)
	}
	if len(filters) > 0 {
		fmt.Fprintf(&b, " filter { %s }", strings.Join(filters, ", "))
	}
	b.WriteString("\naction \"local\" mbox virtual <vusers>\n")
	fmt.Fprintf(&b, "match from any for domain %q action \"local\"\n", o.Domain)
	return b.String()
}
