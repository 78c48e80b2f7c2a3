package report

import (
	"strings"

	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// withSenderHint adds to the diagnosis of a reply that refuses a sender
// (SPF, DKIM, DMARC, reverse DNS, blocklist) the checks that show the
// cause on the sending side and the command that runs them, so that the
// explanation of a bounce leads to its fix. target is the domain probed
// and from the sender the probe used (--from), "" when there is none
// (explain, the null sender): the command then checks from's domain.
func withSenderHint(d catalog.Diagnosis, target, from string, lang catalog.Lang) catalog.Diagnosis {
	h, ok := catalog.SenderHintFor(d.Category, target, senderDomain(from), lang)
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

// senderDomain is the domain of a sender address, lower case, "" for the
// null sender and for an address literal ("user@[192.0.2.1]"), which has
// no SPF, DKIM or DMARC of its own.
func senderDomain(from string) string {
	i := strings.LastIndexByte(from, '@')
	if i < 0 {
		return ""
	}
	d := strings.ToLower(strings.TrimSuffix(from[i+1:], "."))
	if d == "" || strings.HasPrefix(d, "[") {
		return ""
	}
	return d
}
