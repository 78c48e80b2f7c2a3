package probe

import "strings"

// Software is the mail server software a host says it runs, in its
// greeting or its EHLO reply. It tells the report whose settings to name
// in a fix; it proves nothing (a banner can be changed to anything).
type Software string

// The software Identify recognises.
const (
	SoftwareUnknown   Software = ""
	SoftwarePostfix   Software = "postfix"
	SoftwareExim      Software = "exim"
	SoftwareSendmail  Software = "sendmail"
	SoftwareOpenSMTPD Software = "opensmtpd"
	SoftwareExchange  Software = "exchange" // Microsoft Exchange Server and Exchange Online
)

// softwareWords are words of greetings and EHLO replies that name the
// software, as the stock banners have them: Postfix "ESMTP Postfix
// (Debian/GNU)", Exim "ESMTP Exim 4.96", Sendmail "ESMTP Sendmail
// 8.17.1.9/8.17.1.9", OpenSMTPD "ESMTP OpenSMTPD", Exchange "Microsoft ESMTP
// MAIL Service ready".
var softwareWords = []struct {
	word string // lower case, a whole word
	sw   Software
}{
	{"postfix", SoftwarePostfix},
	{"exim", SoftwareExim},
	{"sendmail", SoftwareSendmail},
	{"opensmtpd", SoftwareOpenSMTPD},
	{"microsoft", SoftwareExchange},
}

// exchangeExtensions are EHLO keywords only Exchange offers.
var exchangeExtensions = []string{"X-EXPS", "XEXCH50", "X-ANONYMOUSTLS", "XRDST", "X-LINK2STATE"}

// IdentifySoftware names the software by the words of a reply's text
// (the greeting, or the first line of the EHLO reply) or, for Exchange,
// by its EHLO extensions; SoftwareUnknown when nothing names it.
func IdentifySoftware(lines []string, ext map[string]string) Software {
	for _, kw := range exchangeExtensions {
		if _, ok := ext[kw]; ok {
			return SoftwareExchange
		}
	}
	text := strings.ToLower(strings.Join(lines, " "))
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
	for _, w := range words {
		for _, s := range softwareWords {
			if w == s.word {
				return s.sw
			}
		}
	}
	return SoftwareUnknown
}
