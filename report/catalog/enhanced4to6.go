package catalog

// enhanced4to6 holds the registry entries X.4.0 to X.6.10.
var enhanced4to6 = []EnhancedEntry{
	{
		Code: "X.4.0", Name: "Other or undefined network or routing status", Ref: "RFC 3463", Category: CategoryServerUnavailable,
		En: Text{
			"Network or routing problem",
			"Something went wrong in the network or in routing the message, without more detail.",
			"In bounces from a relay that could not hand the message on; Postfix uses 4.4.0/5.4.0 for routing restrictions.",
			"Check the destination's MX records and that its servers answer on port 25; look in the relay's log for the failing hop.",
		},
		Ja: Text{
			"ネットワークまたは経路の問題",
			"ネットワークまたは配送経路で問題が起きましたが、詳細は不明です。",
			"メッセージを次へ渡せなかった中継サーバのバウンス。Postfix は経路の制限に 4.4.0/5.4.0 を使います。",
			"宛先の MX レコードと、宛先サーバが 25 番ポートで応答するかを確認し、中継サーバのログで失敗した区間を確認してください。",
		},
	},
	{
		Code: "X.4.1", Name: "No answer from host", Ref: "RFC 3463", Usual: '4', Category: CategoryServerUnavailable,
		En: Text{
			"No answer from host",
			"The next server did not answer the connection attempt.",
			"In bounces and deferrals from a relay whose connection to the destination timed out or was refused (Exchange 4.4.1 \"Connection timed out\").",
			"Check that the destination's MX hosts accept connections on port 25 (smtpprobe DOMAIN) and that no firewall on either side drops the traffic; the relay retries meanwhile.",
		},
		Ja: Text{
			"ホストから応答なし",
			"次のサーバが接続に応答しませんでした。",
			"宛先への接続がタイムアウトまたは拒否された中継サーバのバウンスや遅延通知（Exchange の 4.4.1「Connection timed out」）。",
			"宛先の MX ホストが 25 番ポートで接続を受け付けるか（smtpprobe ドメイン名）、双方のファイアウォールが通信を落としていないかを確認してください。その間、中継サーバは再送を続けます。",
		},
	},
	{
		Code: "X.4.2", Name: "Bad connection", Ref: "RFC 3463", Usual: '4', Category: CategoryServerUnavailable,
		En: Text{
			"Bad connection",
			"The connection was made but broke or timed out before the transaction finished.",
			"With 421 after a timeout (Postfix \"421 4.4.2 Error: timeout exceeded\", Gmail \"451 4.4.2 Timeout - closing connection\"), or a connection dropped mid-transfer.",
			"Let the sender retry. If it repeats, look for a slow content filter, MTU or packet-loss problems, or a firewall's idle timeout between the hosts.",
		},
		Ja: Text{
			"接続不良",
			"接続はできましたが、トランザクションの完了前に切断またはタイムアウトしました。",
			"タイムアウト後の 421（Postfix の「421 4.4.2 Error: timeout exceeded」、Gmail の「451 4.4.2 Timeout - closing connection」）や転送中の切断。",
			"再送に任せてください。繰り返す場合は、遅いコンテンツフィルタ、MTU やパケットロスの問題、途中のファイアウォールのアイドルタイムアウトを調べてください。",
		},
	},
	{
		Code: "X.4.3", Name: "Directory server failure", Ref: "RFC 3463", Usual: '4', Category: CategoryDNSProblem,
		En: Text{
			"Directory or DNS server failure",
			"A lookup the server needs (DNS, LDAP, a database) failed, so it cannot route or check the message now.",
			"When a resolver times out or returns SERVFAIL, or an LDAP recipient lookup fails (Postfix \"451 4.3.0 Temporary lookup failure\" is the same kind).",
			"Let the sender retry. If it lasts, check the domain's DNS servers (dig +trace MX domain) for SERVFAIL or lame delegation, or the server's LDAP/database connection.",
		},
		Ja: Text{
			"ディレクトリ・DNS サーバの障害",
			"サーバが必要とする参照（DNS、LDAP、データベース）に失敗したため、現在は配送経路の決定や検査ができません。",
			"リゾルバのタイムアウトや SERVFAIL、LDAP による宛先参照の失敗など（Postfix の「451 4.3.0 Temporary lookup failure」も同種です）。",
			"再送に任せてください。続く場合はドメインの DNS サーバ（dig +trace MX ドメイン名）に SERVFAIL や不完全な委任（lame delegation）がないか、サーバの LDAP やデータベース接続を確認してください。",
		},
	},
	{
		Code: "X.4.4", Name: "Unable to route", Ref: "RFC 3463", Category: CategoryDNSProblem,
		En: Text{
			"Unable to route",
			"The server cannot find where to send the message: the destination domain has no usable MX or address records.",
			"In bounces for a domain that exists but has no MX and no A/AAAA, whose MX names do not resolve, or (Exchange 5.4.4) with no route in the connectors.",
			"Check the recipient domain with dig MX domain and dig A for each MX host; if it is your domain, publish correct MX records. In Exchange, check the send connectors and accepted domains.",
		},
		Ja: Text{
			"配送経路がない",
			"メッセージの送り先が見つかりません。宛先ドメインに使える MX やアドレスレコードがありません。",
			"ドメインは存在するが MX も A/AAAA もない、MX のホスト名を名前解決できない、Exchange でコネクタに経路がない（5.4.4）ときのバウンス。",
			"宛先ドメインを dig MX ドメイン名 と各 MX ホストの dig A で確認してください。自分のドメインなら正しい MX レコードを公開します。Exchange では送信コネクタと承認済みドメインを確認してください。",
		},
	},
	{
		Code: "X.4.5", Name: "Mail system congestion", Ref: "RFC 3463", Usual: '4', Category: CategoryServerUnavailable,
		En: Text{
			"Mail system congestion",
			"The receiving system is too busy to take the message now.",
			"With 421 or 451 under load; Gmail \"421 4.4.5 Server busy, try again later\".",
			"Let the sender retry; spread large sends over time.",
		},
		Ja: Text{
			"メールシステムの輻輳",
			"受信側システムが混雑しており、現在はメッセージを受け取れません。",
			"高負荷時の 421 や 451。Gmail は「421 4.4.5 Server busy, try again later」と返します。",
			"再送に任せてください。大量送信は時間を分散させてください。",
		},
	},
	{
		Code: "X.4.6", Name: "Routing loop detected", Ref: "RFC 3463", Category: CategoryOther,
		En: Text{
			"Mail loop detected",
			"The message passed too many hops (too many Received: headers), so a server stopped it as a loop.",
			"When two servers each think the other is the destination (MX pointing back, a forwarding loop, a relay host set to itself); Postfix \"mail forwarding loop\", Exchange 5.4.6.",
			"Check the Received: headers of the bounce to see which hosts bounce the message between them; fix the MX records, transport/relayhost settings or forwarding rules.",
		},
		Ja: Text{
			"メールループを検出",
			"メッセージが中継された回数（Received: ヘッダ数）が多すぎるため、ループとして止められました。",
			"2 台のサーバが互いに相手を宛先と見なしているとき（MX の向き先の誤り、転送のループ、自分自身を指す中継先設定）。Postfix の「mail forwarding loop」や Exchange の 5.4.6。",
			"バウンスの Received: ヘッダでどのホスト間を往復しているかを確認し、MX レコード、transport や relayhost の設定、転送ルールを修正してください。",
		},
	},
	{
		Code: "X.4.7", Name: "Delivery time expired", Ref: "RFC 3463", Category: CategoryOther,
		En: Text{
			"Delivery time expired",
			"The message stayed in a queue too long without being delivered and was given up.",
			"In bounces from the sending side after days of deferrals (Postfix maximal_queue_lifetime, 5 days; Exchange 4.4.7 \"Message expired\"). The real reason is the last deferral before it.",
			"Find the deferral reason in the bounce or the sending server's log (the \"status=deferred\" lines) and fix that; then resend.",
		},
		Ja: Text{
			"配送期限切れ",
			"メッセージが配送されないまま長時間キューに残り、配送を断念しました。",
			"数日間遅延が続いた後の送信側のバウンス（Postfix の maximal_queue_lifetime は 5 日、Exchange は 4.4.7「Message expired」）。本当の原因はその前の遅延理由です。",
			"バウンスや送信側サーバのログ（「status=deferred」の行）で遅延理由を確認して修正し、再送してください。",
		},
	},
	{
		Code: "X.5.0", Name: "Other or undefined protocol status", Ref: "RFC 3463", Category: CategorySyntax,
		En: Text{
			"Protocol error",
			"The SMTP dialogue went wrong in a way without a more precise code.",
			"Gmail \"451 4.5.0 SMTP protocol violation\"; Postfix \"554 5.5.0 Error: SMTP protocol synchronization\" when a client talks before the server's reply (pipelining without PIPELINING, or a spambot).",
			"Check the client's transcript: it must wait for each reply unless PIPELINING is advertised, and wait for the greeting before EHLO.",
		},
		Ja: Text{
			"プロトコルエラー",
			"SMTP のやり取りに問題がありますが、より詳しいコードはありません。",
			"Gmail の「451 4.5.0 SMTP protocol violation」、クライアントがサーバの応答前に送信したときの Postfix の「554 5.5.0 Error: SMTP protocol synchronization」（PIPELINING 非対応なのにまとめて送る、スパムボットなど）。",
			"クライアントの通信記録を確認してください。PIPELINING が提示されていなければ各応答を待つ必要があり、EHLO の前にはグリーティングを待つ必要があります。",
		},
	},
	{
		Code: "X.5.1", Name: "Invalid command", Ref: "RFC 3463", Category: CategorySyntax,
		En: Text{
			"Invalid command",
			"The command is unknown, out of sequence, or not allowed now.",
			"With 500, 502 or 503: Postfix \"502 5.5.1 VRFY command is disabled\", \"503 5.5.1 Error: need RCPT command\".",
			"Use only commands the server advertises, in the order EHLO, MAIL, RCPT, DATA; look at the reply before a 503 for the real failure.",
		},
		Ja: Text{
			"無効なコマンド",
			"コマンドが不明、順序違い、または現時点では許されていません。",
			"500、502、503 とともに。Postfix の「502 5.5.1 VRFY command is disabled」や「503 5.5.1 Error: need RCPT command」など。",
			"サーバが提示したコマンドだけを EHLO、MAIL、RCPT、DATA の順に使ってください。503 の場合は直前の応答に本当の失敗があります。",
		},
	},
	{
		Code: "X.5.2", Name: "Syntax error", Ref: "RFC 3463", Category: CategorySyntax,
		En: Text{
			"Syntax error",
			"The command line could not be parsed.",
			"Postfix \"500 5.5.2 Error: bad syntax\", \"504 5.5.2 Helo command rejected: need fully-qualified hostname\", \"501 5.5.2 Helo command rejected: invalid ip address\".",
			"Fix the command the client sends; for HELO/EHLO use the machine's fully qualified host name that resolves in DNS.",
		},
		Ja: Text{
			"構文エラー",
			"コマンド行を解析できませんでした。",
			"Postfix の「500 5.5.2 Error: bad syntax」「504 5.5.2 Helo command rejected: need fully-qualified hostname」「501 5.5.2 Helo command rejected: invalid ip address」など。",
			"クライアントが送るコマンドを修正してください。HELO/EHLO には DNS で名前解決できるマシンの FQDN を使います。",
		},
	},
	{
		Code: "X.5.3", Name: "Too many recipients", Ref: "RFC 3463", Usual: '4', Category: CategoryRateLimit,
		En: Text{
			"Too many recipients",
			"The message has more recipients than the server accepts in one transaction.",
			"At RCPT TO: Postfix \"452 4.5.3 Error: too many recipients\", Gmail \"452 4.5.3 Your message has too many recipients\".",
			"A correct client sends the rest in further transactions. Lower the number of recipients per message in the application or MTA (Postfix smtp_destination_recipient_limit).",
		},
		Ja: Text{
			"宛先数が多すぎる",
			"1 トランザクションでサーバが受け付ける宛先数を超えています。",
			"RCPT TO への応答。Postfix の「452 4.5.3 Error: too many recipients」、Gmail の「452 4.5.3 Your message has too many recipients」など。",
			"正しいクライアントは残りを別のトランザクションで送ります。アプリケーションや MTA で 1 通あたりの宛先数を減らしてください（Postfix の smtp_destination_recipient_limit）。",
		},
	},
	{
		Code: "X.5.4", Name: "Invalid command arguments", Ref: "RFC 3463", Category: CategorySyntax,
		En: Text{
			"Invalid command arguments",
			"The command is valid but its arguments or parameters are not.",
			"Postfix \"501 5.5.4 Syntax: MAIL FROM:<address>\", \"555 5.5.4 Unsupported option\"; unknown ESMTP parameters.",
			"Send MAIL FROM:<address> and RCPT TO:<address> exactly, and only parameters the EHLO reply lists.",
		},
		Ja: Text{
			"コマンドの引数が無効",
			"コマンドは正しいものの、引数やパラメータが不正です。",
			"Postfix の「501 5.5.4 Syntax: MAIL FROM:<address>」「555 5.5.4 Unsupported option」や、未知の ESMTP パラメータ。",
			"MAIL FROM:<アドレス> と RCPT TO:<アドレス> を正確に送り、EHLO 応答にあるパラメータだけを使ってください。",
		},
	},
	{
		Code: "X.5.5", Name: "Wrong protocol version", Ref: "RFC 3463", Category: CategorySyntax,
		En: Text{
			"Wrong protocol version",
			"The client and server do not speak a compatible protocol version.",
			"Rare; for example a client that speaks something else than SMTP to port 25, or a gateway with an incompatible mail protocol.",
			"Check that the client connects to the right port with the right protocol (SMTP on 25/587, SMTPS on 465).",
		},
		Ja: Text{
			"プロトコルバージョンの不一致",
			"クライアントとサーバのプロトコルのバージョンに互換性がありません。",
			"まれです。25 番ポートに SMTP 以外で話しかけるクライアントや、互換性のないメールプロトコルのゲートウェイなど。",
			"クライアントが正しいポートに正しいプロトコルで接続しているか確認してください（25/587 番は SMTP、465 番は SMTPS）。",
		},
	},
	{
		Code: "X.5.6", Name: "Authentication Exchange line is too long", Ref: "RFC 4954", Category: CategoryAuthenticationFailed,
		En: Text{
			"Authentication line too long",
			"A line of the AUTH exchange was longer than the server allows.",
			"With 500 during AUTH, usually with a long OAuth token sent as the initial response (Postfix \"500 5.5.6 SASL response limit exceeded\").",
			"Send the token after the server's 334 prompt instead of on the AUTH line, or ask the administrator to raise the limit.",
		},
		Ja: Text{
			"認証のやり取りの行が長すぎる",
			"AUTH のやり取りの 1 行がサーバの許す長さを超えました。",
			"AUTH 中の 500。多くは長い OAuth トークンを初期応答として送ったとき（Postfix の「500 5.5.6 SASL response limit exceeded」）。",
			"トークンを AUTH 行に付けずにサーバの 334 の後で送るか、管理者に上限の引き上げを依頼してください。",
		},
	},
	{
		Code: "X.6.0", Name: "Other or undefined media error", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Message content problem",
			"Something about the content or format of the message is not acceptable, without more detail. Some filters use 5.6.0 for refused content.",
			"At the end of DATA, when a content check or conversion fails.",
			"Check the message's headers and MIME structure; ask the recipient's postmaster what their filter objects to.",
		},
		Ja: Text{
			"メッセージ内容の問題",
			"メッセージの内容や形式に受け付けられない点がありますが、詳細は不明です。拒否した内容に 5.6.0 を使うフィルタもあります。",
			"内容の検査や変換に失敗したときの DATA 終端。",
			"メッセージのヘッダと MIME 構造を確認し、宛先のポストマスターにフィルタが何を問題にしたか確認してください。",
		},
	},
	{
		Code: "X.6.1", Name: "Media not supported", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Media type not supported",
			"The message contains a media type (attachment type) the destination does not accept.",
			"At the end of DATA on servers that block attachment types (executables, archives, macros).",
			"Send the file another way (a link to a file share) or in an accepted format.",
		},
		Ja: Text{
			"未対応のメディアタイプ",
			"メッセージに宛先が受け付けないメディアタイプ（添付ファイルの種類）が含まれています。",
			"添付ファイルの種類（実行ファイル、アーカイブ、マクロ付き文書など）を遮断するサーバでの DATA 終端。",
			"ファイルを別の方法（ファイル共有のリンクなど）で送るか、受け付けられる形式にしてください。",
		},
	},
	{
		Code: "X.6.2", Name: "Conversion required and prohibited", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Conversion required but prohibited",
			"The message would have to be converted to be delivered, but conversion is not allowed (for example a signed message).",
			"When 8-bit content must go through a 7-bit path and the sender asked for no changes.",
			"Send the message MIME-encoded for 7-bit transport (quoted-printable or base64).",
		},
		Ja: Text{
			"変換が必要だが禁止されている",
			"配送するには変換が必要ですが、変換は許されていません（署名付きメッセージなど）。",
			"8 ビットの内容を 7 ビットの経路に通す必要があり、送信元が変更を禁じているとき。",
			"7 ビット転送向けに MIME エンコード（quoted-printable や base64）して送ってください。",
		},
	},
	{
		Code: "X.6.3", Name: "Conversion required but not supported", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Conversion required but not supported",
			"The message would have to be converted to be delivered, but the server cannot convert it.",
			"When 8-bit or binary content meets a server without 8BITMIME or BINARYMIME.",
			"Encode the message for 7-bit transport in the sending application or MTA.",
		},
		Ja: Text{
			"変換が必要だが対応していない",
			"配送するには変換が必要ですが、サーバは変換できません。",
			"8 ビットやバイナリの内容が 8BITMIME や BINARYMIME 非対応のサーバに届いたとき。",
			"送信アプリケーションや MTA で 7 ビット転送向けにエンコードしてください。",
		},
	},
	{
		Code: "X.6.4", Name: "Conversion with loss performed", Ref: "RFC 3463", Usual: '2', Category: CategorySuccess,
		En: Text{
			"Converted with loss",
			"The message was delivered, but converted in a way that lost some content or formatting.",
			"In delivery reports from gateways that had to downgrade the content.",
			"Nothing to fix for delivery; if the lost part mattered, send it in a more portable format.",
		},
		Ja: Text{
			"情報の欠落を伴う変換",
			"メッセージは配送されましたが、一部の内容や書式が失われる変換が行われました。",
			"内容を変換せざるを得なかったゲートウェイからの配送報告。",
			"配送上の対処は不要です。失われた部分が重要なら、より互換性の高い形式で送ってください。",
		},
	},
	{
		Code: "X.6.5", Name: "Conversion Failed", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Conversion failed",
			"A required conversion of the message failed.",
			"When a gateway cannot convert the content (broken MIME, an unknown character set).",
			"Check the message's MIME structure and character set; send it as standard UTF-8 MIME.",
		},
		Ja: Text{
			"変換失敗",
			"必要なメッセージの変換に失敗しました。",
			"ゲートウェイが内容を変換できないとき（壊れた MIME、不明な文字コード）。",
			"メッセージの MIME 構造と文字コードを確認し、標準的な UTF-8 の MIME で送ってください。",
		},
	},
	{
		Code: "X.6.6", Name: "Message content not available", Ref: "RFC 4468", Category: CategoryOther,
		En: Text{
			"Message content not available",
			"Content that the message refers to (BURL, RFC 4468) could not be fetched.",
			"On submission servers with BURL, when the IMAP URL of the content cannot be resolved.",
			"Check the client's BURL/IMAP URL authorisation, or send the message without BURL.",
		},
		Ja: Text{
			"メッセージ内容を取得できない",
			"メッセージが参照する内容（BURL、RFC 4468）を取得できませんでした。",
			"BURL 対応のサブミッションサーバで、内容の IMAP URL を解決できないとき。",
			"クライアントの BURL や IMAP URL の認可を確認するか、BURL を使わずに送信してください。",
		},
	},
	{
		Code: "X.6.7", Name: "Non-ASCII addresses not permitted for that sender/recipient", Ref: "RFC 6531", Category: CategorySyntax,
		En: Text{
			"Non-ASCII address not permitted",
			"An address contains non-ASCII characters but the session did not declare SMTPUTF8, or the server does not allow it.",
			"At MAIL FROM or RCPT TO with an internationalised address (Postfix \"553 5.6.7 Must declare SMTPUTF8 to send unicode address\").",
			"Send MAIL FROM with the SMTPUTF8 parameter when the server advertises it, or use an ASCII address.",
		},
		Ja: Text{
			"非 ASCII アドレスは許可されていない",
			"アドレスに非 ASCII 文字が含まれていますが、セッションで SMTPUTF8 が宣言されていないか、サーバが許可していません。",
			"国際化アドレスでの MAIL FROM や RCPT TO（Postfix の「553 5.6.7 Must declare SMTPUTF8 to send unicode address」）。",
			"サーバが SMTPUTF8 を提示していれば MAIL FROM に SMTPUTF8 パラメータを付けて送るか、ASCII のアドレスを使ってください。",
		},
	},
	{
		Code: "X.6.8", Name: "UTF-8 string reply is required, but not permitted by the SMTP client", Ref: "RFC 6531", Category: CategorySyntax,
		En: Text{
			"UTF-8 reply needed but client does not allow it",
			"The server would have to answer with UTF-8 text (for example a non-ASCII address in VRFY), but the client did not ask for SMTPUTF8.",
			"At VRFY or EXPN, or RCPT, on SMTPUTF8 servers.",
			"Use SMTPUTF8 in the client when dealing with internationalised addresses.",
		},
		Ja: Text{
			"UTF-8 の応答が必要だがクライアントが許可していない",
			"サーバは UTF-8 で応答する必要があります（VRFY での非 ASCII アドレスなど）が、クライアントは SMTPUTF8 を要求していません。",
			"SMTPUTF8 対応サーバでの VRFY、EXPN、RCPT。",
			"国際化アドレスを扱う場合はクライアントで SMTPUTF8 を使ってください。",
		},
	},
	{
		Code: "X.6.9", Name: "UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected", Ref: "RFC 6531", Category: CategoryPolicy,
		En: Text{
			"UTF-8 headers cannot be delivered",
			"The message has UTF-8 headers, and the path to a recipient does not support SMTPUTF8, so it cannot be delivered.",
			"When a relay must pass an internationalised message to a server without SMTPUTF8.",
			"Send with ASCII (RFC 2047 encoded) headers and addresses, or to a recipient whose servers support SMTPUTF8.",
		},
		Ja: Text{
			"UTF-8 ヘッダのメッセージを配送できない",
			"メッセージに UTF-8 のヘッダがあり、宛先までの経路が SMTPUTF8 に対応していないため配送できません。",
			"中継サーバが国際化メッセージを SMTPUTF8 非対応のサーバに渡す必要があるとき。",
			"ヘッダとアドレスを ASCII（RFC 2047 エンコード）にして送るか、SMTPUTF8 対応のサーバを持つ宛先に送ってください。",
		},
	},
	{
		Code: "X.6.10", Name: "", Ref: "RFC 6531, RFC 6533", Category: CategorySyntax,
		En: Text{
			"UTF-8 reply required (deprecated duplicate of X.6.8)",
			"The registry keeps this code as an obsolete duplicate of X.6.8: a UTF-8 reply would be needed but the client did not allow it.",
			"Only from old SMTPUTF8 implementations.",
			"As for X.6.8: use SMTPUTF8 in the client for internationalised addresses.",
		},
		Ja: Text{
			"UTF-8 の応答が必要（X.6.8 の廃止済み重複）",
			"レジストリでは X.6.8 の廃止済みの重複として残されています。UTF-8 の応答が必要ですが、クライアントが許可していません。",
			"古い SMTPUTF8 実装からのみ返されます。",
			"X.6.8 と同様に、国際化アドレスにはクライアントで SMTPUTF8 を使ってください。",
		},
	},
}
