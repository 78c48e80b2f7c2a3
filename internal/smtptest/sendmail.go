package smtptest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func sendmailBinary() string {
	return filepath.Join(mtaRoot(), "sendmail/usr/libexec/sendmail/sendmail")
}

func sendmailCF() string { return filepath.Join(mtaRoot(), "sendmail/usr/share/sendmail/cf") }

// SendmailMissing says what StartSendmail needs and does not find, or "".
func SendmailMissing() string {
	if why := mtaMissing("Sendmail", []string{sendmailBinary(), filepath.Join(sendmailCF(), "m4/cf.m4")}, []string{"smmta"}); why != "" {
		return why
	}
	if _, err := exec.LookPath("m4"); err != nil {
		return "m4 not installed (run .ci/install-mtas)"
	}
	return ""
}

// StartSendmail runs Sendmail 8.17 (Debian's sendmail-bin, unpacked by
// .ci/install-mtas) on a free loopback port until the test ends, with a
// sendmail.cf made by m4 from the sendmail-cf macros. Users are aliases of
// root; messages are only queued (DeliveryMode=q, and no queue runner), so nothing is ever
// delivered. Sendmail canonicalises its own host name at start, so it runs
// with a private /etc/hosts naming Hostname (see sandboxed). It logs only
// to syslog. It skips the test when Sendmail is missing or the test does
// not run as root, and fails it instead when SMTPPROBE_REQUIRE_ALL=1.
// StrictHelo is ignored: Sendmail has no such check.
func StartSendmail(t testing.TB, o MTAOptions) *MTA {
	t.Helper()
	skipOrFail(t, SendmailMissing())
	o.defaults()
	dir := mtaDir(t, "sendmail")
	if err := os.Mkdir(filepath.Join(dir, "queue"), 0o700); err != nil {
		t.Fatal(err)
	}
	// The maps, as makemap builds them from "key value" lines: access,
	// and aliases as newaliases would (keys with their NUL, and the "@"
	// entry that says the database is complete).
	var aliases strings.Builder
	for _, u := range o.Users {
		fmt.Fprintf(&aliases, "%s root\n", u)
	}
	aliases.WriteString("@ @\n")
	var access string
	if o.RefusedSenderDomain != "" {
		access = "From:" + o.RefusedSenderDomain + " ERROR:\"550 5.7.1 Sender refused\"\n"
	}
	for _, m := range []struct{ name, text, flags string }{
		{"aliases", aliases.String(), "-N"},
		{"access", access, ""},
	} {
		if err := makemap(filepath.Join(dir, m.name), m.text, m.flags); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range map[string]string{
		"statistics":     "",
		"service.switch": "hosts files\naliases files\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var tlsConf string
	if o.TLS != nil {
		key, chain := filepath.Join(dir, "key.pem"), filepath.Join(dir, "chain.pem")
		if err := writeKeyAndChain(key, chain, o.TLS, 0, 0); err != nil {
			t.Fatal(err)
		}
		tlsConf = fmt.Sprintf("define(`confSERVER_CERT', `%s')dnl\ndefine(`confSERVER_KEY', `%s')dnl\n"+
			"define(`confCACERT', `%s')dnl\ndefine(`confCACERT_PATH', `%s')dnl\n", chain, key, chain, dir)
	}
	cf := filepath.Join(dir, "sendmail.cf")
	return startMTA(t, "Sendmail", o.Hostname, func(port int) (sandboxed, error) {
		mc := sendmailMC(o, dir, port, tlsConf)
		m4 := exec.Command("m4")
		m4.Stdin = strings.NewReader(mc)
		out, err := m4.Output()
		if err != nil {
			return sandboxed{}, fmt.Errorf("m4: %w", err)
		}
		if err := os.WriteFile(cf, out, 0o644); err != nil {
			return sandboxed{}, err
		}
		return sandboxed{dir: dir, args: []string{sendmailBinary(), "-C", cf, "-bD"}}, nil
	})
}

func sendmailMC(o MTAOptions, dir string, port int, tlsConf string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "divert(0)dnl\ninclude(`%s/m4/cf.m4')dnl\nVERSIONID(`smtptest')dnl\nOSTYPE(`linux')dnl\n", sendmailCF())
	for _, kv := range [][2]string{
		{"confDOMAIN_NAME", o.Hostname},
		{"confDONT_PROBE_INTERFACES", "True"},
		{"confSERVICE_SWITCH_FILE", dir + "/service.switch"},
		{"QUEUE_DIR", dir + "/queue"},
		{"ALIAS_FILE", dir + "/aliases"},
		{"STATUS_FILE", dir + "/statistics"},
		{"confPID_FILE", dir + "/sendmail.pid"},
		{"confHOST_STATUS_DIRECTORY", ""},
		{"confDELIVERY_MODE", "q"},
		{"confAUTH_MECHANISMS", ""},
		// The temporary directory is sticky and world-writable.
		{"confDONT_BLAME_SENDMAIL", "GroupReadableKeyFile,TrustStickyBit"},
		{"confPRIVACY_FLAGS", "authwarnings"},
	} {
		fmt.Fprintf(&b, "define(`%s', `%s')dnl\n", kv[0], kv[1])
	}
	if o.SizeLimit > 0 {
		fmt.Fprintf(&b, "define(`confMAX_MESSAGE_SIZE', `%d')dnl\n", o.SizeLimit)
	}
	b.WriteString(tlsConf)
	fmt.Fprintf(&b, "FEATURE(`no_default_msa')dnl\nFEATURE(`access_db', `hash -T<TMPF> %s/access')dnl\n", dir)
	fmt.Fprintf(&b, "LOCAL_DOMAIN(`%s')dnl\n", o.Domain)
	fmt.Fprintf(&b, "DAEMON_OPTIONS(`Family=inet, Name=MTA, Port=%d, Addr=127.0.0.1')dnl\n", port)
	b.WriteString("MAILER(`local')dnl\nMAILER(`smtp')dnl\n")
	return b.String()
}

// makemap builds path.db, a Berkeley DB hash, from text; the text is
// also written to path, which aliases need.
func makemap(path, text, flags string) error {
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return err
	}
	// makemap reads sendmail.cf for its settings; it needs none.
	empty := filepath.Join(filepath.Dir(path), "empty.cf")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		return err
	}
	args := []string{"-C", empty, "hash", path}
	if flags != "" {
		args = append([]string{flags}, args...)
	}
	cmd := exec.Command(filepath.Join(filepath.Dir(sendmailBinary()), "makemap"), args...)
	cmd.Stdin = strings.NewReader(text)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("makemap %s: %v: %s", path, err, out)
	}
	return nil
}
