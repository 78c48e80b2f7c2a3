package catalog

// authFindings are the findings about SMTP AUTH (RFC 4954) on submission
// servers (RFC 6409, RFC 8314): what the server offers, and why the probe
// sent the credentials or refused to. Read-only, like findings; the
// replies to AUTH itself (235, 334, 454, 535, ...) are explained by
// Diagnose.
var authFindings = map[string]findingEntry{
	"auth-before-tls": {
		class: "TLS", category: "policy", retry: "permanent",
		en: findingLang{
			title:   "The server offers AUTH before TLS",
			meaning: "The EHLO reply before STARTTLS already lists AUTH, so a client that does not insist on TLS can send its password in clear text, readable by anyone on the path. The probe itself only authenticated after STARTTLS.",
			when:    "Servers that allow plain-text authentication (Postfix smtpd_tls_auth_only = no, the default; Exim without an auth_advertise_hosts condition), often so that old clients keep working.",
			fix:     "Offer AUTH only over TLS (most MTAs have a setting for it). Better still, move clients to port 465 with implicit TLS (RFC 8314).",
		},
		ja: findingLang{
			title:   "サーバがTLS開始前からAUTHを提供している",
			meaning: "STARTTLS 前の EHLO 応答に AUTH が含まれているため、TLS を必須にしていないクライアントはパスワードを平文で送ってしまい、経路上の誰でも読めます。この確認ツール自身は STARTTLS の後でのみ認証しました。",
			when:    "平文での認証を許しているサーバ（Postfix の smtpd_tls_auth_only = no は既定値、Exim で auth_advertise_hosts に条件がない場合）で、古いクライアントを動かし続けるためによく見られます。",
			fix:     "AUTH は TLS 上でのみ提供してください（多くの MTA に設定があります）。できれば暗黙的TLSの465番ポート（RFC 8314）にクライアントを移行します。",
		},
		fixes: []SoftwareFix{
			{Software: SoftwarePostfix, En: "Set smtpd_tls_auth_only = yes (main.cf, or -o on the submission service in master.cf). Better still, move clients to port 465 with implicit TLS (RFC 8314).",
				Ja: "smtpd_tls_auth_only = yes を設定してください（main.cf、または master.cf の submission に -o で）。できれば暗黙的TLSの465番ポート（RFC 8314）にクライアントを移行します。"},
			{Software: SoftwareExim, En: "Set auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}} so that AUTH is offered only after STARTTLS. Better still, move clients to port 465 with implicit TLS (RFC 8314).",
				Ja: "auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}} として、STARTTLS の後にだけ AUTH を提供してください。できれば暗黙的TLSの465番ポート（RFC 8314）にクライアントを移行します。"},
			{Software: SoftwareSendmail, En: "Add p to confAUTH_OPTIONS (define(`confAUTH_OPTIONS', `A p')dnl) so that plain-text mechanisms are offered only over TLS, and rebuild sendmail.cf. Better still, move clients to port 465 with implicit TLS (RFC 8314).",
				Ja: "confAUTH_OPTIONS に p を加え（define(`confAUTH_OPTIONS', `A p')dnl）、平文の認証方式を TLS 上でのみ提供して sendmail.cf を作り直してください。できれば暗黙的TLSの465番ポート（RFC 8314）にクライアントを移行します。"},
			{Software: SoftwareOpenSMTPD, En: "Listen for submission with TLS required (listen on ... port submission tls-require pki NAME auth) so that AUTH is only possible inside TLS. Better still, use smtps on port 465 (RFC 8314).",
				Ja: "submission を TLS 必須で待ち受け（listen on ... port submission tls-require pki 名前 auth）、AUTH が TLS 内でしかできないようにしてください。できれば465番ポートの smtps（RFC 8314）を使います。"},
			{Software: SoftwareExchange, En: "On the client Receive connector require TLS for basic authentication (Set-ReceiveConnector -AuthMechanism 'Tls, BasicAuth, BasicAuthRequireTLS'). Better still, move clients to port 465 or to modern authentication.",
				Ja: "クライアント用の受信コネクタで基本認証に TLS を必須にしてください（Set-ReceiveConnector -AuthMechanism 'Tls, BasicAuth, BasicAuthRequireTLS'）。できれば465番ポートや先進認証に移行します。"},
		},
	},
	"auth-not-offered": {
		class: "SMTP", category: "authentication-required", retry: "permanent",
		en: findingLang{
			title:   "The server does not offer AUTH",
			meaning: "The EHLO reply (after TLS) lists no AUTH, so no client can log in here. On a submission port that usually means the service is not set up for submission, or the connection reached the wrong service; without AUTH a mail client or application cannot send through it.",
			when:    "Port 587 or 465 served by an MTA instance without SASL (Postfix master.cf submission entry missing -o smtpd_sasl_auth_enable=yes, or Dovecot auth not connected), AUTH offered only before TLS or only to some networks, or a firewall or antivirus proxy that strips AUTH from the EHLO reply.",
			fix:     "Enable SMTP AUTH on the submission service and check the EHLO reply after STARTTLS with `openssl s_client -starttls smtp -connect <host>:587`. Check that the client uses the provider's submission host name and port.",
		},
		ja: findingLang{
			title:   "サーバがAUTHを提供していない",
			meaning: "（TLS 後の）EHLO 応答に AUTH がないため、このサーバにはどのクライアントもログインできません。サブミッションポートでは、サービスが送信用に設定されていないか、接続先のサービスが違うことがほとんどです。AUTH がなければメールソフトやアプリはこのサーバ経由で送信できません。",
			when:    "SASL なしの MTA が 587・465番ポートを受けている場合（Postfix の master.cf の submission に -o smtpd_sasl_auth_enable=yes がない、Dovecot の認証につながっていない）、AUTH を TLS 前や一部のネットワークにだけ提供している場合、EHLO 応答から AUTH を消すファイアウォールやウイルス対策のプロキシがある場合に起きます。",
			fix:     "サブミッションサービスで SMTP AUTH を有効にし、`openssl s_client -starttls smtp -connect ホスト:587` で STARTTLS 後の EHLO 応答を確認してください。クライアントがプロバイダの指定する送信サーバ名とポートを使っているかも確認します。",
		},
		fixes: []SoftwareFix{
			{Software: SoftwarePostfix, En: "Enable SASL on the submission service in master.cf (-o smtpd_sasl_auth_enable=yes, with smtpd_sasl_type = dovecot and a working smtpd_sasl_path) and check the EHLO reply after STARTTLS with `openssl s_client -starttls smtp -connect <host>:587`.",
				Ja: "master.cf の submission で SASL を有効にし（-o smtpd_sasl_auth_enable=yes、smtpd_sasl_type = dovecot と正しい smtpd_sasl_path）、`openssl s_client -starttls smtp -connect ホスト:587` で STARTTLS 後の EHLO 応答を確認してください。"},
			{Software: SoftwareExim, En: "Add an authenticators section (a dovecot or plaintext driver with server_condition) and check auth_advertise_hosts; then look at the EHLO reply after STARTTLS with `openssl s_client -starttls smtp -connect <host>:587`.",
				Ja: "authenticators セクション（server_condition 付きの dovecot や plaintext ドライバ）を加え、auth_advertise_hosts を確認してください。`openssl s_client -starttls smtp -connect ホスト:587` で STARTTLS 後の EHLO 応答を確認します。"},
			{Software: SoftwareSendmail, En: "Build sendmail with SASL, run saslauthd, and in sendmail.mc set define(`confAUTH_MECHANISMS', `PLAIN LOGIN')dnl and TRUST_AUTH_MECH(`PLAIN LOGIN')dnl; rebuild sendmail.cf and check the EHLO reply after STARTTLS.",
				Ja: "SASL 付きの sendmail で saslauthd を動かし、sendmail.mc に define(`confAUTH_MECHANISMS', `PLAIN LOGIN')dnl と TRUST_AUTH_MECH(`PLAIN LOGIN')dnl を設定してください。sendmail.cf を作り直し、STARTTLS 後の EHLO 応答を確認します。"},
			{Software: SoftwareOpenSMTPD, En: "Add auth to the submission listener (listen on ... port submission tls-require pki NAME auth) and restart smtpd; check the EHLO reply after STARTTLS.",
				Ja: "submission の待ち受けに auth を加え（listen on ... port submission tls-require pki 名前 auth）、smtpd を再起動して STARTTLS 後の EHLO 応答を確認してください。"},
			{Software: SoftwareExchange, En: "Enable authentication on the Client Frontend Receive connector for port 587 (Set-ReceiveConnector -AuthMechanism 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS'); for Exchange Online, turn SMTP AUTH on for the mailbox (Set-CASMailbox -SmtpClientAuthenticationDisabled $false).",
				Ja: "587番ポートの Client Frontend 受信コネクタで認証を有効にしてください（Set-ReceiveConnector -AuthMechanism 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS'）。Exchange Online ではメールボックスの SMTP AUTH を有効にします（Set-CASMailbox -SmtpClientAuthenticationDisabled $false）。"},
		},
	},
	"auth-insecure-refused": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "Credentials not sent: the connection is not encrypted",
			meaning: "The server would take AUTH on a connection without TLS, so the password would travel in clear text. The probe refused to send it and stopped. A client configured safely fails here the same way; one that is not leaks its password.",
			when:    "A server without STARTTLS on the submission port, STARTTLS turned off with --starttls never or failing while --starttls auto carried on in clear, or a middlebox stripping STARTTLS from the EHLO reply.",
			fix:     "Enable TLS on the server (STARTTLS on port 587, or implicit TLS on port 465 with --tls) and require it before AUTH. To test a lab server in clear anyway, run again with --allow-insecure-auth, and change the password afterwards.",
		},
		ja: findingLang{
			title:   "認証情報を送らなかった: 接続が暗号化されていない",
			meaning: "サーバは TLS なしの接続で AUTH を受け付ける状態で、パスワードが平文で流れます。確認ツールは送信を拒否して中止しました。安全に設定されたクライアントも同じく失敗し、そうでないクライアントはパスワードを漏らします。",
			when:    "サブミッションポートに STARTTLS がないサーバ、--starttls never で STARTTLS を使わなかった場合、--starttls auto で STARTTLS が失敗して平文のまま続けた場合、EHLO 応答から STARTTLS を消すネットワーク機器がある場合に起きます。",
			fix:     "サーバで TLS を有効にし（587番ポートで STARTTLS、または465番ポートで暗黙的TLS、--tls で確認）、AUTH の前に TLS を必須にしてください。検証用のサーバをあえて平文で確認するなら --allow-insecure-auth を付けて再実行し、その後パスワードを変更してください。",
		},
	},
	"auth-unverified-refused": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "Credentials not sent: the certificate does not verify",
			meaning: "The connection is encrypted, but the server's certificate does not verify for its host name, so the other end may not be the real server: a man in the middle would get the password. The probe refused to send it. Mail clients and most applications refuse such a server too, or show a warning users learn to click away.",
			when:    "Self-signed or private-CA certificates, an expired certificate, a certificate for another name (the client uses an alias, an IP address or the MX name instead of the submission host name), or a missing intermediate certificate.",
			fix:     "Install a certificate from a public CA that covers the submission host name, with its full chain, and make clients use that name. For a private CA, run the probe with --ca-file; to test anyway, --allow-insecure-auth sends the credentials over the unverified connection.",
		},
		ja: findingLang{
			title:   "認証情報を送らなかった: 証明書を検証できない",
			meaning: "接続は暗号化されていますが、サーバ証明書がホスト名に対して検証できないため、相手が本物のサーバとは限りません。中間者がいればパスワードを盗まれます。確認ツールは送信を拒否しました。メールソフトやほとんどのアプリもこのようなサーバを拒否するか、利用者がつい無視してしまう警告を出します。",
			when:    "自己署名やプライベートCAの証明書、期限切れの証明書、別の名前の証明書（クライアントが別名、IPアドレス、MXのホスト名を使っている）、中間証明書の欠落で起きます。",
			fix:     "送信サーバのホスト名を含む公的な認証局の証明書をチェーンごと導入し、クライアントにはその名前を使わせてください。プライベートCAなら --ca-file を指定して確認します。それでも試すなら --allow-insecure-auth で検証できない接続のまま認証情報を送ります。",
		},
	},
	"auth-insecure-sent": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "Credentials were sent without verified TLS",
			meaning: "With --allow-insecure-auth the probe sent the credentials in clear text, or over TLS whose certificate does not verify. Anyone on the path (or a man in the middle) may now have them, whatever the server answered.",
			when:    "A deliberate test of a server that offers AUTH without TLS or with a certificate that does not verify.",
			fix:     "Change the password (or revoke the token) if the path is not entirely under your control. Then fix the server so that AUTH needs verified TLS: STARTTLS or implicit TLS with a certificate for its name, and AUTH only after TLS (Postfix smtpd_tls_auth_only = yes).",
		},
		ja: findingLang{
			title:   "検証済みのTLSなしで認証情報を送った",
			meaning: "--allow-insecure-auth により、確認ツールは認証情報を平文で、または証明書を検証できない TLS 上で送りました。サーバの応答にかかわらず、経路上の誰か（または中間者）が入手した可能性があります。",
			when:    "TLS なし、または証明書を検証できない状態で AUTH を提供するサーバを意図的に確認した場合です。",
			fix:     "経路が完全に自分の管理下でなければ、パスワードを変更（トークンなら失効）してください。そのうえで、AUTH に検証済みの TLS が必要になるようサーバを直します。名前に合った証明書で STARTTLS か暗黙的TLSを使い、AUTH は TLS の後だけにします（Postfix の smtpd_tls_auth_only = yes）。",
		},
	},
	"auth-mech-not-offered": {
		class: "SMTP", category: "authentication-failed", retry: "permanent",
		en: findingLang{
			title:   "The AUTH mechanism asked for is not offered",
			meaning: "--auth-mech names a mechanism the server does not list in its EHLO reply, so the probe did not try it. A client configured for that mechanism fails here too.",
			when:    "A client set to LOGIN or XOAUTH2 while the server offers only PLAIN, OAuth mechanisms switched off by the provider, or mechanisms offered only after STARTTLS while the client looks before.",
			fix:     "Configure the client for one of the mechanisms offered (see the detail), or enable the mechanism on the server (Dovecot auth_mechanisms = plain login).",
		},
		ja: findingLang{
			title:   "指定したAUTHの方式が提供されていない",
			meaning: "--auth-mech で指定した方式がサーバの EHLO 応答にないため、確認ツールは試しませんでした。その方式に設定したクライアントも同じく失敗します。",
			when:    "サーバが PLAIN しか提供していないのにクライアントが LOGIN や XOAUTH2 に設定されている場合、事業者が OAuth の方式を止めた場合、STARTTLS の後でだけ提供される方式を STARTTLS 前に探している場合に起きます。",
			fix:     "提供されている方式（詳細を参照）のどれかにクライアントを設定するか、サーバでその方式を有効にしてください（Dovecot なら auth_mechanisms = plain login）。",
		},
	},
	"auth-no-mechanism": {
		class: "SMTP", category: "authentication-failed", retry: "permanent",
		en: findingLang{
			title:   "No AUTH mechanism offered that these credentials can use",
			meaning: "The server offers AUTH, but none of its mechanisms works with the credentials given: a password needs PLAIN or LOGIN, a token needs OAUTHBEARER or XOAUTH2. When it offers only mechanisms smtpprobe does not speak (CRAM-MD5, GSSAPI, NTLM), the probe cannot test the login at all.",
			when:    "Providers that allow only OAuth2 (Gmail, Microsoft 365 with basic authentication off) tested with a password, servers without OAuth tested with a token, or Kerberos/NTLM-only corporate servers.",
			fix:     "Use the kind of credential the server takes: an OAuth2 token with --auth-token-file for OAuth-only providers, a password (or app password) for PLAIN and LOGIN. For CRAM-MD5/NTLM-only servers test with the client that is meant to use them.",
		},
		ja: findingLang{
			title:   "この認証情報で使えるAUTHの方式が提供されていない",
			meaning: "サーバは AUTH を提供していますが、指定した認証情報で使える方式がありません。パスワードには PLAIN か LOGIN、トークンには OAUTHBEARER か XOAUTH2 が必要です。smtpprobe が対応していない方式（CRAM-MD5、GSSAPI、NTLM）だけの場合は、ログインを確認できません。",
			when:    "OAuth2 しか認めない事業者（Gmail、基本認証を無効にした Microsoft 365）をパスワードで確認した場合、OAuth のないサーバをトークンで確認した場合、Kerberos・NTLM だけの社内サーバで起きます。",
			fix:     "サーバが受け付ける種類の認証情報を使ってください。OAuth 専用の事業者なら --auth-token-file で OAuth2 トークンを、PLAIN・LOGIN ならパスワード（またはアプリパスワード）を指定します。CRAM-MD5・NTLM だけのサーバは、それを使う予定のクライアントで確認してください。",
		},
	},
	"auth-required": {
		class: "SMTP", category: "authentication-required", retry: "permanent",
		en: findingLang{
			title:   "This server needs AUTH: the transaction was refused without it",
			meaning: "The server refused the mail transaction because the client had not authenticated. It is a submission server (or a relay) that takes mail only from logged-in users, and the probe did not log in.",
			when:    "Probing port 587 or 465 without credentials, an application that sends without logging in, or an MX host on port 25 that wrongly demands AUTH from other mail servers.",
			fix:     "Run smtpprobe again with --auth-user USER and the password in --auth-password-file FILE or the SMTPPROBE_PASSWORD environment variable, and set the same credentials in the application. If this host is an MX for its domain, it must accept mail on port 25 without AUTH.",
		},
		ja: findingLang{
			title:   "このサーバはAUTHが必要: 認証なしでは送信を拒否された",
			meaning: "クライアントが認証していないため、サーバはメールの送信手続きを拒否しました。ログインした利用者からだけメールを受け付けるサブミッションサーバ（またはリレー）で、確認ツールはログインしていません。",
			when:    "587・465番ポートを認証情報なしで確認した場合、ログインせずに送信するアプリ、他のメールサーバにまで AUTH を求める誤った設定の25番ポートのMXで起きます。",
			fix:     "--auth-user ユーザ名 を付け、パスワードを --auth-password-file ファイル または環境変数 SMTPPROBE_PASSWORD で渡して smtpprobe を再実行し、アプリにも同じ認証情報を設定してください。このホストがドメインのMXなら、25番ポートでは AUTH なしでメールを受け付ける必要があります。",
		},
	},
}
