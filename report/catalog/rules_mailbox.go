package catalog

// contentRules match refusals of the message itself: spam verdicts and
// malware. They come before the mailbox rules because spam refusals often
// reuse RFC 5321's "mailbox unavailable" wording.
var contentRules = []Rule{
	{
		ID: "virus", Category: CategoryPolicy,
		Pattern: `virus\b[^.;]{0,40}(found|detected)|potential security issue|\bmacros?\b|(illegal|prohibited|forbidden|banned|dangerous) (attachment|file|content)`,
		En: Text{
			"Rejected as malware or a dangerous attachment",
			"The receiver's scanner found a virus, or an attachment type it blocks (executables, macros, some archives).",
			"At the end of DATA: \"554 5.7.1 Virus found\", Gmail \"552 5.7.0 This message was blocked because its content presents a potential security issue\".",
			"Scan the sending machine; if the file is legitimate, share it as a link or in an allowed format (PDF instead of a macro document, not a zipped executable).",
		},
		Ja: Text{
			"マルウェアまたは危険な添付ファイルとして拒否",
			"受信側のスキャナがウイルス、または遮断対象の添付ファイル（実行ファイル、マクロ、一部のアーカイブ）を検出しました。",
			"DATA 終端への応答。「554 5.7.1 Virus found」、Gmail の「552 5.7.0 This message was blocked because its content presents a potential security issue」など。",
			"送信元の端末をウイルス検査してください。正当なファイルならリンクで共有するか、許可された形式（マクロ付き文書ではなく PDF、圧縮した実行ファイルは避ける）で送ってください。",
		},
	},
	{
		ID: "spam-content", Category: CategorySpamReputation,
		Pattern: `spam|junk|phish|unsolicited|reputation|suspicious|content (filter|rejected|blocked|denied)|user complaints`,
		En: Text{
			"Rejected as spam",
			"The receiver's filter judged the message (or the sender's reputation) as spam and refused it.",
			"At the end of DATA, or earlier from reputation alone: \"550 5.7.1 Message rejected as spam\", amavis \"554 5.7.0 Reject ... SPAM\", Yahoo \"554 5.7.9 Message not accepted for policy reasons\".",
			"Check the sending IP and domain on blocklists and in the big providers' postmaster tools; authenticate with SPF/DKIM/DMARC; look at the content (link shorteners, URLs on domain blocklists, image-only mail, misleading subject) and send only to recipients who asked for it.",
		},
		Ja: Text{
			"迷惑メールとして拒否",
			"受信側のフィルタがメッセージ（または送信元の評価）を迷惑メールと判定し、拒否しました。",
			"DATA 終端、または評価だけで手前の段階での応答。「550 5.7.1 Message rejected as spam」、amavis の「554 5.7.0 Reject ... SPAM」、Yahoo の「554 5.7.9 Message not accepted for policy reasons」など。",
			"送信元 IP とドメインをブラックリストや大手事業者のポストマスターツールで確認し、SPF/DKIM/DMARC で認証してください。内容（短縮 URL、ブロックリストに載ったドメインの URL、画像だけのメール、誤解を招く件名）を見直し、配信を希望した宛先にだけ送ってください。",
		},
	},
}

// mailboxRules match refusals about the addresses: disabled and unknown
// mailboxes and the envelope sender.
var mailboxRules = []Rule{
	{
		ID: "mailbox-disabled", Category: CategoryMailboxDisabled,
		Pattern: `(account|mail ?box|user|address|recipient)\b[^;]{0,60}?( has been| is| was| temporar(y|ily))? (disabled|inactive|suspended|deactivated|locked|frozen|expired|closed)|(disabled|inactive|suspended|deactivated|expired) (account|mail ?box|user|recipient|address)|due to inactivity`,
		En: Text{
			"Recipient mailbox disabled",
			"The mailbox exists but is disabled, suspended or inactive, and takes no mail.",
			"At RCPT TO for accounts closed or frozen by the provider: Gmail \"550 5.2.1 The email account that you tried to reach is disabled\", Yahoo \"554 delivery error: This account has been disabled or discontinued\", \"inactive account\".",
			"Reach the person another way and ask for a current address; remove the address from mailing lists, since mail to disabled accounts counts against the sender's reputation.",
		},
		Ja: Text{
			"宛先のメールボックスが停止中",
			"メールボックスは存在しますが、停止・休止・無効の状態で、メールを受け付けません。",
			"事業者に閉鎖・凍結されたアカウントへの RCPT TO。Gmail の「550 5.2.1 The email account that you tried to reach is disabled」、Yahoo の「554 delivery error: This account has been disabled or discontinued」、「inactive account」など。",
			"別の手段で本人に連絡して現在のアドレスを確認し、配信リストから削除してください。停止中のアカウントへの送信は送信元の評価を下げます。",
		},
	},
	{
		ID: "address-syntax-code", Category: CategorySyntax, Enhanced: `[45]\.1\.3`,
		Pattern: `invalid|syntax|not a valid`,
		En: Text{
			"Address not valid in syntax",
			"The enhanced code X.1.3 says the address itself is malformed (not a mailbox that could exist anywhere), as opposed to a well-formed address that has no mailbox.",
			"At RCPT TO: \"501 5.1.3 Invalid address\" (Microsoft), \"553 5.1.3 ... is not a valid RFC 5321 address\".",
			"Check the address as the application sends it: stray spaces, a missing or doubled @, a display name or quotes left in, characters the server does not accept. Fix it at the source (the form, the address book, the template).",
		},
		Ja: Text{
			"アドレスの構文が正しくない",
			"拡張コード X.1.3 は、アドレス自体の形が不正であること（どこにも存在しえないメールボックス）を示します。形は正しいがメールボックスがない場合とは違います。",
			"RCPT TO への応答。「501 5.1.3 Invalid address」（Microsoft）「553 5.1.3 ... is not a valid RFC 5321 address」など。",
			"アプリケーションが実際に送るアドレスを確認してください（余分な空白、@ の欠落や重複、表示名や引用符の混入、受け付けられない文字）。入力フォーム、アドレス帳、テンプレートなど発生元で直します。",
		},
	},
	{
		// Whatever the enhanced code says: chkuser sends 5.1.2 "bad
		// destination system address" for an address without a domain,
		// which is the form of the address, not its domain's DNS.
		ID: "address-syntax", Category: CategorySyntax,
		Pattern: `recipient address rejected: need fully-qualified|(recipient |bad )address syntax|not a valid rfc.?5321 address|must (specify|include|contain) a domain`,
		En: Text{
			"Malformed recipient address",
			"The recipient address is not a valid, fully qualified mail address, so the server cannot even look it up.",
			"At RCPT TO: Postfix \"504 5.5.2 <user>: Recipient address rejected: need fully-qualified address\", Gmail \"553 5.1.3 The recipient address <...> is not a valid RFC 5321 address\", OpenSMTPD \"501 5.0.0 Recipient address syntax error\".",
			"Fix the address where it was typed or imported: it needs a local part, an @ and a full domain, with no spaces, quotes or trailing dots. Applications that send to bare user names need a default domain (Postfix append_dot_mydomain, myorigin).",
		},
		Ja: Text{
			"宛先アドレスの書式誤り",
			"宛先アドレスが正しい完全なメールアドレスではないため、サーバは照合すらできません。",
			"RCPT TO への応答。Postfix の「504 5.5.2 <user>: Recipient address rejected: need fully-qualified address」、Gmail の「553 5.1.3 The recipient address <...> is not a valid RFC 5321 address」、OpenSMTPD の「501 5.0.0 Recipient address syntax error」など。",
			"アドレスを入力・取り込みした箇所で修正してください。ローカル部、@、完全なドメインが必要で、空白、引用符、末尾のドットは使えません。ユーザ名だけに送るアプリケーションには既定のドメイン（Postfix の append_dot_mydomain、myorigin）が必要です。",
		},
	},
	{
		// Before sender-rejected, and whatever the enhanced code says
		// (chkuser sends 5.1.8 "bad sender's system address" for "can't
		// find a valid MX for sender domain"): a sender domain that does not
		// resolve is a DNS problem the sender fixes in DNS.
		ID: "sender-domain-unknown", Category: CategoryDNSProblem,
		Pattern: `((sender|mail ?from)\b[^;]{0,40}\bdomain|domain of (your |the )?sender)\b[^;]{0,80}(not found|does not exist|doesn't exist|does not resolve|(not |un)resolvable|(can ?not|can't|could not) be resolved|has no (mx|mail exchanger|dns|address))|\bmx\b[^;]{0,20} for (the )?sender|unrouteable mail domain|invalid dns (mx|a)\b`,
		En: Text{
			"Sender domain does not resolve",
			"The domain of the envelope sender (MAIL FROM) does not resolve in DNS, or has no usable MX or address records, so the receiver could never return a bounce to it and refuses the mail.",
			"At MAIL FROM: \"553 5.1.8 Domain of sender address does not exist\", \"550 5.1.7 No such domain\", \"450 4.1.8 Sender address rejected: Domain not found\".",
			"Send with an envelope sender whose domain exists in public DNS with MX or A records; check the MAIL FROM the application really uses (often a bare host name or an internal domain).",
		},
		Ja: Text{
			"送信元ドメインを名前解決できない",
			"エンベロープ送信元（MAIL FROM）のドメインが DNS で名前解決できない、または使える MX やアドレスレコードがないため、受信側はバウンスを返せないとしてメールを拒否しました。",
			"MAIL FROM への応答。「553 5.1.8 Domain of sender address does not exist」「550 5.1.7 No such domain」「450 4.1.8 Sender address rejected: Domain not found」など。",
			"公開 DNS に MX または A レコードのあるドメインのエンベロープ送信元で送ってください。アプリケーションが実際に使っている MAIL FROM（ホスト名だけや内部ドメインのことが多い）を確認します。",
		},
	},
	{
		ID: "sender-rejected", Category: CategorySenderRejected,
		Pattern: `(unroutable|unknown|invalid|unverified) sender|spoofed (mail from|sender|envelope)|(mail from|sender) (domain )?\S*[^.;]{0,40}not (allowed|permitted|accepted)|sender (address |domain )?(<[^>]*> |\S+@\S+ )?((has been|is|was) )?(rejected|denied|refused|blocked|not allowed|not permitted|verify failed|verification failed|unknown|invalid)|verification failed for|sender verify|callout verification|invalid (sender|mail from)|(from|sender) address (is )?(invalid|not allowed|rejected|blacklisted)|mail from .* (rejected|refused|denied)|badmailfrom|postmaster verification failed|(bad|banned) (outbound )?sender|blocked senders?|could not verify "from:" header|fake sender|(sending|mail) from un(registered|verified|authori[sz]ed) domains?`,
		En: Text{
			"Sender address rejected",
			"The server refuses the envelope sender (MAIL FROM): its domain does not exist, the address could not be verified, or it is blocked.",
			"At MAIL FROM or RCPT TO: Postfix \"Sender address rejected: Domain not found\" (reject_unknown_sender_domain), Exim \"Sender verify failed\" (callout), Sendmail \"553 5.1.8 Domain of sender address ... does not exist\".",
			"Send with an envelope sender in a domain that resolves in public DNS and whose MX accepts mail for that address (bounces must be deliverable). Applications often leak an internal or unqualified sender (root@localhost): set it explicitly. If the address is blocked by the recipient, ask them to allow it.",
		},
		Ja: Text{
			"送信元アドレスの拒否",
			"サーバはエンベロープ送信元（MAIL FROM）を拒否しました。ドメインが存在しない、アドレスを検証できない、またはブロックされています。",
			"MAIL FROM や RCPT TO への応答。Postfix の「Sender address rejected: Domain not found」（reject_unknown_sender_domain）、Exim の「Sender verify failed」（コールアウト）、Sendmail の「553 5.1.8 Domain of sender address ... does not exist」など。",
			"公開 DNS で名前解決でき、MX がそのアドレス宛てのメールを受け付けるドメインのエンベロープ送信元で送ってください（エラーメールが届く必要があります）。アプリケーションは内部名や不完全な送信元（root@localhost など）を使いがちなので明示的に設定してください。宛先側でブロックされている場合は許可を依頼してください。",
		},
	},
	{
		// Before user-unknown, whose "does not exist" and "... not found"
		// would take "Recipient address rejected: Domain not found": a
		// domain that does not resolve is a DNS problem, not an unknown
		// mailbox.
		ID: "recipient-domain-unknown", Category: CategoryDNSProblem,
		Pattern: `recipient address rejected: domain not found|(recipient )?domain( name)? (not found|does not exist|doesn't exist|unknown)|host (or domain name )?not found|unrouteable (mail )?domain|nxdomain`,
		En: Text{
			"Recipient domain not found",
			"The recipient's domain does not resolve in DNS (no such name, or no MX and no address records), so the mail cannot be routed.",
			"At RCPT TO on servers that check the recipient domain (Postfix reject_unknown_recipient_domain: \"450 4.1.2 / 550 5.1.2 Recipient address rejected: Domain not found\"), or in bounces from your own MTA (\"Host or domain name not found\").",
			"Check the domain for typos; query it with dig MX domain and dig A domain. If it is a real domain, its DNS (delegation, name servers) is broken: tell its owner. A 4xx here often means a DNS timeout on the receiving side.",
		},
		Ja: Text{
			"宛先ドメインが見つからない",
			"宛先ドメインを DNS で名前解決できない（名前が存在しない、または MX もアドレスレコードもない）ため、配送経路を決められません。",
			"宛先ドメインを検査するサーバでの RCPT TO（Postfix の reject_unknown_recipient_domain:「450 4.1.2 / 550 5.1.2 Recipient address rejected: Domain not found」）、または自分の MTA のバウンス（「Host or domain name not found」）。",
			"ドメインの誤記を確認し、dig MX ドメイン名 と dig A ドメイン名 で確認してください。実在するドメインなら DNS（委任やネームサーバ）が壊れているので所有者に知らせてください。4xx の場合は受信側の DNS タイムアウトであることが多いです。",
		},
	},
	{
		ID: "user-unknown", Category: CategoryMailboxUnknown,
		Pattern: `user unknown|no such (active )?(user|mail ?box|recipient|address|account|person)|does not exist|(invalid|unknown)[- ](recipient|mail ?box|(e-?mail )?address|user|account|local ?part|addressee)|(user|mail ?box|recipient|address|account|addressee)( address| name)?( \S+)?( is| was| has been)? (unknown|invalid|not found|(could|can) ?not be found|no longer valid|marked as invalid)|not a valid (e-?mail )?(address|recipient|mail ?box)|not our customer|undeliverable address|not in (the |my )?(valid ?)?(recipient|rcpt ?to) list|(is )?no longer valid`,
		En: Text{
			"Recipient address does not exist",
			"The recipient's server does not know the mailbox: it never existed, was deleted, or the address is mistyped.",
			"At RCPT TO: Postfix \"550 5.1.1 <user@example.com>: Recipient address rejected: User unknown in local recipient table\", Sendmail \"550 5.1.1 <user@example.com>... User unknown\", qmail \"550 sorry, no mailbox here by that name\", Gmail \"550 5.1.1 The email account that you tried to reach does not exist\".",
			"Check the address for typos and confirm it with the recipient another way. Remove it from mailing lists at once: repeated mail to unknown users marks a sender as a spammer. If the domain is yours, create the mailbox or alias.",
		},
		Ja: Text{
			"宛先アドレスが存在しない",
			"宛先のサーバはそのメールボックスを知りません。最初から存在しない、削除された、またはアドレスの誤記です。",
			"RCPT TO への応答。Postfix の「550 5.1.1 <user@example.com>: Recipient address rejected: User unknown in local recipient table」、Sendmail の「550 5.1.1 <user@example.com>... User unknown」、qmail の「550 sorry, no mailbox here by that name」、Gmail の「550 5.1.1 The email account that you tried to reach does not exist」など。",
			"アドレスの誤記を確認し、別の手段で宛先本人に確認してください。配信リストからはすぐに削除してください。存在しない宛先への送信を繰り返すと迷惑メール送信者と見なされます。自分のドメインなら、メールボックスやエイリアスを作成してください。",
		},
		Fixes: []SoftwareFix{
			{Software: SoftwarePostfix, En: "Check the address for typos and confirm it with the recipient another way; remove it from mailing lists. If the domain is yours, create the mailbox or alias where Postfix looks (local_recipient_maps, virtual_mailbox_maps or virtual_alias_maps), then postmap the table.",
				Ja: "アドレスの誤記を確認し、別の手段で宛先本人に確認してください。配信リストからは削除します。自分のドメインなら、Postfix が参照する場所（local_recipient_maps、virtual_mailbox_maps、virtual_alias_maps）にメールボックスやエイリアスを作り、テーブルを postmap してください。"},
			{Software: SoftwareExim, En: "Check the address for typos and confirm it with the recipient another way; remove it from mailing lists. If the domain is yours, create the user or alias that a router accepts (system user, /etc/aliases, or the virtual-domain alias file your routers read).",
				Ja: "アドレスの誤記を確認し、別の手段で宛先本人に確認してください。配信リストからは削除します。自分のドメインなら、ルータが受け付けるユーザやエイリアス（システムユーザ、/etc/aliases、ルータが読むバーチャルドメインのエイリアスファイル）を作成してください。"},
			{Software: SoftwareSendmail, En: "Check the address for typos and confirm it with the recipient another way; remove it from mailing lists. If the domain is yours, create the user, an /etc/aliases entry (then newaliases) or a virtusertable entry (then rebuild the map).",
				Ja: "アドレスの誤記を確認し、別の手段で宛先本人に確認してください。配信リストからは削除します。自分のドメインなら、ユーザ、/etc/aliases のエントリ（その後 newaliases）、または virtusertable のエントリ（その後マップを作り直す）を作成してください。"},
			{Software: SoftwareOpenSMTPD, En: "Check the address for typos and confirm it with the recipient another way; remove it from mailing lists. If the domain is yours, add the user or alias to the table the action uses (alias, virtual or userbase in smtpd.conf) and run smtpctl update table NAME.",
				Ja: "アドレスの誤記を確認し、別の手段で宛先本人に確認してください。配信リストからは削除します。自分のドメインなら、action が使うテーブル（smtpd.conf の alias、virtual、userbase）にユーザやエイリアスを加え、smtpctl update table 名前 を実行してください。"},
			{Software: SoftwareExchange, En: "Check the address for typos and confirm it with the recipient another way; remove it from mailing lists. If the domain is yours, create the mailbox or add the address as a proxy address of the right recipient (Set-Mailbox -EmailAddresses @{add=...}).",
				Ja: "アドレスの誤記を確認し、別の手段で宛先本人に確認してください。配信リストからは削除します。自分のドメインなら、メールボックスを作成するか、正しい宛先のプロキシアドレスに追加してください（Set-Mailbox -EmailAddresses @{add=...}）。"},
		},
	},
	{
		ID: "access-denied", Category: CategoryPolicy,
		Pattern: `(recipient|sender) address rejected: (access denied|match )|helo command rejected: access denied|administrative prohibition|access denied|not allowed to send (mail|e-?mail|messages) to|you are not allowed`,
		En: Text{
			"Refused by an access rule",
			"A local access rule of the receiving server refuses this sender, recipient or client; no more precise reason is given.",
			"At MAIL FROM or RCPT TO: Postfix \"554 5.7.1 <user@example.com>: Recipient address rejected: Access denied\" (an access map entry), Exim \"550 Administrative prohibition\", recipients who block senders.",
			"Ask the recipient or the receiving site's postmaster (by another channel) to allow the sender, quoting the full reply; they will find the matching entry in their access tables or filters.",
		},
		Ja: Text{
			"アクセス制御による拒否",
			"受信側サーバの独自のアクセス制御が、この送信元、宛先、クライアントを拒否しています。より詳しい理由は示されていません。",
			"MAIL FROM や RCPT TO への応答。Postfix の「554 5.7.1 <user@example.com>: Recipient address rejected: Access denied」（アクセスマップの登録）、Exim の「550 Administrative prohibition」、送信元をブロックしている宛先など。",
			"応答全文を添えて、宛先本人または受信側のポストマスターに（別の手段で）送信元の許可を依頼してください。先方がアクセステーブルやフィルタで該当の設定を見つけられます。",
		},
	},
}
