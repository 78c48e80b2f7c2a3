package report

import (
	"strings"
	"testing"

	"github.com/smtpprobe/smtpprobe/probe"
)

func TestStepNames(t *testing.T) {
	var h probe.Host
	for _, k := range []probe.StepKind{
		probe.StepGreeting, probe.StepEHLO, probe.StepHELO, probe.StepStartTLS, probe.StepEHLO,
		probe.StepMail, probe.StepRcpt, probe.StepRcpt, probe.StepVrfy,
		probe.StepAuth, probe.StepAuth, probe.StepAuth,
		probe.StepData, probe.StepEndOfData, probe.StepRset, probe.StepQuit, "XCLIENT",
	} {
		h.Steps = append(h.Steps, probe.Step{Kind: k})
	}
	// The SASL responses of AUTH LOGIN are AUTH steps; a kind the names
	// do not know is "other".
	want := []string{"greeting", "ehlo", "helo", "starttls", "ehlo_tls", "mail", "rcpt", "rcpt_2", "vrfy",
		"auth", "auth_2", "auth_3", "data", "data_end", "rset", "quit", "other"}
	got := stepNames(h)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("stepNames = %v, want %v", got, want)
	}
}
