package catalog

// genericRules catch what the specific rules left: servers that take no
// mail, loops, server trouble and unspecified policy refusals.
var genericRules = []Rule{
	{
		ID: "does-not-accept-mail", Category: CategoryDoesNotAcceptMail,
		Pattern: `does not accept (e-?)?mail|null ?mx|no smtp service|this (host|server|domain) (does not|doesn't) (receive|accept)`,
		En: Text{
			"Does not accept mail",
			"The server or the domain announces that it receives no mail at all (RFC 7504 521/556, RFC 7505 null MX) or refuses this session from the start.",
			"As the greeting (\"521 ... does not accept mail\", \"554 ... ESMTP not accepting connections\") or at RCPT TO for a null-MX domain (\"556 5.1.10\").",
			"Check the recipient domain's MX records (dig MX domain): \"MX 0 .\" means it takes no mail; otherwise you may be talking to a host that is not its mail server. Reach the recipient another way if the domain really takes no mail.",
		},
		Ja: Text{
			"メールを受け付けない",
			"サーバまたはドメインは、メールを一切受信しないこと（RFC 7504 の 521/556、RFC 7505 のヌル MX）を示しているか、セッションを最初から拒否しています。",
			"グリーティング（「521 ... does not accept mail」「554 ... ESMTP not accepting connections」）や、ヌル MX のドメイン宛ての RCPT TO（「556 5.1.10」）。",
			"宛先ドメインの MX レコード（dig MX ドメイン名）を確認してください。「MX 0 .」ならメールを受信しません。そうでなければ、メールサーバではないホストに接続している可能性があります。本当に受信しないドメインなら別の手段で連絡してください。",
		},
	},
	{
		ID: "opensmtpd-expansion", Category: CategoryMailboxUnknown, Enhanced: `5\.2\.4`,
		Pattern: `mailing list expansion problem`,
		En: Text{
			"Recipient not found (OpenSMTPD)",
			"OpenSMTPD answers \"Mailing list expansion problem\" when it cannot expand a recipient into deliveries; nearly always the address is in none of its user, alias or virtual tables. It is rarely about a mailing list.",
			"At RCPT TO on OpenSMTPD: \"524 5.2.4 Mailing list expansion problem: <user@example.org>\".",
			"Check the address for typos. On the receiving side: add the user, alias or virtual entry to the table the match rule uses (smtpd.conf: action ... alias <aliases> / virtual <vusers> / userbase <users>), then reload the tables with smtpctl update table NAME.",
		},
		Ja: Text{
			"宛先が見つからない（OpenSMTPD）",
			"OpenSMTPD は、宛先を配送先に展開できないときに「Mailing list expansion problem」と応答します。ほとんどの場合、アドレスがユーザ・エイリアス・バーチャルのどのテーブルにもないという意味で、メーリングリストの問題であることはまれです。",
			"OpenSMTPD での RCPT TO への応答。「524 5.2.4 Mailing list expansion problem: <user@example.org>」。",
			"アドレスの誤記を確認してください。受信側では、match 規則が使うテーブル（smtpd.conf の action ... alias <aliases> / virtual <vusers> / userbase <users>）にユーザやエイリアスを追加し、smtpctl update table 名前 でテーブルを再読み込みします。",
		},
	},
	{
		ID: "opensmtpd-expansion-temporary", Category: CategoryServerUnavailable, Enhanced: `4\.2\.4`,
		Pattern: `mailing list expansion problem`,
		En: Text{
			"Recipient lookup failed for now (OpenSMTPD)",
			"OpenSMTPD could not look the recipient up (a table backend or a user's ~/.forward could not be read) and defers the mail; this says nothing about whether the address exists.",
			"At RCPT TO on OpenSMTPD: \"424 4.2.4 Mailing list expansion problem\".",
			"Retrying is right. On the receiving side: check smtpd's log for the table or ~/.forward error (permissions, an unreachable LDAP or SQL table) and fix it.",
		},
		Ja: Text{
			"宛先の検索が一時的に失敗（OpenSMTPD）",
			"OpenSMTPD が宛先を検索できず（テーブルのバックエンドやユーザの ~/.forward が読めない）、受信を保留しています。アドレスが存在するかどうかについては何も示していません。",
			"OpenSMTPD での RCPT TO への応答。「424 4.2.4 Mailing list expansion problem」。",
			"再送が正しい対応です。受信側では smtpd のログでテーブルや ~/.forward のエラー（権限、到達できない LDAP や SQL テーブル）を確認して直してください。",
		},
	},
	{
		ID: "mail-loop", Category: CategoryOther,
		Pattern: `too many hops|routing loop|loop detected`,
		En: Text{
			"Mail loop",
			"The message went round between servers too many times (too many Received: headers) and was stopped.",
			"Postfix \"mail for domain loops back to myself\", \"554 5.4.6 Hop count exceeded - possible mail loop\", Gmail \"554 5.6.0 Message exceeded 50 hops\".",
			"Follow the Received: headers in the bounce to find the hosts passing it back and forth; fix the MX record, relayhost/transport setting or forwarding rule that points back. \"Loops back to myself\" means the server does not list the domain as local (Postfix mydestination) while the MX points to it.",
		},
		Ja: Text{
			"メールループ",
			"メッセージがサーバ間を何度も往復し（Received: ヘッダが多すぎる）、止められました。",
			"Postfix の「mail for domain loops back to myself」、「554 5.4.6 Hop count exceeded - possible mail loop」、Gmail の「554 5.6.0 Message exceeded 50 hops」など。",
			"バウンスの Received: ヘッダでメールを往復させているホストを特定し、折り返している MX レコード、relayhost や transport の設定、転送ルールを修正してください。「loops back to myself」は、MX がそのサーバを指しているのにドメインがローカル（Postfix の mydestination）として設定されていないことを示します。",
		},
	},
	{
		ID: "command-not-supported", Category: CategorySyntax,
		Pattern: `command (not recognized|unrecognized|not implemented|not supported|is disabled)|unrecognized command`,
		En: Text{
			"The server does not support this command",
			"The server does not implement the command, or has it switched off. Nothing is wrong with the client's syntax, and the rest of the session is unaffected.",
			"VRFY and EXPN on most servers (\"500 5.5.1 Invalid command: Command unrecognized\" from OpenSMTPD, \"502 5.5.1 VRFY command is disabled\" from Postfix), BDAT where CHUNKING is off, EHLO on a server that only speaks HELO (\"500 unrecognized command\").",
			"Nothing to fix on either side unless you need the command: use only what the EHLO reply advertises (RCPT TO instead of VRFY to check an address; HELO when EHLO is refused). The server's administrator can enable the command if it is really wanted.",
		},
		Ja: Text{
			"サーバはこのコマンドに対応していない",
			"サーバはこのコマンドを実装していないか、無効にしています。クライアントの構文に誤りはなく、セッションの他の部分には影響しません。",
			"多くのサーバでの VRFY や EXPN（OpenSMTPD の「500 5.5.1 Invalid command: Command unrecognized」、Postfix の「502 5.5.1 VRFY command is disabled」）、CHUNKING が無効なサーバでの BDAT、HELO しか話さないサーバでの EHLO（「500 unrecognized command」）。",
			"そのコマンドが必要でなければ、どちらの側も直すものはありません。EHLO の応答で提示されたものだけを使ってください（アドレスの確認には VRFY ではなく RCPT TO、EHLO が拒否されたら HELO）。本当に必要ならサーバの管理者がコマンドを有効にできます。",
		},
	},
	{
		ID: "protocol-error", Category: CategorySyntax,
		Pattern: `too many (errors|bad commands|unrecognized commands|protocol errors)|protocol (violation|error|synchroni[sz]ation)|no commands allowed to pipeline|pipelining not supported|line too long|syntax error in parameters|internationali[sz]ed mailbox|lone (cr|lf)|invalid characters|command not allowed|(not following|violat(es|ing|ion of)) (the )?(smtp )?protocol|i can break rules|smtputf8\b[^.;]{0,20}required`,
		En: Text{
			"SMTP protocol error by the client",
			"The client broke the SMTP protocol: commands out of order, sent before the reply (pipelining without PIPELINING), malformed, too long, or with bare LF line ends; after too many such errors the server hangs up.",
			"Postfix \"554 5.5.0 Error: SMTP protocol synchronization\" and \"421 4.7.0 Error: too many errors\", Gmail \"454 4.5.0 SMTP protocol violation, no commands allowed to pipeline after STARTTLS\", qmail's bare LF refusal (smtplf).",
			"Capture the client's session (swaks --show-raw-text, or smtpprobe) and fix the client: wait for the greeting, pipeline only when PIPELINING is offered and never right after STARTTLS, end lines with CRLF, keep commands under 512 bytes.",
		},
		Ja: Text{
			"クライアントの SMTP プロトコル違反",
			"クライアントが SMTP プロトコルに違反しました（コマンドの順序違い、PIPELINING 非対応なのに応答前に送信、書式誤り、長すぎる行、CR なしの LF 改行など）。違反が続くとサーバは切断します。",
			"Postfix の「554 5.5.0 Error: SMTP protocol synchronization」や「421 4.7.0 Error: too many errors」、Gmail の「454 4.5.0 SMTP protocol violation, no commands allowed to pipeline after STARTTLS」、qmail の LF 改行の拒否（smtplf）など。",
			"クライアントのセッションを記録して（swaks --show-raw-text や smtpprobe）修正してください。グリーティングを待ち、PIPELINING が提示された場合にだけまとめて送り、STARTTLS の直後にはまとめず、行末は CRLF、コマンドは 512 バイト以内にします。",
		},
	},
	{
		ID: "server-trouble", Category: CategoryServerUnavailable,
		Pattern: `temporar(y|ily) (local |system )?(problem|failure|error|unavailable)|service (is )?(temporarily |currently )?(unavailable|not available)|server (is )?(busy|unavailable|overloaded)|internal (server )?error|insufficient (system )?(storage|resources|disk)|lookup (failure|error)|configuration error|out of memory|resources? (temporarily )?unavailable|try (again )?later|closing (transmission channel|connection)|timeout|\bqqt?\b`,
		En: Text{
			"Receiving server has a problem",
			"The receiving server cannot handle the message now because of trouble of its own: load, a failed lookup or filter, full disk, a configuration error.",
			"Postfix \"451 4.3.0 Temporary lookup failure\", \"451 4.3.5 Server configuration error\", Sendmail \"452 4.4.5 Insufficient disk space; try again later\", qmail \"451 qq temporary problem\", Gmail \"421 4.3.0 Temporary System Problem\".",
			"Let the sender retry; nothing is wrong on the sending side. If it lasts for hours, give the receiving site's postmaster the full reply and the time so they can find it in their log.",
		},
		Ja: Text{
			"受信側サーバの障害",
			"受信側サーバは自身の障害（高負荷、参照やフィルタの失敗、ディスク満杯、設定誤り）のため、現在メッセージを処理できません。",
			"Postfix の「451 4.3.0 Temporary lookup failure」「451 4.3.5 Server configuration error」、Sendmail の「452 4.4.5 Insufficient disk space; try again later」、qmail の「451 qq temporary problem」、Gmail の「421 4.3.0 Temporary System Problem」など。",
			"再送に任せてください。送信側に問題はありません。何時間も続く場合は、応答全文と時刻を受信側のポストマスターに伝えれば、先方のログで原因を確認できます。",
		},
	},
	{
		ID: "mimecast", Category: CategoryPolicy,
		Pattern: `mimecast|anti-spoofing policy|envelope blocked`,
		En: Text{
			"Refused by the recipient's Mimecast policy",
			"The recipient's Mimecast gateway refused the message under a policy its administrator set: a blocked sender entry, anti-spoofing (mail claiming to come from the recipient's own domain), or a content rule.",
			"At RCPT TO or end of DATA: \"550 Envelope blocked - User Entry\", \"550 Rejected by header based Anti-Spoofing policy\", with a link to community.mimecast.com.",
			"Send the full reply to the recipient by another channel: their Mimecast administrator must remove the block entry or add an anti-spoofing bypass for your sending IP (common when a third party sends as the recipient's own domain).",
		},
		Ja: Text{
			"宛先の Mimecast ポリシーによる拒否",
			"宛先の Mimecast ゲートウェイが、管理者の設定したポリシー（送信者のブロック登録、なりすまし対策〈宛先自身のドメインを名乗るメール〉、内容のルール）によりメッセージを拒否しました。",
			"RCPT TO や DATA 終端への「550 Envelope blocked - User Entry」「550 Rejected by header based Anti-Spoofing policy」など。community.mimecast.com へのリンクが付きます。",
			"応答全文を別の手段で宛先に伝えてください。先方の Mimecast 管理者がブロック登録を外すか、送信元 IP をなりすまし対策の除外に追加する必要があります（外部サービスが宛先自身のドメインとして送信する場合によく起きます）。",
		},
	},
	{
		// A reply that names a policy is a policy refusal whatever its
		// enhanced code says (Zoho sends "552 5.1.1 ... policy error"),
		// and a temporary one in a 4xx reply (Zoho's "452 ... Mailbox
		// delivery restricted by policy error").
		ID: "policy-refusal", Category: CategoryPolicy,
		Pattern: `polic(y|ies)`,
		En:      policyRefusalEn, Ja: policyRefusalJa,
	},
	{
		// RFC 5321's stock text for 550 says only that the mailbox is
		// unavailable; most servers send it for an address that does not
		// exist, but some follow it with the real reason ("Requested
		// action not taken: mailbox unavailable Reject due to policy
		// restrictions"), so it decides only after every other rule.
		ID: "mailbox-unavailable", Category: CategoryMailboxUnknown,
		Pattern: `mail ?box (is )?(unavailable|not available)`,
		En: Text{
			"Mailbox unavailable (no reason given)",
			"The server refused the recipient with RFC 5321's stock words for 550, \"mailbox unavailable\", and gives no other reason. Most servers send them for an address that does not exist; the same words also cover a mailbox the server will not deliver to for some other reason.",
			"At RCPT TO: \"550 Requested action not taken: mailbox unavailable\", Exchange Online \"550 5.5.0 Requested action not taken: mailbox unavailable\".",
			"Check the address for typos and confirm it with the recipient another way. If it is right, ask the recipient's postmaster why their server refuses it, quoting the full reply.",
		},
		Ja: Text{
			"メールボックスを利用できない（理由の記載なし）",
			"サーバは RFC 5321 が 550 に定める定型の文言「mailbox unavailable」だけで宛先を拒否し、ほかの理由を示していません。多くのサーバは存在しないアドレスに対してこれを返しますが、別の理由で配送しないメールボックスにも同じ文言が使われます。",
			"RCPT TO への応答。「550 Requested action not taken: mailbox unavailable」、Exchange Online の「550 5.5.0 Requested action not taken: mailbox unavailable」など。",
			"アドレスの誤記を確認し、別の手段で宛先本人に確認してください。正しい場合は、応答全文を添えて宛先のポストマスターに拒否の理由を問い合わせてください。",
		},
	},
	{
		// Generic words yield to a specific enhanced code ("550 5.1.1
		// Address rejected" is about the address, "550 5.7.26 ...
		// rejected" about authentication); they decide only with no code,
		// an "other" code (X.s.0) or the generic X.7.1.
		ID: "policy-refusal-generic", Category: CategoryPolicy, Enhanced: `|[45]\.\d{1,3}\.0|[45]\.7\.1`,
		Class:   '5',
		Pattern: `not (allowed|permitted|authori[sz]ed)|restricted|refused|rejected|blocked|denied|filtered|spoofed`,
		En:      policyRefusalEn, Ja: policyRefusalJa,
	},
}

// The texts of a refusal under a policy the server does not name.
var (
	policyRefusalEn = Text{
		"Refused by local policy",
		"The receiving server refuses the mail under a policy of its own and does not say which.",
		"At any stage, from filters and access rules that give only a generic text (\"Message rejected due to local policy\", \"Delivery not authorized\").",
		"Check the usual causes on your side (blocklists, SPF/DKIM/DMARC, reverse DNS, content), then ask the recipient's postmaster what their policy objects to, quoting the full reply.",
	}
	policyRefusalJa = Text{
		"独自ポリシーによる拒否",
		"受信側サーバは独自のポリシーによりメールを拒否しましたが、どのポリシーかは示していません。",
		"一般的な文言だけを返すフィルタやアクセス制御からの、あらゆる段階での応答（「Message rejected due to local policy」「Delivery not authorized」など）。",
		"まず送信側でよくある原因（ブラックリスト、SPF/DKIM/DMARC、逆引き、内容）を確認し、応答全文を添えて宛先のポストマスターにポリシーの理由を問い合わせてください。",
	}
)
