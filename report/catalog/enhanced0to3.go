package catalog

// enhanced0to3 holds the registry entries X.0.0 to X.3.6.
var enhanced0to3 = []EnhancedEntry{
	{
		Code: "X.0.0", Name: "Other undefined Status", Ref: "RFC 3463", Category: CategoryOther,
		En: Text{
			"Other or undefined status",
			"The enhanced code gives no detail; only its class (2 success, 4 temporary, 5 permanent) says anything.",
			"With any reply of an MTA that has no more precise code: Postfix sends 5.0.0 for access-map rejections, Sendmail for many local errors.",
			"Read the reply text for the reason; if it says nothing useful, ask the receiving site's postmaster with the time and the queue ID.",
		},
		Ja: Text{
			"その他・未定義のステータス",
			"拡張コードは詳細を示していません。意味があるのはクラス（2 成功、4 一時的、5 恒久的）だけです。",
			"より正確なコードを持たない MTA のあらゆる応答。Postfix はアクセスマップによる拒否に、Sendmail は多くのローカルエラーに 5.0.0 を使います。",
			"応答テキストで理由を確認してください。手がかりがなければ、時刻とキュー ID を添えて受信側のポストマスターに問い合わせてください。",
		},
	},
	{
		Code: "X.1.0", Name: "Other address status", Ref: "RFC 3463", Category: CategoryMailboxUnknown,
		En: Text{
			"Other address status",
			"Something is wrong with an address, without a more precise code; Postfix uses 5.1.0 for an unknown sender address in its own domains.",
			"At MAIL FROM or RCPT TO; Gmail sends 550 5.1.0 for some invalid or rejected addresses.",
			"Check both addresses: that the recipient exists and the sender address is a real, deliverable mailbox in a domain with MX records.",
		},
		Ja: Text{
			"その他のアドレスのステータス",
			"アドレスに問題がありますが、より詳しいコードはありません。Postfix は自ドメインの存在しない送信元アドレスに 5.1.0 を使います。",
			"MAIL FROM や RCPT TO への応答。Gmail は無効または拒否したアドレスの一部に 550 5.1.0 を返します。",
			"宛先が存在するか、送信元アドレスが MX レコードのあるドメインの実在する受信可能なメールボックスかを確認してください。",
		},
	},
	{
		Code: "X.1.1", Name: "Bad destination mailbox address", Ref: "RFC 3463", Category: CategoryMailboxUnknown,
		En: Text{
			"Recipient address does not exist",
			"The mailbox named left of the @ does not exist at the recipient's domain.",
			"At RCPT TO (or in a bounce) when the address is mistyped, the person left, or the account was deleted. Gmail: \"The email account that you tried to reach does not exist\"; Postfix: \"User unknown in local recipient table\"; Exchange: RESOLVER.ADR.RecipNotFound.",
			"Check the spelling of the address; confirm the right one with the recipient by other means. Remove addresses that bounce with 5.1.1 from mailing lists: repeated sends to unknown users hurt your reputation.",
		},
		Ja: Text{
			"宛先アドレスが存在しない",
			"@ の左側のメールボックスが宛先ドメインに存在しません。",
			"アドレスの誤記、退職、アカウント削除などのときの RCPT TO（またはバウンス）。Gmail は「The email account that you tried to reach does not exist」、Postfix は「User unknown in local recipient table」、Exchange は RESOLVER.ADR.RecipNotFound と返します。",
			"アドレスの綴りを確認し、別の手段で宛先本人に正しいアドレスを確認してください。5.1.1 で戻るアドレスは配信リストから削除してください。存在しない宛先への送信を繰り返すと送信元の評価が下がります。",
		},
	},
	{
		Code: "X.1.2", Name: "Bad destination system address", Ref: "RFC 3463", Category: CategoryDNSProblem,
		En: Text{
			"Recipient domain does not exist or takes no mail",
			"The part right of the @ is not a domain that can receive mail: it does not exist in DNS, or has neither MX nor address records.",
			"When the sending MTA or a relay looks up the recipient domain (NXDOMAIN) or a server refuses a domain it does not know (Postfix \"Recipient address rejected: Domain not found\").",
			"Check the domain for typos (gmial.com, outlok.com); query it with dig MX domain. If it is your domain, publish MX records and make sure the zone is delegated.",
		},
		Ja: Text{
			"宛先ドメインが存在しない、またはメールを受信できない",
			"@ の右側がメールを受信できるドメインではありません。DNS に存在しないか、MX レコードもアドレスレコードもありません。",
			"送信側 MTA や中継サーバが宛先ドメインを引いて NXDOMAIN になったとき、または知らないドメインをサーバが拒否したとき（Postfix の「Recipient address rejected: Domain not found」）。",
			"ドメインの綴り（gmial.com、outlok.com など）を確認し、dig MX ドメイン名 で確認してください。自分のドメインなら MX レコードを公開し、ゾーンが正しく委任されているか確認してください。",
		},
	},
	{
		Code: "X.1.3", Name: "Bad destination mailbox address syntax", Ref: "RFC 3463", Category: CategorySyntax,
		En: Text{
			"Recipient address syntax error",
			"The recipient address is not a valid address: a missing @, spaces, illegal characters or unbalanced brackets.",
			"At RCPT TO, often from an address typed or imported with stray characters (trailing dot, comma, quotes).",
			"Correct the address in the sending application; RCPT TO must be <local@domain> with angle brackets.",
		},
		Ja: Text{
			"宛先アドレスの書式誤り",
			"宛先アドレスの書式が不正です（@ がない、空白や使用できない文字、括弧の不一致など）。",
			"入力やインポートで余計な文字（末尾のドット、カンマ、引用符など）が入ったアドレスでの RCPT TO。",
			"送信アプリケーションでアドレスを修正してください。RCPT TO は山括弧付きの <ローカル部@ドメイン> である必要があります。",
		},
	},
	{
		Code: "X.1.4", Name: "Destination mailbox address ambiguous", Ref: "RFC 3463", Category: CategoryMailboxUnknown,
		En: Text{
			"Recipient address ambiguous",
			"The address matches more than one mailbox, so the server cannot tell whom it is for.",
			"On servers that match partial names or aliases (directory lookups, X.400 gateways).",
			"Use the recipient's full, exact address.",
		},
		Ja: Text{
			"宛先アドレスがあいまい",
			"アドレスが複数のメールボックスに一致し、誰宛てか特定できません。",
			"名前の一部やエイリアスで照合するサーバ（ディレクトリ参照、X.400 ゲートウェイ）で発生します。",
			"宛先の正確な完全アドレスを使ってください。",
		},
	},
	{
		Code: "X.1.5", Name: "Destination address valid", Ref: "RFC 3463", Usual: '2', Category: CategorySuccess,
		En: Text{
			"Recipient address valid",
			"The recipient address is accepted.",
			"With 250 in reply to RCPT TO (Postfix: \"250 2.1.5 Ok\").",
			"Nothing to fix.",
		},
		Ja: Text{
			"宛先アドレスは有効",
			"宛先アドレスは受け付けられました。",
			"RCPT TO への 250 とともに（Postfix では「250 2.1.5 Ok」）。",
			"対処は不要です。",
		},
	},
	{
		Code: "X.1.6", Name: "Destination mailbox has moved, No forwarding address", Ref: "RFC 3463", Category: CategoryMailboxUnknown,
		En: Text{
			"Recipient has moved, no forwarding address",
			"The mailbox existed but is gone, and the server knows no new address.",
			"When a person left an organisation or closed the account and the server keeps a record of it.",
			"Remove the address and find the person's new address by other means.",
		},
		Ja: Text{
			"宛先は移転済み、転送先なし",
			"メールボックスは以前存在しましたが既になく、サーバは新しいアドレスを知りません。",
			"退職やアカウント閉鎖をサーバが記録している場合に発生します。",
			"アドレスを削除し、別の手段で新しいアドレスを確認してください。",
		},
	},
	{
		Code: "X.1.7", Name: "Bad sender's mailbox address syntax", Ref: "RFC 3463", Category: CategorySenderRejected,
		En: Text{
			"Sender address syntax error",
			"The address in MAIL FROM is malformed, or the server does not accept it as a sender.",
			"At MAIL FROM with a bare name, missing domain or illegal characters (Postfix \"Bad sender address syntax\"); some servers also use it for senders refused by policy.",
			"Set a valid envelope sender in the application or MTA (Postfix myorigin, sendmail -f user@example.com); the domain must be a real, resolvable one.",
		},
		Ja: Text{
			"送信元アドレスの書式誤り",
			"MAIL FROM のアドレスが不正、またはサーバが送信元として認めていません。",
			"ユーザ名だけ、ドメインなし、使用できない文字を含む MAIL FROM（Postfix の「Bad sender address syntax」）。ポリシーで拒否した送信元に使うサーバもあります。",
			"アプリケーションや MTA で正しいエンベロープ送信元を設定してください（Postfix の myorigin、sendmail -f user@example.com）。ドメインは実在し名前解決できる必要があります。",
		},
	},
	{
		Code: "X.1.8", Name: "Bad sender's system address", Ref: "RFC 3463", Category: CategorySenderRejected,
		En: Text{
			"Sender domain does not resolve",
			"The domain of the sender address does not exist or has no MX or address records, so replies and bounces could not reach it.",
			"At MAIL FROM on servers that check the sender domain (Postfix reject_unknown_sender_domain: \"Sender address rejected: Domain not found\", 450 while DNS is unsure, 550/553 once it is NXDOMAIN).",
			"Send from a domain that exists in public DNS with an MX or A record. Internal names (example.local, a server's bare host name) leak into MAIL FROM when myorigin or the application's From is not set.",
		},
		Ja: Text{
			"送信元ドメインを名前解決できない",
			"送信元アドレスのドメインが存在しないか、MX やアドレスレコードがないため、返信やエラーメールを届けられません。",
			"送信元ドメインを検査するサーバでの MAIL FROM（Postfix の reject_unknown_sender_domain:「Sender address rejected: Domain not found」。DNS の結果が不確かな間は 450、NXDOMAIN なら 550/553）。",
			"公開 DNS に MX または A レコードのあるドメインから送信してください。myorigin やアプリケーションの送信元が未設定だと、内部名（example.local やサーバのホスト名）が MAIL FROM に入ります。",
		},
	},
	{
		Code: "X.1.9", Name: "Message relayed to non-compliant mailer", Ref: "RFC 3886", Usual: '2', Category: CategorySuccess,
		En: Text{
			"Relayed to a non-compliant mailer",
			"The message was passed on to a system that does not return delivery status notifications, so no further reports will come.",
			"In DSNs from gateways to other mail systems.",
			"Nothing to fix; do not expect a delivery report from beyond this point.",
		},
		Ja: Text{
			"非準拠のメールシステムへ中継",
			"メッセージは配送状態通知（DSN）を返さないシステムへ中継されたため、以後の報告はありません。",
			"他のメールシステムへのゲートウェイが出す DSN。",
			"対処は不要です。これ以降の配送報告は届きません。",
		},
	},
	{
		Code: "X.1.10", Name: "Recipient address has null MX", Ref: "RFC 7505", Category: CategoryDoesNotAcceptMail,
		En: Text{
			"Recipient domain has a null MX",
			"The recipient domain publishes \"MX 0 .\" (RFC 7505): it accepts no mail at all.",
			"From the sending MTA or a relay for a domain with a null MX, with 556.",
			"The address cannot receive mail. Check for a typo in the domain and reach the recipient another way.",
		},
		Ja: Text{
			"宛先ドメインがヌル MX",
			"宛先ドメインは「MX 0 .」（RFC 7505）を公開しており、メールを一切受け付けません。",
			"ヌル MX のドメイン宛てに、送信側 MTA や中継サーバが 556 とともに返します。",
			"このアドレスはメールを受信できません。ドメインの誤記を確認し、別の手段で連絡してください。",
		},
	},
	{
		Code: "X.2.0", Name: "Other or undefined mailbox status", Ref: "RFC 3463", Category: CategoryMailboxDisabled,
		En: Text{
			"Mailbox problem",
			"The mailbox exists but cannot take the message, for an unspecified reason.",
			"At RCPT TO or the end of DATA from the mailbox store (Exchange STOREDRV, Dovecot LMTP).",
			"Contact the recipient by another channel; their administrator can see the cause in the mailbox server's log.",
		},
		Ja: Text{
			"メールボックスの問題",
			"メールボックスは存在しますが、理由は不明のままメッセージを受け取れません。",
			"メールボックス側（Exchange の STOREDRV、Dovecot の LMTP など）からの RCPT TO や DATA 終端への応答。",
			"宛先本人に別の手段で連絡してください。先方の管理者がメールボックスサーバのログで原因を確認できます。",
		},
	},
	{
		Code: "X.2.1", Name: "Mailbox disabled, not accepting messages", Ref: "RFC 3463", Category: CategoryMailboxDisabled,
		En: Text{
			"Mailbox disabled",
			"The mailbox exists but is disabled or suspended and takes no mail.",
			"When an account is suspended (inactive, unpaid, locked after abuse): Gmail \"The email account that you tried to reach is disabled\", Yahoo for long-inactive accounts.",
			"Contact the recipient another way; remove the address from lists if the account stays disabled.",
		},
		Ja: Text{
			"メールボックス停止中",
			"メールボックスは存在しますが、停止中のためメールを受け付けません。",
			"アカウントが停止された（長期未使用、未払い、不正利用によるロック）ときに発生します。Gmail は「The email account that you tried to reach is disabled」、Yahoo は長期未使用アカウントに返します。",
			"別の手段で宛先本人に連絡してください。停止が続くなら配信リストから削除してください。",
		},
	},
	{
		Code: "X.2.2", Name: "Mailbox full", Ref: "RFC 3463", Category: CategoryMailboxFull,
		En: Text{
			"Mailbox full",
			"The recipient's mailbox is over its storage quota.",
			"At RCPT TO or the end of DATA: Gmail \"The email account that you tried to reach is over quota\", Exchange \"mailbox full\", Dovecot \"Quota exceeded\".",
			"Tell the recipient by another channel to free space (Gmail counts Drive and Photos too). With 4.2.2 the sender keeps retrying for a few days; with 5.2.2 resend after they have cleaned up.",
		},
		Ja: Text{
			"メールボックス容量超過",
			"宛先のメールボックスが容量の上限を超えています。",
			"RCPT TO や DATA 終端への応答。Gmail は「The email account that you tried to reach is over quota」、Exchange は「mailbox full」、Dovecot は「Quota exceeded」と返します。",
			"別の手段で宛先本人に空き容量の確保を依頼してください（Gmail は Drive やフォトの容量も合算されます）。4.2.2 なら送信側が数日間再送し、5.2.2 なら整理後に再送してください。",
		},
	},
	{
		Code: "X.2.3", Name: "Message length exceeds administrative limit", Ref: "RFC 3463", Category: CategorySizeLimit,
		En: Text{
			"Message larger than the mailbox allows",
			"The message exceeds a size limit set for this recipient or mailbox.",
			"At the end of DATA, or at MAIL FROM with SIZE, when a per-user limit is lower than the server's.",
			"Send a smaller message, with large files as links, or ask the recipient's administrator about the limit.",
		},
		Ja: Text{
			"メールボックスのサイズ上限超過",
			"メッセージがこの宛先やメールボックスに設定されたサイズ上限を超えています。",
			"ユーザごとの上限がサーバの上限より低いときの DATA 終端や SIZE 付き MAIL FROM への応答。",
			"大きなファイルはリンクにするなどしてメッセージを小さくするか、宛先の管理者に上限を確認してください。",
		},
	},
	{
		Code: "X.2.4", Name: "Mailing list expansion problem", Ref: "RFC 3463", Category: CategoryOther,
		En: Text{
			"Mailing list expansion problem",
			"The address is a mailing list or alias, and expanding it to its members failed.",
			"When a list's membership cannot be read or a member address is broken.",
			"Tell the list owner (often owner-LIST@domain); the list server's log shows which member failed.",
		},
		Ja: Text{
			"メーリングリストの展開エラー",
			"宛先はメーリングリストまたはエイリアスで、メンバーへの展開に失敗しました。",
			"リストのメンバー情報を読めない、またはメンバーのアドレスが壊れているときに発生します。",
			"リストの管理者（多くは owner-リスト名@ドメイン）に連絡してください。どのメンバーで失敗したかはリストサーバのログに記録されています。",
		},
	},
	{
		Code: "X.3.0", Name: "Other or undefined mail system status", Ref: "RFC 3463", Category: CategoryServerUnavailable,
		En: Text{
			"Mail system problem",
			"The receiving mail system has a problem of its own, without more detail.",
			"With 421, 451 or 554 when a server fails internally; Gmail \"421 4.3.0 Temporary System Problem. Try again later\".",
			"Let the sender retry a 4.3.0. For 5.3.0 or a 4.3.0 that lasts, send the full reply to the receiving site's postmaster.",
		},
		Ja: Text{
			"メールシステムの問題",
			"受信側のメールシステム自体に問題がありますが、詳細は不明です。",
			"サーバ内部の障害時の 421、451、554。Gmail は「421 4.3.0 Temporary System Problem. Try again later」と返します。",
			"4.3.0 なら再送に任せてください。5.3.0 や長引く 4.3.0 は応答全文を受信側のポストマスターに伝えてください。",
		},
	},
	{
		Code: "X.3.1", Name: "Mail system full", Ref: "RFC 3463", Usual: '4', Category: CategoryServerUnavailable,
		En: Text{
			"Mail system full",
			"The receiving server's disk or queue is full.",
			"With 452 when the queue file system is nearly full (Postfix \"Insufficient system storage\").",
			"Let the sender retry; the receiving site must free disk space on its queue or mailbox volume.",
		},
		Ja: Text{
			"メールシステムの容量不足",
			"受信側サーバのディスクまたはキューがいっぱいです。",
			"キューのファイルシステムがほぼ満杯のときの 452（Postfix の「Insufficient system storage」）。",
			"再送に任せてください。受信側がキューやメールボックスのディスクの空きを確保する必要があります。",
		},
	},
	{
		Code: "X.3.2", Name: "System not accepting network messages", Ref: "RFC 3463, RFC 7504", Usual: '4', Category: CategoryServerUnavailable,
		En: Text{
			"System not accepting mail now",
			"The server is not taking messages: it is shutting down, in maintenance, or overloaded (with 521 when it never accepts mail).",
			"As the greeting or at MAIL during maintenance or overload; Exchange \"432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded\".",
			"With 4.3.2 let the sender retry. With 5.3.2 the host does not accept mail: check the domain's MX records.",
		},
		Ja: Text{
			"現在メールを受け付けていない",
			"サーバはメッセージを受け付けていません（停止処理中、メンテナンス中、高負荷。常に受け付けない場合は 521）。",
			"メンテナンス中や高負荷時のグリーティングや MAIL への応答。Exchange の「432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded」など。",
			"4.3.2 なら再送に任せてください。5.3.2 ならそのホストはメールを受け付けないので、ドメインの MX レコードを確認してください。",
		},
	},
	{
		Code: "X.3.3", Name: "System not capable of selected features", Ref: "RFC 3463", Category: CategoryOther,
		En: Text{
			"Feature not supported",
			"The destination cannot provide a feature the message asks for (8-bit transport, SMTPUTF8, DSN, REQUIRETLS).",
			"When a relay or gateway cannot pass on what the sender required.",
			"Send without the feature (7-bit MIME encoding, ASCII addresses) or through a path that supports it.",
		},
		Ja: Text{
			"機能に対応していない",
			"メッセージが求める機能（8 ビット転送、SMTPUTF8、DSN、REQUIRETLS など）に宛先が対応していません。",
			"中継サーバやゲートウェイが送信元の要求を引き継げないときに発生します。",
			"その機能を使わずに（7 ビットの MIME エンコード、ASCII のアドレスなど）送るか、対応する経路で送ってください。",
		},
	},
	{
		Code: "X.3.4", Name: "Message too big for system", Ref: "RFC 3463", Category: CategorySizeLimit,
		En: Text{
			"Message too big",
			"The message is larger than the receiving system accepts.",
			"At MAIL FROM with SIZE over the advertised limit or at the end of DATA: Postfix \"552 5.3.4 Message size exceeds fixed limit\", Exchange \"552 5.3.4 Requested action not taken; message size exceeds fixed maximum message size\".",
			"Reduce the message size (base64 adds a third to attachments) or share files as links; the receiving site can raise its limit.",
		},
		Ja: Text{
			"メッセージが大きすぎる",
			"メッセージが受信側システムの受け付けるサイズを超えています。",
			"提示された上限を超える SIZE 付きの MAIL FROM や DATA 終端への応答。Postfix は「552 5.3.4 Message size exceeds fixed limit」、Exchange は「552 5.3.4 Requested action not taken; message size exceeds fixed maximum message size」と返します。",
			"メッセージを小さくする（添付は base64 で約 3 分の 4 倍になります）か、ファイルをリンクで共有してください。受信側は上限を引き上げられます。",
		},
		Fixes: sizeLimitFixes,
	},
	{
		Code: "X.3.5", Name: "System incorrectly configured", Ref: "RFC 3463", Category: CategoryServerUnavailable,
		En: Text{
			"Server misconfigured",
			"The receiving server's configuration prevents it from accepting the message.",
			"When a lookup table, restriction or transport is broken (Postfix \"451 4.3.5 Server configuration error\").",
			"Report the full reply and time to the receiving site's postmaster: their mail log names the broken setting.",
		},
		Ja: Text{
			"サーバの設定誤り",
			"受信側サーバの設定のためにメッセージを受け付けられません。",
			"参照テーブル、制限、トランスポートの設定が壊れているとき（Postfix の「451 4.3.5 Server configuration error」）。",
			"応答全文と時刻を受信側のポストマスターに伝えてください。先方のメールログに誤った設定が記録されています。",
		},
	},
	{
		Code: "X.3.6", Name: "Requested priority was changed", Ref: "RFC 6710", Usual: '2', Category: CategorySuccess,
		En: Text{
			"Priority changed",
			"The message was accepted, but its requested priority (RFC 6710 MT-PRIORITY) was not honoured; the text gives the new one.",
			"With 250 or 251 on servers that support MT-PRIORITY.",
			"Nothing to fix; the message is on its way at the stated priority.",
		},
		Ja: Text{
			"優先度が変更された",
			"メッセージは受け付けられましたが、要求した優先度（RFC 6710 の MT-PRIORITY）は適用されず、テキストに新しい優先度が示されます。",
			"MT-PRIORITY に対応したサーバでの 250 や 251 とともに。",
			"対処は不要です。メッセージは示された優先度で配送されます。",
		},
	},
}
