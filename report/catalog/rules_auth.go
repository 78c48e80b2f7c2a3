package catalog

// relayRules match refusals to relay. They come before the rules about
// the sending host and AUTH because a relay refusal often gives the reason
// the client was not recognised as one that may relay, and the refusal is
// what the sender must act on: Sendmail says "Relaying denied. Proper
// authentication required." and "Relaying temporarily denied. Cannot
// resolve PTR record for 192.0.2.10"; spamdyke says "Sending to remote
// addresses (relaying) is not allowed", which names no host either.
var relayRules = []Rule{
	{
		ID: "relay-denied", Category: CategoryRelayDenied,
		Pattern: `relay(ing)?\)?( (mail|messages?))?( (to|for) \S+( domains?)?)? (access )?(is )?(temporarily )?(denied|not permitted|not authori[sz]ed|prohibited|disallowed|refused|rejected|not allowed)|(unable to|cannot|can't|(do|does|will)(n't| not)|not (allowed|permitted|authori[sz]ed) to) relay|allowed rcpthosts|relay not permitted|relay access|open relay not allowed|as a relay`,
		En: Text{
			"Relaying denied",
			"The server is not the mail server for the recipient's domain and will not pass the message on for this client.",
			"At RCPT TO: Postfix \"454 4.7.1 / 554 5.7.1 <user@example.com>: Relay access denied\", Sendmail \"550 5.7.1 ... Relaying denied\", Exim \"550 relay not permitted\", qmail \"553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)\".",
			"A mail client must authenticate (SMTP AUTH on port 587) to send to outside domains. Server-to-server: check that the recipient domain's MX records point to this server; if it should accept the domain, add the domain to the server's local or relay domains.",
		},
		Ja: Text{
			"中継拒否",
			"このサーバは宛先ドメインのメールサーバではなく、このクライアントのためにメッセージを中継しません。",
			"RCPT TO への応答。Postfix の「454 4.7.1 / 554 5.7.1 <user@example.com>: Relay access denied」、Sendmail の「550 5.7.1 ... Relaying denied」、Exim の「550 relay not permitted」、qmail の「553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)」など。",
			"メールクライアントが外部ドメインに送るには認証（587 番ポートで SMTP AUTH）が必要です。サーバ間の場合は、宛先ドメインの MX レコードがこのサーバを指しているか確認し、このサーバが受けるべきドメインならサーバのローカルドメインまたは中継ドメインに追加してください。",
		},
		Fixes: []SoftwareFix{
			{Software: SoftwarePostfix, En: "A mail client must authenticate (SMTP AUTH on port 587) to send to outside domains. Server-to-server: check that the domain's MX points here; if this server should take the domain, list it in mydestination, virtual_mailbox_domains or relay_domains (smtpd_relay_restrictions decides who may relay).",
				Ja: "メールクライアントが外部ドメインに送るには認証（587 番ポートで SMTP AUTH）が必要です。サーバ間の場合はドメインの MX がここを指すか確認し、このサーバが受けるべきドメインなら mydestination、virtual_mailbox_domains、relay_domains に加えてください（中継を許す相手は smtpd_relay_restrictions で決まります）。"},
			{Software: SoftwareExim, En: "A mail client must authenticate (SMTP AUTH on port 587) to send to outside domains. Server-to-server: check that the domain's MX points here; if this server should take the domain, add it to domainlist local_domains or relay_to_domains (relay_from_hosts lists clients allowed to relay).",
				Ja: "メールクライアントが外部ドメインに送るには認証（587 番ポートで SMTP AUTH）が必要です。サーバ間の場合はドメインの MX がここを指すか確認し、このサーバが受けるべきドメインなら domainlist local_domains か relay_to_domains に加えてください（中継を許すクライアントは relay_from_hosts）。"},
			{Software: SoftwareSendmail, En: "A mail client must authenticate (SMTP AUTH on port 587) to send to outside domains. Server-to-server: check that the domain's MX points here; if this server should take the domain, add it to /etc/mail/local-host-names or /etc/mail/relay-domains (or To:domain RELAY in the access map) and restart sendmail.",
				Ja: "メールクライアントが外部ドメインに送るには認証（587 番ポートで SMTP AUTH）が必要です。サーバ間の場合はドメインの MX がここを指すか確認し、このサーバが受けるべきドメインなら /etc/mail/local-host-names か /etc/mail/relay-domains（または access マップの To:ドメイン RELAY）に加えて sendmail を再起動してください。"},
			{Software: SoftwareOpenSMTPD, En: "A mail client must authenticate (SMTP AUTH on port 587) to send to outside domains. Server-to-server: check that the domain's MX points here; if this server should take the domain, add a rule for it (match from any for domain example.org action ...) to smtpd.conf.",
				Ja: "メールクライアントが外部ドメインに送るには認証（587 番ポートで SMTP AUTH）が必要です。サーバ間の場合はドメインの MX がここを指すか確認し、このサーバが受けるべきドメインなら smtpd.conf にそのドメインの規則（match from any for domain example.org action ...）を加えてください。"},
			{Software: SoftwareExchange, En: "A mail client must authenticate (SMTP AUTH on port 587) to send to outside domains. Server-to-server: check that the domain's MX points here; if this organisation should take the domain, add it as an accepted domain (New-AcceptedDomain); devices that relay without a login need their own Receive connector.",
				Ja: "メールクライアントが外部ドメインに送るには認証（587 番ポートで SMTP AUTH）が必要です。サーバ間の場合はドメインの MX がここを指すか確認し、この組織が受けるべきドメインなら承認済みドメインに加えてください（New-AcceptedDomain）。ログインせずに中継する機器には専用の受信コネクタが必要です。"},
		},
	},
}

// greylistRules match greylisting, which a reply may name together with
// the list that triggered it ("blocked using grey.rbl ... Greylisting in
// action, please try again later"): the retry is what passes it, so it
// comes before the blocklist rules.
var greylistRules = []Rule{
	{
		ID: "greylisting", Category: CategoryGreylisting, Retry: Transient,
		Pattern: `gr[ae]y-?list|postgrey`,
		En: Text{
			"Greylisting",
			"The receiver turns away the first attempt from an unknown sender/IP/recipient combination on purpose and accepts the retry after a few minutes; spam software rarely retries.",
			"At RCPT TO (sometimes at DATA) on first contact: postgrey \"450 4.2.0 Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/...\", milter-greylist \"451 4.7.1 Greylisting in action, please come back in 00:05:00\".",
			"Nothing to fix: a normal MTA retries and the mail arrives after the greylist delay (usually 1 to 15 minutes). If it never arrives, check that the sending server retries from the same IP; large senders with changing IPs should ask to be whitelisted.",
		},
		Ja: Text{
			"グレイリスティング",
			"受信側は未知の送信元・IP・宛先の組み合わせからの最初の送信を意図的に断り、数分後の再送を受け付けます。迷惑メールの送信ソフトはほとんど再送しないためです。",
			"初回接続時の RCPT TO（まれに DATA）への応答。postgrey の「450 4.2.0 Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/...」、milter-greylist の「451 4.7.1 Greylisting in action, please come back in 00:05:00」など。",
			"対処は不要です。通常の MTA は再送し、グレイリストの待ち時間（通常 1〜15 分）の後に配送されます。届かない場合は送信側が同じ IP から再送しているか確認してください。IP が変わる大規模送信元はホワイトリスト登録を依頼してください。",
		},
	},
}

// authRules match the bare rspamd deferral, TLS and SMTP AUTH
// requirements, and sender authentication (SPF, DKIM, DMARC) failures.
var authRules = []Rule{
	{
		ID: "dns-lookup-failure", Category: CategoryDNSProblem, Class: '4',
		Pattern: `(dns|mx) (lookup|query|resolution|resolving)\b([^.;]|\.[^\s.;]){0,40}? (failure|failed|error|timeout)|(temporary )?dns (temporary )?(failure|error|timeout)`,
		En: Text{
			"DNS lookup failed on the receiving side",
			"The receiver could not complete a DNS lookup it needs for this mail (the sender's SPF or DMARC record, its MX, the client's PTR) and defers the mail until it can.",
			"At MAIL FROM, RCPT TO or after DATA: \"450 4.4.0 <user@example.com> Temporary DMARC DNS lookup failure\".",
			"Usually retrying is enough. If it persists, check that the sender's domain answers DNS queries quickly and consistently from everywhere (all its name servers up, no DNSSEC errors, TXT records that are not too large).",
		},
		Ja: Text{
			"受信側で DNS の問い合わせに失敗",
			"受信側がこのメールの処理に必要な DNS の問い合わせ（送信元の SPF や DMARC レコード、MX、クライアントの逆引きなど）を完了できず、できるまで受信を保留しています。",
			"MAIL FROM、RCPT TO、DATA 終端への応答。「450 4.4.0 <user@example.com> Temporary DMARC DNS lookup failure」など。",
			"通常は再送で解決します。続く場合は、送信元ドメインの DNS がどこからでも速く一貫して応答するか（全ネームサーバが稼働しているか、DNSSEC のエラーがないか、TXT レコードが大きすぎないか）を確認してください。",
		},
	},
	{
		ID: "greylisting-bare", Category: CategoryGreylisting, Retry: Transient, Enhanced: `4\.7\.1`,
		Pattern: `^try again later\.?$`,
		En: Text{
			"Deferred by a spam filter, probably greylisting",
			"A temporary refusal under the security-policy code 4.7.1 that says nothing but \"try again later\" is what rspamd's greylisting (and its soft reject) sends: the first attempt from an unknown sender is deferred.",
			"After DATA or at RCPT TO: \"451 4.7.1 Try again later\".",
			"Nothing to do if the sending MTA retries: the next attempt after a few minutes normally passes. If every retry is refused, the filter's score is the cause (soft reject): look at the receiver's spam-filter log, or ask its administrator.",
		},
		Ja: Text{
			"スパムフィルタによる保留（おそらくグレイリスト）",
			"セキュリティポリシーのコード 4.7.1 で「try again later」とだけ言う一時拒否は、rspamd のグレイリスト（およびソフトリジェクト）が返すものです。未知の送信元からの初回の試行は保留されます。",
			"DATA 後や RCPT TO への応答。「451 4.7.1 Try again later」。",
			"送信側 MTA が再送するなら対応は不要で、数分後の再送は通常受け付けられます。毎回拒否される場合はフィルタのスコアが原因（ソフトリジェクト）なので、受信側のスパムフィルタのログを確認するか管理者に問い合わせてください。",
		},
	},
	{
		ID: "starttls-required", Category: CategoryTLSRequired,
		Pattern: `(only|solely) (on|over|with|via|through|using) (a |an )?(tls|ssl|starttls|encrypted|secure)( connection)?|(must|please) (issue a |use |first )?(starttls|tls|ssl|encryption)|(starttls|tls|ssl|encryption|secure|encrypted)( connection| channel| transport)? (is )?(required|mandatory|needed)|requires? (a |an )?(secure|encrypted|tls|ssl|starttls|encryption)|not (available|allowed|permitted|offered) (without|before) (starttls|tls|ssl|encryption)`,
		En: Text{
			"TLS required",
			"The receiver only accepts mail over an encrypted connection and this session is not encrypted (or not encrypted well enough).",
			"At MAIL FROM or AUTH without STARTTLS: \"530 5.7.0 Must issue a STARTTLS command first\"; Gmail \"421 4.7.0 TLS required for RCPT domain\" for domains that enforce TLS.",
			"Enable STARTTLS in the sending MTA (Postfix smtp_tls_security_level = may, Exim tls_require_ciphers defaults) and check that it offers TLS 1.2 or later. If STARTTLS is missing from the EHLO reply, a firewall doing SMTP inspection may be stripping it.",
		},
		Ja: Text{
			"TLS が必要",
			"受信側は暗号化された接続でしかメールを受け付けず、このセッションは暗号化されていない（または暗号化が不十分）です。",
			"STARTTLS なしの MAIL FROM や AUTH への「530 5.7.0 Must issue a STARTTLS command first」、TLS を強制するドメイン宛ての Gmail の「421 4.7.0 TLS required for RCPT domain」など。",
			"送信側 MTA で STARTTLS を有効にし（Postfix の smtp_tls_security_level = may など）、TLS 1.2 以降を提示しているか確認してください。EHLO 応答に STARTTLS がない場合は、SMTP 検査を行うファイアウォールが削除している可能性があります。",
		},
	},
	{
		ID: "tls-unavailable", Category: CategoryTLSRequired,
		Pattern: `tls not available`,
		En: Text{
			"TLS not available on the server",
			"The server offers STARTTLS but cannot start TLS now: its certificate or key cannot be read, or its TLS library fails.",
			"In reply to STARTTLS: Postfix \"454 4.7.0 TLS not available due to local problem\".",
			"A sending MTA falls back to plain text unless its policy requires TLS. The receiving site's administrator must fix the certificate and key (paths, file permissions) and read the TLS error in the mail log.",
		},
		Ja: Text{
			"サーバ側で TLS を利用できない",
			"サーバは STARTTLS を提示していますが、証明書や鍵を読めない、TLS ライブラリが失敗するなどの理由で、現在 TLS を開始できません。",
			"STARTTLS への応答。Postfix の「454 4.7.0 TLS not available due to local problem」など。",
			"送信側 MTA はポリシーで TLS が必須でなければ平文で続行します。受信側の管理者が証明書と鍵（パス、ファイルの権限）を修正し、メールログで TLS エラーを確認する必要があります。",
		},
		Fixes: []SoftwareFix{
			{Software: SoftwarePostfix, En: "A sending MTA falls back to plain text unless its policy requires TLS. On the receiving side: check smtpd_tls_chain_files (or smtpd_tls_cert_file/smtpd_tls_key_file) and that the postfix user can read them, then read the TLS error in the mail log.",
				Ja: "送信側 MTA はポリシーで TLS が必須でなければ平文で続行します。受信側では smtpd_tls_chain_files（または smtpd_tls_cert_file/smtpd_tls_key_file）と、postfix ユーザがそれを読めるかを確認し、メールログで TLS エラーを確認してください。"},
			{Software: SoftwareExim, En: "A sending MTA falls back to plain text unless its policy requires TLS. On the receiving side: check tls_certificate and tls_privatekey and that the Exim user can read them, then read the TLS error in the main log.",
				Ja: "送信側 MTA はポリシーで TLS が必須でなければ平文で続行します。受信側では tls_certificate と tls_privatekey、Exim のユーザがそれを読めるかを確認し、メインログで TLS エラーを確認してください。"},
			{Software: SoftwareSendmail, En: "A sending MTA falls back to plain text unless its policy requires TLS. On the receiving side: check confSERVER_CERT, confSERVER_KEY and confCACERT and their permissions (sendmail refuses group- or world-readable keys), then read the maillog.",
				Ja: "送信側 MTA はポリシーで TLS が必須でなければ平文で続行します。受信側では confSERVER_CERT、confSERVER_KEY、confCACERT とその権限（グループや全員が読める鍵を sendmail は拒否します）を確認し、maillog を確認してください。"},
			{Software: SoftwareOpenSMTPD, En: "A sending MTA falls back to plain text unless its policy requires TLS. On the receiving side: check the pki lines of smtpd.conf (certificate and key paths, key readable by root only) and run smtpd -n to test the configuration.",
				Ja: "送信側 MTA はポリシーで TLS が必須でなければ平文で続行します。受信側では smtpd.conf の pki 行（証明書と鍵のパス、鍵は root のみ読める）を確認し、smtpd -n で設定を検査してください。"},
			{Software: SoftwareExchange, En: "A sending MTA falls back to plain text unless its policy requires TLS. On the receiving side: check that a valid certificate is enabled for SMTP (Get-ExchangeCertificate, Enable-ExchangeCertificate -Services SMTP) and read the transport's event log.",
				Ja: "送信側 MTA はポリシーで TLS が必須でなければ平文で続行します。受信側では有効な証明書が SMTP に割り当てられているか確認し（Get-ExchangeCertificate、Enable-ExchangeCertificate -Services SMTP）、トランスポートのイベントログを確認してください。"},
		},
	},
	{
		ID: "auth-required", Category: CategoryAuthenticationRequired,
		Pattern: `((smtp )?auth(entication|orization)?|log ?in) (is )?(required|needed|mandatory)|not authenticated|not logged in|(must|need to|please) (first )?(issue an? auth\b|authenticate|log ?in)`,
		En: Text{
			"Authentication required",
			"The server accepts this only from an authenticated client (SMTP AUTH).",
			"At MAIL FROM or RCPT TO when a mail client or application sends without logging in: \"530 5.7.0 Authentication required\", Microsoft \"530 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM\", Postfix \"Sender address rejected: not logged in\".",
			"Turn on SMTP authentication in the client with the mailbox's user name and password (or OAuth2), on port 587 with STARTTLS or 465 with TLS. Server-to-server mail should instead go to the recipient domain's MX on port 25.",
		},
		Ja: Text{
			"認証が必要",
			"サーバは認証済みのクライアント（SMTP AUTH）からしかこれを受け付けません。",
			"メールクライアントやアプリケーションがログインせずに送ったときの MAIL FROM や RCPT TO への応答。「530 5.7.0 Authentication required」、Microsoft の「530 5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM」、Postfix の「Sender address rejected: not logged in」など。",
			"クライアントで SMTP 認証を有効にし、メールボックスのユーザ名とパスワード（または OAuth2）を設定して、587 番ポートで STARTTLS、または 465 番ポートで TLS を使ってください。サーバ間の配送は宛先ドメインの MX の 25 番ポートに送ります。",
		},
	},
	{
		// Before auth-failed, whose pattern also matches "authentication
		// failure": a temporary failure is the server's problem, not the
		// password's, and retrying is right.
		ID: "auth-temporary", Category: CategoryAuthenticationFailed, Retry: Transient,
		Pattern: `temporary authentication failure`,
		En: Text{
			"Temporary authentication failure",
			"The server could not check the credentials just now: its authentication back end (Dovecot, saslauthd, LDAP, the provider's identity service) did not answer. The password may well be right.",
			"In reply to AUTH: RFC 4954's \"454 4.7.0 Temporary authentication failure\", Postfix with Dovecot SASL when Dovecot's auth socket is down or overloaded.",
			"Retry in a few minutes; do not change the password because of it. If it persists and the server is yours, check the SASL back end and its logs (Postfix: the warning lines of smtpd about SASL, Dovecot: doveadm auth test, saslauthd -a).",
		},
		Ja: Text{
			"一時的な認証エラー",
			"サーバがこの時点で資格情報を確認できませんでした。認証基盤（Dovecot、saslauthd、LDAP、事業者の ID サービス）が応答していません。パスワード自体は正しい可能性があります。",
			"AUTH への応答。RFC 4954 の「454 4.7.0 Temporary authentication failure」、Postfix と Dovecot SASL の構成で Dovecot の認証ソケットが停止・過負荷のときなど。",
			"数分後に再試行してください。この応答を理由にパスワードを変更する必要はありません。続く場合で自社サーバなら、SASL 基盤とそのログを確認してください（Postfix は smtpd の SASL 関連の warning 行、Dovecot は doveadm auth test、saslauthd は -a の設定）。",
		},
	},
	{
		ID: "auth-failed", Category: CategoryAuthenticationFailed,
		Pattern: `(authentication|login|log-?in) (failed|unsuccessful|failure|incorrect)|(username|user name) and password not accepted|(incorrect|bad|wrong|invalid) (user ?(name)?( or |/| and )pass(word)?|password|credentials|authentication data|login)|application-specific password required|auth(entication)? failures|auth(entication)? not (enabled|available|supported|offered)|auth(entication)? (method|mechanism)\b.{0,20}not supported`,
		En: Text{
			"Authentication failed",
			"SMTP AUTH was refused: the user name, password or token is wrong, or password logins are not allowed for this account.",
			"In reply to AUTH: \"535 5.7.8 Error: authentication failed\", Gmail \"535 5.7.8 Username and Password not accepted\" or \"534 5.7.9 Application-specific password required\", Microsoft \"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled\".",
			"Check the credentials by logging in to webmail; use the full address as user name if the provider expects it. For Gmail and Microsoft 365 use OAuth2 or an app password and enable SMTP AUTH for the mailbox. Stop retrying a wrong password: repeated failures get the IP blocked.",
		},
		Ja: Text{
			"認証失敗",
			"SMTP 認証が拒否されました。ユーザ名、パスワード、トークンが誤っているか、このアカウントではパスワードによるログインが許可されていません。",
			"AUTH への応答。「535 5.7.8 Error: authentication failed」、Gmail の「535 5.7.8 Username and Password not accepted」や「534 5.7.9 Application-specific password required」、Microsoft の「535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled」など。",
			"Web メールにログインして資格情報を確認し、事業者が求める場合はユーザ名にメールアドレス全体を使ってください。Gmail や Microsoft 365 では OAuth2 かアプリパスワードを使い、メールボックスの SMTP 認証を有効にします。誤ったパスワードで再試行を続けると IP が遮断されるので止めてください。",
		},
	},
	{
		ID: "spf-fail", Category: CategorySPFDKIMDMARC,
		Pattern: `\bspf\b|sender policy framework`,
		En: Text{
			"SPF check failed",
			"The sending IP is not authorised by the SPF record of the envelope sender's domain (or the record is broken), and the receiver rejects on SPF failure.",
			"At MAIL FROM, RCPT TO or end of DATA: \"550 5.7.23 ... SPF validation failed\", \"550 5.7.1 ... Sender Policy Framework\", \"Please see http://www.open-spf.org/Why\", or a text naming the domain that \"does not designate\" the IP.",
			"Add the server or mail service to the domain's SPF TXT record (ip4:/ip6:/include:), keep one record and at most 10 DNS lookups, and test with dig TXT domain. For forwarded mail, the forwarder should rewrite the sender (SRS).",
		},
		Ja: Text{
			"SPF 認証の失敗",
			"送信元 IP がエンベロープ送信元ドメインの SPF レコードで許可されていない（またはレコードが壊れている）ため、受信側は拒否しています。",
			"MAIL FROM、RCPT TO、DATA 終端への応答。「550 5.7.23 ... SPF validation failed」「550 5.7.1 ... Sender Policy Framework」「Please see http://www.open-spf.org/Why」や、IP を「does not designate」とするドメイン名を含むテキストなど。",
			"ドメインの SPF（TXT レコード）にサーバや配信サービスを追加し（ip4:/ip6:/include:）、レコードは 1 件、DNS 参照は 10 回以内にして、dig TXT ドメイン名 で確認してください。転送メールの場合は転送側が送信元を書き換える（SRS）必要があります。",
		},
	},
	{
		ID: "dkim-dmarc-fail", Category: CategorySPFDKIMDMARC,
		Pattern: `dkim|dmarc|alignment|domain owner'?s? polic(y|ies)`,
		En: Text{
			"DKIM or DMARC failure",
			"The message has no valid DKIM signature, or fails the DMARC policy of the From: domain (neither SPF nor DKIM passed aligned with it).",
			"At the end of DATA: Microsoft \"550 5.7.509 Access denied, sending domain does not pass DMARC verification and has a DMARC policy of reject\", Outlook.com \"... on behalf of (example.com) could not be delivered due to domain owner policy restrictions\" (the domain owner's policy is its DMARC record), Gmail DMARC rejections, receivers that require DKIM (5.7.20-5.7.22).",
			"Sign with DKIM using the From: domain and publish the key (SELECTOR._domainkey.domain TXT); make SPF or DKIM align with the From: domain; if a third party sends as your domain, set up DKIM for it there. Read the Authentication-Results header of a test message to see which check fails.",
		},
		Ja: Text{
			"DKIM または DMARC の失敗",
			"メッセージに有効な DKIM 署名がないか、From: ドメインの DMARC ポリシーに失敗しました（SPF も DKIM も From: ドメインと一致して成功しなかった）。",
			"DATA 終端への応答。Microsoft の「550 5.7.509 Access denied, sending domain does not pass DMARC verification and has a DMARC policy of reject」、Outlook.com の「... on behalf of (example.com) could not be delivered due to domain owner policy restrictions」（ドメイン所有者のポリシーとは DMARC レコードのこと）、Gmail の DMARC による拒否、DKIM を必須とする受信側（5.7.20〜5.7.22）など。",
			"From: ドメインで DKIM 署名して公開鍵（セレクタ._domainkey.ドメイン の TXT）を公開し、SPF か DKIM を From: ドメインと一致させてください。外部サービスが自ドメインとして送信する場合は、そのサービス側で DKIM を設定します。テストメールの Authentication-Results ヘッダでどの検査が失敗しているか確認してください。",
		},
	},
}
