package catalog

// mtaFindings are the findings about how a server answers that every MTA
// can show: the probe's own EHLO name refused, an absurd SIZE, a protocol
// violation at DATA, TLS on the wrong port and obsolete TLS (issue 10).
// Placeholders: {helo} (the name the probe sent), {size} (bytes), {code},
// {version}, {port}.
var mtaFindings = map[string]findingEntry{
	"helo-refused": {
		class: "SMTP", category: CategoryPolicy, retry: "permanent",
		en: findingLang{
			title:   "The server refused the probe's own EHLO name ({helo})",
			meaning: "The server refused the name smtpprobe introduced itself with, {helo}. That is the name of the machine running the probe, not of your mail server, so the refusal says nothing about mail from other senders: the probe could not test delivery.",
			when:    "Servers refuse EHLO names that are not fully qualified or do not resolve: Exim \"550 Access denied - Invalid HELO name\", OpenSMTPD \"550 5.7.1 Helo name is not a fully qualified domain name\", Postfix reject_non_fqdn_helo_hostname and reject_unknown_helo_hostname.",
			fix:     "Run smtpprobe again with --helo set to a fully qualified name of the machine running it that resolves in DNS (or an address literal such as [192.0.2.1]). Nothing needs changing on the mail server.",
		},
		ja: findingLang{
			title:   "サーバがプローブ自身の EHLO 名（{helo}）を拒否した",
			meaning: "サーバは smtpprobe が名乗った名前 {helo} を拒否しました。これはプローブを動かしているマシンの名前で、お使いのメールサーバの名前ではありません。ほかの送信者からのメールについては何も分からず、配送は確認できていません。",
			when:    "完全修飾されていない、または名前解決できない EHLO 名を拒否するサーバで起きます。Exim の「550 Access denied - Invalid HELO name」、OpenSMTPD の「550 5.7.1 Helo name is not a fully qualified domain name」、Postfix の reject_non_fqdn_helo_hostname や reject_unknown_helo_hostname など。",
			fix:     "プローブを動かすマシンの、DNS で引ける完全修飾名を --helo に指定して（または [192.0.2.1] のようなアドレスリテラルで）smtpprobe を再実行してください。メールサーバ側の変更は不要です。",
		},
	},
	"size-too-small": {
		class: "SMTP", category: CategorySizeLimit, retry: "permanent",
		en: findingLang{
			title:   "The server's message size limit is too small for ordinary mail (SIZE {size})",
			meaning: "The server announces in EHLO that it takes messages of at most {size} bytes (RFC 1870). An ordinary message with its headers takes a few kilobytes, and one with an attachment hundreds of kilobytes or more, so senders that honour SIZE do not even try, and the rest get 552 after DATA.",
			when:    "A size limit set in the wrong unit (bytes instead of kilobytes or megabytes), or a test value left in place: Postfix message_size_limit, Exim message_size_limit, Sendmail confMAX_MESSAGE_SIZE (MaxMessageSize), OpenSMTPD max-message-size.",
			fix:     "Raise the server's message size limit to what mail needs (10 to 50 MB is usual) and check the unit the setting takes.",
		},
		ja: findingLang{
			title:   "サーバのメッセージサイズ上限が通常のメールには小さすぎる（SIZE {size}）",
			meaning: "サーバは EHLO で、受け付けるメッセージは {size} バイトまでと宣言しています（RFC 1870）。通常のメールはヘッダを含めて数KB、添付ファイル付きなら数百KB以上になるため、SIZE を守る送信者は送信を試みず、それ以外も DATA の後に 552 で拒否されます。",
			when:    "単位を間違えた設定（KB や MB のつもりでバイト）や、テスト用の値の消し忘れで起きます。Postfix の message_size_limit、Exim の message_size_limit、Sendmail の confMAX_MESSAGE_SIZE（MaxMessageSize）、OpenSMTPD の max-message-size など。",
			fix:     "メッセージサイズの上限をメールに必要な大きさ（10〜50MB が一般的）に上げ、設定値の単位を確認してください。",
		},
		fixes: []SoftwareFix{
			{Software: SoftwarePostfix, En: "Set message_size_limit in main.cf to what mail needs, in bytes (52428800 for 50 MB), and keep mailbox_size_limit at least as large; then postfix reload.",
				Ja: "main.cf の message_size_limit をメールに必要な大きさにバイト単位で設定し（50MB なら 52428800）、mailbox_size_limit をそれ以上に保って postfix reload してください。"},
			{Software: SoftwareExim, En: "Set message_size_limit in the main section to what mail needs, with a unit (message_size_limit = 50M), and restart Exim.",
				Ja: "メインセクションの message_size_limit を単位付きでメールに必要な大きさにし（message_size_limit = 50M）、Exim を再起動してください。"},
			{Software: SoftwareSendmail, En: "Set define(`confMAX_MESSAGE_SIZE', `52428800')dnl in sendmail.mc (bytes; 0 means no limit), rebuild sendmail.cf and restart sendmail.",
				Ja: "sendmail.mc で define(`confMAX_MESSAGE_SIZE', `52428800')dnl を設定し（バイト単位、0 は無制限）、sendmail.cf を作り直して sendmail を再起動してください。"},
			{Software: SoftwareOpenSMTPD, En: "Set smtp max-message-size in smtpd.conf to what mail needs (smtp max-message-size 50M) and restart smtpd.",
				Ja: "smtpd.conf の smtp max-message-size をメールに必要な大きさにし（smtp max-message-size 50M）、smtpd を再起動してください。"},
			{Software: SoftwareExchange, En: "Raise the organisation's and the connector's limits (Set-TransportConfig -MaxReceiveSize 50MB, Set-ReceiveConnector -MaxMessageSize 50MB).",
				Ja: "組織とコネクタの上限を引き上げてください（Set-TransportConfig -MaxReceiveSize 50MB、Set-ReceiveConnector -MaxMessageSize 50MB）。"},
		},
	},
	"data-not-354": {
		class: "SMTP", category: CategoryOther, retry: "permanent",
		en: findingLang{
			title:   "The server answered DATA with {code} instead of 354",
			meaning: "After DATA a server must answer 354 before the client sends the message, or refuse with 4xx or 5xx (RFC 5321 section 4.3.2). A {code} is neither: it is a protocol violation by the server, and senders stop the transaction rather than guess whether the message is wanted.",
			when:    "A broken server, proxy or filter in front of it (a content scanner or load balancer that answers for the server), or a server that did not take the DATA command as a command.",
			fix:     "Find what answers on this port (the greeting names it) and fix or replace it; test DATA by hand with `openssl s_client -starttls smtp -connect <host>:<port>` or telnet.",
		},
		ja: findingLang{
			title:   "サーバが DATA に 354 ではなく {code} で応答した",
			meaning: "DATA の後、サーバはメッセージ本文を受け取る前に 354 を返すか、4xx・5xx で拒否しなければなりません（RFC 5321 4.3.2節）。{code} はどちらでもなく、サーバ側のプロトコル違反です。送信者はメッセージを受け付けてもらえるか推測せず、トランザクションを中止します。",
			when:    "壊れたサーバ、あるいはサーバの前にあるプロキシやフィルタ（コンテンツスキャナやロードバランサ）が代わりに応答している場合や、DATA をコマンドとして扱っていない場合に起きます。",
			fix:     "このポートで応答しているもの（グリーティングに名前が出ます）を特定して修正または交換し、`openssl s_client -starttls smtp -connect <host>:<port>` や telnet で DATA を手で確認してください。",
		},
	},
	"tls-port-plain": {
		class: "TLS", category: CategoryOther, retry: "permanent",
		en: findingLang{
			title:   "This port speaks plain SMTP, not implicit TLS",
			meaning: "The probe started TLS at once (--tls), and the server answered with a plain SMTP greeting instead of a TLS handshake: port {port} speaks plain SMTP, where TLS comes with STARTTLS.",
			when:    "--tls used against port 25 or 587, which start in clear; implicit TLS (SMTPS, RFC 8314) is port 465.",
			fix:     "Probe this port without --tls (STARTTLS is used when offered), or use --tls with port 465.",
		},
		ja: findingLang{
			title:   "このポートは暗黙的TLSではなく平文のSMTPを話す",
			meaning: "プローブは接続直後にTLSを開始しました（--tls）が、サーバはTLSハンドシェイクではなく平文のSMTPグリーティングを返しました。ポート {port} は平文で始まるSMTPで、TLSは STARTTLS で使います。",
			when:    "平文で始まるポート 25 や 587 に --tls を付けた場合に起きます。暗黙的TLS（SMTPS、RFC 8314）はポート 465 です。",
			fix:     "--tls を付けずに確認する（STARTTLS が提供されていれば使います）か、ポート 465 に --tls を使ってください。",
		},
	},
	"tls-port-implicit": {
		class: "TLS", category: CategoryOther, retry: "permanent",
		en: findingLang{
			title:   "This port speaks implicit TLS: use --tls",
			meaning: "The server sent no greeting in clear, and a TLS handshake on a new connection to port {port} succeeded: the port expects TLS from the first byte (SMTPS, RFC 8314), so a plain SMTP client waits for a greeting that never comes.",
			when:    "Probing port 465 (or another implicit-TLS port) without --tls.",
			fix:     "Run smtpprobe again with --tls. Nothing needs changing on the server.",
		},
		ja: findingLang{
			title:   "このポートは暗黙的TLSを話す: --tls を使う",
			meaning: "サーバは平文のグリーティングを送らず、ポート {port} への新しい接続でのTLSハンドシェイクは成功しました。このポートは最初のバイトからTLSを期待する（SMTPS、RFC 8314）ため、平文のSMTPクライアントは来ないグリーティングを待ち続けます。",
			when:    "ポート 465（など暗黙的TLSのポート）を --tls なしで確認した場合に起きます。",
			fix:     "--tls を付けて smtpprobe を再実行してください。サーバ側の変更は不要です。",
		},
	},
	"tls-obsolete": {
		class: "TLS", category: CategoryOther, retry: "permanent",
		en: findingLang{
			title:   "The server offers only obsolete TLS ({version})",
			meaning: "The best the server negotiated is {version}. TLS 1.0 and 1.1 are deprecated (RFC 8996), their CBC suites with SHA-1 are weak, MTA-STS and DANE-minded senders require TLS 1.2 or later (RFC 8461), and a growing number of senders refuse them and deliver in clear or not at all.",
			when:    "An old TLS library or a configuration that pins old protocol versions or ciphers.",
			fix:     "Enable TLS 1.2 and 1.3 with AEAD cipher suites (AES-GCM, ChaCha20-Poly1305) in the MTA's TLS settings and its TLS library.",
		},
		ja: findingLang{
			title:   "サーバが古いTLS（{version}）しか提供しない",
			meaning: "サーバとの間で決まった最良のバージョンは {version} でした。TLS 1.0 と 1.1 は廃止され（RFC 8996）、SHA-1 の CBC 暗号スイートは弱く、MTA-STS を使う送信者は TLS 1.2 以上を求めます（RFC 8461）。これらを拒否して平文で送る、または送らない送信者が増えています。",
			when:    "古いTLSライブラリや、古いプロトコルバージョン・暗号に固定した設定で起きます。",
			fix:     "MTA とその TLS ライブラリの設定で、AEAD 暗号スイート（AES-GCM、ChaCha20-Poly1305）を使う TLS 1.2 と 1.3 を有効にしてください。",
		},
		fixes: []SoftwareFix{
			{Software: SoftwarePostfix, En: "Offer TLS 1.2 and 1.3 only: smtpd_tls_protocols = >=TLSv1.2 and smtpd_tls_mandatory_protocols = >=TLSv1.2 in main.cf (Postfix 3.6 and later; older: !SSLv2, !SSLv3, !TLSv1, !TLSv1.1), with an OpenSSL that supports them.",
				Ja: "main.cf で smtpd_tls_protocols = >=TLSv1.2 と smtpd_tls_mandatory_protocols = >=TLSv1.2 を設定し（Postfix 3.6 以降。古い版は !SSLv2, !SSLv3, !TLSv1, !TLSv1.1）、それらに対応した OpenSSL を使ってください。"},
			{Software: SoftwareExim, En: "Set tls_require_ciphers to allow only TLS 1.2 and later (GnuTLS: a priority string such as NORMAL:-VERS-TLS1.0:-VERS-TLS1.1; OpenSSL: openssl_options = +no_tlsv1 +no_tlsv1_1) and restart Exim.",
				Ja: "tls_require_ciphers で TLS 1.2 以降だけを許し（GnuTLS なら NORMAL:-VERS-TLS1.0:-VERS-TLS1.1 のような優先順位文字列、OpenSSL なら openssl_options = +no_tlsv1 +no_tlsv1_1）、Exim を再起動してください。"},
			{Software: SoftwareSendmail, En: "Disable the old protocols with ServerSSLOptions (define(`confSERVER_SSL_OPTIONS', `+SSL_OP_NO_TLSv1 +SSL_OP_NO_TLSv1_1')dnl) and a modern confCIPHER_LIST, rebuild sendmail.cf and restart sendmail.",
				Ja: "ServerSSLOptions で古いプロトコルを無効にし（define(`confSERVER_SSL_OPTIONS', `+SSL_OP_NO_TLSv1 +SSL_OP_NO_TLSv1_1')dnl）、新しい confCIPHER_LIST を設定して sendmail.cf を作り直し、sendmail を再起動してください。"},
			{Software: SoftwareOpenSMTPD, En: "Set the listener's protocols (listen on ... tls pki NAME protocols \"tlsv1.2,tlsv1.3\") and restart smtpd.",
				Ja: "待ち受けの protocols を設定し（listen on ... tls pki 名前 protocols \"tlsv1.2,tlsv1.3\"）、smtpd を再起動してください。"},
			{Software: SoftwareExchange, En: "Enable TLS 1.2 (and 1.3 where Windows supports it) in SCHANNEL and .NET, disable TLS 1.0 and 1.1, as Microsoft's Exchange TLS guidance describes, then restart the server.",
				Ja: "Microsoft の Exchange の TLS ガイダンスに従って SCHANNEL と .NET で TLS 1.2（Windows が対応していれば 1.3 も）を有効にし、TLS 1.0 と 1.1 を無効にしてサーバを再起動してください。"},
		},
	},
	"tls-renegotiation-refused": {
		class: "TLS", category: CategoryOther, retry: "permanent",
		en: findingLang{
			title:   "The probe refused the server's TLS renegotiation",
			meaning: "The server asked to renegotiate the TLS 1.2 session and the probe refused, as modern TLS clients do; that refusal, not the server's mail log, is why the session ended. Senders whose TLS library also refuses renegotiation lose the session the same way.",
			when:    "A server configured to renegotiate (to ask for a client certificate mid-session, or on a timer), or an old TLS library.",
			fix:     "Turn off TLS renegotiation on the server, or let it ask for client certificates in the first handshake; TLS 1.3 has no renegotiation.",
		},
		ja: findingLang{
			title:   "サーバからのTLS再ネゴシエーションをプローブが拒否した",
			meaning: "サーバが TLS 1.2 セッションの再ネゴシエーションを求め、プローブは現在のTLSクライアントと同じくこれを拒否しました。セッションが終わった理由はこの拒否で、サーバのメールログを見る必要はありません。再ネゴシエーションを拒否するTLSライブラリを使う送信者も同じくセッションを失います。",
			when:    "セッション途中でクライアント証明書を求める、あるいは一定時間ごとに再ネゴシエーションするよう設定されたサーバや、古いTLSライブラリで起きます。",
			fix:     "サーバの TLS 再ネゴシエーションを無効にするか、クライアント証明書は最初のハンドシェイクで求めるようにしてください。TLS 1.3 には再ネゴシエーションがありません。",
		},
	},
}
