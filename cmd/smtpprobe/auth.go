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
	fs.BoolVar(&a.submission, "submission", false, "message-submission profile (RFC 6409): port 587, STARTTLS required, AUTH expected; needs --server")
	fs.StringVar(&a.user, "auth-user", "", "authenticate as `USER` (needs --server); password from --auth-password-file or $"+passwordEnv)
	fs.StringVar(&a.passwordFile, "auth-password-file", "", "read the AUTH password from the first line of `FILE`")
	fs.StringVar(&a.tokenFile, "auth-token-file", "", "read an OAuth 2.0 bearer token for XOAUTH2/OAUTHBEARER from the first line of `FILE`")
	fs.StringVar(&a.mech, "auth-mech", "", "AUTH `mechanism`: PLAIN, LOGIN, XOAUTH2, OAUTHBEARER (default: the strongest offered)")
	fs.BoolVar(&a.allowInsecure, "allow-insecure-auth", false, "allow credentials over a connection without verified TLS (flagged critical)")
}

// apply checks the submission and AUTH flags and sets them in cfg, which
// already holds the other flags. The password and token are read here,
// from a file or the environment, and never appear in an error.
func (a *authOptions) apply(cfg *probe.Config, fs *pflag.FlagSet, getenv func(string) string, stderr io.Writer) error {
	if a.submission {
		if cfg.Server == "" {
			return errors.New("--submission needs --server HOST: submission servers are not found by MX lookup (try --server smtp.example.com)")
		}
		if !cfg.ImplicitTLS {
			switch {
			case cfg.StartTLS == probe.StartTLSNever:
				return errors.New("--submission needs TLS: drop --starttls never, or use --tls for port 465")
			case !fs.Changed("starttls"):
				cfg.StartTLS = probe.StartTLSRequire
			}
		}
		cfg.Submission = true
	}
	if a.user == "" {
		for _, f := range []string{"auth-password-file", "auth-token-file", "auth-mech", "allow-insecure-auth"} {
			if fs.Changed(f) {
				return fmt.Errorf("--%s needs --auth-user", f)
			}
		}
		return nil
	}
	if cfg.Server == "" {
		return errors.New("--auth-user needs --server HOST: credentials go only to a server you name, never to MX hosts found in DNS")
	}
	if a.tokenFile != "" && a.passwordFile != "" {
		return errors.New("--auth-password-file and --auth-token-file: give one, not both")
	}
	auth := &probe.Auth{User: a.user, Mechanism: strings.ToUpper(a.mech), AllowInsecure: a.allowInsecure}
	// Where each field came from, to name it when it breaks a rule.
	source := map[probe.AuthField]string{
		probe.AuthFieldUser:      "--auth-user",
		probe.AuthFieldPassword:  "--auth-password-file",
		probe.AuthFieldToken:     "--auth-token-file",
		probe.AuthFieldMechanism: "--auth-mech",
	}
	var err error
	switch {
	case a.tokenFile != "":
		auth.Token, err = readSecret(a.tokenFile, "--auth-token-file", stderr)
	case a.passwordFile != "":
		auth.Password, err = readSecret(a.passwordFile, "--auth-password-file", stderr)
	case auth.Mechanism == probe.MechXOAuth2 || auth.Mechanism == probe.MechOAuthBearer:
		return fmt.Errorf("--auth-mech %s needs a token: --auth-token-file FILE", auth.Mechanism)
	default:
		source[probe.AuthFieldPassword] = passwordEnv
		if auth.Password = getenv(passwordEnv); auth.Password == "" {
			err = fmt.Errorf("--auth-user needs a password: --auth-password-file FILE or the environment variable %s", passwordEnv)
		}
	}
	if err != nil {
		return err
	}
	if err := probe.CheckAuth(auth); err != nil {
		var ae *probe.AuthError
		if errors.As(err, &ae) {
			return fmt.Errorf("%s: %w", source[ae.Field], err)
		}
		return err
	}
	cfg.Auth = auth
	if !fs.Changed("from") {
		// A submission server checks the sender against the login; an
		// application sends from its own address.
		if from, err := probe.ParseAddress(a.user); err == nil {
			cfg.From = from
		}
	}
	return nil
}

// readSecret returns the first line of file without its line end; it must
// not be empty. Like ssh with a key, it warns on stderr when others may
// read or change the file.
func readSecret(file, flag string, stderr io.Writer) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", fmt.Errorf("%s: %w", flag, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if why := tooOpen(fi.Mode().Perm()); why != "" {
			fmt.Fprintf(stderr, "smtpprobe: warning: %s %s: %s (mode %04o); chmod 600 %s\n", flag, file, why, fi.Mode().Perm(), file)
		}
	}
	r := bufio.NewReaderSize(io.LimitReader(f, maxSecretLine+2), maxSecretLine+2)
	line, err := r.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("%s: reading %s: %w", flag, file, err)
	}
	if err == io.EOF && len(line) > maxSecretLine {
		return "", fmt.Errorf("%s: the first line of %s is longer than %d bytes", flag, file, maxSecretLine)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", fmt.Errorf("%s: the first line of %s is empty", flag, file)
	}
	return line, nil
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
