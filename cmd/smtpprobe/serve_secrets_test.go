package main

import (
	"os"
	"strings"
	"testing"
)

// TestServeSecretFilePermissions: the exporter warns at start-up, once per
// file and on stderr, about each password or token file that others may
// read or change, whether a module of --config names it or serve's own
// flags do (for the default module), as the command warns for its flags;
// a private file gets no warning, and no secret is ever printed.
func TestServeSecretFilePermissions(t *testing.T) {
	file := func(content string, mode os.FileMode) string {
		f := secretFile(t, content+"\n")
		if err := os.Chmod(f, mode); err != nil {
			t.Fatal(err)
		}
		return f
	}
	shared := file(subPass, 0o644)  // named by two modules: one warning
	token := file(subToken, 0o604)  // readable by others
	private := file(subPass, 0o600) // no warning
	flagged := file(subPass, 0o640) // given as serve's flag
	config := configFile(t, `modules:
  submit:
    server: smtp.example.test
    submission: true
    auth_user: `+subUser+`
    auth_password_file: `+shared+`
  submit2:
    server: smtp.example.test
    auth_user: `+subUser+`
    auth_password_file: `+shared+`
  oauth:
    server: smtp.example.test
    auth_user: `+subUser+`
    auth_token_file: `+token+`
  private:
    server: smtp.example.test
    auth_user: `+subUser+`
    auth_password_file: `+private+`
`)
	e, stderr := serveEnv(nil, nil)
	if _, err := exporter(e, "--config", config, "--server", "smtp.example.test", "--auth-user", subUser, "--auth-password-file", flagged); err != nil {
		t.Fatal(err)
	}
	want := []string{ // in the order of the modules' names
		"smtpprobe: warning: --auth-password-file " + flagged + ": readable by its group (mode 0640); chmod 600 " + flagged,
		"smtpprobe: warning: --config " + config + ": module oauth: auth_token_file " + token + ": readable by others (mode 0604); chmod 600 " + token,
		"smtpprobe: warning: --config " + config + ": module submit: auth_password_file " + shared + ": readable by others (mode 0644); chmod 600 " + shared,
	}
	if got := strings.TrimSuffix(stderr.String(), "\n"); got != strings.Join(want, "\n") {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	// The README shows the first warning.
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	shown := strings.NewReplacer(config, "/etc/smtpprobe.yml", shared, "/etc/smtpprobe/pw").Replace(want[2])
	if !strings.Contains(string(readme), "\n    "+shown+"\n") {
		t.Errorf("README.md does not show the warning as serve gives it:\n    %s", shown)
	}
	for _, secret := range []string{subPass, subToken} {
		if strings.Contains(stderr.String(), secret) {
			t.Errorf("stderr shows a secret: %q", stderr.String())
		}
	}
}
