package catalog

import (
	"regexp"
	"strings"
	"testing"
)

// ruleExamples holds, for every rule, realistic reply lines that the rule
// must win: texts as Postfix, Exim, Sendmail, qmail, Exchange and the large
// providers send them (many from replies.tsv's sources).
var ruleExamples = map[string][]string{
	"gmail-unauthenticated": {
		"550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.",
		"421-4.7.0 This message does not have authentication information or fails to pass authentication checks. To best protect our users from spam, the message has been blocked.",
		"550 5.7.515 Access denied, sending domain example.jp doesn't meet the required authentication level.",
	},
	"gmail-unsolicited": {
		"421-4.7.28 Gmail has detected an unusual rate of unsolicited mail. To protect our users from spam, mail has been temporarily rate limited.",
		"550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.",
	},
	"gmail-receiving-too-fast": {
		"450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please resend your message at a later time.",
		"550 5.4.5 Daily user sending limit exceeded. - gsmtp",
	},
	"microsoft-banned-ip": {
		"550 5.7.606 Access denied, banned sending IP [192.0.2.45]. To request removal from this list please visit https://sender.office.com/ and follow the directions.",
		"550 SC-001 (SNT004-MC4F53) Unfortunately, messages from 192.0.2.137 weren't sent. Please contact your Internet service provider since part of their network is on our block list.",
	},
	"microsoft-recipient-not-found": {
		"550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
		"550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
	},
	"microsoft-edge-unknown-recipient": {
		"550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DB5EUR03FT044.eop-EUR03.prod.protection.outlook.com]",
		"550 5.4.1 All recipient addresses rejected : Access denied [AM0EUR02FT012.eop-EUR02.prod.protection.outlook.com]",
	},
	"microsoft-server-busy": {
		"451 4.7.500 Server busy. Please try again later from [192.0.2.15]. (S77719) [VI1EUR04FT012.eop-eur04.prod.protection.outlook.com]",
	},
	"microsoft-ip-reputation": {
		"451 4.7.650 The mail server [192.0.2.25] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com",
	},
	"rfc5322-noncompliant": {
		"550-5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers. To reduce the amount of spam sent to Gmail, this message has been blocked.",
		"550 5.7.1 Messages missing a valid Message-ID header are not accepted. - gsmtp",
		"550 5.7.1 Delivery not authorized, message refused: Message is not RFC 2822 compliant",
		"550 5.7.1 Messages missing a valid address in From: header, or having no From: header, are not accepted.",
	},
	"ip-allowlist": {
		"421 4.7.0 IP not in whitelist for RCPT domain, closing connection. - gsmtp",
	},
	"gmail-one-domain-per-transaction": {
		"451 4.3.0 Multiple destination domains per transaction is unsupported. Please try again. - gsmtp",
	},
	"yahoo-deferred": {
		"421 4.7.0 [TSS04] Messages from 192.0.2.35 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
		"421 Message from 192.0.2.35 temporarily deferred - 4.16.50",
	},
	"cpanel-unrouteable": {
		"550 No Such User Here",
		"550 Unrouteable address",
	},
	"spamhaus": {
		"554 5.7.1 Service unavailable; Client host [192.0.2.81] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.81",
		"553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's list; see http://postmaster.yahoo.com/550-bl23.html",
	},
	"barracuda": {
		"554 Service unavailable; Client host [192.0.2.9] blocked using b.barracudacentral.org; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.9",
	},
	"spamcop": {
		"554 5.7.1 Service unavailable; Client host [192.0.2.3] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.3",
	},
	"uribl": {
		"550-REJECTED - Blacklisted URL in message. (example.com) in [black]. 550-See http://lookup.uribl.com.",
	},
	"dnsbl": {
		"554 5.7.1 Service unavailable; Client host [192.0.2.97] blocked using dul.dnsbl.sorbs.net; Dynamic IP Addresses See: http://www.sorbs.net/lookup.shtml?192.0.2.97",
		"550 Rejected because 192.0.2.4 is listed at dnsbl-1.uceprotect.net",
		"554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using psbl.surriel.com",
	},
	"reverse-dns": {
		"450 4.7.1 Client host rejected: cannot find your hostname, [131.155.210.17]",
		"550 5.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.7]",
		"550-5.7.25 [192.0.2.1] The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP.",
	},
	"helo-rejected": {
		"504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname",
		"450 4.7.1 <foo>: Helo command rejected: Host not found",
		"501 5.5.2 <1.2.3.321>: Helo command rejected: invalid ip address",
		"550 5.5.0 your ehlo domain does not resolve to an IP address",
	},
	"ip-blocked": {
		"554 5.7.1 <foo.dunno.com[131.155.210.17]>: Client host rejected: Access denied",
		"550 5.7.1 The IP you're using to send mail is not authorized to send email directly to our servers. Please use the SMTP relay at your service provider instead.",
		"550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues. OFR006_102",
	},
	"greylisting": {
		"450 4.2.0 <karen@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html",
		"451 4.7.1 Greylisting in action, please come back in 00:05:00",
		"422 4.2.2 Greylisted, please try again in a few moments.",
	},
	"starttls-required": {
		"530 5.7.0 Must issue a STARTTLS command first",
		"421 4.7.0 TLS required for RCPT domain, closing connection. - gsmtp",
		"530 5.7.0 STARTTLS required for mail delivery",
	},
	"tls-unavailable": {
		"454 4.7.0 TLS not available due to local problem",
	},
	"auth-required": {
		"530 5.7.57 SMTP; Client was not authenticated to send anonymous mail during MAIL FROM",
		"530 5.7.0 Authentication required",
		"553 5.7.1 <user@example.com>: Sender address rejected: not logged in",
		"530 5.7.0 Must issue an AUTH command first",
	},
	"auth-temporary": {
		"454 4.7.0 Temporary authentication failure",
		"454 4.7.0 Authentication temporarily unavailable, try again later",
	},
	"auth-failed": {
		"535 5.7.8 Error: authentication failed: authentication failure",
		"535-5.7.8 Username and Password not accepted. For more information, go to 535 5.7.8 https://support.google.com/mail/?p=BadCredentials",
		"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
		"534 5.7.9 Application-specific password required.",
	},
	"spf-fail": {
		"550 5.7.23 The message was rejected because of Sender Policy Framework violation",
		"550 5.7.1 Sender rejected: SPF check failed; see http://www.open-spf.org/Why?s=mfrom",
		"550 5.7.1 Mail from 192.0.2.1 is not permitted by domain example.com to send mail on behalf of user@example.com",
	},
	"dkim-dmarc-fail": {
		"550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and has a DMARC policy of reject.",
		"550 5.7.20 No passing DKIM signature found",
		"550 5.7.26 rejecting per dmarc policy",
	},
	"mailbox-full": {
		"552 5.2.2 <user@example.com>... Mailbox Full",
		"452-4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp",
		"554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded",
		"552 5.2.2 user@example.com Quota exceeded (mailbox for user is full)",
	},
	"size-limit": {
		"552 5.3.4 Message size exceeds fixed limit",
		"552 sorry, that message size exceeds my databytes limit (#5.3.4)",
		"552 5.3.4 Your message exceeded Google's message size limits.",
	},
	"too-many-connections": {
		"421 4.7.0 mx.example.com Error: too many connections from 192.0.2.7",
		"421 Too many concurrent SMTP connections; please try again later.",
		"421 4.7.0 too many open connections from your ip or network",
	},
	"rate-limit": {
		"450 4.7.1 Error: too many recipients from 192.0.2.7",
		"452 4.5.3 Error: too many recipients",
		"550 Ip frequency limited [V2VkIEFwciAgMyAxNjoz] Blocked IP 192.0.2.22",
		"451 4.7.1 max number of messages (1000) over past 24h reached",
		"450 4.7.1 Sender rate overlimit - 101.0 / 1h / user@example.com",
	},
	"virus": {
		"554 5.7.1 Virus found: Win.Trojan.Agent-123",
		"552-5.7.0 This message was blocked because its content presents a potential security issue.",
	},
	"spam-content": {
		"550 5.7.1 Message rejected as spam by Content Filtering.",
		"554 5.7.0 Reject, id=20025-09 - SPAM",
		"554 5.7.1 Email cannot be delivered. Reason: Email flagged as Spam.",
	},
	"mailbox-disabled": {
		"550 5.2.1 The email account that you tried to reach is disabled.",
		"554 delivery error: dd This account has been disabled or discontinued [#102]. - mta1234.mail.ne1.yahoo.com",
		"550 5.7.1 <user@example.com>: Recipient address rejected: User user@example.com temporary locked. Please try again later.",
	},
	"relay-denied": {
		"554 5.7.1 <foo@example.com>: Relay access denied",
		"553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
		"550 5.7.1 <user@example.com>... Relaying denied. Proper authentication required.",
		"550 relay not permitted",
	},
	"sender-rejected": {
		"550-Verification failed for <user@example.org> 550-Unrouteable address 550 Sender verify failed",
		"553 sorry, your envelope sender is in my badmailfrom list (#5.7.1)",
		"550 5.1.0 <baz@example.com>: Sender address rejected: User unknown in local recipient table",
		"550 Spoofed MAIL FROM",
		"550 Mail from domain 'example.com' is not allowed from your host",
	},
	"address-syntax": {
		"504 5.5.2 <foo>: Recipient address rejected: need fully-qualified address",
		"553 5.1.3 The recipient address <user@example.com > is not a valid RFC 5321 address. - gsmtp",
	},
	"sender-domain-unknown": {
		"553 5.1.8 <user@example.invalid>... Domain of sender address user@example.invalid does not exist",
		"450 4.1.8 <foo@bad.domain>: Sender address rejected: Domain not found",
		"550 5.1.7 No such domain example.invalid.",
	},
	"recipient-domain-unknown": {
		"450 4.1.2 <rname@nxdomain.example>: Recipient address rejected: Domain not found",
		"554 The mail could not be delivered to the recipient because the domain is not reachable. Please check the domain and try again",
	},
	"access-denied": {
		"554 5.7.1 <anyone@reject.domain>: Recipient address rejected: Access denied",
		"550 Administrative prohibition",
		"550 you are not allowed to send mail to <user@example.ca>",
	},
	"user-unknown": {
		"550 5.1.1 <joe@example.com>: Recipient address rejected: User unknown in local recipient table",
		"550 5.1.1 <user@example.com>... User unknown",
		"550 sorry, no mailbox here by that name (#5.1.1 - chkuser)",
		"550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.",
		"550 Requested action not taken: mailbox unavailable",
		"550 <user@example.jp>: Recipient address rejected.",
	},
	"does-not-accept-mail": {
		"556 5.1.10 <user@example.com>: Recipient address rejected: Domain example.com does not accept mail (nullMX)",
		"554 mx.example.com ESMTP not accepting connections",
		"521 5.3.2 mx.example.com does not accept mail",
	},
	"mail-loop": {
		"554 5.4.6 Hop count exceeded - possible mail loop",
		"554 too many hops, this message is looping (#5.4.6)",
	},
	"protocol-error": {
		"554 5.5.0 Error: SMTP protocol synchronization",
		"421 4.7.0 mx.example.com Error: too many errors",
		"454 4.5.0 SMTP protocol violation, no commands allowed to pipeline after STARTTLS, see RFC 3207.",
	},
	"server-trouble": {
		"451 4.3.0 <user@example.com>: Temporary lookup failure",
		"452 4.4.5 Insufficient disk space; try again later",
		"451 qqt failure (#4.3.0)",
		"421 4.3.0 Temporary System Problem. Try again later. - gsmtp",
	},
	"proofpoint": {
		"554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.225",
		"554 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.225",
	},
	"cisco-talos": {
		"554 5.7.1 Your IP 192.0.2.8 has been rejected by SenderBase reputation. See https://talosintelligence.com/reputation_center/lookup?search=192.0.2.8",
	},
	"t-online": {
		"554 IP=192.0.2.254 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.)",
	},
	"mimecast": {
		"550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550",
		"550 Rejected by header based Anti-Spoofing policy: user@example.com",
	},
	"microsoft-hourly-limit": {
		"421 RP-001 (BAY004-MC1F25) Unfortunately, some messages from 192.0.2.1 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day.",
	},
	"amazon-ses-unverified": {
		"554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: sender@example.com",
	},
	"sender-login-mismatch": {
		"553 5.7.1 <sales@example.com>: Sender address rejected: not owned by user bob",
		"550 5.7.60 SMTP; Client does not have permissions to send as this sender",
		"550 Envelope domain 'example.com' doesn't match AUTH domain 'example.net'",
	},
	"restricted-recipient": {
		"550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery restriction check failed as the sender is not authenticated",
	},
	"recipient-verification": {
		"450 4.1.1 <user@example.com>: Recipient address rejected: unverified address: host mail.example.com[192.0.2.5] said: 550 5.1.1 <user@example.com>: Recipient address rejected: User unknown",
	},
	"policy-refusal": {
		"550 5.7.1 Message rejected due to local policy",
		"550 5.2.0 Message Filtered",
	},
}

func TestRuleExamples(t *testing.T) {
	for _, r := range Rules() {
		examples := ruleExamples[r.ID]
		if len(examples) == 0 {
			t.Errorf("rule %s has no example reply", r.ID)
		}
		for _, line := range examples {
			t.Run(r.ID, func(t *testing.T) {
				for _, lang := range []Lang{English, Japanese} {
					d := Diagnose(0, "", line, lang)
					if d.Matched != MatchedRule || d.Rule != r.ID {
						t.Errorf("%q: matched %s rule %q; want rule %s", line, d.Matched, d.Rule, r.ID)
					}
					if d.Rule == r.ID && (d.Category != r.Category || d.Title != pick(lang, r.En, r.Ja).Title) {
						t.Errorf("%q: %+v; want the rule's category and text", line, d)
					}
				}
			})
		}
	}
	for id := range ruleExamples {
		if !ruleExists(id) {
			t.Errorf("examples for unknown rule %s", id)
		}
	}
}

func ruleExists(id string) bool {
	for _, r := range Rules() {
		if r.ID == id {
			return true
		}
	}
	return false
}

// TestMatcherEquivalent checks that the fast matchers agree with plain
// case-insensitive regular expressions on every example and corpus reply.
func TestMatcherEquivalent(t *testing.T) {
	var texts []string
	for _, ex := range ruleExamples {
		texts = append(texts, ex...)
	}
	for _, row := range readLabelled(t, "testdata/replies.tsv") {
		texts = append(texts, row.reply)
	}
	var patterns []string
	for _, r := range Rules() {
		patterns = append(patterns, r.Pattern)
	}
	for _, e := range BasicEntries() {
		if e.Match != "" {
			patterns = append(patterns, e.Match)
		}
	}
	for _, p := range patterns {
		if p == "" {
			continue
		}
		slow := regexp.MustCompile("(?i)" + p)
		fast := compileMatcher(p)
		for _, text := range texts {
			flat := flatten(text)
			if got, want := fast.match(lowerText(flat)), slow.MatchString(flat); got != want {
				t.Errorf("pattern %q on %q: fast %v, regexp %v", p, text, got, want)
			}
		}
	}
}

func TestRetryOverride(t *testing.T) {
	tests := []struct {
		line, retry string
	}{
		{"554 5.7.1 Service temporarily unavailable, please try again later", Transient},
		{"553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed.", Permanent},
		{"450 4.7.1 Messages from 192.0.2.1 are permanently rejected; do not retry", Permanent},
		{"550 5.1.1 User unknown", Permanent},
		{"451 4.3.0 Temporary lookup failure", Transient},
		// Greylisting is always worth a retry, even when misconfigured as 5xx.
		{"550 5.7.1 Greylisted, please try again in 300 seconds", Transient},
	}
	for _, tt := range tests {
		if d := Diagnose(0, "", tt.line, English); d.Retry != tt.retry {
			t.Errorf("%q: retry %s; want %s", tt.line, d.Retry, tt.retry)
		}
	}
}

func TestRulesIgnorePositiveReplies(t *testing.T) {
	for _, line := range []string{"250 2.0.0 Ok: queued as 4ABC; spam score 0.1", "220 mx.example.com ESMTP greylisting in use", "354 End data with <CR><LF>.<CR><LF>"} {
		if d := Diagnose(0, "", line, English); d.Matched == MatchedRule || strings.HasPrefix(d.Class, "4") || strings.HasPrefix(d.Class, "5") {
			t.Errorf("%q: %+v", line, d)
		}
	}
}
