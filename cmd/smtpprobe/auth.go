package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/smtpprobe/smtpprobe/probe"
)

// passwordEnv is the environment variable that holds the AUTH password
// when --auth-password-file is not given. There is no flag for the
// password itself: a flag value shows in ps, in shell history and in
// cron mails.
const passwordEnv = "SMTPPROBE_PASSWORD"

// maxSecretLine bounds the first line of a password or token file; OAuth
// tokens run to a few kilobytes, passwords far less.
const maxSecretLine = 16 << 10

// authOptions are the flags of message submission and SMTP AUTH.
type authOptions struct {
	submission    bool
	user          string
	passwordFile  string
	tokenFile     string
	mech          string
	allowInsecure bool
}

// addAuthFlags registers the submission and AUTH flags on fs.
func addAuthFlags(fs *pflag.FlagSet, a *authOptions) {
	fs.BoolVar(&a.submission, "submission", false, "message-submission profile (RFC 6409): port 587, STARTTLS required, AUTH expected; needs --server; the target is optional")
	fs.StringVar(&a.user, "auth-user", "", "authenticate as `USER` (needs --server); password from --auth-password-file or $"+passwordEnv)
	fs.StringVar(&a.passwordFile, "auth-password-file", "", "read the AUTH password from the first line of `FILE`")
	fs.StringVar(&a.tokenFile, "auth-token-file", "", "read an OAuth 2.0 bearer token for XOAUTH2/OAUTHBEARER from the first line of `FILE`")
	fs.StringVar(&a.mech, "auth-mech", "", "AUTH `mechanism`: PLAIN, LOGIN, XOAUTH2, OAUTHBEARER (default: the strongest offered)")
	fs.BoolVar(&a.allowInsecure, "allow-insecure-auth", false, "allow credentials over a connection without verified TLS (flagged critical)")
}

// apply checks the submission and AUTH flags and sets them in cfg, which
// already holds the other flags. The password and token are read here,
// from a file or the environment, and never appear in an error.
func (a *authOptions) apply(cfg *probe.Config, changed func(flag string) bool, getenv func(string) string) error {
	if a.submission {
		if cfg.Server == "" {
			return optionErrorf("%s needs %s HOST: submission servers are not found by MX lookup (try %s smtp.example.com)", option("submission"), option("server"), option("server"))
		}
		if !cfg.ImplicitTLS {
			switch {
			case cfg.StartTLS == probe.StartTLSNever:
				return optionErrorf("%s needs TLS: drop %s never, or use %s for port 465", option("submission"), option("starttls"), option("tls"))
			case !changed("starttls"):
				cfg.StartTLS = probe.StartTLSRequire
			}
		}
		cfg.Submission = true
	}
	if a.user == "" {
		for _, f := range []option{"auth-password-file", "auth-token-file", "auth-mech", "allow-insecure-auth"} {
			if changed(string(f)) {
				return optionErrorf("%s needs %s", f, option("auth-user"))
			}
		}
		return nil
	}
	if cfg.Server == "" {
		return optionErrorf("%s needs %s HOST: credentials go only to a server you name, never to MX hosts found in DNS", option("auth-user"), option("server"))
	}
	if a.tokenFile != "" && a.passwordFile != "" {
		return optionErrorf("%s and %s: give one, not both", option("auth-password-file"), option("auth-token-file"))
	}
	auth := &probe.Auth{User: a.user, Mechanism: strings.ToUpper(a.mech), AllowInsecure: a.allowInsecure}
	// Where each field came from, to name it when it breaks a rule.
	source := map[probe.AuthField]any{
		probe.AuthFieldUser:      option("auth-user"),
		probe.AuthFieldPassword:  option("auth-password-file"),
		probe.AuthFieldToken:     option("auth-token-file"),
		probe.AuthFieldMechanism: option("auth-mech"),
	}
	var err error
	switch {
	case a.tokenFile != "":
		auth.Token, err = readSecret(a.tokenFile, "auth-token-file")
	case a.passwordFile != "":
		auth.Password, err = readSecret(a.passwordFile, "auth-password-file")
	case auth.Mechanism == probe.MechXOAuth2 || auth.Mechanism == probe.MechOAuthBearer:
		return optionErrorf("%s %s needs a token: %s FILE", option("auth-mech"), auth.Mechanism, option("auth-token-file"))
	default:
		source[probe.AuthFieldPassword] = passwordEnv
		if auth.Password = getenv(passwordEnv); auth.Password == "" {
			err = optionErrorf("%s needs a password: %s FILE or the environment variable %s", option("auth-user"), option("auth-password-file"), passwordEnv)
		}
	}
	if err != nil {
		return err
	}
	if err := probe.CheckAuth(auth); err != nil {
		var ae *probe.AuthError
		if errors.As(err, &ae) {
			return optionErrorf("%s: %w", source[ae.Field], err)
		}
		return err
	}
	cfg.Auth = auth
	if !changed("from") {
		// A submission server checks the sender against the login; an
		// application sends from its own address.
		if from, err := probe.ParseAddress(a.user); err == nil {
			cfg.From = from
		}
	}
	return nil
}

// readSecret returns the first line of file without its line end; it must
// not be empty.
func readSecret(file string, flag option) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", optionErrorf("%s: %w", flag, err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(io.LimitReader(f, maxSecretLine+2), maxSecretLine+2)
	line, err := r.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", optionErrorf("%s: reading %s: %w", flag, file, err)
	}
	if err == io.EOF && len(line) > maxSecretLine {
		return "", optionErrorf("%s: the first line of %s is longer than %d bytes", flag, file, maxSecretLine)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", optionErrorf("%s: the first line of %s is empty", flag, file)
	}
	return line, nil
}

// openSecret is a password or token file that others may read or
// change.
type openSecret struct {
	opt  option // the option that names it
	file string
	why  string // who besides the owner may read or change it (tooOpen)
	perm os.FileMode
}

// text says what is wrong with the file, naming its option with name
// (option.flag for the command line, option.key for a config file).
func (s openSecret) text(name func(option) string) string {
	return fmt.Sprintf("%s %s: %s (mode %04o); chmod 600 %s", name(s.opt), s.file, s.why, s.perm, s.file)
}

// openSecrets are the password and token files of a that others may read
// or change, as ssh checks a private key. Only the file's mode is looked
// at, never its content.
func (a *authOptions) openSecrets() []openSecret {
	var open []openSecret
	for _, f := range []struct {
		opt  option
		file string
	}{{"auth-password-file", a.passwordFile}, {"auth-token-file", a.tokenFile}} {
		if f.file == "" {
			continue
		}
		fi, err := os.Stat(f.file)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if why := tooOpen(fi.Mode().Perm()); why != "" {
			open = append(open, openSecret{f.opt, f.file, why, fi.Mode().Perm()})
		}
	}
	return open
}

// tooOpen says who besides the owner may read or change a file with
// permissions perm; "" when no one may.
func tooOpen(perm os.FileMode) string {
	switch {
	case perm&0o004 != 0:
		return "readable by others"
	case perm&0o040 != 0:
		return "readable by its group"
	case perm&0o022 != 0:
		return "writable by its group or others"
	}
	return ""
}

// authDeadlineSteps is how many replies AUTH adds to a dialogue at most
// (LOGIN: the command, the user name, the password).
func (a *authOptions) authDeadlineSteps() int {
	if a.user == "" {
		return 0
	}
	return 3
}

// defaultTargets makes the login itself the target of a submission or
// AUTH probe given no target: RCPT TO the user's own address, which
// delivers nothing without --data.
func (a *authOptions) defaultTargets(inputs []string) []string {
	if len(inputs) > 0 || a.user == "" {
		return inputs
	}
	if _, err := probe.ParseAddress(a.user); err != nil {
		return inputs
	}
	return []string{a.user}
}
