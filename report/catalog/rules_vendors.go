package catalog

// vendorRules match the replies of filtering services and MTA features
// whose texts name a precise cause and a precise fix.
var vendorRules = []Rule{
	{
		// T-Online names the address to write to: toda@ and tosa@ take
		// requests to allow a sending IP, so a reply naming them is an IP
		// block; FPR@ takes false positives of its spam filter, and such a
		// reply is judged by what it says.
		ID: "t-online", Category: CategoryBlocklist,
		Pattern: `(toda|tosa)@rx\.t-online\.de`,
		En: Text{
			"Blocked by Deutsche Telekom (T-Online)",
			"T-Online's mail servers refuse this sending IP; they accept mail only from servers they can identify (reverse DNS naming the operator, and often a website with contact details under that name).",
			"At connection: \"554 IP=192.0.2.1 - Dialup/transient IP not allowed. Use a mailgateway or contact toda@rx.t-online.de if obsolete. (DIAL)\" and similar texts naming an address at rx.t-online.de.",
			"Give the IP a PTR record with your own domain, put a web page with operator contact details at that host name, then write to tosa@rx.t-online.de asking for the IP to be allowed.",
		},
		Ja: Text{
			"Deutsche Telekom（T-Online）によるブロック",
			"T-Online のメールサーバはこの送信元 IP を拒否しています。運営者を識別できるサーバ（運営者名を示す逆引きと、多くの場合その名前での連絡先付き Web サイト）からしかメールを受け付けません。",
			"接続時の「554 IP=192.0.2.1 - Dialup/transient IP not allowed. Use a mailgateway or contact toda@rx.t-online.de if obsolete. (DIAL)」など、rx.t-online.de のアドレスを示す応答。",
			"IP に自社ドメインの逆引き（PTR）を設定し、そのホスト名で運営者の連絡先を載せた Web ページを用意してから、tosa@rx.t-online.de に IP の許可を依頼してください。",
		},
	},
	{
		ID: "amazon-ses-unverified", Category: CategorySenderRejected,
		Pattern: `email address is not verified|identities failed the check`,
		En: Text{
			"Sender identity not verified (Amazon SES)",
			"Amazon SES refuses to send as an address or domain that the account has not verified; in the SES sandbox the recipients must be verified too.",
			"In reply to the submission: \"554 Message rejected: Email address is not verified. The following identities failed the check in region REGION: ADDRESS\".",
			"Verify the sending domain (with its DKIM records) or address in the SES console for that region, and request production access to leave the sandbox.",
		},
		Ja: Text{
			"送信元 ID が未検証（Amazon SES）",
			"Amazon SES は、アカウントで検証していないアドレスやドメインとして送信することを拒否します。サンドボックスでは宛先も検証済みである必要があります。",
			"送信時の「554 Message rejected: Email address is not verified. The following identities failed the check in region REGION: ADDRESS」。",
			"そのリージョンの SES コンソールで送信ドメイン（DKIM レコードを含む）またはアドレスを検証し、サンドボックスを出るために本番アクセスを申請してください。",
		},
	},
	{
		ID: "sender-login-mismatch", Category: CategorySenderRejected,
		Pattern: `(must|doesn't|does not) match (your |the )?auth|not owned by (user|login)`,
		En: Text{
			"Sender address not allowed for this login",
			"The client authenticated, but as a user who may not send with this sender address.",
			"At MAIL FROM or end of DATA on submission servers: Postfix \"553 5.7.1 <sales@example.com>: Sender address rejected: not owned by user bob\" (reject_sender_login_mismatch), Exchange \"550 5.7.60 SMTP; Client does not have permissions to send as this sender\".",
			"Send with the address that belongs to the login, or give the login the right to use it on the server.",
		},
		Ja: Text{
			"このログインでは使えない送信元アドレス",
			"クライアントは認証済みですが、そのユーザはこの送信元アドレスで送信できません。",
			"サブミッションサーバでの MAIL FROM や DATA 終端への応答。Postfix の「553 5.7.1 <sales@example.com>: Sender address rejected: not owned by user bob」（reject_sender_login_mismatch）、Exchange の「550 5.7.60 SMTP; Client does not have permissions to send as this sender」など。",
			"ログインに対応するアドレスで送るか、サーバでそのログインにアドレスの使用権限を与えてください。",
		},
		Fixes: []SoftwareFix{
			{Software: SoftwarePostfix, En: "Send with the address that belongs to the login, or give the login the address in smtpd_sender_login_maps (used by reject_sender_login_mismatch).",
				Ja: "ログインに対応するアドレスで送るか、smtpd_sender_login_maps（reject_sender_login_mismatch が使う）でそのログインにアドレスを割り当ててください。"},
			{Software: SoftwareExchange, En: "Send with the address that belongs to the login, or grant the login Send As (Add-RecipientPermission -AccessRights SendAs) or Send on Behalf on the mailbox whose address it uses.",
				Ja: "ログインに対応するアドレスで送るか、使うアドレスのメールボックスでそのログインに「送信者として送信」（Add-RecipientPermission -AccessRights SendAs）または代理送信の権限を与えてください。"},
		},
	},
	{
		ID: "restricted-recipient", Category: CategoryPolicy, Enhanced: `5\.7\.(12|12[4-9]|13\d)`,
		Pattern: `sender not in allowed[- ]senders list|not authenticated`,
		En: Text{
			"Recipient accepts mail only from certain senders",
			"The recipient (often a distribution group or shared mailbox) is restricted to internal, authenticated or listed senders, and this sender is not one of them.",
			"Exchange/Microsoft 365: \"550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup\", \"550 5.7.124 ... Sender not in allowed-senders list\".",
			"Ask the recipient's administrator to allow external senders for the group (Exchange: turn off \"Require that all senders are authenticated\" or add the sender to the allowed list), or write to a person's mailbox instead.",
		},
		Ja: Text{
			"宛先は特定の送信者からしか受け付けない",
			"宛先（多くは配布グループや共有メールボックス）は、組織内・認証済み・登録済みの送信者からしか受け付けない設定で、この送信者は該当しません。",
			"Exchange/Microsoft 365 の「550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup」「550 5.7.124 ... Sender not in allowed-senders list」など。",
			"宛先の管理者に外部送信者の許可を依頼するか（Exchange では「すべての送信者の認証を必須にする」を無効にするか、許可リストに追加）、個人のメールボックス宛てに送ってください。",
		},
	},
	{
		ID: "recipient-verification-pending", Category: CategoryServerUnavailable, Class: '4',
		Pattern: `unverified address|address verification in progress`,
		En: Text{
			"Recipient not verified yet",
			"The server checks each recipient with the next mail server before accepting it (Postfix reject_unverified_recipient, Exim recipient callout); the check has not finished or the next server did not answer, so it defers.",
			"At RCPT TO on gateways: \"450 4.1.1 <user@example.com>: Recipient address rejected: unverified address: Address verification in progress\", or the next server's error quoted after \"unverified address:\".",
			"Retrying is right; the answer is usually known at the next attempt. If it never resolves, the server behind the gateway is down or refuses the gateway's probe: its administrator must fix that connection.",
		},
		Ja: Text{
			"宛先がまだ検証されていない",
			"サーバは各宛先を次のメールサーバで確認してから受け付けています（Postfix の reject_unverified_recipient、Exim の宛先コールアウト）。確認がまだ終わっていないか次のサーバが応答しなかったため、受信を保留しています。",
			"ゲートウェイでの RCPT TO への応答。「450 4.1.1 <user@example.com>: Recipient address rejected: unverified address: Address verification in progress」や、「unverified address:」の後に引用された次のサーバのエラー。",
			"再送が正しい対応で、通常は次の試行で結果が出ます。いつまでも解決しない場合は、ゲートウェイの奥のサーバが停止しているか確認を拒否しているので、その管理者が接続を直す必要があります。",
		},
	},
	{
		ID: "recipient-verification", Category: CategoryMailboxUnknown, Class: '5',
		Pattern: `unverified address|undeliverable address`,
		En: Text{
			"Recipient address could not be verified",
			"The server checked the recipient with the next mail server (Postfix reject_unverified_recipient, Exim recipient callout) and that server refused or did not answer.",
			"At RCPT TO on gateways and backup MXs: \"450 4.1.1 <user@example.com>: Recipient address rejected: unverified address: host mail.example.com said: 550 5.1.1 User unknown\"; 450 while the check is under way or the inner server is down.",
			"Read the inner reply quoted in the text: usually the mailbox does not exist on the real mail server. If it should, create it there; if the inner server is down, it must be fixed before the gateway accepts mail.",
		},
		Ja: Text{
			"宛先アドレスを検証できなかった",
			"サーバが宛先を次のメールサーバで確認したところ（Postfix の reject_unverified_recipient、Exim の宛先コールアウト）、そのサーバが拒否したか応答しませんでした。",
			"ゲートウェイやバックアップ MX での RCPT TO への応答。「450 4.1.1 <user@example.com>: Recipient address rejected: unverified address: host mail.example.com said: 550 5.1.1 User unknown」など。確認中や内側のサーバの停止中は 450 になります。",
			"テキストに引用された内側の応答を確認してください。多くは実際のメールサーバにそのメールボックスがありません。存在すべきならそこで作成し、内側のサーバが停止しているなら、それを直さないとゲートウェイはメールを受け付けません。",
		},
	},
}

// namedFilterRules know a filtering service only by its name or its
// address in the text. They come after the rules on meaning, so that what
// a reply says decides, and the name decides only when the text says
// nothing more precise ("554 Blocked - see
// https://ipcheck.proofpoint.com/?ip=192.0.2.1").
var namedFilterRules = []Rule{
	{
		ID: "proofpoint", Category: CategoryBlocklist,
		Pattern: `proofpoint`,
		En: Text{
			"Sending IP blocked by Proofpoint",
			"The recipient's mail is filtered by Proofpoint, which refuses connections from IP addresses its reputation service (Proofpoint Dynamic Reputation) considers bad.",
			"At connection or RCPT TO: \"554 Blocked - see https://ipcheck.proofpoint.com/?ip=IP\" (older: support.proofpoint.com/dnsbl-lookup.cgi).",
			"Look the IP up at https://ipcheck.proofpoint.com and request a review there; fix what made the IP look bad first (spam from a compromised account, a new IP sending in bulk, missing reverse DNS).",
		},
		Ja: Text{
			"送信元 IP が Proofpoint にブロックされた",
			"宛先のメールは Proofpoint でフィルタされており、その評価サービス（Proofpoint Dynamic Reputation）が悪いと判断した IP アドレスからの接続を拒否しています。",
			"接続時や RCPT TO への「554 Blocked - see https://ipcheck.proofpoint.com/?ip=IP」（古い形式は support.proofpoint.com/dnsbl-lookup.cgi）。",
			"https://ipcheck.proofpoint.com で IP を調べ、そこで再評価を依頼してください。その前に評価が下がった原因（乗っ取られたアカウントからの迷惑メール、新しい IP からの大量送信、逆引きなし）を取り除きます。",
		},
	},
}
