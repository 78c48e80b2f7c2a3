package catalog

// checkFindings holds the texts of the findings of the inbound checks
// (dnssec, dane, mta-sts, tls-rpt, ptr) and of the addresses this machine
// cannot reach. FindingText serves them with the others. It is read-only,
// like findings.
var checkFindings = map[string]findingEntry{
	"address-untestable": {
		class: "network", category: "other", retry: "transient",
		en: findingLang{
			title:   "This address cannot be reached from here",
			meaning: "This machine has no route to the address (typically an IPv6 address on a network without IPv6), so nothing is known about the server there. This is not a fault of the domain.",
			when:    "Probing from a network or container without IPv6, or without a default route for that address family.",
			fix:     "Nothing to fix on the domain's side. To test this address, run the probe from a machine with IPv6 (or the family in question).",
		},
		ja: findingLang{
			title:   "このアドレスにはここから到達できない",
			meaning: "このマシンからそのアドレスへの経路がないため（IPv6のないネットワークでのIPv6アドレスなど）、そのサーバについては何も分かりません。ドメイン側の不具合ではありません。",
			when:    "IPv6のないネットワークやコンテナ、そのアドレスファミリのデフォルト経路がない環境から確認した場合に起きます。",
			fix:     "ドメイン側で直すことはありません。このアドレスを確認するには、IPv6（該当するアドレスファミリ）を使えるマシンから実行してください。",
		},
	},
	"nothing-testable": {
		class: "network", category: "other", retry: "transient",
		en: findingLang{
			title:   "No mail server address can be reached from here",
			meaning: "Every address of every MX host is of a family this machine has no route to, so the probe could not test any of them. Nothing is known about whether mail is delivered.",
			when:    "A domain whose mail servers have only IPv6 addresses, probed from a network without IPv6.",
			fix:     "Run the probe from a machine that has IPv6 connectivity.",
		},
		ja: findingLang{
			title:   "ここから到達できるメールサーバのアドレスがない",
			meaning: "すべてのMXホストのすべてのアドレスが、このマシンから経路のないアドレスファミリのものであるため、どれも確認できませんでした。メールが届くかどうかは分かりません。",
			when:    "メールサーバがIPv6アドレスしか持たないドメインを、IPv6のないネットワークから確認した場合に起きます。",
			fix:     "IPv6で通信できるマシンから実行してください。",
		},
	},

	"dnssec-signed": {
		class: "DNS", category: "dns-problem", retry: "permanent",
		en: findingLang{
			title:   "DNSSEC: the domain is signed and validates",
			meaning: "The resolver, which validates DNSSEC (it passed the self-test), set the AD bit on the domain's MX answer: the records are authentic, as DANE requires.",
			when:    "The domain's zone is signed and its DS record is published at the parent.",
			fix:     "Nothing to fix. Keep key rollovers automatic, and monitor the signatures' expiry.",
		},
		ja: findingLang{
			title:   "DNSSEC: ドメインは署名され、検証に成功している",
			meaning: "DNSSECを検証するリゾルバ（自己テストに合格）が、ドメインのMX応答にADビットを立てました。レコードは真正で、DANEの前提を満たしています。",
			when:    "ドメインのゾーンが署名され、親ゾーンにDSレコードが登録されている場合です。",
			fix:     "対応は不要です。鍵の更新を自動化し、署名の有効期限を監視してください。",
		},
	},
	"dnssec-unsigned": {
		class: "DNS", category: "dns-problem", retry: "permanent",
		en: findingLang{
			title:   "DNSSEC: the domain is not signed",
			meaning: "The validating resolver did not set the AD bit on the domain's MX answer: the zone is not signed (or its parent has no DS for it). Mail is delivered as usual, but no sender can authenticate the MX records, and DANE cannot be used.",
			when:    "Most domains: DNSSEC is off at the DNS provider, or the DS record was never published at the registrar.",
			fix:     "To use DANE, sign the zone at your DNS provider (or with your DNS server's automatic signing) and publish the DS record it gives you at your registrar; then check with `dig +dnssec MX <domain>` through a validating resolver that the answer has the ad flag.",
		},
		ja: findingLang{
			title:   "DNSSEC: ドメインが署名されていない",
			meaning: "検証するリゾルバがドメインのMX応答にADビットを立てませんでした。ゾーンが署名されていない（または親ゾーンにDSがない）ためです。メールは通常どおり届きますが、送信側はMXレコードを認証できず、DANEは使えません。",
			when:    "多くのドメインがこの状態です。DNS事業者でDNSSECが無効か、レジストラにDSレコードを登録していない場合です。",
			fix:     "DANEを使うなら、DNS事業者（またはDNSサーバの自動署名）でゾーンに署名し、渡されたDSレコードをレジストラに登録します。その後、検証するリゾルバ経由で `dig +dnssec MX ドメイン名` の応答に ad フラグが付くことを確認してください。",
		},
	},
	"dnssec-mx-host-unsigned": {
		class: "DNS", category: "dns-problem", retry: "permanent",
		en: findingLang{
			title:   "DNSSEC: an MX host's addresses are not signed",
			meaning: "The domain is signed, but the address records of an MX host did not validate (no AD bit): the host's zone is not signed. A DANE sender needs the MX host's zone signed too, since the TLSA records live there.",
			when:    "MX hosts at a provider whose zone is not signed, while the domain itself is.",
			fix:     "For DANE, use MX hosts in a signed zone (ask the provider, or run the MX under a signed name of your own). Otherwise nothing needs fixing.",
		},
		ja: findingLang{
			title:   "DNSSEC: MXホストのアドレスが署名されていない",
			meaning: "ドメインは署名されていますが、MXホストのアドレスレコードが検証されませんでした（ADビットなし）。そのホストのゾーンは署名されていません。TLSAレコードはMXホスト側のゾーンに置くため、DANEにはMXホストのゾーンの署名も必要です。",
			when:    "ドメインは署名しているが、MXホストが署名されていない事業者のゾーンにある場合に起きます。",
			fix:     "DANEを使うなら、署名されたゾーンのMXホストを使ってください（事業者に依頼するか、自社の署名済みの名前でMXを運用します）。それ以外は対応不要です。",
		},
	},
	"dnssec-bogus": {
		class: "DNS", category: "dns-problem", retry: "transient",
		en: findingLang{
			title:   "DNSSEC is broken: validating resolvers cannot resolve the domain's mail DNS",
			meaning: "The resolver answered SERVFAIL, and the same question with validation turned off (CD bit) got an answer: the records exist, but their signatures do not validate (bogus). Every sender behind a validating resolver (Google, Cloudflare, Quad9 and most ISPs) cannot find the MX or its address, and mail to the domain is deferred and eventually bounced.",
			when:    "Expired signatures, a DS record at the registrar that no longer matches the zone's keys after a key rollover or a change of DNS provider, or a zone served unsigned by one name server and signed by another.",
			fix:     "Check the chain with `dig +dnssec +cd MX <domain>` and a DNSSEC debugger (dnsviz.net). Re-sign the zone or fix the signing, and make the DS record at the registrar match the zone's current key (or remove the DS to turn DNSSEC off cleanly while you repair it).",
		},
		ja: findingLang{
			title:   "DNSSECが壊れている: 検証するリゾルバはメール用のDNSを解決できない",
			meaning: "リゾルバはSERVFAILを返し、検証を止めた（CDビット）同じ問い合わせには応答がありました。レコードは存在しますが署名の検証に失敗しています（bogus）。検証するリゾルバ（Google、Cloudflare、Quad9、多くのISP）を使う送信側はMXやそのアドレスを見つけられず、メールは保留され、やがてバウンスします。",
			when:    "署名の期限切れ、鍵の更新やDNS事業者の変更後にレジストラのDSがゾーンの鍵と合わなくなった場合、一部のネームサーバだけが署名なしで応答している場合に起きます。",
			fix:     "`dig +dnssec +cd MX ドメイン名` やDNSSECの診断サービス（dnsviz.net）で信頼の連鎖を確認します。ゾーンを署名し直すか署名の設定を直し、レジストラのDSをゾーンの現在の鍵に合わせてください（修復の間、DSを削除してDNSSECを正しく無効にする方法もあります）。",
		},
	},
	"dnssec-not-validating": {
		class: "DNS", category: "dns-problem", retry: "transient",
		en: findingLang{
			title:   "DNSSEC cannot be judged: the resolver does not validate",
			meaning: "The resolver did not set the AD bit on the signed root zone, so it does not validate DNSSEC (or strips the bit), and its AD bits say nothing. Whether the domain is signed, and whether its TLSA records are authentic, cannot be decided from here.",
			when:    "The system resolver is a non-validating forwarder (many home routers, some container setups, systemd-resolved without DNSSEC).",
			fix:     "Use --resolver with a validating resolver, such as a local unbound (--resolver 127.0.0.1) or a public one (--resolver 1.1.1.1 or 9.9.9.9).",
		},
		ja: findingLang{
			title:   "DNSSECを判定できない: リゾルバが検証していない",
			meaning: "リゾルバは署名済みのルートゾーンにADビットを立てませんでした。DNSSECを検証していない（またはビットを消している）ため、そのADビットには意味がありません。ドメインが署名されているか、TLSAレコードが真正かは、ここからは判断できません。",
			when:    "システムのリゾルバが検証しないフォワーダの場合（多くの家庭用ルータ、一部のコンテナ環境、DNSSECを無効にした systemd-resolved）に起きます。",
			fix:     "検証するリゾルバを --resolver で指定してください。ローカルの unbound（--resolver 127.0.0.1）や公開リゾルバ（--resolver 1.1.1.1 や 9.9.9.9）が使えます。",
		},
	},

	"check-lookup-failed": {
		class: "DNS", category: "dns-problem", retry: "transient",
		en: findingLang{
			title:   "The resolver did not answer the question for {name}",
			meaning: "The resolver failed on this question (timeout, SERVFAIL or REFUSED), so the check could not be decided from here. A failed lookup is not a missing record.",
			when:    "A resolver that is down or slow, or broken name servers for that name.",
			fix:     "Run the probe again, or with another resolver (--resolver). If every resolver fails, look at the name servers of {name} (`dig +trace`).",
		},
		ja: findingLang{
			title:   "{name} の問い合わせにリゾルバが応答しなかった",
			meaning: "この問い合わせでリゾルバが失敗したため（タイムアウト、SERVFAIL、REFUSED）、ここからはチェックを判定できませんでした。問い合わせの失敗はレコードがないことを意味しません。",
			when:    "リゾルバの停止や遅延、その名前のネームサーバの不具合で起きます。",
			fix:     "もう一度、または別のリゾルバ（--resolver）で実行してください。どのリゾルバでも失敗するなら、{name} のネームサーバを確認します（`dig +trace`）。",
		},
	},
	"tlsrpt-ok": {
		class: "DNS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "TLS-RPT: reports of failed TLS are requested",
			meaning: "The domain publishes one valid TLS-RPT record (RFC 8460): senders that support it send daily reports of TLS failures to the addresses in rua.",
			when:    "The record at _smtp._tls.{domain} is in place.",
			fix:     "Nothing to fix. Read the reports: they show senders that fail MTA-STS or DANE before users notice missing mail.",
		},
		ja: findingLang{
			title:   "TLS-RPT: TLS失敗のレポートを受け取る設定がある",
			meaning: "ドメインは有効なTLS-RPTレコード（RFC 8460）を1つ公開しています。対応する送信側は、TLSの失敗を毎日ruaのアドレスに報告します。",
			when:    "_smtp._tls.{domain} にレコードがある場合です。",
			fix:     "対応は不要です。レポートを読んでください。MTA-STSやDANEで失敗している送信側が、利用者がメールの不達に気付く前に分かります。",
		},
	},
	"tlsrpt-absent": {
		class: "DNS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "TLS-RPT: no reporting record",
			meaning: "The domain publishes no TLS-RPT record, and no MTA-STS policy or DANE records that reports would be about. Nothing is lost.",
			when:    "Domains that use neither MTA-STS nor DANE.",
			fix:     "When you deploy MTA-STS or DANE, publish a reporting record too:\n  _smtp._tls.{domain}. IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{domain}\"",
		},
		ja: findingLang{
			title:   "TLS-RPT: レポート用のレコードがない",
			meaning: "ドメインはTLS-RPTレコードを公開しておらず、レポートの対象となるMTA-STSポリシーやDANEレコードもありません。失うものはありません。",
			when:    "MTA-STSもDANEも使っていないドメインです。",
			fix:     "MTA-STSやDANEを導入するときは、レポート用のレコードも公開してください:\n  _smtp._tls.{domain}. IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{domain}\"",
		},
	},
	"tlsrpt-missing": {
		class: "DNS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "TLS-RPT: {inuse} in use without failure reports",
			meaning: "The domain publishes {inuse}, but no TLS-RPT record, so senders that fail to deliver because of it have no way to tell you. Mail can be deferred for days before anyone notices.",
			when:    "MTA-STS or DANE deployed without the reporting record of RFC 8460.",
			fix:     "Publish a reporting record (the address must accept the gzip reports):\n  _smtp._tls.{domain}. IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{domain}\"",
		},
		ja: findingLang{
			title:   "TLS-RPT: {inuse} を使っているのに失敗レポートを受け取っていない",
			meaning: "ドメインは {inuse} を公開していますが、TLS-RPTレコードがありません。そのために配送できない送信側は知らせる手段がなく、誰も気付かないまま何日もメールが保留されることがあります。",
			when:    "RFC 8460のレポート用レコードなしでMTA-STSやDANEを導入した場合に起きます。",
			fix:     "レポート用のレコードを公開してください（アドレスはgzipのレポートを受け取れる必要があります）:\n  _smtp._tls.{domain}. IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{domain}\"",
		},
	},
	"tlsrpt-several": {
		class: "DNS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "TLS-RPT: several reporting records",
			meaning: "More than one TXT record at _smtp._tls.{domain} begins with v=TLSRPTv1. RFC 8460 says senders then act as if there were none: no reports are sent.",
			when:    "A new record added beside the old one instead of replacing it.",
			fix:     "Keep exactly one record; list several addresses in its rua, separated by commas:\n  _smtp._tls.{domain}. IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{domain},https://reports.example.net/tlsrpt\"",
		},
		ja: findingLang{
			title:   "TLS-RPT: レポート用のレコードが複数ある",
			meaning: "_smtp._tls.{domain} に v=TLSRPTv1 で始まるTXTレコードが複数あります。RFC 8460では、送信側はレコードがないものとして扱い、レポートは送られません。",
			when:    "古いレコードを置き換えずに新しいレコードを追加した場合に起きます。",
			fix:     "レコードを1つにし、複数の宛先はruaにカンマで区切って並べてください:\n  _smtp._tls.{domain}. IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{domain},https://reports.example.net/tlsrpt\"",
		},
	},
	"tlsrpt-invalid": {
		class: "DNS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "TLS-RPT: the reporting record is malformed",
			meaning: "The TLS-RPT record at _smtp._tls.{domain} does not follow RFC 8460 (the detail says where), so senders ignore it and send no reports.",
			when:    "A missing rua, a URI that is neither mailto: nor https:, or a typo in the separators.",
			fix:     "Publish a record of this form:\n  _smtp._tls.{domain}. IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{domain}\"",
		},
		ja: findingLang{
			title:   "TLS-RPT: レポート用のレコードの書式が誤っている",
			meaning: "_smtp._tls.{domain} のTLS-RPTレコードがRFC 8460に従っていないため（場所は詳細を参照）、送信側は無視し、レポートは送られません。",
			when:    "ruaがない、URIが mailto: でも https: でもない、区切り文字の誤記などで起きます。",
			fix:     "次の形のレコードを公開してください:\n  _smtp._tls.{domain}. IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@{domain}\"",
		},
	},
	"ptr-confirmed": {
		class: "DNS", category: "reverse-dns", retry: "permanent",
		en: findingLang{
			title:   "Reverse DNS: {address} has a forward-confirmed PTR",
			meaning: "The address's PTR record names a host that resolves back to the address (forward-confirmed reverse DNS).",
			when:    "The reverse zone of the address and the host's address records agree.",
			fix:     "Nothing to fix.",
		},
		ja: findingLang{
			title:   "逆引き: {address} のPTRは正引きと一致している",
			meaning: "アドレスのPTRレコードが指すホスト名を正引きすると、同じアドレスに戻ります（正引きで確認された逆引き）。",
			when:    "アドレスの逆引きゾーンとホストのアドレスレコードが一致している場合です。",
			fix:     "対応は不要です。",
		},
	},
	"ptr-missing": {
		class: "DNS", category: "reverse-dns", retry: "permanent",
		en: findingLang{
			title:   "Reverse DNS: {address} has no PTR record",
			meaning: "The MX address has no reverse DNS. No sender requires it of a receiving server, so mail to the domain is not affected; but if the server also sends mail from this address, many receivers (Gmail, Microsoft) refuse it.",
			when:    "A server whose hosting provider's reverse zone has no entry for the address.",
			fix:     "If the server sends mail too, ask the owner of the address block (the hosting provider) for a PTR record naming the server's host name, which must resolve back to the address.",
		},
		ja: findingLang{
			title:   "逆引き: {address} にPTRレコードがない",
			meaning: "MXアドレスに逆引きがありません。受信サーバに逆引きを求める送信側はないため、このドメインへのメールには影響しません。ただし、このアドレスからメールを送信もするなら、多くの受信側（Gmail、Microsoft）が拒否します。",
			when:    "ホスティング事業者の逆引きゾーンにそのアドレスの登録がない場合に起きます。",
			fix:     "このサーバが送信もするなら、アドレスの管理者（ホスティング事業者）にサーバのホスト名を指すPTRレコードを依頼してください。そのホスト名は同じアドレスに正引きできる必要があります。",
		},
	},
	"ptr-not-confirmed": {
		class: "DNS", category: "reverse-dns", retry: "permanent",
		en: findingLang{
			title:   "Reverse DNS: the PTR of {address} does not resolve back to it",
			meaning: "The address has a PTR record, but no name it gives resolves back to the address. Mail to the domain is not affected; a server that also sends from this address fails the forward-confirmed reverse DNS checks of many receivers.",
			when:    "A generic provider name in the PTR, or a host renumbered without updating one side.",
			fix:     "Make the PTR name the server's host name and give that name an A or AAAA record with this address.",
		},
		ja: findingLang{
			title:   "逆引き: {address} のPTRが同じアドレスに正引きできない",
			meaning: "アドレスにPTRレコードはありますが、そのどの名前を正引きしても同じアドレスに戻りません。このドメインへのメールには影響しませんが、このアドレスから送信もするサーバは、多くの受信側の正引き確認で不合格になります。",
			when:    "PTRが事業者の汎用的な名前のままの場合や、アドレス変更で片側だけ更新した場合に起きます。",
			fix:     "PTRの名前をサーバのホスト名にし、その名前にこのアドレスのAまたはAAAAレコードを設定してください。",
		},
	},
	"ptr-greeting-mismatch": {
		class: "SMTP", category: "reverse-dns", retry: "permanent",
		en: findingLang{
			title:   "Reverse DNS: the greeting names another host than the PTR of {address}",
			meaning: "The server's 220 greeting gives a host name that is not among the address's PTR names. Receiving mail is not affected; some receivers score a sending server whose HELO, greeting and PTR disagree.",
			when:    "A server behind NAT or a load balancer, or a myhostname setting that was never changed.",
			fix:     "Set the server's host name to the PTR name of its address, if the server sends mail too.",
		},
		ja: findingLang{
			title:   "逆引き: グリーティングのホスト名が {address} のPTRと異なる",
			meaning: "サーバの220グリーティングのホスト名が、アドレスのPTRの名前に含まれていません。受信には影響しませんが、HELO、グリーティング、PTRが一致しない送信サーバを減点する受信側もあります。",
			when:    "NATやロードバランサの背後のサーバや、myhostname を変更していない場合に起きます。",
			fix:     "このサーバが送信もするなら、サーバのホスト名をアドレスのPTRの名前に合わせてください。",
		},
		fixes: []SoftwareFix{
			{Software: SoftwarePostfix, En: "Set myhostname in main.cf to the PTR name of the address, if the server sends mail too.",
				Ja: "このサーバが送信もするなら、main.cf の myhostname をアドレスのPTRの名前にしてください。"},
			{Software: SoftwareExim, En: "Set primary_hostname (or smtp_active_hostname for this interface) to the PTR name of the address, if the server sends mail too.",
				Ja: "このサーバが送信もするなら、primary_hostname（このインタフェースだけなら smtp_active_hostname）をアドレスのPTRの名前にしてください。"},
			{Software: SoftwareSendmail, En: "Set the host name sendmail uses (define(`confDOMAIN_NAME', `mx.example.com')dnl in sendmail.mc) to the PTR name of the address, if the server sends mail too.",
				Ja: "このサーバが送信もするなら、sendmail の使うホスト名（sendmail.mc の define(`confDOMAIN_NAME', `mx.example.com')dnl）をアドレスのPTRの名前にしてください。"},
			{Software: SoftwareOpenSMTPD, En: "Give the listener the PTR name (listen on ... hostname mx.example.com, or /etc/mail/mailname), if the server sends mail too.",
				Ja: "このサーバが送信もするなら、待ち受けに PTR の名前を付けてください（listen on ... hostname mx.example.com、または /etc/mail/mailname）。"},
			{Software: SoftwareExchange, En: "Set the Receive and Send connectors' FQDN to the PTR name of the address (Set-ReceiveConnector -Fqdn, Set-SendConnector -Fqdn), if the server sends mail too.",
				Ja: "このサーバが送信もするなら、受信・送信コネクタの FQDN をアドレスのPTRの名前にしてください（Set-ReceiveConnector -Fqdn、Set-SendConnector -Fqdn）。"},
		},
	},
}
