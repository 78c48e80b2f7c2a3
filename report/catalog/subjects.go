package catalog

// subjects explain the subject of an enhanced code (RFC 3463 §3.2) whose
// detail is not registered. Providers use such codes freely: Microsoft's
// 5.7.606 to 5.7.649 and 5.4.316, Yahoo's private suffixes.
var subjects = []subjectEntry{
	{
		Subject: "X.0", Category: CategoryOther,
		En: Text{
			"Other or undefined status",
			"The server gives no detail beyond the class.",
			"When an MTA has no better enhanced code for its reply.",
			"Read the reply text; it carries the actual reason. Ask the receiving site's postmaster if the text is vague.",
		},
		Ja: Text{
			"その他・未定義のステータス",
			"クラス以上の詳細は示されていません。",
			"MTA が適切な拡張ステータスコードを持たないとき。",
			"応答テキストに実際の理由が書かれているので確認してください。曖昧な場合は受信側のポストマスターに問い合わせてください。",
		},
	},
	{
		Subject: "X.1", Category: CategoryMailboxUnknown,
		En: Text{
			"Addressing status",
			"Something is wrong with an address: the recipient's or the sender's mailbox, domain, or its syntax.",
			"At MAIL FROM or RCPT TO, when the server checks the address.",
			"Check the address for typos and that the domain's MX records exist (dig MX domain). If the address is right, ask the recipient's postmaster whether the mailbox exists.",
		},
		Ja: Text{
			"アドレスに関するステータス",
			"宛先または送信元のメールボックス、ドメイン、あるいはアドレスの書式に問題があります。",
			"MAIL FROM や RCPT TO でサーバがアドレスを検査したとき。",
			"アドレスの綴りと、ドメインの MX レコードが存在するか（dig MX ドメイン名）を確認してください。正しい場合は宛先のポストマスターにメールボックスの有無を確認してください。",
		},
	},
	{
		Subject: "X.2", Category: CategoryMailboxDisabled,
		En: Text{
			"Mailbox status",
			"The recipient's mailbox exists but has a problem: it is disabled, full, or refuses this message.",
			"At RCPT TO or at the end of DATA, when the mailbox store checks the message.",
			"Tell the recipient by another channel; only the mailbox owner or their administrator can fix it.",
		},
		Ja: Text{
			"メールボックスに関するステータス",
			"宛先のメールボックスは存在しますが、停止中、容量超過、あるいはこのメッセージを受け付けない状態です。",
			"RCPT TO や DATA 終端で、メールボックス側が検査したとき。",
			"宛先本人に別の手段で連絡してください。解決できるのはメールボックスの所有者か、その管理者だけです。",
		},
	},
	{
		Subject: "X.3", Category: CategoryServerUnavailable,
		En: Text{
			"Mail system status",
			"The receiving mail system itself has a problem: it is full, misconfigured, overloaded or does not support a feature.",
			"When the destination server cannot take the message for reasons of its own.",
			"For 4.3.x let the sender retry. For 5.3.x or a long-lasting 4.3.x, contact the receiving site's postmaster with the full reply.",
		},
		Ja: Text{
			"メールシステムに関するステータス",
			"受信側のメールシステム自体に問題があります（容量不足、設定誤り、高負荷、機能非対応など）。",
			"受信側サーバが自身の事情でメッセージを受け取れないとき。",
			"4.3.x なら再送に任せてください。5.3.x や長引く 4.3.x の場合は、応答全文を添えて受信側のポストマスターに連絡してください。",
		},
	},
	{
		Subject: "X.4", Category: CategoryServerUnavailable,
		En: Text{
			"Network and routing status",
			"The message could not be routed or transferred: a DNS lookup, a connection or the next hop failed.",
			"When a server along the way cannot resolve or reach the next server; Microsoft uses 4.4.x and 5.4.x for DNS and connection failures to the destination.",
			"Check the destination domain's MX and A/AAAA records (dig MX domain) and that its servers accept connections on port 25. A relay's routing tables or smart host setting may be wrong.",
		},
		Ja: Text{
			"ネットワーク・経路に関するステータス",
			"メッセージを配送経路に乗せられませんでした（DNS 参照、接続、次の中継先のいずれかが失敗）。",
			"途中のサーバが次の配送先を名前解決できない、または接続できないとき。Microsoft は宛先への DNS・接続障害に 4.4.x や 5.4.x を使います。",
			"宛先ドメインの MX レコードと A/AAAA レコード（dig MX ドメイン名）、および宛先サーバが 25 番ポートで接続を受け付けるかを確認してください。中継サーバのルーティング設定やスマートホスト設定の誤りも考えられます。",
		},
	},
	{
		Subject: "X.5", Category: CategorySyntax,
		En: Text{
			"Mail delivery protocol status",
			"The SMTP dialogue itself went wrong: a command, its syntax, its order or its parameters.",
			"When the client sends something the server does not understand or does not allow at that point.",
			"Look at the client's transcript (a verbose log, or swaks/smtpprobe output) for the command that failed and fix the client or its configuration.",
		},
		Ja: Text{
			"配送プロトコルに関するステータス",
			"SMTP のやり取り自体に問題があります（コマンド、構文、順序、パラメータ）。",
			"クライアントがサーバの理解できない、あるいはその時点で許されないコマンドを送ったとき。",
			"クライアントの通信記録（詳細ログや swaks/smtpprobe の出力）で失敗したコマンドを特定し、クライアントまたはその設定を修正してください。",
		},
	},
	{
		Subject: "X.6", Category: CategoryPolicy,
		En: Text{
			"Message content or media status",
			"The content of the message cannot be delivered as it is: its format, encoding or media type.",
			"At the end of DATA, when the server checks or converts the message.",
			"Check the message's MIME structure, character set and headers; send it as plain, standard MIME and ask the recipient's postmaster what their server refuses.",
		},
		Ja: Text{
			"メッセージ内容・メディアに関するステータス",
			"メッセージの形式、エンコーディング、メディアタイプのために、そのままでは配送できません。",
			"DATA 終端でサーバがメッセージを検査・変換したとき。",
			"メッセージの MIME 構造、文字コード、ヘッダを確認し、標準的な MIME 形式で送り直してください。受信側が何を拒否しているかはポストマスターに確認してください。",
		},
	},
	{
		Subject: "X.7", Category: CategoryPolicy,
		En: Text{
			"Security or policy status",
			"The server refused for a reason of security or policy: authentication, encryption, reputation, or a local rule about this sender, recipient or message.",
			"At any stage; it is the most common subject of rejections by large providers (Microsoft's 5.7.6xx, 5.7.7xx; Google's 5.7.1, 5.7.26).",
			"Read the reply text for which policy: check the sending IP on blocklists, SPF/DKIM/DMARC of the sending domain, reverse DNS of the sending IP, and whether the recipient only accepts mail from certain senders.",
		},
		Ja: Text{
			"セキュリティ・ポリシーに関するステータス",
			"認証、暗号化、送信元の評価、あるいは送信元・宛先・メッセージに関する独自ルールなど、セキュリティやポリシー上の理由で拒否されました。",
			"あらゆる段階で発生します。大手事業者の拒否で最も多い区分です（Microsoft の 5.7.6xx や 5.7.7xx、Google の 5.7.1 や 5.7.26）。",
			"応答テキストからどのポリシーかを読み取ってください。送信元 IP がブラックリストに載っていないか、送信ドメインの SPF/DKIM/DMARC、送信元 IP の逆引き、宛先が特定の送信者からしか受け付けない設定になっていないかを確認してください。",
		},
	},
}
