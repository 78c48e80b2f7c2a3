package report

import (
	"strings"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// withSenderHint adds to the diagnosis of a reply that refuses a sender
// (SPF, DKIM, DMARC, reverse DNS, blocklist) the checks that show the
// cause on the sending side and the command that runs them, so that the
// explanation of a bounce leads to its fix. target is the domain probed
// and from the sender the probe used (--from), "" when there is none
// (explain, the null sender): the command then checks from's domain.
func withSenderHint(d catalog.Diagnosis, target, from string, lang catalog.Lang) catalog.Diagnosis {
	h, ok := catalog.SenderHintFor(d.Category, target, probe.AddressDomain(from), lang)
	if !ok {
		return d
	}
	d.Checks, d.Command = strings.Join(h.Checks, ","), h.Command
	sep := " "
	if lang == catalog.Japanese {
		sep = ""
	}
	d.Fix = strings.TrimSpace(d.Fix + sep + h.Text)
	return d
}
