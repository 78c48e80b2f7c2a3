package catalog

// basic4xx holds the 4xx basic reply codes, ordered by code.
var basic4xx = []BasicEntry{
	{
		Code: 421, Name: "Service not available, closing channel", Ref: "RFC 5321 §4.2.3, §3.8", Category: CategoryServerUnavailable, Retry: Transient,
		En: Text{
			"Service not available, closing connection",
			"The server will not serve this session now and closes the connection. The condition is temporary.",
			"As the greeting when the server is overloaded, shutting down, or limits connections per client; after any command when it decides to drop the session (too many errors, timeouts, rate limits).",
			"Let the sender retry later. If it persists, read the text: \"too many connections\" means lower the sending server's concurrency per destination (Postfix smtp_destination_concurrency_limit, Exim remote_max_parallel); a rate or reputation text means slow down and check the sending IP's reputation.",
		},
		Ja: Text{
			"サービス利用不可・接続終了",
			"サーバは現在このセッションを処理できないため、接続を閉じます。原因は一時的なものです。",
			"高負荷、停止処理中、送信元ごとの接続数制限のときのグリーティング、またはエラー過多・タイムアウト・流量制限でサーバがセッションを打ち切るときの各コマンドへの応答。",
			"時間をおいて再送させてください。続く場合はテキストを確認し、「too many connections」なら送信側の宛先ごとの同時接続数（Postfix の smtp_destination_concurrency_limit、Exim の remote_max_parallel）を下げ、流量や評価に関する文言なら送信ペースを落として送信元 IP の評価を確認してください。",
		},
	},
	{
		Code: 422, Name: "Password transition needed (registry association only)", Ref: "RFC 5248 registry (X.7.12)", Category: CategoryAuthenticationFailed, Retry: Transient,
		En: Text{
			"Password transition needed",
			"The account must change its password or authentication method before it can authenticate; the IANA registry lists 422 beside 4.7.12 for this.",
			"In reply to AUTH with a mechanism the account can no longer use until the password is converted (for example from PLAIN to a hashed mechanism).",
			"Log in once with a mechanism the server offers over TLS (AUTH PLAIN on port 587 with STARTTLS) so the password can be converted, or ask the mail administrator to reset it.",
		},
		Ja: Text{
			"パスワードの移行が必要",
			"認証する前にパスワードまたは認証方式の移行が必要です。IANA のレジストリでは 4.7.12 とともに 422 が挙げられています。",
			"パスワードを変換するまで使えない認証方式で AUTH したとき（PLAIN からハッシュ方式への移行など）。",
			"TLS 上でサーバが提供する方式（587 番ポートで STARTTLS 後の AUTH PLAIN など）で一度ログインしてパスワードを変換させるか、メール管理者にパスワードのリセットを依頼してください。",
		},
	},
	{
		Code: 430, Name: "Invalid command (registry association only)", Ref: "RFC 5248 registry (X.5.1)", Category: CategorySyntax, Retry: Transient,
		En: Text{
			"Invalid command (temporary)",
			"The server did not accept the command, for a reason it considers temporary; the IANA registry lists 430 beside X.5.1.",
			"Rarely, from servers that report a command they cannot take right now.",
			"Check the command in the client's log; if it is valid, retry later and report it to the server's administrator.",
		},
		Ja: Text{
			"無効なコマンド（一時的）",
			"サーバはコマンドを受け付けませんでした。理由は一時的とされています。IANA のレジストリでは X.5.1 とともに 430 が挙げられています。",
			"まれに、現在処理できないコマンドを報告するサーバから返されます。",
			"クライアントのログでコマンドを確認し、正しければ時間をおいて再送し、サーバ管理者に報告してください。",
		},
	},
	{
		Code: 432, Name: "Password transition needed", Ref: "RFC 4954 §6", Category: CategoryAuthenticationFailed, Retry: Transient,
		En: Text{
			"Password transition needed",
			"The user's password must be converted before this authentication mechanism can be used (RFC 4954 sends it with 4.7.12).",
			"In reply to AUTH, when the server stores the password in a form that the chosen mechanism cannot use yet.",
			"Authenticate once with AUTH PLAIN over TLS so the server can convert the password, then the other mechanism works; or ask the administrator.",
		},
		Ja: Text{
			"パスワードの移行が必要",
			"この認証方式を使う前に、ユーザのパスワードを変換する必要があります（RFC 4954 では 4.7.12 とともに返されます）。",
			"選んだ認証方式では使えない形式でサーバがパスワードを保存しているときの AUTH への応答。",
			"一度 TLS 上で AUTH PLAIN により認証してサーバにパスワードを変換させると、他の方式も使えるようになります。または管理者に相談してください。",
		},
	},
	{
		Code: 450, Name: "Mailbox unavailable (temporary)", Ref: "RFC 5321 §4.2.3", Category: CategoryPolicy, Retry: Transient,
		En: Text{
			"Mailbox unavailable (temporary)",
			"The action was not taken for now: the mailbox is busy, locked, or temporarily blocked by a policy check.",
			"At RCPT TO or MAIL FROM. Postfix uses it for greylisting, for reject_unknown_* checks that hit a DNS timeout, and for rate limits; large providers use it to throttle a sender.",
			"Let the sender retry. If it repeats for hours, read the text: a DNS or hostname check means fix the sending IP's reverse DNS (PTR) and the sender domain's records; a rate limit means send more slowly.",
		},
		Ja: Text{
			"メールボックス利用不可（一時的）",
			"現時点では処理されませんでした。メールボックスが使用中・ロック中、またはポリシー検査で一時的にブロックされています。",
			"RCPT TO や MAIL FROM への応答。Postfix はグレイリスティング、DNS タイムアウト時の reject_unknown_* 検査、流量制限で使い、大手事業者は送信元の流量を絞るときに使います。",
			"再送に任せてください。何時間も続く場合はテキストを確認し、DNS やホスト名の検査なら送信元 IP の逆引き（PTR）と送信ドメインのレコードを修正し、流量制限なら送信ペースを落としてください。",
		},
	},
	{
		Code: 451, Name: "Local error in processing", Ref: "RFC 5321 §4.2.3", Category: CategoryServerUnavailable, Retry: Transient,
		En: Text{
			"Local error in processing",
			"The receiving server hit an error of its own (a lookup, a filter, disk or configuration) and aborted the command.",
			"At MAIL, RCPT or the end of DATA: a failed DNS or LDAP lookup, a content filter (amavis, rspamd) that did not answer, a misconfigured map, greylisting on some servers.",
			"Let the sender retry. If it persists, send the full reply and the time to the receiving site's postmaster: the cause is in their mail log.",
		},
		Ja: Text{
			"処理中のローカルエラー",
			"受信側サーバ内部でエラー（参照処理、フィルタ、ディスク、設定）が起き、コマンドを中断しました。",
			"MAIL、RCPT、DATA 終端で、DNS や LDAP の参照失敗、コンテンツフィルタ（amavis、rspamd）の無応答、マップの設定誤り、一部サーバのグレイリスティングなどにより発生します。",
			"再送に任せてください。続く場合は応答全文と時刻を受信側のポストマスターに伝えてください。原因は先方のメールログにあります。",
		},
	},
	{
		Code: 452, Name: "Insufficient system storage", Ref: "RFC 5321 §4.2.3", Category: CategoryServerUnavailable, Retry: Transient,
		En: Text{
			"Insufficient system storage",
			"The receiving server is short of disk or queue space and cannot take the message now; some servers also use it for a full mailbox.",
			"At MAIL (after a SIZE parameter), RCPT or the end of DATA, when the queue file system or the mailbox store is full.",
			"Let the sender retry. The receiving site must free disk space (Postfix refuses mail below queue_minfree); if the text says the mailbox is over quota, the recipient must delete mail.",
		},
		Ja: Text{
			"システムの記憶領域不足",
			"受信側サーバのディスクまたはキューの空きが足りず、現在はメッセージを受け取れません。メールボックス容量超過に使うサーバもあります。",
			"キューのファイルシステムやメールボックス領域がいっぱいのときの MAIL（SIZE 指定後）、RCPT、DATA 終端への応答。",
			"再送に任せてください。受信側でディスクの空きを確保する必要があります（Postfix は queue_minfree を下回ると受信を拒否します）。テキストにメールボックスの容量超過とあれば、宛先本人がメールを削除する必要があります。",
		},
	},
	{
		Code: 452, Name: "Too many recipients", Ref: "RFC 5321 §4.5.3.1.10", Match: `too many recipients|recipients? limit|too many rcpt`, Category: CategoryRateLimit, Retry: Transient,
		En: Text{
			"Too many recipients",
			"The server accepts no more recipients in this transaction; the ones already accepted are fine.",
			"At RCPT TO after the server's per-message limit (Postfix smtpd_recipient_limit, 1000 by default; many providers use 50 to 500).",
			"Nothing is lost: a correct client sends the message to the accepted recipients and the rest in another transaction. Lower the recipients per message in the sending application or MTA.",
		},
		Ja: Text{
			"宛先数が多すぎる",
			"このトランザクションではこれ以上宛先を受け付けません。すでに受け付けられた宛先は問題ありません。",
			"1 通あたりの宛先数上限（Postfix の smtpd_recipient_limit、既定 1000。多くの事業者は 50〜500）を超えた RCPT TO への応答。",
			"正しいクライアントは受け付けられた宛先に送信し、残りは別のトランザクションで送るため、メールは失われません。送信アプリケーションや MTA で 1 通あたりの宛先数を減らしてください。",
		},
	},
	{
		Code: 453, Name: "You have no mail (ATRN)", Ref: "RFC 2645", Category: CategoryOther, Retry: Transient,
		En: Text{
			"No mail waiting (ATRN)",
			"On-demand relay: the server holds no mail for the client's domains.",
			"In reply to ATRN (RFC 2645), used by dial-up style sites to collect mail; rare today.",
			"Nothing to fix; ask again later.",
		},
		Ja: Text{
			"保留メールなし（ATRN）",
			"オンデマンドリレーで、クライアントのドメイン宛てに保留中のメールはありません。",
			"ATRN（RFC 2645）への応答。ダイヤルアップ型のサイトがメールを引き取るために使っていたもので、現在はまれです。",
			"対処は不要です。後で再度問い合わせてください。",
		},
	},
	{
		Code: 454, Name: "Temporary authentication failure", Ref: "RFC 4954 §6", Category: CategoryAuthenticationFailed, Retry: Transient,
		En: Text{
			"Temporary authentication failure",
			"Authentication could not be completed because of a problem on the server side, such as an unreachable password backend.",
			"In reply to AUTH when the server's SASL service (Dovecot auth, saslauthd, LDAP) fails or times out.",
			"Retry later. The server's administrator should check the SASL backend and the mail log (Postfix logs \"SASL authentication failure\" with the cause).",
		},
		Ja: Text{
			"一時的な認証失敗",
			"パスワード照合用のバックエンドに接続できないなど、サーバ側の問題で認証を完了できませんでした。",
			"サーバの SASL サービス（Dovecot auth、saslauthd、LDAP）が失敗またはタイムアウトしたときの AUTH への応答。",
			"時間をおいて再試行してください。サーバ管理者は SASL バックエンドとメールログ（Postfix は原因付きで「SASL authentication failure」を記録します）を確認してください。",
		},
	},
	{
		Code: 454, Name: "TLS not available", Ref: "RFC 3207 §4", Match: `\btls\b|starttls|ssl|certificate`, Category: CategoryTLSRequired, Retry: Transient,
		En: Text{
			"TLS not available",
			"The server advertised STARTTLS but cannot start TLS now, for a temporary reason.",
			"In reply to STARTTLS when the server cannot read its certificate or key, or its TLS library fails (Postfix: \"TLS not available due to local problem\").",
			"The client may continue without TLS unless policy requires it. The server's administrator must fix the certificate and key files (Postfix smtpd_tls_cert_file / smtpd_tls_key_file) and check the mail log for the TLS error.",
		},
		Ja: Text{
			"TLS 利用不可",
			"サーバは STARTTLS を提示しましたが、一時的な理由で TLS を開始できません。",
			"証明書や秘密鍵を読めない、TLS ライブラリが失敗したなどのときの STARTTLS への応答（Postfix では「TLS not available due to local problem」）。",
			"ポリシーで必須でなければクライアントは TLS なしで続行できます。サーバ管理者は証明書と鍵のファイル（Postfix の smtpd_tls_cert_file / smtpd_tls_key_file）を修正し、メールログで TLS エラーを確認してください。",
		},
	},
	{
		Code: 455, Name: "Server unable to accommodate parameters", Ref: "RFC 5321 §4.2.3", Category: CategorySyntax, Retry: Transient,
		En: Text{
			"Cannot accommodate parameters",
			"The server understood the MAIL or RCPT parameters but cannot honour them at the moment.",
			"At MAIL FROM or RCPT TO with ESMTP parameters (SIZE, DSN options, priorities) that the server cannot take right now.",
			"Retry later, or send without the optional parameters.",
		},
		Ja: Text{
			"パラメータに対応できない",
			"サーバは MAIL や RCPT のパラメータを理解しましたが、現時点では対応できません。",
			"現在処理できない ESMTP パラメータ（SIZE、DSN オプション、優先度など）付きの MAIL FROM や RCPT TO への応答。",
			"時間をおいて再送するか、省略可能なパラメータを外して送信してください。",
		},
	},
	{
		Code: 458, Name: "Unable to queue messages for node", Ref: "RFC 1985 §5.1", Category: CategoryOther, Retry: Transient,
		En: Text{
			"Unable to queue messages for node (ETRN)",
			"The server cannot start delivery of the held mail for the node right now.",
			"In reply to ETRN when the backup MX cannot run its queue for that domain.",
			"Retry ETRN later; if it persists, ask the backup MX's administrator.",
		},
		Ja: Text{
			"ノード宛てのキュー処理不可（ETRN）",
			"サーバは現在そのノード宛ての保留メールの配送を開始できません。",
			"バックアップ MX がそのドメインのキューを処理できないときの ETRN への応答。",
			"後で ETRN を再試行し、続く場合はバックアップ MX の管理者に問い合わせてください。",
		},
	},
	{
		Code: 459, Name: "Node not allowed", Ref: "RFC 1985 §5.1", Category: CategoryPolicy, Retry: Transient,
		En: Text{
			"Node not allowed (ETRN)",
			"The server refuses to run its queue for the node named in ETRN.",
			"In reply to ETRN for a domain the server does not hold mail for, or from a client it does not trust.",
			"Check the domain given to ETRN and ask the backup MX's administrator to allow it.",
		},
		Ja: Text{
			"ノードが許可されていない（ETRN）",
			"サーバは ETRN で指定されたノードのキュー処理を拒否しました。",
			"サーバが保留していないドメインや、信頼していないクライアントからの ETRN への応答。",
			"ETRN に指定したドメインを確認し、バックアップ MX の管理者に許可を依頼してください。",
		},
	},
}
