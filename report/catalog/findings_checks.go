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
}
