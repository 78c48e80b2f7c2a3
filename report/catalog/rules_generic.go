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
		ID: "protocol-error", Category: CategorySyntax,
		Pattern: `too many (errors|bad commands|unrecognized commands|protocol errors)|protocol (violation|error|synchroni[sz]ation)|no commands allowed to pipeline|pipelining not supported|command (not recognized|unrecognized|not implemented)|line too long`,
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
		ID: "policy-refusal", Category: CategoryPolicy,
		Class:   '5',
		Pattern: `polic(y|ies)|not (allowed|permitted|authori[sz]ed)|restricted|refused|rejected|blocked|denied|filtered`,
		En: Text{
			"Refused by local policy",
			"The receiving server refuses the mail under a policy of its own and does not say which.",
			"At any stage, from filters and access rules that give only a generic text (\"Message rejected due to local policy\", \"Delivery not authorized\").",
			"Check the usual causes on your side (blocklists, SPF/DKIM/DMARC, reverse DNS, content), then ask the recipient's postmaster what their policy objects to, quoting the full reply.",
		},
		Ja: Text{
			"独自ポリシーによる拒否",
			"受信側サーバは独自のポリシーによりメールを拒否しましたが、どのポリシーかは示していません。",
			"一般的な文言だけを返すフィルタやアクセス制御からの、あらゆる段階での応答（「Message rejected due to local policy」「Delivery not authorized」など）。",
			"まず送信側でよくある原因（ブラックリスト、SPF/DKIM/DMARC、逆引き、内容）を確認し、応答全文を添えて宛先のポストマスターにポリシーの理由を問い合わせてください。",
		},
	},
}
