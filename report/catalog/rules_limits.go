package catalog

// limitRules match full mailboxes, size limits, connection and rate limits.
// Mailbox-full comes first: its texts ("mailbox size limit exceeded") would
// otherwise read as a message size limit.
var limitRules = []Rule{
	{
		ID: "sending-quota", Category: CategoryRateLimit,
		Pattern: `(submission|queue) quota`,
		En: Text{
			"Sending quota exceeded",
			"The sender (a mailbox, an account or a whole organisation) has used up the number of messages or recipients it may send in a period, or the receiver's queue for it is full. Here a quota is a sending limit, not a full mailbox, whatever the enhanced code says.",
			"At MAIL FROM or RCPT TO on submission servers and hosted mail: \"5.2.2 Submission quota exceeded\" (Exchange Online), \"450 4.7.3 Organization queue quota exceeded\".",
			"Wait for the period to end and spread the sending; for bulk mail use a service meant for it. A sudden burst from one account can also mean the account is compromised: check what it sent.",
		},
		Ja: Text{
			"送信の割り当てを超えた",
			"送信者（メールボックス、アカウント、組織全体）が一定期間に送れるメッセージ数や宛先数を使い切ったか、受信側でその送信者向けのキューがいっぱいです。ここでの quota は送信の上限で、拡張コードが何であれメールボックスの容量のことではありません。",
			"投稿サーバやホスティングされたメールでの MAIL FROM や RCPT TO への応答。「5.2.2 Submission quota exceeded」（Exchange Online）「450 4.7.3 Organization queue quota exceeded」など。",
			"期間が過ぎるのを待ち、送信を分散してください。大量配信には専用のサービスを使います。1 つのアカウントからの急な大量送信は乗っ取りの可能性もあるので、送信内容を確認してください。",
		},
	},
	{
		ID: "mailbox-full", Category: CategoryMailboxFull,
		Pattern: `mail ?box\b[^.;]{0,20}\bfull\b|over ?quota|quota (exceeded|exceed|full)|exceeded (its |the )?(storage|quota|mailbox)|mail ?box size limit|mailbox.*(has )?exceeded|quota violation`,
		En: Text{
			"Recipient mailbox full",
			"The recipient's mailbox has reached its storage quota and takes no more mail until space is freed.",
			"At RCPT TO or end of DATA: \"552 5.2.2 Mailbox full\", Gmail \"452 4.2.2 The email account that you tried to reach is over quota\", Exchange \"554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException\", Dovecot \"Quota exceeded (mailbox for user is full)\".",
			"Tell the recipient by another channel (phone, another address) to delete or archive mail; with a 4xx the sender keeps retrying for days, with a 5xx resend once they have. A mailbox that stays full for weeks is often abandoned: remove it from lists.",
		},
		Ja: Text{
			"宛先のメールボックス容量超過",
			"宛先のメールボックスが容量の上限に達しており、空きができるまでメールを受け取れません。",
			"RCPT TO や DATA 終端への応答。「552 5.2.2 Mailbox full」、Gmail の「452 4.2.2 The email account that you tried to reach is over quota」、Exchange の「554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException」、Dovecot の「Quota exceeded (mailbox for user is full)」など。",
			"別の手段（電話、別のアドレス）で宛先本人に連絡し、メールの削除や整理を依頼してください。4xx なら送信側が数日間再送し、5xx なら整理後に再送します。何週間も満杯のままのメールボックスは放置されていることが多いので、配信リストから外してください。",
		},
	},
	{
		ID: "size-limit", Category: CategorySizeLimit,
		Pattern: `message (size|length) (exceeds|limit|too)|size (limit|exceeds)|exceeds (the )?(maximum|fixed|size)|databytes|message (is )?too (big|large|long)|exceeded .*message size|message size|(no|not) (more|larger|bigger) than \d+ ?(k|m|g)b\b`,
		En: Text{
			"Message too large",
			"The message is bigger than the receiving server (or the recipient's mailbox) accepts.",
			"At MAIL FROM (SIZE= over the EHLO SIZE value) or end of DATA: Postfix \"552 5.3.4 Message size exceeds fixed limit\", qmail \"552 sorry, that message size exceeds my databytes limit\", Gmail \"552 5.3.4 Your message exceeded Google's message size limits\".",
			"Compare the message size with the SIZE value in the server's EHLO reply (smtpprobe shows it); attachments grow by a third in base64. Send large files as links, or split them; the receiving site can raise its limit.",
		},
		Ja: Text{
			"メッセージサイズ超過",
			"メッセージが受信側サーバ（または宛先のメールボックス）の受け付けるサイズを超えています。",
			"MAIL FROM（EHLO の SIZE 値を超える SIZE=）や DATA 終端への応答。Postfix の「552 5.3.4 Message size exceeds fixed limit」、qmail の「552 sorry, that message size exceeds my databytes limit」、Gmail の「552 5.3.4 Your message exceeded Google's message size limits」など。",
			"サーバの EHLO 応答の SIZE 値（smtpprobe で表示されます）とメッセージサイズを比べてください。添付ファイルは base64 で約 3 分の 4 倍になります。大きなファイルはリンクで送るか分割してください。受信側は上限を引き上げられます。",
		},
		Fixes: sizeLimitFixes,
	},
	{
		ID: "too-many-connections", Category: CategoryRateLimit,
		Pattern: `too many (concurrent |simultaneous |open |smtp )*(connections|sessions)|too many connections from|concurrency limit`,
		En: Text{
			"Too many connections",
			"The server limits how many connections one client IP may hold at once (or open per minute), and this one is over the limit.",
			"As the greeting or right after it: Postfix \"421 4.7.0 mx.example.com Error: too many connections from IP\" (anvil, smtpd_client_connection_count_limit), Exim \"421 Too many concurrent SMTP connections; please try again later\".",
			"Nothing is lost; the sender retries. Lower the sending MTA's parallelism towards that destination (Postfix smtp_destination_concurrency_limit or a transport with fewer processes, Exim remote_max_parallel) and reuse connections.",
		},
		Ja: Text{
			"接続数が多すぎる",
			"サーバは 1 つのクライアント IP が同時に保てる（または 1 分間に開ける）接続数を制限しており、この接続はその上限を超えています。",
			"グリーティングまたはその直後の応答。Postfix の「421 4.7.0 mx.example.com Error: too many connections from IP」（anvil、smtpd_client_connection_count_limit）、Exim の「421 Too many concurrent SMTP connections; please try again later」など。",
			"メールは失われず、送信側が再送します。その宛先への送信側 MTA の並列数を下げ（Postfix の smtp_destination_concurrency_limit やプロセス数を減らしたトランスポート、Exim の remote_max_parallel）、接続を再利用してください。",
		},
	},
	{
		ID: "rate-limit", Category: CategoryRateLimit,
		Pattern: `rate ?-?limit|too many (\w+ )?(messages|mails|e-?mails|recipients|rcpt|invalid recipients|requests)|max(imum)? number of (messages|recipients|mails)|over (the )?past 24 ?h|too much (e-?)?mail (from|in)|slow down|(hourly|daily|message|recipient|sending) (limit|quota) (reached|exceeded)|limit (exceeded|reached)|exceeded .*(limit|rate)|message rate|frequency limit|excessive volume|messages? per connection|nonmail commands`,
		En: Text{
			"Rate limit",
			"The receiver limits how much mail it takes from this client, sender or to this recipient in a period, and the limit is reached for now.",
			"At MAIL, RCPT or DATA: Postfix anvil \"450 4.7.1 Error: too many recipients from IP\", \"452 4.5.3 Error: too many recipients\", provider throttling of bulk or new senders.",
			"Let the sender retry; slow down. Spread bulk mail over hours, keep recipients per message under the receiver's limit, warm up new IPs gradually, and watch the provider's postmaster tools for the allowed rate.",
		},
		Ja: Text{
			"流量制限",
			"受信側は一定時間にこのクライアント・送信元から、またはこの宛先へ受け取るメールの量を制限しており、現在その上限に達しています。",
			"MAIL、RCPT、DATA への応答。Postfix anvil の「450 4.7.1 Error: too many recipients from IP」や「452 4.5.3 Error: too many recipients」、大量送信者や新しい送信者に対する事業者の流量制限など。",
			"再送に任せ、送信ペースを落としてください。大量配信は数時間に分散し、1 通あたりの宛先数を受信側の上限内に抑え、新しい IP は段階的に送信量を増やし、事業者のポストマスターツールで許容量を確認してください。",
		},
	},
}

// sizeLimitFixes name each software's size limit, for the rule and the
// enhanced code X.3.4 alike.
var sizeLimitFixes = []SoftwareFix{
	{Software: SoftwarePostfix, En: "Compare the message size with the SIZE in the EHLO reply; attachments grow by a third in base64. Send large files as links; the receiving site can raise message_size_limit in main.cf (and mailbox_size_limit, which must not be smaller).",
		Ja: "メッセージサイズと EHLO 応答の SIZE を比べてください（添付は base64 で約 3 分の 4 倍）。大きなファイルはリンクで送ります。受信側は main.cf の message_size_limit（と、それより小さくできない mailbox_size_limit）を引き上げられます。"},
	{Software: SoftwareExim, En: "Compare the message size with the SIZE in the EHLO reply; attachments grow by a third in base64. Send large files as links; the receiving site can raise message_size_limit in the Exim configuration.",
		Ja: "メッセージサイズと EHLO 応答の SIZE を比べてください（添付は base64 で約 3 分の 4 倍）。大きなファイルはリンクで送ります。受信側は Exim 設定の message_size_limit を引き上げられます。"},
	{Software: SoftwareSendmail, En: "Compare the message size with the SIZE in the EHLO reply; attachments grow by a third in base64. Send large files as links; the receiving site can raise define(`confMAX_MESSAGE_SIZE', ...) in sendmail.mc and rebuild sendmail.cf.",
		Ja: "メッセージサイズと EHLO 応答の SIZE を比べてください（添付は base64 で約 3 分の 4 倍）。大きなファイルはリンクで送ります。受信側は sendmail.mc の define(`confMAX_MESSAGE_SIZE', ...) を引き上げて sendmail.cf を作り直せます。"},
	{Software: SoftwareOpenSMTPD, En: "Compare the message size with the SIZE in the EHLO reply; attachments grow by a third in base64. Send large files as links; the receiving site can raise smtp max-message-size in smtpd.conf (35M by default).",
		Ja: "メッセージサイズと EHLO 応答の SIZE を比べてください（添付は base64 で約 3 分の 4 倍）。大きなファイルはリンクで送ります。受信側は smtpd.conf の smtp max-message-size（既定 35M）を引き上げられます。"},
	{Software: SoftwareExchange, En: "Compare the message size with the SIZE in the EHLO reply; attachments grow by a third in base64. Send large files as links; the receiving organisation can raise its limits (Set-TransportConfig -MaxReceiveSize, Set-ReceiveConnector -MaxMessageSize, and the mailbox's MaxReceiveSize).",
		Ja: "メッセージサイズと EHLO 応答の SIZE を比べてください（添付は base64 で約 3 分の 4 倍）。大きなファイルはリンクで送ります。受信側の組織は上限を引き上げられます（Set-TransportConfig -MaxReceiveSize、Set-ReceiveConnector -MaxMessageSize、メールボックスの MaxReceiveSize）。"},
}
