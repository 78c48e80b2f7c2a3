package report

import (
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/probe"
)

func TestStepNames(t *testing.T) {
	h := probe.Host{Steps: []probe.Step{
		{Command: ""}, {Command: "EHLO a"}, {Command: "HELO a"}, {Command: "STARTTLS"}, {Command: "EHLO a"},
		{Command: "MAIL FROM:<>"}, {Command: "RCPT TO:<a@b>"}, {Command: "RCPT TO:<c@d>"}, {Command: "VRFY x"},
		{Command: "AUTH LOGIN"}, {Command: probe.Redacted}, {Command: probe.Redacted},
		{Command: "DATA"}, {Command: "."}, {Command: "RSET"}, {Command: "QUIT"},
	}}
	// The SASL responses of AUTH LOGIN are shown redacted: they are AUTH
	// steps, not the end of a message.
	want := []string{"greeting", "ehlo", "helo", "starttls", "ehlo_tls", "mail", "rcpt", "rcpt_2", "vrfy",
		"auth", "auth_2", "auth_3", "data", "data_end", "rset", "quit"}
	got := stepNames(h)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("stepNames = %v, want %v", got, want)
	}
}
