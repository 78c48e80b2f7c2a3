package catalog

// basic5xx holds the 5xx basic reply codes, ordered by code.
var basic5xx = []BasicEntry{
	{
		Code: 500, Name: "Syntax error, command unrecognized", Ref: "RFC 5321 §4.2.3, §4.3.2", Category: CategorySyntax, Retry: Permanent,
		En: Text{
			"Syntax error, command unrecognized",
			"The server did not recognise the command, or the line was too long.",
			"After a mistyped or unsupported command, EHLO on a very old server (the client then falls back to HELO), or a line over the 512-byte command limit. A firewall's \"SMTP fixup\" (Cisco ASA) that mangles commands causes it too.",
			"Check the transcript for the command that failed. If EHLO got 500, use HELO. If commands arrive garbled (\"XXXX\" in place of EHLO), disable SMTP inspection on the firewall in between.",
		},
		Ja: Text{
			"構文エラー（コマンド不明）",
			"サーバはコマンドを認識できなかったか、行が長すぎました。",
			"コマンドの誤入力や未対応のコマンド、非常に古いサーバへの EHLO（クライアントは HELO に切り替えます）、512 バイトの上限を超える行で発生します。途中のファイアウォールの SMTP 検査機能（Cisco ASA の fixup など）がコマンドを書き換えても起きます。",
			"通信記録で失敗したコマンドを確認してください。EHLO が 500 なら HELO を使います。コマンドが化けて届く（EHLO が「XXXX」になる等）場合は途中のファイアウォールの SMTP 検査を無効にしてください。",
		},
	},
	{
		Code: 500, Name: "Authentication exchange line too long", Ref: "RFC 4954 §4, §6", Match: `line is too long|5\.5\.6|sasl response limit`, Category: CategoryAuthenticationFailed, Retry: Permanent,
		En: Text{
			"Authentication line too long",
			"A line of the AUTH exchange exceeded the server's limit (sent with 5.5.6).",
			"During AUTH with a large initial response, typically a long XOAUTH2 or OAUTHBEARER token or a Kerberos ticket.",
			"Send the credentials without an initial response so the server prompts with 334, or use a mechanism with shorter messages; the administrator may raise the limit.",
		},
		Ja: Text{
			"認証のやり取りの行が長すぎる",
			"AUTH のやり取りの 1 行がサーバの上限を超えました（5.5.6 とともに返されます）。",
			"大きな初期応答を伴う AUTH、典型的には長い XOAUTH2・OAUTHBEARER トークンや Kerberos チケットのとき。",
			"初期応答を付けずに送り、サーバの 334 を待ってから応答するか、短い方式を使ってください。管理者が上限を引き上げることもできます。",
		},
	},
	{
		Code: 501, Name: "Syntax error in parameters or arguments", Ref: "RFC 5321 §4.2.3, §4.3.2", Category: CategorySyntax, Retry: Permanent,
		En: Text{
			"Syntax error in parameters",
			"The command is known but its argument is malformed: an address without angle brackets, a bad HELO name, an unknown parameter value.",
			"At HELO/EHLO (an invalid host name or IP literal), MAIL FROM or RCPT TO (address syntax), or any command with a bad argument.",
			"Check the argument in the transcript. Use MAIL FROM:<user@example.com> with angle brackets and no space after the colon, and a fully qualified host name in EHLO (Postfix myhostname, Exim primary_hostname).",
		},
		Ja: Text{
			"パラメータの構文エラー",
			"コマンド自体は既知ですが、引数が不正です（山括弧のないアドレス、不正な HELO 名、不明なパラメータ値など）。",
			"HELO/EHLO（不正なホスト名や IP リテラル）、MAIL FROM や RCPT TO（アドレスの書式）など、引数が不正なコマンドへの応答。",
			"通信記録で引数を確認してください。MAIL FROM:<user@example.com> のように山括弧を付け、コロンの後に空白を入れないこと、EHLO には FQDN（Postfix の myhostname、Exim の primary_hostname）を使うことが必要です。",
		},
	},
	{
		Code: 501, Name: "Syntax error (no parameters allowed)", Ref: "RFC 3207 §4", Match: `no parameters allowed|syntax: starttls`, Category: CategorySyntax, Retry: Permanent,
		En: Text{
			"STARTTLS takes no parameters",
			"STARTTLS was sent with an argument; it must be sent alone.",
			"In reply to \"STARTTLS something\".",
			"Fix the client to send the bare STARTTLS command.",
		},
		Ja: Text{
			"STARTTLS にパラメータは不要",
			"STARTTLS に引数が付いていました。STARTTLS は単独で送る必要があります。",
			"「STARTTLS 何か」のように引数付きで送ったときの応答。",
			"クライアントが引数なしの STARTTLS を送るように修正してください。",
		},
	},
	{
		Code: 501, Name: "Authentication cancelled or response undecodable", Ref: "RFC 4954 §4", Match: `auth(entication)? (aborted|cancel)|cannot decode|invalid base64|5\.5\.2 .*base64`, Category: CategoryAuthenticationFailed, Retry: Permanent,
		En: Text{
			"Authentication cancelled or undecodable",
			"The AUTH exchange ended: the client cancelled it with \"*\", or its response was not valid base64.",
			"During AUTH, when the client gives up or sends its credentials unencoded or badly encoded.",
			"Make the client encode every AUTH response in base64 (AUTH PLAIN is base64 of \\0user\\0password) and not cancel the exchange.",
		},
		Ja: Text{
			"認証の中止またはデコード不能",
			"AUTH のやり取りが終了しました。クライアントが「*」で中止したか、応答が正しい base64 ではありませんでした。",
			"AUTH の途中でクライアントが中止したり、資格情報をエンコードせずに、または誤ったエンコードで送ったとき。",
			"クライアントが AUTH の応答を正しく base64 エンコードする（AUTH PLAIN は \\0ユーザ\\0パスワード の base64）ように、また途中で中止しないように修正してください。",
		},
	},
	{
		Code: 502, Name: "Command not implemented", Ref: "RFC 5321 §4.2.3, §4.2.4", Category: CategorySyntax, Retry: Permanent,
		En: Text{
			"Command not implemented",
			"The server knows the command but does not offer it.",
			"For VRFY and EXPN on most servers (disabled against address harvesting), HELP, ETRN, or EHLO on old servers (then fall back to HELO).",
			"Nothing is broken: use only the commands the server advertises in its EHLO reply. To check an address, use RCPT TO instead of VRFY.",
		},
		Ja: Text{
			"コマンド未実装",
			"サーバはコマンドを知っていますが、提供していません。",
			"多くのサーバでの VRFY や EXPN（アドレス収集対策で無効化）、HELP、ETRN、古いサーバでの EHLO（HELO に切り替えます）への応答。",
			"故障ではありません。EHLO の応答で提示されたコマンドだけを使ってください。アドレスの確認には VRFY ではなく RCPT TO を使います。",
		},
	},
	{
		Code: 503, Name: "Bad sequence of commands", Ref: "RFC 5321 §4.2.3", Category: CategorySyntax, Retry: Permanent,
		En: Text{
			"Bad sequence of commands",
			"The command came in the wrong order: RCPT before MAIL, DATA before any accepted RCPT, MAIL before HELO/EHLO, or a second MAIL in one transaction.",
			"Often after an earlier command was rejected and the client went on anyway, so the real reason is in the reply before this one. Some servers also send 503 for relaying refused without authentication.",
			"Look at the reply just before it in the transcript and fix that. For a client: send EHLO, then MAIL, then RCPT, and send DATA only after a 250 to RCPT.",
		},
		Ja: Text{
			"コマンドの順序誤り",
			"コマンドの順序が正しくありません（MAIL 前の RCPT、受け付けられた RCPT がないままの DATA、HELO/EHLO 前の MAIL、1 トランザクション中の 2 回目の MAIL など）。",
			"前のコマンドが拒否されたのにクライアントが続行した場合に多く、本当の理由は直前の応答にあります。認証なしの中継を 503 で拒否するサーバもあります。",
			"通信記録で直前の応答を確認し、その原因を修正してください。クライアントは EHLO、MAIL、RCPT の順に送り、RCPT に 250 が返ってから DATA を送る必要があります。",
		},
	},
	{
		Code: 503, Name: "AUTH not allowed now", Ref: "RFC 4954 §4", Match: `already authenticated|auth(entication)? not (allowed|enabled|permitted)|during (a )?mail transaction|send auth command first`, Category: CategorySyntax, Retry: Permanent,
		En: Text{
			"AUTH not allowed now",
			"AUTH is not allowed at this point: the session is already authenticated, a mail transaction is under way, or the server offers no AUTH here.",
			"In reply to a second AUTH, AUTH after MAIL, or AUTH on a port or before STARTTLS where the server does not offer it.",
			"Authenticate once, before MAIL FROM, and only when AUTH appears in the EHLO reply (often only after STARTTLS, on port 587).",
		},
		Ja: Text{
			"現時点では AUTH 不可",
			"この時点では AUTH は許されていません（認証済み、メールトランザクション中、またはここでは AUTH を提供していない）。",
			"2 回目の AUTH、MAIL 後の AUTH、AUTH を提供していないポートや STARTTLS 前の AUTH への応答。",
			"認証は MAIL FROM の前に 1 回だけ、EHLO の応答に AUTH がある場合に行ってください（多くは 587 番ポートで STARTTLS の後にだけ提示されます）。",
		},
	},
	{
		Code: 504, Name: "Command parameter not implemented", Ref: "RFC 5321 §4.2.3", Category: CategorySyntax, Retry: Permanent,
		En: Text{
			"Command parameter not implemented",
			"The server does not support a parameter of the command. Postfix also uses 504 for a HELO name or address that is not fully qualified.",
			"At EHLO/HELO, MAIL or RCPT with an unsupported parameter; Postfix reject_non_fqdn_helo_hostname and reject_non_fqdn_sender/recipient (\"need fully-qualified hostname\").",
			"Send a fully qualified host name in EHLO (mail.example.com, not \"localhost\" or a bare name) and full addresses with a domain; drop parameters the server did not advertise.",
		},
		Ja: Text{
			"コマンドパラメータ未実装",
			"サーバはコマンドのパラメータに対応していません。Postfix は FQDN でない HELO 名やアドレスにも 504 を使います。",
			"未対応のパラメータ付きの EHLO/HELO、MAIL、RCPT。Postfix の reject_non_fqdn_helo_hostname や reject_non_fqdn_sender/recipient（「need fully-qualified hostname」）。",
			"EHLO には FQDN（「localhost」や単なるホスト名ではなく mail.example.com のような名前）を、アドレスにはドメインを付けてください。サーバが提示していないパラメータは外してください。",
		},
	},
	{
		Code: 504, Name: "Authentication mechanism not supported", Ref: "RFC 4954 §4", Match: `mechanism|5\.5\.4 .*auth|unrecognized authentication type`, Category: CategoryAuthenticationFailed, Retry: Permanent,
		En: Text{
			"Authentication mechanism not supported",
			"The server does not support the requested AUTH mechanism, or requires encryption for it.",
			"In reply to AUTH with a mechanism not in the EHLO AUTH list, or with PLAIN/LOGIN before STARTTLS.",
			"Pick a mechanism from the AUTH line of the EHLO reply, and start TLS first (port 587 with STARTTLS, or 465).",
		},
		Ja: Text{
			"未対応の認証方式",
			"サーバは要求された AUTH 方式に対応していないか、その方式には暗号化が必要です。",
			"EHLO の AUTH 一覧にない方式、または STARTTLS 前の PLAIN/LOGIN での AUTH への応答。",
			"EHLO 応答の AUTH 行にある方式を選び、先に TLS を開始してください（587 番ポートで STARTTLS、または 465 番）。",
		},
	},
	{
		Code: 521, Name: "Host does not accept mail", Ref: "RFC 7504 §3", Category: CategoryDoesNotAcceptMail, Retry: Permanent,
		En: Text{
			"Host does not accept mail",
			"This server never accepts mail (RFC 7504): it exists for other reasons and says so up front.",
			"As the greeting of a host that is not a mail server, or of a dummy MX that only turns mail away.",
			"Check the domain's MX records (dig MX domain): mail should go to its real mail servers. If this is the only MX, the domain does not receive mail; reach the recipient another way.",
		},
		Ja: Text{
			"このホストはメールを受け付けない",
			"このサーバはメールを一切受け付けません（RFC 7504）。別の目的のホストであることを最初に示しています。",
			"メールサーバではないホストや、メールを断るためだけのダミー MX のグリーティング。",
			"ドメインの MX レコード（dig MX ドメイン名）を確認してください。本来のメールサーバ宛てに送るべきです。これが唯一の MX ならそのドメインはメールを受信しないので、別の手段で連絡してください。",
		},
	},
	{
		Code: 523, Name: "Encryption needed (registry association only)", Ref: "RFC 5248 registry (X.7.10)", Category: CategoryTLSRequired, Retry: Permanent,
		En: Text{
			"Encryption needed",
			"The server requires an encrypted connection for this; the IANA registry lists 523 beside X.7.10.",
			"In reply to AUTH or a mail command sent over a plain connection to a server that requires TLS.",
			"Use STARTTLS (or port 465 with implicit TLS) before authenticating or sending.",
		},
		Ja: Text{
			"暗号化が必要",
			"この操作には暗号化された接続が必要です。IANA のレジストリでは X.7.10 とともに 523 が挙げられています。",
			"TLS を必須とするサーバに平文の接続で AUTH やメールコマンドを送ったとき。",
			"認証や送信の前に STARTTLS を使う（または 465 番ポートで最初から TLS を使う）ようにしてください。",
		},
	},
	{
		Code: 524, Name: "Encryption required for mechanism (registry association only)", Ref: "RFC 5248 registry (X.7.11)", Category: CategoryTLSRequired, Retry: Permanent,
		En: Text{
			"Encryption required for this mechanism",
			"The chosen AUTH mechanism may only be used over TLS; the IANA registry lists 524 beside X.7.11.",
			"In reply to AUTH PLAIN or LOGIN before STARTTLS.",
			"Start TLS first, then authenticate.",
		},
		Ja: Text{
			"この認証方式には暗号化が必要",
			"選んだ AUTH 方式は TLS 上でしか使えません。IANA のレジストリでは X.7.11 とともに 524 が挙げられています。",
			"STARTTLS 前の AUTH PLAIN や LOGIN への応答。",
			"先に TLS を開始してから認証してください。",
		},
	},
	{
		Code: 525, Name: "User account disabled (registry association only)", Ref: "RFC 5248 registry (X.7.13)", Category: CategoryAuthenticationFailed, Retry: Permanent,
		En: Text{
			"User account disabled",
			"The account exists but is disabled, so it may not authenticate; the IANA registry lists 525 beside X.7.13.",
			"In reply to AUTH for a suspended or locked account.",
			"Ask the mail administrator or provider why the account was disabled (unpaid, compromised, abuse) and have it re-enabled.",
		},
		Ja: Text{
			"アカウント無効",
			"アカウントは存在しますが無効化されているため認証できません。IANA のレジストリでは X.7.13 とともに 525 が挙げられています。",
			"停止またはロックされたアカウントでの AUTH への応答。",
			"メール管理者または事業者に無効化の理由（未払い、乗っ取り、不正利用など）を確認し、再有効化を依頼してください。",
		},
	},
	{
		Code: 530, Name: "Must issue a STARTTLS command first", Ref: "RFC 3207 §4", Category: CategoryTLSRequired, Retry: Permanent,
		En: Text{
			"Must issue STARTTLS first",
			"The server requires TLS before it takes any mail command.",
			"At MAIL FROM or AUTH over a plain connection, on servers with mandatory TLS (Postfix smtpd_tls_security_level = encrypt).",
			"Enable STARTTLS in the client (Postfix smtp_tls_security_level = may or encrypt); check that nothing between the hosts strips STARTTLS from the EHLO reply.",
		},
		Ja: Text{
			"先に STARTTLS が必要",
			"サーバはメールコマンドを受け付ける前に TLS を要求しています。",
			"TLS 必須のサーバ（Postfix の smtpd_tls_security_level = encrypt）に平文の接続で MAIL FROM や AUTH を送ったとき。",
			"クライアントで STARTTLS を有効にしてください（Postfix の smtp_tls_security_level = may または encrypt）。途中の機器が EHLO 応答から STARTTLS を消していないかも確認してください。",
		},
	},
	{
		Code: 530, Name: "Authentication required", Ref: "RFC 4954 §6", Match: `auth(entication)? required|requires? (smtp )?auth(entication)?|must authenticate|not authenticated|authenticate first|authentication is required|log ?in (is )?required|log ?in first`, Category: CategoryAuthenticationRequired, Retry: Permanent,
		En: Text{
			"Authentication required",
			"The server only takes mail from authenticated clients (sent with 5.7.0).",
			"At MAIL FROM on submission servers (port 587/465) and relays when the client did not AUTH; Microsoft 365 sends 530 5.7.57 for this.",
			"Configure the client with the account's user name and password (or OAuth) and enable SMTP AUTH over TLS; for server-to-server mail, send to the recipient's MX on port 25 instead.",
		},
		Ja: Text{
			"認証が必要",
			"サーバは認証済みのクライアントからのメールしか受け付けません（5.7.0 とともに返されます）。",
			"クライアントが AUTH していないときのサブミッションサーバ（587/465 番ポート）や中継サーバでの MAIL FROM への応答。Microsoft 365 はこの場合 530 5.7.57 を返します。",
			"クライアントにアカウントのユーザ名とパスワード（または OAuth）を設定し、TLS 上の SMTP 認証を有効にしてください。サーバ間の配送なら宛先の MX の 25 番ポートに送ってください。",
		},
	},
	{
		Code: 533, Name: "Delivery not authorized (registry association only)", Ref: "RFC 5248 registry (X.7.1)", Category: CategoryPolicy, Retry: Permanent,
		En: Text{
			"Delivery not authorized",
			"The server refuses the message by policy; the IANA registry lists 533 beside X.7.1.",
			"At MAIL or RCPT, from servers that use this rare code for policy refusals.",
			"Read the text for the policy and contact the recipient's postmaster.",
		},
		Ja: Text{
			"配送が許可されていない",
			"サーバはポリシーによりメッセージを拒否しました。IANA のレジストリでは X.7.1 とともに 533 が挙げられています。",
			"この珍しいコードをポリシー拒否に使うサーバでの MAIL や RCPT への応答。",
			"テキストからポリシーを読み取り、宛先のポストマスターに問い合わせてください。",
		},
	},
	{
		Code: 534, Name: "Authentication mechanism too weak", Ref: "RFC 4954 §6", Category: CategoryAuthenticationFailed, Retry: Permanent,
		En: Text{
			"Authentication mechanism too weak",
			"The server refuses this AUTH mechanism for this account as too weak (sent with 5.7.9).",
			"In reply to AUTH PLAIN/LOGIN where the provider demands more: Gmail answers 534 5.7.9 \"Application-specific password required\" for accounts with 2-step verification, and has turned off password logins for most accounts.",
			"Use the mechanism the provider requires: OAuth2 (XOAUTH2) or an app password for Gmail and Microsoft 365; enable TLS first.",
		},
		Ja: Text{
			"認証方式が弱すぎる",
			"サーバはこのアカウントに対してこの AUTH 方式を弱すぎるとして拒否しました（5.7.9 とともに返されます）。",
			"事業者がより強い方式を求めるときの AUTH PLAIN/LOGIN への応答。Gmail は 2 段階認証のアカウントに 534 5.7.9「Application-specific password required」を返し、多くのアカウントでパスワードログインを停止しています。",
			"事業者が求める方式を使ってください。Gmail や Microsoft 365 では OAuth2（XOAUTH2）またはアプリパスワードを使い、先に TLS を開始します。",
		},
	},
	{
		Code: 535, Name: "Authentication credentials invalid", Ref: "RFC 4954 §6", Category: CategoryAuthenticationFailed, Retry: Permanent,
		En: Text{
			"Authentication credentials invalid",
			"The user name or password (or token) was not accepted (sent with 5.7.8).",
			"In reply to AUTH with a wrong password, a wrong user name form (full address vs. local part), an expired OAuth token, or an account where SMTP AUTH is turned off (Microsoft 365: 535 5.7.139).",
			"Check the credentials by logging in to webmail or IMAP with them; use the user name form the provider expects; for Microsoft 365 enable authenticated SMTP for the mailbox or use OAuth. Repeated failures may get the client IP blocked (fail2ban).",
		},
		Ja: Text{
			"認証情報が無効",
			"ユーザ名またはパスワード（トークン）が受け付けられませんでした（5.7.8 とともに返されます）。",
			"パスワードの誤り、ユーザ名の形式違い（アドレス全体かローカル部か）、期限切れの OAuth トークン、SMTP 認証が無効なアカウント（Microsoft 365 の 535 5.7.139）での AUTH への応答。",
			"同じ資格情報で Web メールや IMAP にログインできるか確認し、事業者の求めるユーザ名形式を使ってください。Microsoft 365 ではメールボックスの SMTP 認証を有効にするか OAuth を使います。失敗を繰り返すとクライアント IP が遮断される（fail2ban など）ことがあります。",
		},
	},
	{
		Code: 538, Name: "Encryption required for authentication mechanism", Ref: "RFC 4954 §6", Category: CategoryTLSRequired, Retry: Permanent,
		En: Text{
			"Encryption required for this mechanism",
			"The AUTH mechanism may only be used over an encrypted connection (5.7.11; kept in RFC 4954 for history).",
			"In reply to AUTH PLAIN or LOGIN before STARTTLS.",
			"Start TLS, then authenticate.",
		},
		Ja: Text{
			"この認証方式には暗号化が必要",
			"この AUTH 方式は暗号化された接続でしか使えません（5.7.11。RFC 4954 では歴史的経緯として残されています）。",
			"STARTTLS 前の AUTH PLAIN や LOGIN への応答。",
			"TLS を開始してから認証してください。",
		},
	},
	{
		Code: 550, Name: "Mailbox unavailable (permanent)", Ref: "RFC 5321 §4.2.3", Category: CategoryMailboxUnknown, Retry: Permanent,
		En: Text{
			"Mailbox unavailable",
			"The server refuses the action for good: most often the recipient mailbox does not exist, but 550 is also the usual code for a policy refusal (blocklisted IP, spam, relay denied).",
			"At RCPT TO for an unknown user; at MAIL FROM or RCPT TO when the sender or its IP is refused; at the end of DATA when the content is refused.",
			"Read the text and the enhanced code: 5.1.1 means check the address for typos and remove it from your lists; 5.7.x means a policy refusal, so check blocklists, SPF/DKIM/DMARC and reverse DNS of the sending IP.",
		},
		Ja: Text{
			"メールボックス利用不可",
			"サーバは要求を恒久的に拒否しました。最も多いのは宛先のメールボックスが存在しない場合ですが、ポリシーによる拒否（ブラックリスト登録 IP、迷惑メール判定、中継拒否）にも 550 がよく使われます。",
			"存在しないユーザへの RCPT TO、送信元や送信元 IP が拒否されたときの MAIL FROM や RCPT TO、内容が拒否されたときの DATA 終端。",
			"テキストと拡張ステータスコードを確認してください。5.1.1 なら宛先アドレスの誤りを確認し配信リストから削除します。5.7.x ならポリシー拒否なので、送信元 IP のブラックリスト登録、SPF/DKIM/DMARC、逆引きを確認してください。",
		},
	},
	{
		Code: 551, Name: "User not local; please try forward-path", Ref: "RFC 5321 §4.2.3, §3.4", Category: CategoryMailboxUnknown, Retry: Permanent,
		En: Text{
			"User not local",
			"The recipient is not hosted here; the server may name the address to use instead, but will not forward the message itself.",
			"At RCPT TO for a user who moved, or on a server that is not the recipient's mail server and refuses to relay.",
			"Send to the new address given in the text and update your records; otherwise check that the domain's MX records point to the right server.",
		},
		Ja: Text{
			"ローカルユーザではない",
			"宛先はこのサーバにはいません。代わりのアドレスを示すことはありますが、サーバ自身は転送しません。",
			"移転したユーザ宛ての RCPT TO、または宛先のメールサーバではなく中継も拒否するサーバでの応答。",
			"テキストに示された新しいアドレスに送り、宛先情報を更新してください。示されない場合はドメインの MX レコードが正しいサーバを指しているか確認してください。",
		},
	},
	{
		Code: 552, Name: "Exceeded storage allocation", Ref: "RFC 5321 §4.2.3", Category: CategoryMailboxFull, Retry: Permanent,
		En: Text{
			"Exceeded storage allocation",
			"The recipient's mailbox has no room for the message (over quota).",
			"At RCPT TO or the end of DATA when the mailbox is full, or the message would push it over its quota.",
			"Tell the recipient by another channel to delete or archive mail; resend after they have. A very large attachment may fit once shared as a link instead.",
		},
		Ja: Text{
			"割り当て容量超過",
			"宛先のメールボックスにメッセージを保存する空きがありません（容量超過）。",
			"メールボックスが満杯、またはメッセージによって容量を超えるときの RCPT TO や DATA 終端への応答。",
			"宛先本人に別の手段で連絡し、メールの削除や整理を依頼してから再送してください。大きな添付ファイルはリンク共有にすれば収まる場合があります。",
		},
	},
	{
		Code: 552, Name: "Too much mail data (message too large)", Ref: "RFC 5321 §4.5.3.1.9", Match: `size|too (big|large)|too much mail data|exceeds .*limit|message length`, Category: CategorySizeLimit, Retry: Permanent,
		En: Text{
			"Message too large",
			"The message is larger than the server accepts.",
			"At MAIL FROM when the SIZE parameter is over the limit advertised in EHLO (SIZE 52428800 = 50 MB), or at the end of DATA. Postfix's limit is message_size_limit (10 MB by default); Exchange Online's is 25 to 150 MB by configuration.",
			"Send smaller messages: attachments grow by a third in base64, so a 20 MB file needs about 27 MB. Share large files as links, or ask the receiving site to raise its limit.",
		},
		Ja: Text{
			"メッセージサイズ超過",
			"メッセージがサーバの受け付ける上限より大きすぎます。",
			"SIZE パラメータが EHLO で提示された上限（SIZE 52428800 = 50 MB など）を超えるときの MAIL FROM、または DATA 終端への応答。Postfix の上限は message_size_limit（既定 10 MB）、Exchange Online は設定により 25〜150 MB です。",
			"メッセージを小さくしてください。添付ファイルは base64 で約 3 分の 4 倍になるため、20 MB のファイルは約 27 MB になります。大きなファイルはリンクで共有するか、受信側に上限の引き上げを依頼してください。",
		},
	},
	{
		Code: 553, Name: "Mailbox name not allowed", Ref: "RFC 5321 §4.2.3", Category: CategorySyntax, Retry: Permanent,
		En: Text{
			"Mailbox name not allowed",
			"The address is not acceptable: its syntax is wrong, or the server does not accept it as sender or recipient (qmail and many ISPs use 553 for \"not in my list of allowed rcpthosts\", i.e. relaying denied).",
			"At MAIL FROM or RCPT TO with a malformed address, a sender domain the server refuses, or a recipient domain it does not serve.",
			"Check the address for typos and stray characters; for relaying errors, send through your own provider's server with authentication, or fix the MX records so mail reaches the right server.",
		},
		Ja: Text{
			"メールボックス名が許可されていない",
			"アドレスが受け付けられません。書式が誤っているか、サーバが送信元または宛先として認めていません（qmail や多くの ISP は「not in my list of allowed rcpthosts」、つまり中継拒否に 553 を使います）。",
			"書式の誤ったアドレス、拒否された送信元ドメイン、担当していない宛先ドメインでの MAIL FROM や RCPT TO への応答。",
			"アドレスの誤字や余計な文字を確認してください。中継拒否であれば、自分の事業者のサーバ経由で認証して送るか、MX レコードを修正して正しいサーバに届くようにしてください。",
		},
	},
	{
		Code: 554, Name: "Transaction failed", Ref: "RFC 5321 §4.2.3, §3.3", Category: CategoryPolicy, Retry: Permanent,
		En: Text{
			"Transaction failed",
			"The server refuses the transaction as a whole, usually by policy or because no recipient was accepted.",
			"At the end of DATA when a content filter rejects the message (spam, virus); at DATA when no RCPT was accepted (\"no valid recipients\"); at RCPT for access-list refusals (Postfix \"Access denied\", \"Relay access denied\").",
			"Read the text: for spam or virus refusals, check the content and the sending IP's reputation; for \"no valid recipients\", look at the RCPT replies before it.",
		},
		Ja: Text{
			"トランザクション失敗",
			"サーバはトランザクション全体を拒否しました。多くはポリシーによるもの、または受け付けられた宛先がないためです。",
			"コンテンツフィルタが拒否したとき（迷惑メール、ウイルス）の DATA 終端、宛先が 1 件も受け付けられていないとき（「no valid recipients」）の DATA、アクセス制御での拒否（Postfix の「Access denied」「Relay access denied」）の RCPT。",
			"テキストを確認してください。迷惑メールやウイルスでの拒否なら内容と送信元 IP の評価を、「no valid recipients」ならその前の RCPT への応答を確認します。",
		},
	},
	{
		Code: 554, Name: "No SMTP service here", Ref: "RFC 5321 §4.2.3, §3.1", Match: `no smtp service|not accepting (connections|mail|network messages)|esmtp not accepting`, Category: CategoryDoesNotAcceptMail, Retry: Permanent,
		En: Text{
			"No SMTP service here",
			"The server refuses the whole session from the start: no mail from this client will be accepted.",
			"As the greeting, instead of 220, when the server blocks the connecting IP (blocklist, country or network block) or offers no mail service on this address.",
			"Read the text for the reason. If your IP is blocked, check it on blocklists and contact the receiving site's postmaster; if the host offers no SMTP service, check the domain's MX records.",
		},
		Ja: Text{
			"SMTP サービスなし",
			"サーバはセッション全体を最初から拒否しています。このクライアントからのメールは受け付けられません。",
			"接続元 IP を遮断しているとき（ブラックリスト、国やネットワーク単位の遮断）や、このアドレスでメールサービスを提供していないときに、220 の代わりのグリーティングとして返されます。",
			"テキストで理由を確認してください。自分の IP が遮断されているならブラックリストを確認し受信側のポストマスターに連絡します。SMTP サービスがないなら、ドメインの MX レコードを確認してください。",
		},
	},
	{
		Code: 554, Name: "Command refused due to lack of security", Ref: "RFC 3207 §4.1", Match: `lack of security|insufficient (security|encryption)|tls (version|cipher)`, Category: CategoryTLSRequired, Retry: Permanent,
		En: Text{
			"Refused: connection not secure enough",
			"After a TLS handshake the server finds the protection too weak (old protocol version, weak cipher, no client certificate) and refuses commands.",
			"After STARTTLS, at the next command.",
			"Update the client's TLS library and settings to offer TLS 1.2 or later with modern ciphers (Postfix smtp_tls_protocols, smtp_tls_mandatory_ciphers).",
		},
		Ja: Text{
			"セキュリティ不足のため拒否",
			"TLS ハンドシェイク後、サーバは保護が弱すぎる（古いプロトコル、弱い暗号、クライアント証明書なし）と判断してコマンドを拒否しました。",
			"STARTTLS の後の次のコマンドへの応答。",
			"クライアントの TLS ライブラリと設定を更新し、TLS 1.2 以降と最新の暗号スイートを使うようにしてください（Postfix の smtp_tls_protocols、smtp_tls_mandatory_ciphers）。",
		},
	},
	{
		Code: 555, Name: "MAIL FROM/RCPT TO parameters not recognized", Ref: "RFC 5321 §4.2.3", Category: CategorySyntax, Retry: Permanent,
		En: Text{
			"MAIL/RCPT parameters not recognised",
			"A parameter after the address in MAIL FROM or RCPT TO is unknown or not implemented.",
			"When a client sends ESMTP parameters (SIZE, BODY=8BITMIME, SMTPUTF8, DSN options) that the server did not advertise in EHLO, or after HELO.",
			"Send only parameters listed in the EHLO reply; if the server answered HELO only, send none.",
		},
		Ja: Text{
			"MAIL/RCPT のパラメータを認識できない",
			"MAIL FROM や RCPT TO のアドレスの後のパラメータが不明、または未実装です。",
			"EHLO で提示されていない ESMTP パラメータ（SIZE、BODY=8BITMIME、SMTPUTF8、DSN オプション）を送ったとき、または HELO の後に送ったとき。",
			"EHLO 応答にあるパラメータだけを送ってください。サーバが HELO にしか応答しない場合はパラメータを付けないでください。",
		},
	},
	{
		Code: 556, Name: "Domain does not accept mail", Ref: "RFC 7504 §4", Category: CategoryDoesNotAcceptMail, Retry: Permanent,
		En: Text{
			"Domain does not accept mail",
			"The recipient's domain publishes that it receives no mail at all (a null MX, \"MX 0 .\", RFC 7505).",
			"From a relay or your own MTA at RCPT TO, for a domain whose MX record is the null MX; sent with 5.1.10.",
			"The address cannot receive mail; check it for typos (a similar domain may be meant) and reach the recipient another way.",
		},
		Ja: Text{
			"ドメインがメールを受け付けない",
			"宛先ドメインはメールを一切受信しないことを公開しています（ヌル MX「MX 0 .」、RFC 7505）。",
			"MX レコードがヌル MX のドメイン宛ての RCPT TO に対し、中継サーバや自分の MTA が返します。5.1.10 とともに返されます。",
			"このアドレスはメールを受信できません。似た別のドメインの誤りでないか確認し、別の手段で連絡してください。",
		},
	},
}
