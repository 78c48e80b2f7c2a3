// Smtpprobe finds the mail servers of a domain, talks SMTP to each of them,
// and explains every reply: what it means, when it appears and what to do.
//
// Usage:
//
//	smtpprobe [flags] TARGET...
//	smtpprobe explain CODE [CODE...]
//	smtpprobe explain --text 'REPLY LINE'
//	smtpprobe serve --listen ADDR
//
// A TARGET is a domain (the MX hosts are probed with RCPT TO
// postmaster@DOMAIN), an address (RCPT TO that address), or "-" to read
// targets from standard input. For each MX host smtpprobe connects, reads
// the greeting, sends EHLO, upgrades with STARTTLS when offered, sends MAIL
// FROM and RCPT TO, and ends with RSET and QUIT: no mail is delivered unless
// --data is given. It uses PIPELINING when the server offers it, so a probe
// costs no more round trips than the protocol needs.
//
// Besides the dialogue with every address of every MX host, a probe runs
// the checks that decide whether mail to the domain arrives securely (the
// default --checks group "inbound"): dnssec (from the resolver's AD bit,
// after a self-test that it validates), dane (TLSA records matched against
// each address's STARTTLS certificate), mta-sts (the policy fetched as
// senders fetch it, each MX held to it), tls-rpt and ptr. "--checks
// +sender" adds spf, dmarc and dkim; "--checks -smtp" makes no SMTP
// connection at all. A check that cannot be decided from here (no route,
// a resolver that does not validate DNSSEC) is "untestable" and never
// raises the exit status; a check whose DNS question the resolver failed
// is "unknown" (exit 3), like a failed MX lookup, never a missing record.
//
// With --submission and --auth-user it tests a message-submission server
// (port 587 with STARTTLS, or 465 with --tls) the way a mail client uses it;
// the password comes from a file or the SMTPPROBE_PASSWORD environment
// variable and never appears in any output.
//
// The exit status follows the monitoring-plugins convention: 0 ok,
// 1 warning, 2 critical, 3 unknown. With several targets it is the worst of
// them (critical > warning > unknown > ok).
//
// Output formats (-o): text, a coloured transcript with explanations and a
// verdict; json, one object per target (JSON Lines); nagios, a plugin status
// line with perfdata; prometheus, the text exposition format for the node
// exporter's textfile collector. "smtpprobe serve" runs an exporter in the
// style of the blackbox exporter.
//
// Examples:
//
//	smtpprobe example.com
//	smtpprobe --starttls require -o nagios example.com
//	smtpprobe -q -f domains.txt        # from cron: silent unless something is wrong
//	smtpprobe --submission --server smtp.example.com --auth-user me@example.com --auth-password-file ~/.pw
//	smtpprobe explain 550 5.7.1
//	smtpprobe explain --text '452 4.2.2 The email account that you tried to reach is over quota'
//
// See README.md for every flag, the JSON format and recipes for cron, Nagios,
// Icinga and Prometheus.
package main
