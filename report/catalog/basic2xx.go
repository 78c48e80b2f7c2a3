package catalog

// basic2xx holds the 2xx and 3xx basic reply codes, ordered by code.
var basic2xx = []BasicEntry{
	{
		Code: 211, Name: "System status", Ref: "RFC 5321 §4.2.3", Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"System status",
			"The server answers a status or help request with information about itself.",
			"After HELP (with some servers) or a site-specific status command; never in a normal mail transaction.",
			"Nothing to fix; the text is for a person reading the session.",
		},
		Ja: Text{
			"システムステータス",
			"サーバが状態やヘルプの問い合わせに自身の情報を返しています。",
			"HELP（サーバによる）や独自の状態確認コマンドの後。通常のメール送信では現れません。",
			"対処は不要です。テキストは人が読むための情報です。",
		},
	},
	{
		Code: 214, Name: "Help message", Ref: "RFC 5321 §4.2.3", Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"Help message",
			"The server returns help text, such as the list of commands it knows.",
			"After HELP.",
			"Nothing to fix. Use EHLO, not HELP, to learn which extensions a server supports.",
		},
		Ja: Text{
			"ヘルプメッセージ",
			"サーバが対応コマンドの一覧などのヘルプを返しています。",
			"HELP コマンドの後。",
			"対処は不要です。サーバが対応する拡張機能を知るには HELP ではなく EHLO の応答を見てください。",
		},
	},
	{
		Code: 220, Name: "Service ready", Ref: "RFC 5321 §4.2.3, §3.1", Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"Service ready (greeting)",
			"The server accepts the connection and is ready for EHLO. The text usually names the host and its software.",
			"As the first line after the TCP connection opens. A long wait before it is often deliberate (Postfix postscreen, tarpitting) to catch clients that talk too early.",
			"Nothing to fix. If the name in the greeting differs from the MX host name, that is normal behind load balancers; if the greeting is slow, let the client wait (RFC 5321 allows 5 minutes) instead of timing out early.",
		},
		Ja: Text{
			"サービス準備完了（グリーティング）",
			"サーバが接続を受け付け、EHLO を待っています。テキストには通常ホスト名とソフトウェア名が入ります。",
			"TCP 接続直後の最初の行。表示までの待ち時間が長いのは、早すぎる送信をするクライアントを見分けるための意図的な遅延（Postfix の postscreen やターピット）であることが多いです。",
			"対処は不要です。グリーティングのホスト名が MX 名と違うのはロードバランサ配下ではよくあることです。遅い場合はクライアントを早めにタイムアウトさせず待たせてください（RFC 5321 では 5 分）。",
		},
	},
	{
		Code: 220, Name: "Ready to start TLS", Ref: "RFC 3207 §4", Match: `\b(tls|ssl)\b|go ahead`, Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"Ready to start TLS",
			"The server agrees to STARTTLS; the TLS handshake begins right after this line.",
			"In reply to STARTTLS.",
			"Nothing to fix. If the handshake that follows fails, compare the TLS versions and ciphers of both sides and check the server's certificate (openssl s_client -starttls smtp -connect host:25).",
		},
		Ja: Text{
			"TLS 開始準備完了",
			"サーバが STARTTLS を受け入れました。この行の直後に TLS ハンドシェイクが始まります。",
			"STARTTLS への応答。",
			"対処は不要です。続くハンドシェイクが失敗する場合は双方の TLS バージョンと暗号スイート、サーバ証明書を確認してください（openssl s_client -starttls smtp -connect ホスト:25）。",
		},
	},
	{
		Code: 221, Name: "Service closing transmission channel", Ref: "RFC 5321 §4.2.3", Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"Closing connection",
			"The server ends the session and closes the connection in good order.",
			"In reply to QUIT. Some servers also send it after refusing a client, with the reason in the text.",
			"Nothing to fix, unless it came before QUIT: then read the text, since the server chose to end the session.",
		},
		Ja: Text{
			"接続終了",
			"サーバがセッションを正常に終了し、接続を閉じます。",
			"QUIT への応答。クライアントを拒否した後に理由付きで送るサーバもあります。",
			"対処は不要です。ただし QUIT 前に届いた場合はサーバ側が切断を選んだので、テキストの理由を確認してください。",
		},
	},
	{
		Code: 235, Name: "Authentication succeeded", Ref: "RFC 4954 §6", Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"Authentication succeeded",
			"SMTP AUTH succeeded; the session is now authenticated as the given user.",
			"At the end of an AUTH exchange, usually on the submission ports 587 or 465.",
			"Nothing to fix.",
		},
		Ja: Text{
			"認証成功",
			"SMTP 認証（SMTP AUTH）に成功し、このセッションは指定したユーザとして認証されました。",
			"AUTH のやり取りの最後。通常はサブミッションポート 587 や 465 で発生します。",
			"対処は不要です。",
		},
	},
	{
		Code: 250, Name: "Requested action completed", Ref: "RFC 5321 §4.2.3", Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"OK",
			"The command succeeded. After the final dot of DATA it means the server accepted the message and is now responsible for it.",
			"In reply to EHLO, HELO, MAIL, RCPT, the end of DATA, RSET, NOOP, and VRFY/EXPN when they are answered.",
			"Nothing to fix. Keep the queue ID from the 250 after DATA: the receiving site needs it to trace the message.",
		},
		Ja: Text{
			"正常終了（OK）",
			"コマンドは成功しました。DATA 終端の「.」の後であれば、サーバがメッセージを受け取り配送責任を引き受けたことを意味します。",
			"EHLO、HELO、MAIL、RCPT、DATA 終端、RSET、NOOP、および応答される場合の VRFY/EXPN への応答。",
			"対処は不要です。DATA 後の 250 に含まれるキュー ID は、受信側でメッセージを追跡するときに必要なので控えておいてください。",
		},
	},
	{
		Code: 250, Name: "Queuing for node started", Ref: "RFC 1985 §5.1", Match: `queu(e|ing) for node`, Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"Queue run for node started (ETRN)",
			"The server starts delivering the mail it holds for the named domain or node.",
			"In reply to ETRN, used by sites that collect their mail from a backup MX when they come online.",
			"Nothing to fix; the held mail will arrive over new connections.",
		},
		Ja: Text{
			"ノード向けキューの配送開始（ETRN）",
			"サーバが指定されたドメイン（ノード）宛てに保留していたメールの配送を開始します。",
			"ETRN への応答。オンライン時にバックアップ MX からメールを引き取るサイトで使われます。",
			"対処は不要です。保留されていたメールは新しい接続で届きます。",
		},
	},
	{
		Code: 251, Name: "User not local; will forward", Ref: "RFC 5321 §4.2.3, §3.4", Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"User not local; will forward",
			"The recipient is accepted, but the mailbox is elsewhere and the server will forward the message to the address it names.",
			"In reply to RCPT or VRFY, on servers that forward mail for moved users.",
			"Nothing to fix. Update your records with the new address given in the text so that later mail goes there directly.",
		},
		Ja: Text{
			"ローカルユーザではないが転送する",
			"宛先は受け付けられましたが、メールボックスは別の場所にあり、サーバがテキストに示されたアドレスへ転送します。",
			"移転したユーザのメールを転送するサーバでの RCPT や VRFY への応答。",
			"対処は不要です。以後は直接届くように、テキストに示された新しいアドレスに宛先を更新してください。",
		},
	},
	{
		Code: 251, Name: "No messages waiting for node", Ref: "RFC 1985 §5.1", Match: `no messages waiting`, Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"No messages waiting for node (ETRN)",
			"The server holds no mail for the node named in ETRN.",
			"In reply to ETRN when the queue for that domain is empty.",
			"Nothing to fix.",
		},
		Ja: Text{
			"ノード宛ての保留メールなし（ETRN）",
			"ETRN で指定したノード宛てに保留中のメールはありません。",
			"そのドメイン宛てのキューが空のときの ETRN への応答。",
			"対処は不要です。",
		},
	},
	{
		Code: 252, Name: "Cannot verify user", Ref: "RFC 5321 §4.2.3, §3.5.3", Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"Cannot verify user, will accept",
			"The server will not confirm or deny that the address exists, but it will accept mail for it and try to deliver.",
			"In reply to VRFY or EXPN on servers that hide their user list from address harvesters, which is most of them today.",
			"Nothing to fix. VRFY cannot tell you whether a mailbox exists here; test with RCPT TO (what smtpprobe does) or ask the recipient's postmaster.",
		},
		Ja: Text{
			"ユーザを確認できないが受け付ける",
			"サーバはアドレスの存在を肯定も否定もしませんが、そのアドレス宛てのメールは受け付けて配送を試みます。",
			"アドレス収集対策としてユーザ一覧を隠しているサーバでの VRFY や EXPN への応答。現在はほとんどのサーバがこうしています。",
			"対処は不要です。VRFY ではメールボックスの有無は分かりません。RCPT TO で試す（smtpprobe の方式）か、宛先のポストマスターに確認してください。",
		},
	},
	{
		Code: 252, Name: "Pending messages for node started", Ref: "RFC 1985 §5.1", Match: `pending messages`, Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"Pending messages for node started (ETRN)",
			"The server starts delivering the messages it holds for the node.",
			"In reply to ETRN.",
			"Nothing to fix.",
		},
		Ja: Text{
			"ノード宛て保留メールの配送開始（ETRN）",
			"サーバがノード宛てに保留していたメッセージの配送を開始します。",
			"ETRN への応答。",
			"対処は不要です。",
		},
	},
	{
		Code: 253, Name: "Pending messages for node started (with count)", Ref: "RFC 1985 §5.1", Category: CategorySuccess, Retry: Permanent,
		En: Text{
			"Pending messages for node started, with count (ETRN)",
			"The server starts delivering the given number of held messages for the node.",
			"In reply to ETRN.",
			"Nothing to fix.",
		},
		Ja: Text{
			"ノード宛て保留メールの配送開始・件数付き（ETRN）",
			"サーバがノード宛てに保留していた指定件数のメッセージの配送を開始します。",
			"ETRN への応答。",
			"対処は不要です。",
		},
	},
	{
		Code: 334, Name: "Server challenge (continue authentication)", Ref: "RFC 4954 §4", Category: CategoryIntermediate, Retry: Permanent,
		En: Text{
			"Authentication challenge",
			"The server continues SMTP AUTH and sends a base64 challenge (or an empty one); the client must answer with the next base64 line.",
			"During AUTH LOGIN, AUTH PLAIN without an initial response, CRAM-MD5 and XOAUTH2 (where a 334 carrying a JSON error means the token was refused).",
			"Nothing to fix. If an XOAUTH2 exchange stops at a 334 with an error, refresh the OAuth token and check its scopes.",
		},
		Ja: Text{
			"認証チャレンジ",
			"サーバが SMTP 認証を続け、base64 のチャレンジ（空の場合もあり）を送っています。クライアントは次の base64 行で応答する必要があります。",
			"AUTH LOGIN、初期応答なしの AUTH PLAIN、CRAM-MD5、XOAUTH2 の途中（XOAUTH2 で JSON のエラーを含む 334 はトークンが拒否されたことを示します）。",
			"対処は不要です。XOAUTH2 がエラー付きの 334 で止まる場合は OAuth トークンを更新し、スコープを確認してください。",
		},
	},
	{
		Code: 354, Name: "Start mail input", Ref: "RFC 5321 §4.2.3", Category: CategoryIntermediate, Retry: Permanent,
		En: Text{
			"Start mail input",
			"The server is ready for the message: the client sends headers and body and ends with a line holding only a dot.",
			"In reply to DATA, once at least one recipient was accepted.",
			"Nothing to fix. A lone dot line inside the body must be doubled (dot-stuffing); the verdict on the message comes in the reply after the final dot.",
		},
		Ja: Text{
			"本文入力開始",
			"サーバがメッセージを受け取る準備ができました。クライアントはヘッダと本文を送り、「.」だけの行で終えます。",
			"少なくとも 1 件の宛先が受け付けられた後の DATA への応答。",
			"対処は不要です。本文中の「.」で始まる行は「..」にする（ドットスタッフィング）必要があります。受け付けの可否は最後の「.」の後の応答で決まります。",
		},
	},
}
