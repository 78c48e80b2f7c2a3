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

	"dnssec-no-answer": {
		class: "DNS", category: "dns-problem", retry: "permanent",
		en: findingLang{
			title:   "DNSSEC cannot be judged: no answer to judge",
			meaning: "No MX answer (nor, with --server, an answer for the server's name) was looked up, so no AD bit says whether the domain is signed. That is not a sign that it is unsigned.",
			when:    "--server given as an IP address: no name is looked up.",
			fix:     "Probe the domain (or --server with a host name) to have the answer judged.",
		},
		ja: findingLang{
			title:   "DNSSECを判定できない: 判定する応答がない",
			meaning: "MX応答（--server の場合はサーバ名の応答）を問い合わせていないため、ドメインが署名されているかを示すADビットがありません。署名されていないという意味ではありません。",
			when:    "--server にIPアドレスを指定した場合です。名前の問い合わせが行われません。",
			fix:     "ドメインを（または --server にホスト名を指定して）調べると、応答が判定されます。",
		},
	},

	"check-lookup-failed": {
		class: "DNS", category: "dns-problem", retry: "transient",
		en: findingLang{
			title:   "The resolver did not answer the question for {name}",
			meaning: "The resolver failed on this question (timeout, SERVFAIL or REFUSED), so the check's verdict is unknown: the probe could not finish it (exit status 3, as when the MX lookup fails). A failed lookup is not a missing record.",
			when:    "A resolver that is down or slow, or broken name servers for that name.",
			fix:     "Run the probe again, or with another resolver (--resolver). If every resolver fails, look at the name servers of {name} (`dig +trace`).",
		},
		ja: findingLang{
			title:   "{name} の問い合わせにリゾルバが応答しなかった",
			meaning: "この問い合わせでリゾルバが失敗したため（タイムアウト、SERVFAIL、REFUSED）、チェックの結果は unknown（判定不能、終了コード3。MXの検索が失敗したときと同じ）です。問い合わせの失敗はレコードがないことを意味しません。",
			when:    "リゾルバの停止や遅延、その名前のネームサーバの不具合で起きます。",
			fix:     "もう一度、または別のリゾルバ（--resolver）で実行してください。どのリゾルバでも失敗するなら、{name} のネームサーバを確認します（`dig +trace`）。",
		},
	},
	"check-cname-broken": {
		class: "DNS", category: "dns-problem", retry: "permanent",
		en: findingLang{
			title:   "The CNAME chain at {name} is broken",
			meaning: "{name} is an alias whose chain of CNAME records loops or is longer than resolvers follow, so no resolver and no sender can read the record behind it. This is the zone's fault, not the resolver's: senders treat the record as missing, and DANE senders may defer mail to the host.",
			when:    "A CNAME that points back to itself or to a name that points back, often after records were moved between zones or DNS providers.",
			fix:     "Fix the CNAME records at {name} so that the chain ends at the record itself; `dig {name} CNAME` shows each step.",
		},
		ja: findingLang{
			title:   "{name} のCNAMEの連鎖が壊れている",
			meaning: "{name} はCNAMEの別名で、その連鎖がループしているか、リゾルバがたどる上限より長いため、どのリゾルバもどの送信側もその先のレコードを読めません。リゾルバではなくゾーンの問題です。送信側はレコードがないものとして扱い、DANEの送信側はホストへの配送を保留することがあります。",
			when:    "CNAMEが自分自身や、自分を指し返す名前を指している場合で、ゾーンやDNS事業者の間でレコードを移した後によく起きます。",
			fix:     "{name} のCNAMEレコードを直し、連鎖がレコードそのものに行き着くようにしてください。`dig {name} CNAME` で各段階が分かります。",
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
			fix:     "When you deploy MTA-STS or DANE, publish a reporting record too: a TXT record at _smtp._tls.{domain} of the form \"v=TLSRPTv1; rua=mailto:ADDRESS\".",
		},
		ja: findingLang{
			title:   "TLS-RPT: レポート用のレコードがない",
			meaning: "ドメインはTLS-RPTレコードを公開しておらず、レポートの対象となるMTA-STSポリシーやDANEレコードもありません。失うものはありません。",
			when:    "MTA-STSもDANEも使っていないドメインです。",
			fix:     "MTA-STSやDANEを導入するときは、レポート用のレコードも公開してください。_smtp._tls.{domain} に \"v=TLSRPTv1; rua=mailto:アドレス\" の形のTXTレコードです。",
		},
	},
	"not-needed-no-mail": {
		class: "DNS", category: "does-not-accept-mail", retry: "permanent",
		en: findingLang{
			title:   "{name}: not needed, the domain accepts no mail",
			meaning: "DNS says the domain receives no mail at all (it does not exist, or it publishes a null MX), so there is no mail in transit for {name} to protect or report on, and no record is missing.",
			when:    "Domains that do not exist, and domains that publish \"MX 0 .\" (RFC 7505) because they never receive mail.",
			fix:     "Nothing to fix. If the domain should receive mail, fix its MX records first (see the DNS finding); {name} comes after that.",
		},
		ja: findingLang{
			title:   "{name}: 不要。このドメインはメールを受け付けない",
			meaning: "DNSによると、このドメインはメールを一切受け取りません（ドメインが存在しないか、null MXを公開しています）。そのため {name} が守ったり報告したりする転送中のメールはなく、欠けているレコードもありません。",
			when:    "存在しないドメインや、メールを受け取らないために \"MX 0 .\"（RFC 7505）を公開しているドメインです。",
			fix:     "対応は不要です。このドメインでメールを受け取るべきなら、まずMXレコードを直してください（DNSの指摘を参照）。{name} はその後です。",
		},
	},
	"tlsrpt-missing": {
		class: "DNS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "TLS-RPT: {inuse} in use without failure reports",
			meaning: "The domain publishes {inuse}, but no TLS-RPT record, so senders that fail to deliver because of it have no way to tell you. Mail can be deferred for days before anyone notices.",
			when:    "MTA-STS or DANE deployed without the reporting record of RFC 8460.",
			fix:     "Publish a reporting record (the address must accept the gzip reports); the record to publish is shown below.",
		},
		ja: findingLang{
			title:   "TLS-RPT: {inuse} を使っているのに失敗レポートを受け取っていない",
			meaning: "ドメインは {inuse} を公開していますが、TLS-RPTレコードがありません。そのために配送できない送信側は知らせる手段がなく、誰も気付かないまま何日もメールが保留されることがあります。",
			when:    "RFC 8460のレポート用レコードなしでMTA-STSやDANEを導入した場合に起きます。",
			fix:     "レポート用のレコードを公開してください（アドレスはgzipのレポートを受け取れる必要があります）。公開するレコードは下に示します。",
		},
	},
	"tlsrpt-several": {
		class: "DNS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "TLS-RPT: several reporting records",
			meaning: "More than one TXT record at _smtp._tls.{domain} begins with v=TLSRPTv1. RFC 8460 says senders then act as if there were none: no reports are sent.",
			when:    "A new record added beside the old one instead of replacing it.",
			fix:     "Keep exactly one record; list several addresses in its rua, separated by commas; the record to publish is shown below.",
		},
		ja: findingLang{
			title:   "TLS-RPT: レポート用のレコードが複数ある",
			meaning: "_smtp._tls.{domain} に v=TLSRPTv1 で始まるTXTレコードが複数あります。RFC 8460では、送信側はレコードがないものとして扱い、レポートは送られません。",
			when:    "古いレコードを置き換えずに新しいレコードを追加した場合に起きます。",
			fix:     "レコードを1つにし、複数の宛先はruaにカンマで区切って並べてください。公開するレコードは下に示します。",
		},
	},
	"tlsrpt-invalid": {
		class: "DNS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "TLS-RPT: the reporting record is malformed",
			meaning: "The TLS-RPT record at _smtp._tls.{domain} does not follow RFC 8460 (the detail says where), so senders ignore it and send no reports.",
			when:    "A missing rua, a URI that is neither mailto: nor https:, or a typo in the separators.",
			fix:     "Publish a record of this form; the record to publish is shown below.",
		},
		ja: findingLang{
			title:   "TLS-RPT: レポート用のレコードの書式が誤っている",
			meaning: "_smtp._tls.{domain} のTLS-RPTレコードがRFC 8460に従っていないため（場所は詳細を参照）、送信側は無視し、レポートは送られません。",
			when:    "ruaがない、URIが mailto: でも https: でもない、区切り文字の誤記などで起きます。",
			fix:     "次の形のレコードを公開してください。公開するレコードは下に示します。",
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
	"mtasts-ok": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "MTA-STS: the policy is valid and every MX passes it",
			meaning: "The domain publishes a valid MTA-STS policy (RFC 8461); every MX host matches its mx patterns and presents a valid certificate for its name over TLS 1.2 or later, so senders that enforce it (Gmail, Microsoft) deliver.",
			when:    "A working MTA-STS deployment.",
			fix:     "Nothing to fix. Change the id in the TXT record whenever you change the policy, and renew the certificates of mta-sts.{domain} and the MX hosts in time.",
		},
		ja: findingLang{
			title:   "MTA-STS: ポリシーは有効で、すべてのMXが合格している",
			meaning: "ドメインは有効なMTA-STSポリシー（RFC 8461）を公開しています。すべてのMXホストがmxのパターンに一致し、TLS 1.2以上でホスト名に有効な証明書を提示するため、ポリシーを適用する送信側（Gmail、Microsoft）は配送します。",
			when:    "MTA-STSが正しく運用されている場合です。",
			fix:     "対応は不要です。ポリシーを変えるたびにTXTレコードのidを変え、mta-sts.{domain} とMXホストの証明書を期限内に更新してください。",
		},
	},
	"mtasts-absent": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "MTA-STS: no policy published",
			meaning: "The domain publishes no MTA-STS record, so senders deliver over TLS when they can but fall back to plain text, and an attacker on the path can strip STARTTLS. Mail is delivered as usual.",
			when:    "Most domains.",
			fix:     "To protect mail in transit, serve a policy file as /.well-known/mta-sts.txt on the web host mta-sts.{domain} over HTTPS (start with mode: testing, and publish TLS-RPT to see failures) and announce it with a TXT record \"v=STSv1; id=...\" at _mta-sts.{domain}.",
		},
		ja: findingLang{
			title:   "MTA-STS: ポリシーが公開されていない",
			meaning: "ドメインはMTA-STSレコードを公開していないため、送信側は可能ならTLSで配送しますが平文に戻ることもあり、経路上の攻撃者はSTARTTLSを取り除けます。メールは通常どおり届きます。",
			when:    "多くのドメインがこの状態です。",
			fix:     "転送中のメールを守るには、HTTPSのWebホスト mta-sts.{domain} に /.well-known/mta-sts.txt としてポリシーファイルを置き（まず mode: testing で、失敗を知るためにTLS-RPTも公開）、_mta-sts.{domain} のTXTレコード \"v=STSv1; id=...\" で告知してください。",
		},
	},
	"mtasts-mode-none": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "MTA-STS: the policy is withdrawn (mode none)",
			meaning: "The policy's mode is none: senders drop any cached policy and apply none.",
			when:    "A domain leaving MTA-STS, as RFC 8461 section 8.3 describes.",
			fix:     "Nothing to fix if intended. Once the max_age of the old policy has passed, the record and the policy can be removed.",
		},
		ja: findingLang{
			title:   "MTA-STS: ポリシーは取り下げられている（mode none）",
			meaning: "ポリシーのモードが none です。送信側はキャッシュしたポリシーを破棄し、何も適用しません。",
			when:    "RFC 8461の8.3節のとおりMTA-STSをやめる場合です。",
			fix:     "意図どおりなら対応は不要です。古いポリシーのmax_ageが過ぎたら、レコードとポリシーを削除できます。",
		},
	},
	"mtasts-records": {
		class: "DNS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "MTA-STS: several records",
			meaning: "More than one TXT record at _mta-sts.{domain} begins with v=STSv1. RFC 8461 says senders then act as if there were no policy.",
			when:    "A new record added beside the old one instead of replacing it.",
			fix:     "Keep exactly one record, with a new id each time the policy changes; what to publish is shown below.",
		},
		ja: findingLang{
			title:   "MTA-STS: レコードが複数ある",
			meaning: "_mta-sts.{domain} に v=STSv1 で始まるTXTレコードが複数あります。RFC 8461では、送信側はポリシーがないものとして扱います。",
			when:    "古いレコードを置き換えずに新しいレコードを追加した場合に起きます。",
			fix:     "レコードを1つにし、ポリシーを変えるたびにidを変えてください。公開する内容は下に示します。",
		},
	},
	"mtasts-record-invalid": {
		class: "DNS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "MTA-STS: the record is malformed",
			meaning: "The TXT record at _mta-sts.{domain} does not follow RFC 8461 (the detail says where), so senders ignore the policy.",
			when:    "A missing id, an id with characters other than letters and digits, or a typo in the separators.",
			fix:     "Publish a record of this form (id: 1 to 32 letters and digits); what to publish is shown below.",
		},
		ja: findingLang{
			title:   "MTA-STS: レコードの書式が誤っている",
			meaning: "_mta-sts.{domain} のTXTレコードがRFC 8461に従っていないため（場所は詳細を参照）、送信側はポリシーを無視します。",
			when:    "idがない、idに英数字以外が含まれる、区切り文字の誤記などで起きます。",
			fix:     "次の形のレコードを公開してください（idは英数字1〜32文字）。公開する内容は下に示します。",
		},
	},
	"mtasts-policy-unavailable": {
		class: "TLS", category: "tls-required", retry: "transient",
		en: findingLang{
			title:   "MTA-STS: the record is published, but the policy cannot be fetched",
			meaning: "The domain announces an MTA-STS policy, but https://mta-sts.{domain}/.well-known/mta-sts.txt could not be fetched as senders must fetch it (the detail says why: no address, a certificate not valid for mta-sts.{domain}, a redirect, an HTTP error, a file over 64 KiB, a timeout). Senders without a cached policy deliver without it; those with one keep enforcing the old policy until it expires.",
			when:    "The policy host was never set up, its certificate expired or does not cover mta-sts.{domain}, or the web server redirects to another name.",
			fix:     "Serve the policy at that exact URL with HTTP 200, Content-Type text/plain, no redirect, and a valid certificate for mta-sts.{domain}; what to publish is shown below.",
		},
		ja: findingLang{
			title:   "MTA-STS: レコードはあるが、ポリシーを取得できない",
			meaning: "ドメインはMTA-STSポリシーを告知していますが、https://mta-sts.{domain}/.well-known/mta-sts.txt を送信側と同じ条件で取得できませんでした（理由は詳細を参照: アドレスがない、証明書が mta-sts.{domain} に有効でない、リダイレクト、HTTPエラー、64 KiB超、タイムアウト）。ポリシーをキャッシュしていない送信側はポリシーなしで配送し、キャッシュしている送信側は期限まで古いポリシーを適用し続けます。",
			when:    "ポリシー用のホストを用意していない、証明書が期限切れか mta-sts.{domain} を含まない、Webサーバが別の名前にリダイレクトしている場合に起きます。",
			fix:     "ポリシーをそのURLで、HTTP 200、Content-Type text/plain、リダイレクトなし、mta-sts.{domain} に有効な証明書で配信してください。公開する内容は下に示します。",
		},
	},
	"mtasts-policy-invalid": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "MTA-STS: the policy file is malformed",
			meaning: "The policy was fetched, but it does not follow RFC 8461 section 3.2 or is not served as text/plain (the detail says where). Senders may ignore it.",
			when:    "An HTML error page served with status 200, a missing version, mode, mx or max_age line, or a typo in a key.",
			fix:     "Serve a policy of this form as text/plain; what to publish is shown below.",
		},
		ja: findingLang{
			title:   "MTA-STS: ポリシーファイルの書式が誤っている",
			meaning: "ポリシーは取得できましたが、RFC 8461の3.2節に従っていないか、text/plain で配信されていません（場所は詳細を参照）。送信側は無視することがあります。",
			when:    "ステータス200で返されたHTMLのエラーページ、version・mode・mx・max_ageの行の欠落、キーの誤記などで起きます。",
			fix:     "次の形のポリシーを text/plain で配信してください。公開する内容は下に示します。",
		},
	},
	"mtasts-max-age-short": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "MTA-STS: max_age is under a day",
			meaning: "Senders cache the policy only for max_age seconds. A short max_age leaves mail unprotected against an attacker who blocks the policy fetch once the cache expires.",
			when:    "A max_age left low from testing.",
			fix:     "Once the policy works, raise max_age to weeks (RFC 8461 suggests this; 604800 is one week, 31557600 the maximum) and change the record's id.",
		},
		ja: findingLang{
			title:   "MTA-STS: max_age が1日未満",
			meaning: "送信側はポリシーをmax_age秒しかキャッシュしません。短いと、キャッシュが切れた後にポリシーの取得を妨害する攻撃者からメールを守れません。",
			when:    "試験時の短いmax_ageのままの場合に起きます。",
			fix:     "ポリシーが機能したら、max_ageを数週間に引き上げ（RFC 8461の推奨。604800が1週間、最大31557600）、レコードのidを変えてください。",
		},
	},
	"mtasts-mx-fails": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "MTA-STS: an MX host fails the policy",
			meaning: "This MX host is not matched by the policy's mx patterns, or does not offer STARTTLS with a valid certificate for its name over TLS 1.2 or later (the detail says which). Senders that enforce the policy do not deliver to it; in testing mode they deliver and report the failure.",
			when:    "A new MX host not added to the policy, an expired or mismatched certificate, or a certificate not trusted by public roots.",
			fix:     "Add the host to the policy's mx lines (and change the record's id), or fix its certificate so that it is valid for the MX host name.",
		},
		ja: findingLang{
			title:   "MTA-STS: ポリシーに合格しないMXホストがある",
			meaning: "このMXホストはポリシーのmxのパターンに一致しないか、TLS 1.2以上でホスト名に有効な証明書を使ったSTARTTLSを提供していません（どちらかは詳細を参照）。ポリシーを適用する送信側はこのホストに配送せず、testing モードなら配送して失敗を報告します。",
			when:    "新しいMXホストをポリシーに追加していない、証明書の期限切れや名前の不一致、公的なルートで信頼されない証明書の場合に起きます。",
			fix:     "ホストをポリシーのmx行に追加する（レコードのidも変える）か、MXホスト名に有効な証明書に直してください。",
		},
	},
	"mtasts-enforce-no-mx": {
		class: "TLS", category: "tls-required", retry: "transient",
		en: findingLang{
			title:   "MTA-STS enforce: no MX host passes the policy, so senders that enforce it do not deliver",
			meaning: "The policy is in enforce mode, and not one MX host both matches its mx patterns and presents a valid certificate over TLS 1.2 or later. Gmail, Microsoft and every other sender that enforces MTA-STS defer mail to the domain and bounce it after days.",
			when:    "MX hosts changed without updating the policy, certificates that expired or do not match the MX names, or a policy copied from another domain.",
			fix:     "Fix the certificates or the mx lines at once, or switch the policy to mode: testing (and change the record's id) while you repair it; what to publish is shown below.",
		},
		ja: findingLang{
			title:   "MTA-STS enforce: ポリシーに合格するMXホストがなく、ポリシーを適用する送信側は配送しない",
			meaning: "ポリシーは enforce モードですが、mxのパターンに一致し、かつTLS 1.2以上で有効な証明書を提示するMXホストが1つもありません。Gmail、MicrosoftなどMTA-STSを適用する送信側は、このドメインへのメールを保留し、数日後にバウンスします。",
			when:    "ポリシーを更新せずにMXホストを変更した、証明書が期限切れかMXの名前と一致しない、他のドメインのポリシーをコピーした場合に起きます。",
			fix:     "証明書かmx行をすぐに直すか、修復の間ポリシーを mode: testing にしてください（レコードのidも変えます）。公開する内容は下に示します。",
		},
	},
	"mtasts-mx-untested": {
		class: "TLS", category: "tls-required", retry: "transient",
		en: findingLang{
			title:   "MTA-STS: this MX host's TLS was not tested",
			meaning: "The host matches the policy, but no dialogue with it got far enough to see its certificate (the smtp check did not run, or no address could be reached), so whether senders that enforce the policy deliver to it is not known.",
			when:    "--checks without smtp, or an MX host that could not be reached from here.",
			fix:     "Run the probe with the smtp check, from a network that can reach the MX host.",
		},
		ja: findingLang{
			title:   "MTA-STS: このMXホストのTLSは確認していない",
			meaning: "ホストはポリシーに一致しますが、証明書を確認できるところまで対話が進まなかったため（smtpチェックを実行していない、またはどのアドレスにも到達できない）、ポリシーを適用する送信側が配送するかは分かりません。",
			when:    "smtpを含まない --checks や、ここから到達できないMXホストの場合に起きます。",
			fix:     "smtpチェックを含め、MXホストに到達できるネットワークから実行してください。",
		},
	},
	"mtasts-fetch-untestable": {
		class: "network", category: "tls-required", retry: "transient",
		en: findingLang{
			title:   "MTA-STS: the policy host cannot be reached from here",
			meaning: "This machine has no route to the address of mta-sts.{domain} (IPv6 on an IPv4-only network, say), so whether the policy can be fetched is not known. This is not a fault of the domain.",
			when:    "Probing from a network without IPv6, or without a default route.",
			fix:     "Run the probe from a machine that can reach the policy host.",
		},
		ja: findingLang{
			title:   "MTA-STS: ポリシーのホストにここから到達できない",
			meaning: "このマシンから mta-sts.{domain} のアドレスへの経路がないため（IPv6のないネットワークでのIPv6など）、ポリシーを取得できるかは分かりません。ドメイン側の不具合ではありません。",
			when:    "IPv6やデフォルト経路のないネットワークから確認した場合に起きます。",
			fix:     "ポリシーのホストに到達できるマシンから実行してください。",
		},
	},
	"dane-match": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "DANE: the certificate matches a TLSA record",
			meaning: "The TLSA records of {host} are authentic (DNSSEC), and the certificate this address presents in STARTTLS matches one of them, so DANE senders deliver over verified TLS.",
			when:    "A working DANE deployment.",
			fix:     "Nothing to fix. Before changing the server's key or certificate authority, publish the new TLSA record beside the old one and wait at least two TTLs (RFC 7671 section 8.1).",
		},
		ja: findingLang{
			title:   "DANE: 証明書がTLSAレコードと一致している",
			meaning: "{host} のTLSAレコードは真正（DNSSEC）で、このアドレスがSTARTTLSで提示する証明書がそのいずれかと一致します。DANEを使う送信側は検証済みのTLSで配送します。",
			when:    "DANEが正しく運用されている場合です。",
			fix:     "対応は不要です。サーバの鍵や認証局を変える前に、新しいTLSAレコードを古いものと並べて公開し、TTLの2倍以上待ってください（RFC 7671の8.1節）。",
		},
	},
	"dane-absent": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "DANE: no TLSA records",
			meaning: "{host} publishes no TLSA records at {name}, so DANE senders use opportunistic TLS as with any server. Mail is delivered as usual.",
			when:    "Most mail servers; DANE needs the MX host's zone to be signed with DNSSEC.",
			fix:     "To protect mail against downgrade and impersonation, sign the MX host's zone and publish a DANE-EE record for the server's key (\"3 1 1\" and the SHA-256 of its public key) at {name}, with TLS-RPT to see failures.",
		},
		ja: findingLang{
			title:   "DANE: TLSAレコードがない",
			meaning: "{host} は {name} にTLSAレコードを公開していないため、DANEを使う送信側も他のサーバと同じく日和見的なTLSを使います。メールは通常どおり届きます。",
			when:    "多くのメールサーバがこの状態です。DANEにはMXホストのゾーンのDNSSEC署名が必要です。",
			fix:     "ダウングレードやなりすましからメールを守るには、MXホストのゾーンに署名し、サーバの鍵のDANE-EEレコード（\"3 1 1\" と公開鍵のSHA-256）を {name} に公開し、失敗を知るためにTLS-RPTも設定してください。",
		},
	},
	"dane-single-record": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "DANE: only one usable TLSA record",
			meaning: "{host} has a single usable TLSA record. When the key or certificate changes, senders will refuse the new one until a matching record is published and old answers have expired from caches.",
			when:    "A DANE deployment without a plan for key rollover.",
			fix:     "Publish the next key's record (or a DANE-TA record for the issuing CA) beside the current one before any rollover, as RFC 7671 section 8.1 describes.",
		},
		ja: findingLang{
			title:   "DANE: 使えるTLSAレコードが1つだけ",
			meaning: "{host} の使えるTLSAレコードは1つだけです。鍵や証明書を変えると、対応するレコードを公開し古い応答がキャッシュから消えるまで、送信側は新しいものを拒否します。",
			when:    "鍵の更新手順を決めずにDANEを導入した場合です。",
			fix:     "鍵を更新する前に、次の鍵のレコード（または発行元CAのDANE-TAレコード）を現在のものと並べて公開してください（RFC 7671の8.1節）。",
		},
	},
	"dane-mismatch": {
		class: "TLS", category: "tls-required", retry: "transient",
		en: findingLang{
			title:   "DANE: the certificate matches no TLSA record, so DANE senders do not deliver",
			meaning: "{host} publishes authentic TLSA records, but the certificate this address presents matches none of the usable ones (the detail says why for each). DANE senders (Postfix and Exim with DANE, Microsoft's outbound, many European providers) defer mail to it and bounce it after days.",
			when:    "A certificate or key renewed without updating the TLSA records, a load balancer serving another certificate, or a DANE-TA record whose CA did not issue the certificate.",
			fix:     "Publish a record for the key the server presents now (shown below) beside the old ones, or put back the key the records name; then remove stale records after two TTLs.",
		},
		ja: findingLang{
			title:   "DANE: 証明書がどのTLSAレコードとも一致せず、DANEを使う送信側は配送しない",
			meaning: "{host} は真正なTLSAレコードを公開していますが、このアドレスが提示する証明書は使えるレコードのどれとも一致しません（理由はレコードごとに詳細を参照）。DANEを使う送信側（DANE有効のPostfixやExim、Microsoftの送信、多くの欧州の事業者）はメールを保留し、数日後にバウンスします。",
			when:    "TLSAレコードを更新せずに証明書や鍵を更新した、ロードバランサが別の証明書を提示している、DANE-TAレコードのCAが証明書を発行していない場合に起きます。",
			fix:     "サーバが現在提示している鍵のレコード（下に示します）を古いものと並べて公開するか、レコードが示す鍵に戻してください。古いレコードはTTLの2倍の時間が過ぎてから削除します。",
		},
	},
	"dane-no-tls": {
		class: "TLS", category: "tls-required", retry: "transient",
		en: findingLang{
			title:   "DANE: TLSA records are published, but TLS fails, so DANE senders do not deliver",
			meaning: "{host} publishes authentic TLSA records, which tell senders that TLS is mandatory, but this address does not offer STARTTLS or the handshake fails. DANE senders defer mail to it.",
			when:    "STARTTLS turned off or broken on one server of a cluster, or a TLS configuration that no longer shares a protocol version or cipher with senders.",
			fix:     "Enable STARTTLS with the certificate the TLSA records name on every address of the host, or remove the TLSA records (and wait for their TTL) until it works.",
		},
		ja: findingLang{
			title:   "DANE: TLSAレコードがあるのにTLSに失敗し、DANEを使う送信側は配送しない",
			meaning: "{host} は真正なTLSAレコード（送信側にTLSを必須と伝えるもの）を公開していますが、このアドレスはSTARTTLSを提供していないか、ハンドシェイクに失敗します。DANEを使う送信側はメールを保留します。",
			when:    "クラスタの一部のサーバでSTARTTLSが無効か壊れている、送信側と共通のプロトコルや暗号がなくなったTLS設定の場合に起きます。",
			fix:     "ホストのすべてのアドレスで、TLSAレコードが示す証明書を使ったSTARTTLSを有効にしてください。直るまではTLSAレコードを削除する（TTLの経過を待つ）方法もあります。",
		},
	},
	"dane-unsigned": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "DANE: TLSA records in a zone that is not signed",
			meaning: "{host} publishes TLSA records at {name}, but the validating resolver did not vouch for them (no AD bit): the zone is not signed, or its DNSSEC chain is incomplete. Senders ignore TLSA records that are not authentic, so DANE gives no protection.",
			when:    "TLSA records published before signing the zone, or a zone whose DS record is missing at the parent.",
			fix:     "Sign the MX host's zone with DNSSEC and publish its DS record at the registrar.",
		},
		ja: findingLang{
			title:   "DANE: 署名されていないゾーンにTLSAレコードがある",
			meaning: "{host} は {name} にTLSAレコードを公開していますが、検証するリゾルバはそれを保証しませんでした（ADビットなし）。ゾーンが署名されていないか、DNSSECの連鎖が不完全です。送信側は真正でないTLSAレコードを無視するため、DANEの保護はありません。",
			when:    "ゾーンに署名する前にTLSAレコードを公開した場合や、親ゾーンにDSがない場合に起きます。",
			fix:     "MXホストのゾーンをDNSSECで署名し、レジストラにDSレコードを登録してください。",
		},
	},
	"dane-unusable": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "DANE: no TLSA record that senders can use",
			meaning: "Every TLSA record of {host} is one SMTP senders ignore: PKIX-TA(0) or PKIX-EE(1) usages (RFC 7672 section 3.1.3), an unknown selector or matching type, or data of the wrong length. DANE senders then use opportunistic TLS only.",
			when:    "Records copied from HTTPS guides, which use usages 0 and 1, or a digest pasted with a typo.",
			fix:     "Publish a DANE-EE record for the server's key (shown below), or a DANE-TA(2) record for the CA that issues its certificates.",
		},
		ja: findingLang{
			title:   "DANE: 送信側が使えるTLSAレコードがない",
			meaning: "{host} のTLSAレコードはすべて、SMTPの送信側が無視するものです。PKIX-TA(0)やPKIX-EE(1)の用途（RFC 7672の3.1.3節）、未知のセレクタや照合方式、長さの誤ったデータです。DANEを使う送信側は日和見的なTLSだけを使います。",
			when:    "用途0や1を使うHTTPS向けの手順からレコードをコピーした場合や、ダイジェストの貼り付けを誤った場合に起きます。",
			fix:     "サーバの鍵のDANE-EEレコード（下に示します）か、証明書を発行するCAのDANE-TA(2)レコードを公開してください。",
		},
	},
	"dane-ta-not-sent": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "DANE: a DANE-TA record's trust anchor is not in the server's chain",
			meaning: "A DANE-TA(2) record of {host} names a certificate authority the server does not send in its chain, so senders cannot use that record (another record matched, and mail is delivered).",
			when:    "A server configured with the leaf certificate only, without its intermediate or root, or a TA record for a CA no longer used.",
			fix:     "Configure the server to send the full chain up to the trust anchor (Postfix: smtpd_tls_chain_files with the CA certificates), or remove the stale record.",
		},
		ja: findingLang{
			title:   "DANE: DANE-TAレコードのトラストアンカーがサーバのチェーンにない",
			meaning: "{host} のDANE-TA(2)レコードが示す認証局を、サーバはチェーンで送っていないため、送信側はそのレコードを使えません（別のレコードが一致しており、メールは届きます）。",
			when:    "サーバが中間証明書やルートなしでサーバ証明書だけを送っている場合や、使わなくなったCAのレコードが残っている場合に起きます。",
			fix:     "トラストアンカーまでの全チェーンを送るようサーバを設定する（Postfix では smtpd_tls_chain_files にCA証明書を含める）か、古いレコードを削除してください。",
		},
	},
	"dane-not-validating": {
		class: "TLS", category: "tls-required", retry: "transient",
		en: findingLang{
			title:   "DANE cannot be judged: the resolver does not validate",
			meaning: "{host} has TLSA records, but the resolver does not validate DNSSEC, so whether they are authentic (and used by senders) cannot be decided from here.",
			when:    "A non-validating system resolver.",
			fix:     "Use --resolver with a validating resolver, such as a local unbound (--resolver 127.0.0.1) or a public one (--resolver 1.1.1.1).",
		},
		ja: findingLang{
			title:   "DANEを判定できない: リゾルバが検証していない",
			meaning: "{host} にはTLSAレコードがありますが、リゾルバがDNSSECを検証しないため、それが真正か（送信側が使うか）はここからは判断できません。",
			when:    "システムのリゾルバが検証しない場合に起きます。",
			fix:     "検証するリゾルバを --resolver で指定してください。ローカルの unbound（--resolver 127.0.0.1）や公開リゾルバ（--resolver 1.1.1.1）が使えます。",
		},
	},
	"dane-not-tested": {
		class: "TLS", category: "tls-required", retry: "transient",
		en: findingLang{
			title:   "DANE: the certificate of this address was not tested",
			meaning: "{host} has authentic TLSA records, but no TLS handshake with this address got as far as its certificate (the smtp check did not run, or the dialogue ended before STARTTLS), so whether it matches is not known.",
			when:    "--checks without smtp, --starttls never, or a dialogue that failed early.",
			fix:     "Run the probe with the smtp check and STARTTLS.",
		},
		ja: findingLang{
			title:   "DANE: このアドレスの証明書は確認していない",
			meaning: "{host} には真正なTLSAレコードがありますが、このアドレスとのTLSハンドシェイクが証明書まで進まなかったため（smtpチェックを実行していない、またはSTARTTLSの前に対話が終わった）、一致するかは分かりません。",
			when:    "smtpを含まない --checks、--starttls never、途中で失敗した対話の場合に起きます。",
			fix:     "smtpチェックとSTARTTLSを有効にして実行してください。",
		},
	},
}
