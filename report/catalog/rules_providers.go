package catalog

// providerRules match the replies of large mailbox providers, whose texts
// are specific enough to win over the generic rules that follow.
var providerRules = []Rule{
	{
		ID: "gmail-unauthenticated", Category: CategorySPFDKIMDMARC,
		Pattern: `sender is unauthenticated|does not have authentication information|fails to pass authentication checks|unauthenticated email (from \S+ )?is not accepted`,
		En: Text{
			"Rejected: sender not authenticated (SPF/DKIM/DMARC)",
			"The receiver (this is Gmail's wording) requires that mail passes SPF or DKIM, aligned with the From: domain for DMARC, and this message did not.",
			"At the end of DATA for mail from a domain without SPF/DKIM, from a server not listed in SPF, or from a domain whose DMARC policy is reject or quarantine when the checks fail. Since February 2024 Gmail and Yahoo require it of every sender.",
			"Publish an SPF record listing the sending server (dig TXT domain), sign with DKIM for the From: domain (SELECTOR._domainkey), publish a DMARC record (_dmarc.domain), then send a test to a Gmail account and read \"Show original\" for spf=, dkim= and dmarc= pass.",
		},
		Ja: Text{
			"送信ドメイン認証なしのため拒否（SPF/DKIM/DMARC）",
			"受信側（この文言は Gmail）は SPF または DKIM が成功し、DMARC のために From: ドメインと一致することを求めていますが、このメッセージは満たしていません。",
			"SPF や DKIM のないドメイン、SPF に記載されていないサーバ、DMARC ポリシーが reject/quarantine で認証に失敗したドメインからのメールの DATA 終端。2024 年 2 月以降、Gmail と Yahoo はすべての送信者に認証を求めています。",
			"送信サーバを記載した SPF レコードを公開し（dig TXT ドメイン名）、From: ドメインで DKIM 署名し（セレクタ._domainkey）、DMARC レコード（_dmarc.ドメイン）を公開してください。その後 Gmail 宛てにテスト送信し、「メッセージのソースを表示」で spf=、dkim=、dmarc= が pass か確認します。",
		},
	},
	{
		ID: "gmail-unsolicited", Category: CategorySpamReputation,
		Pattern: `unusual rate of unsolicited mail|likely unsolicited mail|low reputation of the sending (ip|domain)|very low reputation|bulk email senders guidelines`,
		En: Text{
			"Blocked for spam reputation (Gmail)",
			"Gmail judges mail from this IP address or domain as likely spam, from its reputation and the recipients' reports, and blocks or defers it.",
			"After a burst of mail, complaints (\"Report spam\" clicks), mail to many unknown users, or from a new IP or domain that has no reputation yet; 421 4.7.0/4.7.28 is a deferral, 550 5.7.1 a rejection.",
			"Check the domain and IP in Google Postmaster Tools (spam rate must stay under 0.3%), send only to people who asked for the mail, add one-click unsubscribe, authenticate with SPF/DKIM/DMARC, and lower the volume until the reputation recovers. Check that the server is not an open relay or sending from a compromised account.",
		},
		Ja: Text{
			"迷惑メール評価によるブロック（Gmail）",
			"Gmail はこの IP アドレスやドメインからのメールを、評価と受信者の報告から迷惑メールの可能性が高いと判断し、拒否または遅延させています。",
			"大量送信の直後、迷惑メール報告（「迷惑メールを報告」）が多いとき、存在しない宛先への送信が多いとき、評価の実績がない新しい IP やドメインから送ったときなど。421 4.7.0/4.7.28 は遅延、550 5.7.1 は拒否です。",
			"Google Postmaster Tools でドメインと IP の状態を確認し（迷惑メール率は 0.3% 未満に保つ必要があります）、配信を希望した人にだけ送り、ワンクリックの配信停止を付け、SPF/DKIM/DMARC で認証し、評価が回復するまで送信量を減らしてください。オープンリレーや乗っ取られたアカウントからの送信がないかも確認してください。",
		},
	},
	{
		ID: "gmail-receiving-too-fast", Category: CategoryRateLimit,
		Pattern: `receiving mail (too quickly|at a rate that prevents)|peak smtp relay limit|daily (user )?sending (quota|limit)|sending (quota|limit) exceeded`,
		En: Text{
			"Rate limit (recipient or sending quota)",
			"The provider limits how fast one mailbox may receive, or how much one account or relay may send per day; this message is over the limit for now.",
			"Gmail \"450 4.2.1 The user you are trying to contact is receiving mail too quickly\" when one recipient gets a flood; \"550 5.4.5 Daily user sending limit exceeded\" when a Google Workspace account or the SMTP relay sent too much.",
			"For a recipient limit, let the sender retry later and spread mail to that mailbox over time. For a sending quota, wait for the 24-hour window to pass, and move bulk mail to a service meant for it.",
		},
		Ja: Text{
			"流量制限（受信側または送信上限）",
			"事業者は 1 つのメールボックスが受信できる速さや、1 アカウントや中継サービスが 1 日に送れる量を制限しており、このメッセージは現在その上限を超えています。",
			"1 人の宛先に大量に届いたときの Gmail の「450 4.2.1 The user you are trying to contact is receiving mail too quickly」や、Google Workspace アカウントや SMTP リレーの送信が多すぎるときの「550 5.4.5 Daily user sending limit exceeded」など。",
			"受信側の制限なら時間をおいて再送させ、その宛先への送信を分散してください。送信上限なら 24 時間の枠が過ぎるのを待ち、大量配信は専用のサービスに移してください。",
		},
	},
	{
		ID: "microsoft-banned-ip", Category: CategoryBlocklist,
		Pattern: `banned sending ip|unfortunately, messages from \S+ weren't sent|part of their network is on our block ?list|on our block ?list \(?(AS|S)\d+|traffic not accepted from this ip`,
		En: Text{
			"Sending IP on Microsoft's block list",
			"Microsoft (Outlook.com, Hotmail, Exchange Online Protection) has put the sending IP address or its network on its own block list.",
			"At MAIL FROM or RCPT TO: \"550 5.7.606-649 Access denied, banned sending IP\", \"550 5.7.1 Unfortunately, messages from [IP] weren't sent ... on our block list (AS3140)\", or \"550 SC-001\".",
			"Request delisting at https://sender.office.com (Exchange Online) or through the Outlook.com sender support form; enroll in SNDS and JMRP to watch the IP. If the IP is shared (hosting, cloud), ask the provider, or send through a relay with a good reputation.",
		},
		Ja: Text{
			"送信元 IP が Microsoft のブロックリストに登録",
			"Microsoft（Outlook.com、Hotmail、Exchange Online Protection）が送信元 IP アドレスまたはそのネットワークを独自のブロックリストに登録しています。",
			"MAIL FROM や RCPT TO への応答。「550 5.7.606-649 Access denied, banned sending IP」「550 5.7.1 Unfortunately, messages from [IP] weren't sent ... on our block list (AS3140)」「550 SC-001」など。",
			"Exchange Online なら https://sender.office.com で、Outlook.com なら送信者サポートのフォームで解除を申請してください。SNDS と JMRP に登録して IP の状態を監視します。共有 IP（ホスティング、クラウド）なら事業者に相談するか、評価の良い中継サーバ経由で送信してください。",
		},
	},
	{
		ID: "microsoft-recipient-not-found", Category: CategoryMailboxUnknown,
		Pattern: `RESOLVER\.ADR\.(RecipNotFound|RecipientNotFound|ExRecipNotFound)`,
		En: Text{
			"Recipient not found (Microsoft 365)",
			"The recipient address does not exist in the Microsoft 365 / Exchange organisation; Exchange Online rejects unknown recipients at the edge with 5.4.1 \"Recipient address rejected: Access denied\" or 5.1.10 RecipientNotFound.",
			"At RCPT TO, for a mistyped address, a deleted mailbox, or a domain whose directory-based edge blocking does not know the user.",
			"Check the address with the recipient. If it is your organisation's domain, make sure the mailbox, mail user or contact exists (and is synced from on-premises AD), or set the domain to Internal Relay when some mailboxes live elsewhere.",
		},
		Ja: Text{
			"宛先が見つからない（Microsoft 365）",
			"宛先アドレスが Microsoft 365 / Exchange の組織に存在しません。Exchange Online は存在しない宛先を入口で 5.4.1「Recipient address rejected: Access denied」や 5.1.10 RecipientNotFound として拒否します。",
			"アドレスの誤記、削除されたメールボックス、ディレクトリベースのエッジブロックがユーザを知らないドメインでの RCPT TO への応答。",
			"宛先本人にアドレスを確認してください。自組織のドメインなら、メールボックス・メールユーザ・連絡先が存在するか（オンプレミス AD から同期されているか）確認し、一部のメールボックスが別の場所にある場合はドメインを内部の中継（Internal Relay）に設定してください。",
		},
	},
	{
		ID: "microsoft-edge-unknown-recipient", Category: CategoryMailboxUnknown, Enhanced: `5\.4\.1|5\.7\.504`,
		Pattern: `recipient address(es)? rejected ?: access denied`,
		En: Text{
			"Recipient not found (Microsoft 365 edge)",
			"Exchange Online's directory-based edge blocking rejects the address because no mailbox, group or contact with it exists in the recipient's organisation.",
			"At RCPT TO: \"550 5.4.1 Recipient address rejected: Access denied. AS(201806281)\".",
			"Check the address with the recipient. If the domain is yours, create the recipient in Microsoft 365 (or sync it from on-premises), or switch the accepted domain to Internal Relay when mailboxes live elsewhere.",
		},
		Ja: Text{
			"宛先が見つからない（Microsoft 365 の入口）",
			"Exchange Online のディレクトリベースのエッジブロックが、宛先組織にそのアドレスのメールボックス・グループ・連絡先がないため拒否しました。",
			"RCPT TO への「550 5.4.1 Recipient address rejected: Access denied. AS(201806281)」。",
			"宛先本人にアドレスを確認してください。自分のドメインなら Microsoft 365 に宛先を作成する（オンプレミスから同期する）か、メールボックスが他所にある場合は承認済みドメインを内部の中継（Internal Relay）にしてください。",
		},
	},
	{
		ID: "microsoft-server-busy", Category: CategoryRateLimit,
		Pattern: `server busy\. please try again later from`,
		Class:   '4',
		En: Text{
			"Throttled by Microsoft (server busy)",
			"Exchange Online Protection is limiting mail from this IP, usually because the IP is new to it or its volume rose suddenly.",
			"\"451 4.7.500-699 Server busy. Please try again later from [IP]\" at connection or MAIL FROM.",
			"Let the sender retry; the limit eases as the IP builds reputation. Ramp up volume gradually, and check the IP in SNDS.",
		},
		Ja: Text{
			"Microsoft による流量制限（Server busy）",
			"Exchange Online Protection がこの IP からのメールを制限しています。多くは IP が新しいか、送信量が急に増えたためです。",
			"接続時や MAIL FROM での「451 4.7.500-699 Server busy. Please try again later from [IP]」。",
			"再送に任せてください。IP の評価が蓄積されると制限は緩和されます。送信量は段階的に増やし、SNDS で IP の状態を確認してください。",
		},
	},
	{
		ID: "microsoft-ip-reputation", Category: CategorySpamReputation,
		Pattern: `rate limited due to ip reputation|due to (the )?(ip|sender) reputation`,
		En: Text{
			"Throttled for IP reputation (Microsoft)",
			"Exchange Online Protection slows down mail from this IP because of its reputation (spam complaints, spam traps, sudden volume).",
			"\"451 4.7.650 The mail server [IP] has been temporarily rate limited due to IP reputation\" at connection or MAIL FROM.",
			"Let the sender retry at a lower rate; check the IP in Microsoft SNDS, remove unengaged and unknown recipients, authenticate with SPF/DKIM/DMARC, and request mitigation at https://sender.office.com if it lasts.",
		},
		Ja: Text{
			"IP の評価による流量制限（Microsoft）",
			"Exchange Online Protection は、この IP の評価（迷惑メールの苦情、スパムトラップ、急な送信量の増加）のためにメールの受け取りを遅くしています。",
			"接続時や MAIL FROM での「451 4.7.650 The mail server [IP] has been temporarily rate limited due to IP reputation」。",
			"送信ペースを落として再送させてください。Microsoft SNDS で IP を確認し、反応のない宛先や存在しない宛先を削除し、SPF/DKIM/DMARC で認証し、続く場合は https://sender.office.com で緩和を申請してください。",
		},
	},
	{
		ID: "rfc5322-noncompliant", Category: CategoryPolicy,
		Pattern: `not rfc ?(5322|2822|822)|rfc ?(5322|2822) compliant|not (rfc )?compliant|missing (a )?(valid )?(from|date|message-id)|(missing|invalid|no|multiple) .{0,30}from:? header`,
		En: Text{
			"Message is not RFC 5322 compliant",
			"The message's headers break the Internet Message Format: a missing or duplicate From:, Date: or Message-ID:, several Subject: headers, malformed addresses in headers.",
			"At the end of DATA: Gmail \"550 5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers\", \"Messages missing a valid Message-ID header are not accepted\".",
			"Fix the application or library that builds the message: exactly one From:, Date:, Subject: and Message-ID:, valid addresses in From:/To:. Check a copy of the message's raw source.",
		},
		Ja: Text{
			"メッセージが RFC 5322 に準拠していない",
			"メッセージのヘッダがインターネットメッセージ形式に違反しています（From:、Date:、Message-ID: の欠落や重複、複数の Subject:、ヘッダ中の不正なアドレスなど）。",
			"DATA 終端への応答。Gmail の「550 5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers」「Messages missing a valid Message-ID header are not accepted」など。",
			"メッセージを作るアプリケーションやライブラリを修正してください。From:、Date:、Subject:、Message-ID: を 1 つずつ持ち、From:/To: のアドレスが正しい必要があります。メッセージのソースを確認してください。",
		},
	},
	{
		ID: "ip-allowlist", Category: CategoryPolicy,
		Pattern: `not in (the )?(white ?list|allow ?list)|ip not in whitelist`,
		En: Text{
			"Sending IP not on the recipient's allow list",
			"The recipient domain accepts mail only from IP addresses it lists (an inbound gateway or a partner allow list), and this IP is not one of them.",
			"At connection or RCPT TO: Gmail \"421 4.7.0 IP not in whitelist for RCPT domain, closing connection\" when a Google Workspace domain restricts inbound mail to its gateway.",
			"Send through the gateway the recipient domain expects (its MX, usually a filtering service), or ask the recipient's administrator to add your sending IP to their inbound allow list.",
		},
		Ja: Text{
			"送信元 IP が宛先の許可リストにない",
			"宛先ドメインは登録した IP アドレス（受信用ゲートウェイや取引先の許可リスト）からのメールしか受け付けず、この IP は含まれていません。",
			"接続時や RCPT TO への応答。Google Workspace のドメインが受信をゲートウェイ経由に限定しているときの Gmail の「421 4.7.0 IP not in whitelist for RCPT domain, closing connection」など。",
			"宛先ドメインが想定するゲートウェイ（通常は MX に登録されたフィルタリングサービス）経由で送るか、宛先の管理者に送信元 IP を受信許可リストへ追加するよう依頼してください。",
		},
	},
	{
		ID: "gmail-one-domain-per-transaction", Category: CategoryOther,
		Pattern: `multiple destination domains per transaction`,
		En: Text{
			"One recipient domain per transaction",
			"The server (Gmail's relay) takes recipients of only one domain per message transaction.",
			"At RCPT TO when recipients of several domains are sent in one transaction: \"451 4.3.0 Multiple destination domains per transaction is unsupported\".",
			"Nothing is lost with a retry, but configure the sending MTA or application to group recipients by domain (Postfix does this for MX delivery by default; check smarthost setups that batch all recipients).",
		},
		Ja: Text{
			"1 トランザクションにつき宛先ドメインは 1 つ",
			"サーバ（Gmail のリレー）は、1 つのメッセージトランザクションで 1 つのドメインの宛先しか受け付けません。",
			"複数ドメインの宛先を 1 トランザクションで送ったときの RCPT TO への応答。「451 4.3.0 Multiple destination domains per transaction is unsupported」。",
			"再送すれば失われませんが、送信側 MTA やアプリケーションで宛先をドメインごとにまとめるよう設定してください（Postfix は MX 配送では既定でそうします。全宛先をまとめて送るスマートホスト構成を確認してください）。",
		},
	},
	{
		ID: "yahoo-deferred", Category: CategorySpamReputation,
		Pattern: `\[TSS?\d\d\]|temporarily deferred due to (unexpected volume or )?user complaints|messages? from \S+ temporarily deferred|temporarily deferred - 4\.16\.\d+`,
		En: Text{
			"Deferred for volume or complaints (Yahoo)",
			"Yahoo (and AOL) defer or refuse mail from this IP because of unusual volume, user complaints or poor reputation.",
			"\"421 4.7.0 [TSS04] Messages from IP temporarily deferred due to unexpected volume or user complaints\"; [TSS09] means mail from the IP is refused outright.",
			"Let the server retry at a lower rate; check complaint rates via Yahoo's Complaint Feedback Loop, remove unengaged recipients, authenticate with SPF/DKIM/DMARC, and if the deferrals last over 48 hours, contact Yahoo Sender Support.",
		},
		Ja: Text{
			"送信量・苦情による遅延（Yahoo）",
			"Yahoo（および AOL）は、異常な送信量、受信者からの苦情、評価の低さのため、この IP からのメールを遅延または拒否しています。",
			"「421 4.7.0 [TSS04] Messages from IP temporarily deferred due to unexpected volume or user complaints」など。[TSS09] はその IP からのメールを拒否していることを示します。",
			"送信ペースを落として再送させてください。Yahoo の苦情フィードバックループで苦情率を確認し、反応のない宛先を削除し、SPF/DKIM/DMARC で認証し、48 時間以上続く場合は Yahoo の送信者サポートに連絡してください。",
		},
	},
	{
		ID: "cpanel-unrouteable", Category: CategoryMailboxUnknown,
		Pattern: `no such user here`,
		En: Text{
			"No such user (Exim/cPanel)",
			"The Exim server (typical of cPanel hosting) has no route to the recipient: the mailbox does not exist there.",
			"At RCPT TO: \"550 No Such User Here\", \"550 Unrouteable address\", or the cPanel text \"The account or domain may not exist...\".",
			"Check the address. If it is your domain on cPanel, check the mailbox exists and the domain is set as local (\"Email Routing: Local Mail Exchanger\") when its MX points to this server.",
		},
		Ja: Text{
			"ユーザが存在しない（Exim/cPanel）",
			"Exim サーバ（cPanel のホスティングに多い）に宛先への配送経路がなく、メールボックスが存在しません。",
			"RCPT TO への「550 No Such User Here」「550 Unrouteable address」や cPanel の「The account or domain may not exist...」。",
			"アドレスを確認してください。cPanel 上の自分のドメインなら、メールボックスの存在と、MX がこのサーバを指す場合にドメインが「Email Routing: Local Mail Exchanger」に設定されているか確認してください。",
		},
	},
}
