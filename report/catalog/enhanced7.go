package catalog

// enhanced7 holds the registry entries X.7.0 to X.7.30.
var enhanced7 = []EnhancedEntry{
	{
		Code: "X.7.0", Name: "Other or undefined security status", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Security or policy refusal",
			"The server refused for a security or policy reason it does not detail further; the text matters.",
			"Very common: Gmail 421 4.7.0 for rate or reputation deferrals and for TLS or authentication requirements, Yahoo 421 4.7.0 [TSS04] deferrals, RFC 4954 \"530 5.7.0 Authentication required\", RFC 3207 \"530 5.7.0 Must issue a STARTTLS command first\".",
			"Read the reply text: it names the policy (TLS, authentication, rate, reputation, content). Fix that, or ask the receiving site's postmaster with the full reply.",
		},
		Ja: Text{
			"セキュリティ・ポリシーによる拒否",
			"サーバはセキュリティやポリシー上の理由で拒否しましたが、詳細は示していません。テキストが重要です。",
			"非常に多く使われます。Gmail の流量や評価による遅延、TLS や認証の要求での 421 4.7.0、Yahoo の 421 4.7.0 [TSS04]、RFC 4954 の「530 5.7.0 Authentication required」、RFC 3207 の「530 5.7.0 Must issue a STARTTLS command first」など。",
			"応答テキストからポリシー（TLS、認証、流量、評価、内容）を読み取って対処するか、応答全文を添えて受信側のポストマスターに問い合わせてください。",
		},
	},
	{
		Code: "X.7.1", Name: "Delivery not authorized, message refused", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Delivery not authorised, message refused",
			"The sender is not allowed to send this message to this recipient: a local policy, a blocklist, a relay restriction or a spam verdict refused it.",
			"The most common policy code: Postfix \"Relay access denied\", \"Client host rejected: Access denied\" and DNSBL rejections; Microsoft \"messages from [IP] weren't sent ... on our block list\"; Gmail for spam and policy refusals.",
			"Read the text: for a blocklist, check the sending IP on the named list and request delisting; for relay denied, send through your own server with authentication; for spam, check content, SPF/DKIM/DMARC and sending IP reputation.",
		},
		Ja: Text{
			"配送が許可されていない（メッセージ拒否）",
			"この送信元がこの宛先にこのメッセージを送ることは許可されていません。独自ポリシー、ブラックリスト、中継制限、迷惑メール判定のいずれかで拒否されました。",
			"最もよく使われるポリシーコードです。Postfix の「Relay access denied」「Client host rejected: Access denied」や DNSBL による拒否、Microsoft の「messages from [IP] weren't sent ... on our block list」、Gmail の迷惑メール・ポリシー拒否など。",
			"テキストを確認してください。ブラックリストなら記載のリストで送信元 IP を確認し解除を申請、中継拒否なら自分のサーバ経由で認証して送信、迷惑メール判定なら内容、SPF/DKIM/DMARC、送信元 IP の評価を確認します。",
		},
	},
	{
		Code: "X.7.2", Name: "Mailing list expansion prohibited", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Mailing list expansion prohibited",
			"The sender may not send to this mailing list or group.",
			"When a list or Microsoft 365 group accepts mail only from members or from inside the organisation.",
			"Ask the list owner to allow your address, or send from an address that is a member.",
		},
		Ja: Text{
			"メーリングリストへの配送は許可されていない",
			"送信元はこのメーリングリストやグループに送信できません。",
			"メンバーや組織内からのメールしか受け付けないリストや Microsoft 365 グループのとき。",
			"リストの管理者にアドレスの許可を依頼するか、メンバーのアドレスから送信してください。",
		},
	},
	{
		Code: "X.7.3", Name: "Security conversion required but not possible", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Security conversion not possible",
			"Delivery needs a security conversion (for example re-encryption for the recipient) that cannot be done.",
			"On gateways that enforce encryption or signing between mail systems.",
			"Ask the recipient's administrator which encryption their gateway requires and configure it on your side.",
		},
		Ja: Text{
			"セキュリティ変換ができない",
			"配送には宛先向けの再暗号化などのセキュリティ変換が必要ですが、実行できません。",
			"メールシステム間で暗号化や署名を強制するゲートウェイで発生します。",
			"宛先の管理者にゲートウェイが求める暗号化方式を確認し、こちら側で設定してください。",
		},
	},
	{
		Code: "X.7.4", Name: "Security features not supported", Ref: "RFC 3463", Category: CategoryTLSRequired,
		En: Text{
			"Security feature not supported",
			"The message or session asks for a security feature the server does not support.",
			"With 504, for example an AUTH mechanism or TLS option the server lacks.",
			"Use the security features the server advertises in EHLO.",
		},
		Ja: Text{
			"セキュリティ機能に対応していない",
			"メッセージまたはセッションが、サーバの対応していないセキュリティ機能を要求しています。",
			"504 とともに。サーバにない AUTH 方式や TLS オプションなど。",
			"サーバが EHLO で提示したセキュリティ機能を使ってください。",
		},
	},
	{
		Code: "X.7.5", Name: "Cryptographic failure", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Cryptographic failure",
			"A cryptographic operation on the message (decryption, signature check) failed on the destination.",
			"On gateways that decrypt or verify S/MIME or PGP messages.",
			"Check the certificates or keys used to sign or encrypt the message.",
		},
		Ja: Text{
			"暗号処理の失敗",
			"宛先でメッセージの暗号処理（復号や署名の検証）に失敗しました。",
			"S/MIME や PGP のメッセージを復号・検証するゲートウェイで発生します。",
			"署名や暗号化に使った証明書や鍵を確認してください。",
		},
	},
	{
		Code: "X.7.6", Name: "Cryptographic algorithm not supported", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Cryptographic algorithm not supported",
			"The message uses a cryptographic algorithm the destination does not support.",
			"On gateways that handle encrypted or signed mail.",
			"Sign or encrypt with a widely supported algorithm (for S/MIME: RSA or ECDSA with SHA-256, AES).",
		},
		Ja: Text{
			"未対応の暗号アルゴリズム",
			"メッセージが宛先の対応していない暗号アルゴリズムを使っています。",
			"暗号化・署名付きメールを扱うゲートウェイで発生します。",
			"広く対応しているアルゴリズム（S/MIME なら SHA-256 の RSA や ECDSA、AES）で署名・暗号化してください。",
		},
	},
	{
		Code: "X.7.7", Name: "Message integrity failure", Ref: "RFC 3463", Category: CategoryPolicy,
		En: Text{
			"Message integrity failure",
			"The message was altered in transit or its integrity check failed.",
			"On gateways that verify message integrity.",
			"Find which hop modifies the message (footers, disclaimers, content filters) and stop it altering signed mail.",
		},
		Ja: Text{
			"メッセージの完全性エラー",
			"メッセージが途中で改変されたか、完全性の検査に失敗しました。",
			"メッセージの完全性を検証するゲートウェイで発生します。",
			"どの中継でメッセージが変更されているか（フッタや免責文の追加、コンテンツフィルタ）を特定し、署名付きメールを改変しないようにしてください。",
		},
	},
	{
		Code: "X.7.8", Name: "Authentication credentials invalid", Ref: "RFC 4954", Category: CategoryAuthenticationFailed,
		En: Text{
			"Authentication credentials invalid",
			"SMTP AUTH failed: wrong user name, password or token.",
			"With 535: Postfix \"535 5.7.8 Error: authentication failed\", Gmail \"535 5.7.8 Username and Password not accepted\".",
			"Check the credentials in the client (log in to webmail with them); for Gmail and Microsoft 365 use OAuth2 or an app password, as plain passwords are refused.",
		},
		Ja: Text{
			"認証情報が無効",
			"SMTP 認証に失敗しました（ユーザ名、パスワード、トークンの誤り）。",
			"535 とともに。Postfix の「535 5.7.8 Error: authentication failed」、Gmail の「535 5.7.8 Username and Password not accepted」など。",
			"クライアントの資格情報を確認してください（同じ情報で Web メールにログインできるか）。Gmail や Microsoft 365 では通常のパスワードは拒否されるため、OAuth2 かアプリパスワードを使います。",
		},
	},
	{
		Code: "X.7.9", Name: "Authentication mechanism is too weak", Ref: "RFC 4954", Category: CategoryAuthenticationFailed,
		En: Text{
			"Authentication mechanism too weak",
			"The account may not use the chosen AUTH mechanism.",
			"With 534; Gmail \"534 5.7.9 Application-specific password required\".",
			"Use a stronger mechanism or what the provider requires (app password, OAuth2).",
		},
		Ja: Text{
			"認証方式が弱すぎる",
			"このアカウントでは選んだ AUTH 方式を使えません。",
			"534 とともに。Gmail の「534 5.7.9 Application-specific password required」など。",
			"より強い方式や事業者が求める方式（アプリパスワード、OAuth2）を使ってください。",
		},
	},
	{
		Code: "X.7.10", Name: "Encryption Needed", Ref: "RFC 5248", Category: CategoryTLSRequired,
		En: Text{
			"Encryption needed",
			"The server requires TLS before this command.",
			"With 523 or 530 on servers with mandatory TLS.",
			"Enable STARTTLS in the client (or use port 465).",
		},
		Ja: Text{
			"暗号化が必要",
			"このコマンドの前に TLS が必要です。",
			"TLS 必須のサーバでの 523 や 530 とともに。",
			"クライアントで STARTTLS を有効にしてください（または 465 番ポートを使います）。",
		},
	},
	{
		Code: "X.7.11", Name: "Encryption required for requested authentication mechanism", Ref: "RFC 4954", Category: CategoryTLSRequired,
		En: Text{
			"Encryption required for this AUTH mechanism",
			"The chosen AUTH mechanism is only allowed over TLS.",
			"With 538 (or 504 in Postfix) for AUTH PLAIN/LOGIN before STARTTLS.",
			"Start TLS, then authenticate.",
		},
		Ja: Text{
			"この認証方式には暗号化が必要",
			"選んだ AUTH 方式は TLS 上でのみ許されています。",
			"STARTTLS 前の AUTH PLAIN/LOGIN への 538（Postfix では 504）とともに。",
			"TLS を開始してから認証してください。",
		},
	},
	{
		Code: "X.7.12", Name: "A password transition is needed", Ref: "RFC 4954", Usual: '4', Category: CategoryAuthenticationFailed,
		En: Text{
			"Password transition needed",
			"The password must be converted (by one login with a plain mechanism over TLS) before this mechanism can be used.",
			"With 432 in reply to AUTH.",
			"Log in once with AUTH PLAIN over TLS, or ask the administrator.",
		},
		Ja: Text{
			"パスワードの移行が必要",
			"この方式を使う前に、TLS 上の平文方式で一度ログインしてパスワードを変換する必要があります。",
			"AUTH への 432 とともに。",
			"TLS 上で AUTH PLAIN により一度ログインするか、管理者に相談してください。",
		},
	},
	{
		Code: "X.7.13", Name: "User Account Disabled", Ref: "RFC 5248", Category: CategoryAuthenticationFailed,
		En: Text{
			"Account disabled",
			"The account is disabled and may not authenticate or send.",
			"With 525 or 535 in reply to AUTH, for suspended or locked accounts (also after abuse from a compromised account).",
			"Ask the provider or administrator to re-enable the account; change its password if it was compromised.",
		},
		Ja: Text{
			"アカウント無効",
			"アカウントが無効化されており、認証も送信もできません。",
			"停止・ロックされたアカウント（乗っ取られて不正送信に使われた後なども）での AUTH への 525 や 535 とともに。",
			"事業者や管理者にアカウントの再有効化を依頼し、乗っ取られていた場合はパスワードを変更してください。",
		},
	},
	{
		Code: "X.7.14", Name: "Trust relationship required", Ref: "RFC 5248", Category: CategoryAuthenticationRequired,
		En: Text{
			"Trust relationship required",
			"The server accepts this only from clients it trusts (an authenticated session, a known network, a client certificate).",
			"With 535 or 554, for example when relaying is only allowed for partner systems.",
			"Authenticate, or ask the server's administrator to add your IP or certificate to the trusted clients.",
		},
		Ja: Text{
			"信頼関係が必要",
			"サーバは信頼するクライアント（認証済みセッション、既知のネットワーク、クライアント証明書）からしかこれを受け付けません。",
			"535 や 554 とともに。提携先のシステムにしか中継を許可していない場合など。",
			"認証するか、サーバの管理者に自分の IP や証明書を信頼済みクライアントに追加するよう依頼してください。",
		},
	},
	{
		Code: "X.7.15", Name: "Priority Level is too low", Ref: "RFC 6710", Category: CategoryPolicy,
		En: Text{
			"Priority too low",
			"The message's priority (RFC 6710 MT-PRIORITY) is too low for the server to take it now.",
			"With 450 or 550 on servers that use MT-PRIORITY.",
			"Send with a higher priority, or later.",
		},
		Ja: Text{
			"優先度が低すぎる",
			"メッセージの優先度（RFC 6710 の MT-PRIORITY）が低すぎるため、サーバは現在受け付けません。",
			"MT-PRIORITY を使うサーバでの 450 や 550 とともに。",
			"優先度を上げて送るか、時間をおいて送ってください。",
		},
	},
	{
		Code: "X.7.16", Name: "Message is too big for the specified priority", Ref: "RFC 6710", Category: CategorySizeLimit,
		En: Text{
			"Message too big for its priority",
			"The message is too large for the priority it asked for.",
			"With 552 on servers that use MT-PRIORITY.",
			"Send it with a lower priority or make it smaller.",
		},
		Ja: Text{
			"優先度に対してメッセージが大きすぎる",
			"要求した優先度に対してメッセージが大きすぎます。",
			"MT-PRIORITY を使うサーバでの 552 とともに。",
			"優先度を下げるか、メッセージを小さくして送ってください。",
		},
	},
	{
		Code: "X.7.17", Name: "Mailbox owner has changed", Ref: "RFC 7293", Category: CategoryMailboxUnknown,
		En: Text{
			"Mailbox owner has changed",
			"The address now belongs to someone else than when the sender last confirmed it (RFC 7293 Require-Recipient-Valid-Since).",
			"When the sender used RRVS and the mailbox was reassigned since that date.",
			"Do not send to this address: it is a different person now. Confirm the recipient's current address.",
		},
		Ja: Text{
			"メールボックスの所有者が変わった",
			"このアドレスは、送信元が最後に確認した時点とは別の人のものになっています（RFC 7293 の Require-Recipient-Valid-Since）。",
			"送信元が RRVS を使い、その日付以降にメールボックスが再割り当てされたとき。",
			"このアドレスには送らないでください。現在は別人のものです。宛先の現在のアドレスを確認してください。",
		},
	},
	{
		Code: "X.7.18", Name: "Domain owner has changed", Ref: "RFC 7293", Category: CategoryMailboxUnknown,
		En: Text{
			"Domain owner has changed",
			"The recipient's domain changed hands since the date the sender gave with RRVS.",
			"When the sender used RRVS and the domain was re-registered since.",
			"Do not send to this domain until you confirm the recipient still uses it.",
		},
		Ja: Text{
			"ドメインの所有者が変わった",
			"送信元が RRVS で指定した日付以降に、宛先ドメインの所有者が変わりました。",
			"送信元が RRVS を使い、その後ドメインが再登録されたとき。",
			"宛先がまだそのドメインを使っていると確認できるまで送信しないでください。",
		},
	},
	{
		Code: "X.7.19", Name: "RRVS test cannot be completed", Ref: "RFC 7293", Category: CategoryOther,
		En: Text{
			"RRVS check not possible",
			"The server cannot check the RRVS date the sender asked for.",
			"When the receiving system keeps no history of its mailboxes.",
			"Send without RRVS, or confirm the address by other means.",
		},
		Ja: Text{
			"RRVS の確認ができない",
			"送信元が求めた RRVS の日付をサーバが確認できません。",
			"受信側がメールボックスの履歴を保持していないとき。",
			"RRVS を付けずに送るか、別の手段でアドレスを確認してください。",
		},
	},
	{
		Code: "X.7.20", Name: "No passing DKIM signature found", Ref: "RFC 7372", Category: CategorySPFDKIMDMARC,
		En: Text{
			"No valid DKIM signature",
			"The message has no DKIM signature that verifies, and the receiver requires one.",
			"At the end of DATA, when the message is unsigned or its signature broke in transit (a footer added after signing, a wrong public key in DNS).",
			"Sign outgoing mail with DKIM and publish the key at SELECTOR._domainkey.DOMAIN (check with dig TXT); make sure nothing modifies the message after signing.",
		},
		Ja: Text{
			"有効な DKIM 署名がない",
			"検証に成功する DKIM 署名がなく、受信側は署名を必須としています。",
			"署名がない、または途中で署名が壊れた（署名後のフッタ追加、DNS の公開鍵の誤り）ときの DATA 終端。",
			"送信メールに DKIM 署名を付け、公開鍵を セレクタ._domainkey.ドメイン に公開してください（dig TXT で確認）。署名後にメッセージを改変しないようにしてください。",
		},
	},
	{
		Code: "X.7.21", Name: "No acceptable DKIM signature found", Ref: "RFC 7372", Category: CategorySPFDKIMDMARC,
		En: Text{
			"No acceptable DKIM signature",
			"The message has DKIM signatures that verify, but none the receiver accepts (wrong signing domain, weak key or algorithm).",
			"At the end of DATA with a receiver that requires a signature from a certain domain or a key of at least 1024 bits.",
			"Sign with the domain in the From: header, an RSA key of 2048 bits, and rsa-sha256.",
		},
		Ja: Text{
			"受け入れ可能な DKIM 署名がない",
			"検証できる DKIM 署名はありますが、受信側が受け入れるもの（署名ドメイン、鍵長、アルゴリズム）がありません。",
			"特定ドメインの署名や 1024 ビット以上の鍵を求める受信側での DATA 終端。",
			"From: ヘッダのドメインで、2048 ビットの RSA 鍵と rsa-sha256 を使って署名してください。",
		},
	},
	{
		Code: "X.7.22", Name: "No valid author-matched DKIM signature found", Ref: "RFC 7372", Category: CategorySPFDKIMDMARC,
		En: Text{
			"No DKIM signature from the author's domain",
			"No valid DKIM signature matches the domain of the From: address.",
			"When mail is signed only by the sending service's domain (a newsletter platform, a CRM) and the receiver wants the author's domain.",
			"Set up DKIM for your own domain on the sending service (publish the CNAME or TXT records it gives you).",
		},
		Ja: Text{
			"作成者ドメインの DKIM 署名がない",
			"From: アドレスのドメインと一致する有効な DKIM 署名がありません。",
			"配信サービス（メルマガ配信、CRM など）のドメインでしか署名されておらず、受信側が作成者ドメインの署名を求めるとき。",
			"配信サービスで自分のドメインの DKIM を設定してください（サービスが示す CNAME や TXT レコードを公開します）。",
		},
	},
	{
		Code: "X.7.23", Name: "SPF validation failed", Ref: "RFC 7372", Category: CategorySPFDKIMDMARC,
		En: Text{
			"SPF check failed",
			"The sending IP is not allowed by the SPF record of the sender's domain (result fail).",
			"At MAIL FROM or later when the domain's SPF ends in -all and the IP is not listed: a new mail service, a forwarder, or a missing include.",
			"Add the sending server or service to the domain's SPF TXT record (ip4:, ip6:, include:), keeping under 10 DNS lookups; check with dig TXT domain.",
		},
		Ja: Text{
			"SPF 認証の失敗",
			"送信元 IP が送信元ドメインの SPF レコードで許可されていません（結果 fail）。",
			"ドメインの SPF が -all で終わり、その IP が含まれていないとき（新しい配信サービス、転送、include の不足など）の MAIL FROM 以降。",
			"ドメインの SPF（TXT レコード）に送信サーバや配信サービスを追加してください（ip4:、ip6:、include:）。DNS 参照は 10 回以内に収め、dig TXT ドメイン名 で確認します。",
		},
	},
	{
		Code: "X.7.24", Name: "SPF validation error", Ref: "RFC 7372", Category: CategorySPFDKIMDMARC,
		En: Text{
			"SPF check error",
			"The SPF record could not be evaluated: a DNS error (temperror) or a broken record (permerror: syntax, more than 10 lookups, two SPF records).",
			"At MAIL FROM when the sender domain's SPF is malformed or its DNS times out.",
			"Fix the SPF record: one TXT record starting with v=spf1, valid mechanisms, at most 10 DNS lookups; make sure the domain's DNS servers answer.",
		},
		Ja: Text{
			"SPF 評価エラー",
			"SPF レコードを評価できませんでした（DNS エラーの temperror、または書式誤り・参照 10 回超・SPF レコード 2 件などの permerror）。",
			"送信元ドメインの SPF が壊れているか、その DNS がタイムアウトしたときの MAIL FROM。",
			"SPF レコードを修正してください。v=spf1 で始まる TXT レコードを 1 件だけにし、正しいメカニズムで DNS 参照を 10 回以内に収め、ドメインの DNS サーバが応答するか確認します。",
		},
	},
	{
		Code: "X.7.25", Name: "Reverse DNS validation failed", Ref: "RFC 7372", Category: CategoryReverseDNS,
		En: Text{
			"Reverse DNS check failed",
			"The sending IP has no PTR record, or its PTR name does not resolve back to the same IP (forward-confirmed reverse DNS).",
			"At connection or MAIL FROM: Gmail \"550 5.7.25 The IP address sending this message does not have a PTR record setup\", Postfix reject_unknown_client_hostname.",
			"Have the owner of the IP range (your hosting or ISP) set a PTR record to a host name whose A/AAAA record points back to the same IP; use that name in EHLO. Check with dig -x IP.",
		},
		Ja: Text{
			"逆引きの検証に失敗",
			"送信元 IP に逆引き（PTR レコード）がないか、PTR の名前を正引きしても同じ IP に戻りません（FCrDNS）。",
			"接続時や MAIL FROM への応答。Gmail の「550 5.7.25 The IP address sending this message does not have a PTR record setup」、Postfix の reject_unknown_client_hostname など。",
			"IP アドレスの管理者（ホスティング事業者や ISP）に依頼し、A/AAAA レコードが同じ IP を指すホスト名で逆引きを設定してもらい、その名前を EHLO に使ってください。dig -x IP で確認できます。",
		},
	},
	{
		Code: "X.7.26", Name: "Multiple authentication checks failed", Ref: "RFC 7372", Category: CategorySPFDKIMDMARC,
		En: Text{
			"Authentication checks failed (SPF, DKIM, DMARC)",
			"The message failed the sender authentication the receiver requires: neither SPF nor DKIM passed, or DMARC failed.",
			"At the end of DATA: Gmail \"550 5.7.26 This mail has been blocked because the sender is unauthenticated\" and its DMARC rejections; Microsoft 550 5.7.509 for DMARC reject.",
			"Publish SPF for the sending IPs, sign with DKIM for the From: domain, and publish DMARC (_dmarc.domain TXT, start with p=none); check the headers of a test message (Authentication-Results) for which check fails.",
		},
		Ja: Text{
			"送信ドメイン認証の失敗（SPF・DKIM・DMARC）",
			"受信側が求める送信ドメイン認証に失敗しました。SPF も DKIM も成功しなかったか、DMARC が失敗しています。",
			"DATA 終端への応答。Gmail の「550 5.7.26 This mail has been blocked because the sender is unauthenticated」や DMARC による拒否、Microsoft の DMARC reject による 550 5.7.509 など。",
			"送信 IP を SPF に記載し、From: ドメインで DKIM 署名し、DMARC（_dmarc.ドメイン の TXT、最初は p=none）を公開してください。テストメールのヘッダ（Authentication-Results）でどの認証が失敗しているか確認します。",
		},
	},
	{
		Code: "X.7.27", Name: "Sender address has null MX", Ref: "RFC 7505", Category: CategorySenderRejected,
		En: Text{
			"Sender domain has a null MX",
			"The sender's domain publishes a null MX (\"MX 0 .\"), so it can receive no replies or bounces, and the server refuses mail from it.",
			"At MAIL FROM (Postfix \"Sender address rejected: Domain ... does not accept mail (nullMX)\").",
			"Send from a domain that can receive mail; if the domain should receive mail, replace the null MX with real MX records.",
		},
		Ja: Text{
			"送信元ドメインがヌル MX",
			"送信元ドメインがヌル MX（「MX 0 .」）を公開しているため返信やエラーメールを受け取れず、サーバはそのドメインからのメールを拒否しました。",
			"MAIL FROM への応答（Postfix の「Sender address rejected: Domain ... does not accept mail (nullMX)」）。",
			"メールを受信できるドメインから送信してください。受信すべきドメインなら、ヌル MX を正しい MX レコードに置き換えてください。",
		},
	},
	{
		Code: "X.7.28", Name: "Mail flood detected", Ref: "draft-levine-mailbomb-header", Usual: '4', Category: CategoryRateLimit,
		En: Text{
			"Mail flood detected",
			"The receiver sees an unusual volume of mail from this sender or to this recipient and refuses more for now.",
			"Gmail \"421 4.7.28 ... unusual rate of unsolicited mail\" and its bulk-sender deferrals; subscription bombing of a recipient.",
			"Slow down: spread sends over time, warm up new IPs and domains gradually, remove unengaged recipients, and check Google Postmaster Tools for the spam rate.",
		},
		Ja: Text{
			"大量メールを検出",
			"受信側がこの送信元から、またはこの宛先への異常な量のメールを検知し、当面の受け取りを拒否しています。",
			"Gmail の「421 4.7.28 ... unusual rate of unsolicited mail」や大量送信者への遅延、宛先への登録爆撃（サブスクリプションボム）など。",
			"送信ペースを落としてください。時間を分散し、新しい IP やドメインは段階的に送信量を増やし（ウォームアップ）、反応のない宛先を削除し、Google Postmaster Tools で迷惑メール率を確認します。",
		},
	},
	{
		Code: "X.7.29", Name: "ARC validation failure", Ref: "RFC 8617", Category: CategorySPFDKIMDMARC,
		En: Text{
			"ARC validation failed",
			"The message carries an ARC chain (from forwarders or mailing lists) that does not validate.",
			"At the end of DATA for forwarded mail whose ARC seals are broken.",
			"The forwarding system must sign ARC correctly (or not at all); the original sender should make DKIM survive forwarding.",
		},
		Ja: Text{
			"ARC 検証の失敗",
			"メッセージに付いている ARC チェーン（転送サーバやメーリングリストが付与）を検証できません。",
			"ARC の署名が壊れた転送メールでの DATA 終端。",
			"転送側が ARC を正しく署名する（あるいは付けない）必要があります。元の送信者は転送後も DKIM が有効なままになるようにしてください。",
		},
	},
	{
		Code: "X.7.30", Name: "REQUIRETLS support required", Ref: "RFC 8689", Category: CategoryTLSRequired,
		En: Text{
			"REQUIRETLS not supported on the path",
			"The message demands TLS on every hop (RFC 8689 REQUIRETLS), and the next server does not support that.",
			"When a relay cannot find a next hop that offers REQUIRETLS with a verified certificate.",
			"Send without REQUIRETLS, or to a destination whose servers support it with valid certificates (and MTA-STS or DANE).",
		},
		Ja: Text{
			"経路が REQUIRETLS に対応していない",
			"メッセージはすべての中継での TLS を要求していますが（RFC 8689 の REQUIRETLS）、次のサーバが対応していません。",
			"中継サーバが、検証済み証明書で REQUIRETLS を提供する次の配送先を見つけられないとき。",
			"REQUIRETLS を付けずに送るか、有効な証明書（と MTA-STS や DANE）で対応するサーバを持つ宛先に送ってください。",
		},
	},
}
