package catalog

import "strings"

// Software names the mail server software a reply comes from, when the
// greeting, the EHLO reply or the reply's own text says it, so that a fix
// can name that software's setting instead of a neutral description. The
// values are those of the probe's identification of a host (probe.Software,
// which the catalog, a package of data, does not import).
type Software string

// The software whose settings the catalog can name.
const (
	SoftwareUnknown   Software = ""
	SoftwarePostfix   Software = "postfix"
	SoftwareExim      Software = "exim"
	SoftwareSendmail  Software = "sendmail"
	SoftwareOpenSMTPD Software = "opensmtpd"
	SoftwareExchange  Software = "exchange" // Exchange Server and Exchange Online
)

// Options select how a reply or a finding is explained.
type Options struct {
	Lang Lang
	// Software is the server software the greeting or the EHLO reply
	// named. When it is unknown, the reply's own text may name it
	// (Postfix's "Recipient address rejected:", OpenSMTPD's "Invalid
	// command:", Exchange's "RESOLVER." codes); when nothing does, fixes
	// stay neutral.
	Software Software
}

// SoftwareFix is a fix that names one server software's settings. It
// replaces the neutral fix of an entry when the reply or finding comes
// from that software; it is written for the operator of the server that
// sent the reply.
type SoftwareFix struct {
	Software Software
	En, Ja   string
}

// softwareFix returns the fix of fixes for sw in lang.
func softwareFix(fixes []SoftwareFix, sw Software, lang Lang) (string, bool) {
	if sw == SoftwareUnknown {
		return "", false
	}
	for _, f := range fixes {
		if f.Software == sw {
			if lang == Japanese {
				return f.Ja, true
			}
			return f.En, true
		}
	}
	return "", false
}

// softwareTexts are words of stock reply texts that only one software
// sends: Postfix's restriction replies, OpenSMTPD's enhanced-code
// descriptions, Exchange's component codes, Exim's and Sendmail's stock
// phrases. Each is in testdata/replies.tsv.
var softwareTexts = []struct {
	sw    Software
	words []string
}{
	{SoftwarePostfix, []string{"recipient address rejected:", "sender address rejected:", "client host rejected:", "helo command rejected:", "in local recipient table", "in virtual mailbox table", "error: smtp protocol synchronization"}},
	{SoftwareOpenSMTPD, []string{"invalid command:", "invalid command arguments:", "mailing list expansion problem"}},
	{SoftwareExchange, []string{"resolver.adr.", "resolver.rst.", "storedrv.", ".prod.outlook.com", "prod.protection.outlook.com"}},
	{SoftwareExim, []string{"sender verify failed", "could not complete sender verify callout", "could not complete recipient verify callout"}},
	{SoftwareSendmail, []string{"... user unknown", "... relaying denied"}},
}

// softwareOfText returns the software whose stock texts lower holds, or
// SoftwareUnknown.
func softwareOfText(lower string) Software {
	for _, s := range softwareTexts {
		for _, w := range s.words {
			if strings.Contains(lower, w) {
				return s.sw
			}
		}
	}
	return SoftwareUnknown
}
