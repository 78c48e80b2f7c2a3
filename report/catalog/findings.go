package catalog

// FindingText returns the text of a report finding: the diagnoses that
// smtpprobe makes from the facts of a whole probe rather than from one
// reply, such as a blocked outbound port or a certificate about to expire.
// A finding is a rule over the facts of a probe, so Matched is "rule" (the
// contract's most specific match) and Rule is the finding's id; Code is 0
// and Class names the layer ("DNS", "network", "SMTP" or "TLS"). Texts may
// hold the placeholders {port}, {delay}, {days}, {threshold}, {domain},
// {result}, {record}, {host}, {address}, {name} and {inuse}, which the
// report fills in. Any language other than Japanese gets English. The
// boolean is false for an unknown id.
func FindingText(id string, lang Lang) (Diagnosis, bool) {
	return FindingTextWith(id, Options{Lang: lang})
}

// FindingTextWith is FindingText with options: when the server software
// is known, a fix that depends on it names that software's setting.
func FindingTextWith(id string, o Options) (Diagnosis, bool) {
	lang := o.Lang
	var e findingEntry
	ok := false
	for _, table := range findingTables {
		if e, ok = table[id]; ok {
			break
		}
	}
	if !ok {
		return Diagnosis{}, false
	}
	t := e.en
	if lang == Japanese {
		t = e.ja
	}
	fix := t.fix
	if f, ok := softwareFix(e.fixes, o.Software, lang); ok {
		fix = f
	}
	return Diagnosis{
		Class:    e.class,
		Title:    t.title,
		Meaning:  t.meaning,
		When:     t.when,
		Fix:      fix,
		Category: e.category,
		Retry:    e.retry,
		Matched:  MatchedRule,
		Rule:     id,
	}, true
}

// findingTables are the finding texts, one table per subject so that each
// file stays readable; an id is in one table only (tested).
var findingTables = []map[string]findingEntry{findings, thresholdFindings, authFindings, checkFindings, senderFindings, mtaFindings, addressFindings}

type findingEntry struct {
	class, category, retry string
	en, ja                 findingLang
	// fixes name a server software's settings where the fix depends on
	// it; en.fix and ja.fix stay neutral.
	fixes []SoftwareFix
}

type findingLang struct {
	title, meaning, when, fix string
}

// findings is read-only: FindingText copies out of it.
var findings = map[string]findingEntry{
	"resolver-failed": {
		class: "DNS", category: "dns-problem", retry: "transient",
		en: findingLang{
			title:   "The DNS resolver did not answer",
			meaning: "The MX lookup failed at the resolver itself (timeout, SERVFAIL or REFUSED), so nothing is known about the domain's mail servers and none was probed.",
			when:    "The resolver from /etc/resolv.conf or --resolver is down, unreachable or refuses recursion for this client, or the domain's authoritative servers are broken (SERVFAIL).",
			fix:     "Run the probe again with another resolver (--resolver 1.1.1.1, or your provider's). If only this domain fails, follow its delegation with `dig +trace MX <domain>`; SERVFAIL from every resolver usually means broken DNSSEC or dead authoritative servers on the domain's side.",
		},
		ja: findingLang{
			title:   "DNSリゾルバから応答がない",
			meaning: "MXレコードの問い合わせがリゾルバの段階で失敗しました（タイムアウト、SERVFAIL、REFUSED）。メールサーバについて何も分からないため、SMTPの確認は行っていません。",
			when:    "/etc/resolv.conf または --resolver で指定したリゾルバが停止している、到達できない、このクライアントからの再帰問い合わせを拒否している場合や、ドメイン側の権威DNSサーバが壊れている（SERVFAIL）場合に起きます。",
			fix:     "別のリゾルバ（--resolver 1.1.1.1 やプロバイダのDNS）で再実行してください。このドメインだけ失敗する場合は `dig +trace MX ドメイン名` で委任をたどります。どのリゾルバでもSERVFAILになるなら、ドメイン側でDNSSECの署名不備か権威サーバの停止が起きていることがほとんどです。",
		},
	},
	"nxdomain": {
		class: "DNS", category: "dns-problem", retry: "permanent",
		en: findingLang{
			title:   "The domain does not exist (NXDOMAIN)",
			meaning: "DNS says the domain does not exist at all: no MX, no address, nothing. Every sender bounces mail to it at once.",
			when:    "A typo in the address or domain, a domain that expired or was never registered, or a subdomain that was never created in the zone.",
			fix:     "Check the spelling of the domain. If it is yours, check its registration and expiry at the registrar (whois) and that it is delegated to the right name servers (`dig NS <domain>`).",
		},
		ja: findingLang{
			title:   "ドメインが存在しない（NXDOMAIN）",
			meaning: "DNS上にこのドメインが存在しません。MXもアドレスもないため、送信側はすべて即座にバウンスします。",
			when:    "アドレスやドメイン名のタイプミス、ドメインの期限切れや未登録、ゾーンに作成されていないサブドメインの場合に起きます。",
			fix:     "ドメイン名の綴りを確認してください。自社のドメインなら、レジストラでの登録状況と有効期限（whois）、正しいネームサーバに委任されているか（`dig NS ドメイン名`）を確認します。",
		},
	},
	"cname-broken": {
		class: "DNS", category: "dns-problem", retry: "permanent",
		en: findingLang{
			title:   "The domain's CNAME chain is broken",
			meaning: "The domain is an alias (CNAME) whose chain of aliases loops back on itself or is too long to follow, so DNS never gives its MX or address records. Every sender fails to find where to deliver.",
			when:    "Two CNAME records pointing at each other after a migration, an alias to a name that is itself an alias many times over, or a typo in a CNAME target.",
			fix:     "Follow the chain (`dig +trace <domain> CNAME`) and point the domain at a name that has MX records, or publish MX records on the domain itself instead of a CNAME (a name with a CNAME can have no other records).",
		},
		ja: findingLang{
			title:   "ドメインの CNAME の連鎖が壊れている",
			meaning: "このドメインは別名（CNAME）ですが、別名の連鎖がループしているか長すぎて、MX やアドレスのレコードにたどり着けません。送信側は配送先を見つけられません。",
			when:    "移行後に2つの CNAME が互いを指している場合、何重にも別名を重ねている場合、CNAME の参照先を誤記した場合に起きます。",
			fix:     "連鎖をたどり（`dig +trace ドメイン名 CNAME`）、MX レコードを持つ名前を指すように直すか、CNAME をやめてドメイン自体に MX レコードを登録してください（CNAME のある名前には他のレコードを置けません）。",
		},
	},
	"null-mx": {
		class: "DNS", category: "does-not-accept-mail", retry: "permanent",
		en: findingLang{
			title:   "The domain accepts no mail (null MX)",
			meaning: "The domain publishes \"MX 0 .\" (RFC 7505): its owner declares that it receives no mail. Senders bounce at once (556 / 5.1.10) instead of retrying.",
			when:    "Domains used only for web sites or for sending, parked domains, and domains kept to stop spoofing.",
			fix:     "If the domain should receive mail, replace the null MX with MX records for your mail servers. Otherwise nothing is wrong: write to an address at another domain.",
		},
		ja: findingLang{
			title:   "このドメインはメールを受け付けない（Null MX）",
			meaning: "ドメインが「MX 0 .」（RFC 7505 の Null MX）を公開しており、メールを受信しないことを宣言しています。送信側は再送せず、即座にバウンスします（556 / 5.1.10）。",
			when:    "Webサイト専用や送信専用のドメイン、パーキングドメイン、なりすまし対策として保持しているドメインで使われます。",
			fix:     "メールを受信すべきドメインなら、Null MX を削除して自社メールサーバを指す MX レコードを登録してください。そうでなければ設定どおりの動作なので、別ドメインのアドレス宛に送ってください。",
		},
	},
	"no-mail-host": {
		class: "DNS", category: "dns-problem", retry: "permanent",
		en: findingLang{
			title:   "The domain has neither MX nor address records",
			meaning: "The domain exists but has no MX record and no A or AAAA record to fall back on (RFC 5321 section 5.1), so no sender can find a server to deliver to.",
			when:    "A domain whose MX records were deleted or never added, often after moving DNS hosting or mail providers.",
			fix:     "Publish MX records for the mail servers (for example `example.com. 3600 IN MX 10 mx1.example.com.`). If the domain should not receive mail, publish a null MX (`MX 0 .`) so senders bounce at once instead of retrying for days.",
		},
		ja: findingLang{
			title:   "MXレコードもアドレスレコードもない",
			meaning: "ドメインは存在しますが、MXレコードも、その代わりに使われる A・AAAA レコード（RFC 5321 5.1節）もないため、送信側は配送先のサーバを見つけられません。",
			when:    "DNSホスティングやメールサービスの移行後に MX レコードが消えた、または登録し忘れた場合によく起きます。",
			fix:     "メールサーバを指す MX レコードを登録してください（例: `example.com. 3600 IN MX 10 mx1.example.com.`）。メールを受け取らないドメインなら、送信側が何日も再送せずすぐバウンスできるよう Null MX（`MX 0 .`）を公開します。",
		},
	},
	"implicit-mx": {
		class: "DNS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "No MX record: mail goes to the domain's own address",
			meaning: "The domain has no MX record, so senders use its A/AAAA record as an implicit MX (RFC 5321 section 5.1) and deliver to that host.",
			when:    "Small setups where the web server also receives mail, or domains that forgot their MX records and receive mail by accident.",
			fix:     "If that host is meant to receive mail, publish an explicit MX record anyway: some senders and anti-spam checks take a missing MX as a domain that receives no mail. If it is not, publish a null MX (`MX 0 .`).",
		},
		ja: findingLang{
			title:   "MXレコードがなく、ドメイン自身のアドレスに配送される",
			meaning: "MXレコードがないため、送信側はドメインの A/AAAA レコードを暗黙のMX（RFC 5321 5.1節）として使い、そのホストに配送します。",
			when:    "Webサーバがメール受信も兼ねる小規模な構成や、MXの登録を忘れたまま偶然メールを受けているドメインで見られます。",
			fix:     "そのホストで受信するつもりでも、明示的に MX レコードを登録してください。MX がないドメインを「受信しないドメイン」とみなす送信側や迷惑メール対策もあります。受信しないなら Null MX（`MX 0 .`）を公開します。",
		},
	},
	"mx-cname": {
		class: "DNS", category: "dns-problem", retry: "permanent",
		en: findingLang{
			title:   "An MX record points to an alias (CNAME)",
			meaning: "The MX exchange name is a CNAME. RFC 5321 section 5.1 and RFC 2181 section 10.3 forbid this; most senders follow the alias, but some refuse it or misbehave, and it costs an extra lookup.",
			when:    "MX records set to a provider's host name through a CNAME, or a mail host renamed with an alias left behind.",
			fix:     "Point the MX record at the canonical name (the target of the CNAME), or give the MX host name its own A/AAAA records.",
		},
		ja: findingLang{
			title:   "MXレコードが別名（CNAME）を指している",
			meaning: "MXの交換ホスト名が CNAME です。RFC 5321 5.1節と RFC 2181 10.3節で禁止されています。多くの送信側は別名をたどりますが、拒否したり誤動作したりする実装もあり、問い合わせも1回増えます。",
			when:    "サービス事業者のホスト名を CNAME 経由で MX に設定した場合や、メールサーバの名前を変えた後に別名が残っている場合に起きます。",
			fix:     "MX レコードが正規名（CNAME の参照先）を直接指すようにするか、MX のホスト名に A/AAAA レコードを直接設定してください。",
		},
	},
	"mx-ip-literal": {
		class: "DNS", category: "dns-problem", retry: "permanent",
		en: findingLang{
			title:   "An MX record holds an IP address, not a host name",
			meaning: "The MX exchange is written as an IP address. MX records must name a host (RFC 5321 section 5.1); many MTAs, Postfix among them, look it up as a name, find nothing and skip it.",
			when:    "Hand-written zones where someone put the server's address in the MX record instead of its name.",
			fix:     "Give the server a name with A/AAAA records (for example mx1.example.com) and point the MX record to that name.",
		},
		ja: findingLang{
			title:   "MXレコードにホスト名ではなくIPアドレスが書かれている",
			meaning: "MXの交換ホストがIPアドレスで書かれています。MX はホスト名を指す必要があり（RFC 5321 5.1節）、Postfix をはじめ多くのMTAは名前として引いて見つからず、そのMXを飛ばします。",
			when:    "ゾーンファイルを手で編集し、MX にサーバのホスト名ではなくIPアドレスを書いてしまった場合に起きます。",
			fix:     "サーバに A/AAAA レコードを持つホスト名（例: mx1.example.com）を付け、MX レコードはその名前を指すようにしてください。",
		},
	},
	"mx-no-address": {
		class: "DNS", category: "dns-problem", retry: "permanent",
		en: findingLang{
			title:   "An MX host name has no address records",
			meaning: "The MX record names a host without any A or AAAA record, so senders cannot connect to it: they move on to the next MX, or defer the mail when it was the only one.",
			when:    "A mail server renamed or decommissioned while the MX record still names it, a typo in the MX target, or a missing final dot in the zone file (mx1.example.com.example.com).",
			fix:     "Add A/AAAA records for the host, or correct or remove the MX record; check the zone file for a missing final dot.",
		},
		ja: findingLang{
			title:   "MXのホスト名にアドレスレコードがない",
			meaning: "MXレコードが指すホストに A/AAAA レコードがないため、送信側は接続できません。ほかにMXがあれば次に回り、なければ配送を保留します。",
			when:    "メールサーバの名前変更や廃止の後も MX が古い名前を指している場合、MX の参照先のタイプミス、ゾーンファイルで末尾のドットを忘れた場合（mx1.example.com.example.com）に起きます。",
			fix:     "そのホストに A/AAAA レコードを追加するか、MX レコードを修正または削除してください。ゾーンファイルの末尾ドットの漏れも確認します。",
		},
	},
	"port-blocked": {
		class: "network", category: "other", retry: "transient",
		en: findingLang{
			title:   "Outbound port {port} is probably blocked from this network",
			meaning: "DNS works, but no MX host answered on port {port}: every connection timed out or was refused. When all of a domain's mail servers look dead at once from one place, the usual cause is a firewall or provider on this side blocking outgoing port {port}, not the servers.",
			when:    "Residential and mobile providers, cloud platforms (AWS, Google Cloud and Azure block outbound port 25 by default) and company firewalls block outbound port 25 so that infected machines cannot send spam.",
			fix:     "Run the probe from another network, such as a server that sends mail, or try `nc -vz <mx host> {port}` there. Ask the provider to lift the block, or send through its relay (port 587 with authentication). If it also fails from elsewhere, the servers are down.",
		},
		ja: findingLang{
			title:   "このネットワークから外向き{port}番ポートが遮断されている可能性が高い",
			meaning: "DNSは引けていますが、どのMXホストも{port}番ポートで応答せず、接続はすべてタイムアウトか拒否でした。1か所からドメインのメールサーバが全部同時に落ちて見える場合、原因はサーバではなく、こちら側のファイアウォールやプロバイダによる外向き{port}番ポートの遮断であることがほとんどです。",
			when:    "家庭向け・モバイル回線のプロバイダ（OP25B）、クラウド事業者（AWS、Google Cloud、Azure は既定で外向き25番を遮断）、社内ファイアウォールが、感染端末からの迷惑メール送信を防ぐために遮断しています。",
			fix:     "メールを送信しているサーバなど別のネットワークから再実行するか、そこで `nc -vz MXホスト {port}` を試してください。プロバイダに遮断の解除を依頼するか、プロバイダのリレー（認証付きの587番ポート）経由で送信します。別のネットワークからも失敗するなら、サーバ側の停止です。",
		},
	},
	"servers-down": {
		class: "network", category: "server-unavailable", retry: "transient",
		en: findingLang{
			title:   "No mail server of the domain accepts connections",
			meaning: "The MX hosts were reached but none opened an SMTP session: connections were reset or closed, or the greeting was a refusal (421, 554). The network path is fine; the mail servers are down or turning everyone away.",
			when:    "Mail services stopped, overloaded or in maintenance, a service dead behind a load balancer that still accepts connections, or servers refusing this client's address at connect time.",
			fix:     "Check the mail service on the servers (systemctl status postfix, the mail log) and any load balancer in front of them. If a greeting names a blocklist or a policy, see that reply's own explanation. Senders retry for days, so mail is delayed, not yet lost.",
		},
		ja: findingLang{
			title:   "ドメインのどのメールサーバも接続を受け付けていない",
			meaning: "MXホストには到達しましたが、SMTPセッションを開始できたものはありません。接続がリセット・切断されたか、最初の応答が拒否（421、554）でした。経路は正常で、メールサーバが停止しているか、すべての接続を断っています。",
			when:    "メールサービスの停止・過負荷・メンテナンス、接続を受けるロードバランサの裏でサービスが落ちている場合、接続元アドレスを接続時点で拒否している場合に起きます。",
			fix:     "サーバ上のメールサービス（systemctl status postfix、メールログ）と前段のロードバランサを確認してください。応答にブロックリストやポリシーの記載があれば、その応答の解説を参照します。送信側は数日間再送を続けるため、この時点ではまだ遅延で、消失ではありません。",
		},
	},
	"host-unreachable": {
		class: "network", category: "server-unavailable", retry: "transient",
		en: findingLang{
			title:   "Could not connect to this mail server",
			meaning: "No address of this MX host accepted a TCP connection on the port: the attempts timed out, were refused or had no route. Senders try the next MX host; when there is none, they queue the mail and retry.",
			when:    "The server is down, its firewall drops the port, its address in DNS is wrong or stale, or this network cannot reach it (no IPv6 route, outbound port blocked).",
			fix:     "Check that the server listens on the port (`ss -ltn`), its firewall, and that the MX host's A/AAAA records hold its current addresses; test from another network to rule out a block on this side.",
		},
		ja: findingLang{
			title:   "このメールサーバに接続できない",
			meaning: "このMXホストのどのアドレスも、ポートへのTCP接続を受け付けませんでした（タイムアウト、拒否、経路なし）。送信側は次のMXホストに回り、なければキューに保持して再送します。",
			when:    "サーバの停止、ファイアウォールによるポートの遮断、DNS上のアドレスの誤りや古い情報、こちらのネットワークから届かない場合（IPv6の経路がない、外向きポートの遮断）に起きます。",
			fix:     "サーバがポートで待ち受けているか（`ss -ltn`）、ファイアウォール、MXホストの A/AAAA レコードが現在のアドレスかを確認してください。こちら側の遮断を切り分けるため、別のネットワークからも試します。",
		},
	},
	"address-unreachable": {
		class: "network", category: "server-unavailable", retry: "transient",
		en: findingLang{
			title:   "Could not connect to this address of the mail server",
			meaning: "This address of the MX host did not accept a TCP connection on the port (the attempt timed out, was refused or had no route), while another address of the same host did. Senders that pick this address try the host's next address, or the next MX host, so mail is delayed for them rather than lost.",
			when:    "A server that listens on one address family only (IPv4 but not IPv6, say), a firewall rule for one address, or an A or AAAA record that points to an old or wrong address.",
			fix:     "Make the server listen on every address its A and AAAA records give (Postfix: inet_protocols = all), open the port for each, or remove the record of the address that does not serve mail.",
		},
		ja: findingLang{
			title:   "このメールサーバのこのアドレスに接続できない",
			meaning: "このMXホストのこのアドレスは、ポートへのTCP接続を受け付けませんでした（タイムアウト、拒否、経路なし）が、同じホストの別のアドレスは受け付けました。このアドレスを選んだ送信側はホストの次のアドレスか次のMXホストに回るため、メールは遅れますが失われません。",
			when:    "サーバが一方のアドレスファミリでしか待ち受けていない場合（IPv4のみでIPv6なし等）、一つのアドレスだけのファイアウォール規則、古いか誤ったアドレスを指すAやAAAAレコードで起きます。",
			fix:     "AとAAAAレコードのすべてのアドレスでサーバが待ち受けるようにし（Postfix: inet_protocols = all）、それぞれでポートを開けるか、メールを受けないアドレスのレコードを削除してください。",
		},
	},
	"dialogue-failed": {
		class: "network", category: "server-unavailable", retry: "transient",
		en: findingLang{
			title:   "The SMTP session broke off",
			meaning: "The server accepted the connection, but the session ended before the dialogue was complete: the connection was reset or closed, or a reply did not come within the timeout.",
			when:    "Crashing or overloaded SMTP services, middleboxes that kill connections, anti-spam software that drops clients it distrusts, or replies slower than --timeout.",
			fix:     "Look in the server's mail log for this connection. If replies are only slow, try a longer --timeout; if the connection drops after STARTTLS, check the TLS setup; if it drops after one command, check what the log says about it.",
		},
		ja: findingLang{
			title:   "SMTPセッションが途中で切れた",
			meaning: "サーバは接続を受け付けましたが、やりとりの途中でセッションが終わりました。接続のリセット・切断、またはタイムアウト内に応答が返らなかったためです。",
			when:    "SMTPサービスのクラッシュや過負荷、接続を切るネットワーク機器、信用できないクライアントを切断する迷惑メール対策ソフト、--timeout より遅い応答で起きます。",
			fix:     "この接続についてサーバのメールログを確認してください。応答が遅いだけなら --timeout を延ばします。STARTTLS の後に切れるならTLSの設定を、特定のコマンドの後に切れるならそのコマンドについてのログを確認します。",
		},
	},
	"protocol-error": {
		class: "SMTP", category: "other", retry: "transient",
		en: findingLang{
			title:   "The server's answer is not valid SMTP",
			meaning: "Bytes from the server could not be read as an SMTP reply (a three-digit code followed by a space or a hyphen), so the dialogue stopped.",
			when:    "Another service on the mail port (HTTP, SSH, or a TLS-only port spoken to in clear text), a broken proxy, or a wrong port forward.",
			fix:     "Check what really listens on the port; for port 465 use --tls (implicit TLS); make sure load balancers and port forwards lead to the SMTP service.",
		},
		ja: findingLang{
			title:   "サーバの応答がSMTPとして正しくない",
			meaning: "サーバから受け取ったバイト列がSMTPの応答（3桁のコードとスペースまたはハイフン）として読めなかったため、やりとりを中止しました。",
			when:    "メールのポートで別のサービス（HTTP、SSH、平文で話しかけたTLS専用ポート）が動いている場合、壊れたプロキシ、誤ったポート転送で起きます。",
			fix:     "そのポートで実際に何が待ち受けているかを確認してください。465番ポートなら --tls（暗黙的TLS）を使います。ロードバランサやポート転送がSMTPサービスに向いているかも確認します。",
		},
	},
	"greeting-timeout": {
		class: "SMTP", category: "server-unavailable", retry: "transient",
		en: findingLang{
			title:   "Connected, but the server never sent its greeting",
			meaning: "The TCP connection was accepted but no 220 greeting arrived within the timeout. Some servers delay the greeting on purpose (tarpitting); RFC 5321 section 4.5.3.2 lets a sender wait 5 minutes for it.",
			when:    "Tarpits and greeting delays longer than --timeout, servers hung while accepting connections, or servers stuck on a reverse DNS lookup of this client.",
			fix:     "Try again with a longer --timeout (for example 60s). If the greeting still does not come, the SMTP service is hung: check its processes and mail log. Make sure this client's address has working reverse DNS.",
		},
		ja: findingLang{
			title:   "接続できたが、サーバがグリーティングを返さない",
			meaning: "TCP接続は受け付けられましたが、タイムアウト内に 220 のグリーティングが届きませんでした。意図的にグリーティングを遅らせるサーバ（ターピット）もあり、RFC 5321 4.5.3.2節では送信側は5分まで待つことになっています。",
			when:    "--timeout より長いターピットやグリーティング遅延、接続の受け付けで固まっているサーバ、接続元の逆引きで止まっているサーバで起きます。",
			fix:     "--timeout を長くして（例: 60s）再実行してください。それでも届かなければSMTPサービスが固まっているので、プロセスとメールログを確認します。接続元アドレスの逆引きが正しく引けるかも確認してください。",
		},
	},
	"greeting-delay": {
		class: "SMTP", category: "policy", retry: "transient",
		en: findingLang{
			title:   "The greeting came after {delay}: a deliberate greeting delay, not a failure",
			meaning: "The server waited {delay} before its 220 greeting. That is almost always on purpose: Postfix postscreen and Sendmail greet_pause hold the greeting for a few seconds and reject clients that talk first. Real senders wait, so delivery works.",
			when:    "Servers with postscreen (6s greet wait by default), greet_pause or tarpitting, or a slow reverse DNS lookup of the connecting address.",
			fix:     "Nothing to fix for delivery. If the delay is not intended, check the server's reverse DNS lookups and its postscreen or greet_pause settings. Checks with short timeouts (some monitoring) must wait longer than the delay.",
		},
		ja: findingLang{
			title:   "グリーティングまで{delay}かかった: 意図的な応答遅延で、障害ではない",
			meaning: "サーバは 220 のグリーティングまで{delay}待ちました。ほとんどの場合は意図的なもので、Postfix の postscreen や Sendmail の greet_pause は数秒間グリーティングを止め、先に話し始めたクライアントを拒否します。通常の送信サーバは待つので、配送はできます。",
			when:    "postscreen（既定の待ち時間は6秒）、greet_pause、ターピットを使うサーバや、接続元アドレスの逆引きが遅いサーバで見られます。",
			fix:     "配送のために直すべき点はありません。意図しない遅延なら、サーバの逆引き処理と postscreen・greet_pause の設定を確認してください。タイムアウトの短いチェック（一部の監視など）は、遅延より長く待つ必要があります。",
		},
	},
	"throttled": {
		class: "SMTP", category: "rate-limit", retry: "transient",
		en: findingLang{
			title:   "The server is throttling this client, not down",
			meaning: "The reply is a rate limit: too many connections, messages or recipients from this address in a short time. The server works; it asks this client to slow down and come back later.",
			when:    "Many parallel connections or probes from one address, bulk sending, an outbound IP shared with other heavy senders, or low limits (Postfix smtpd_client_connection_count_limit and anvil rates).",
			fix:     "Wait, then retry with fewer parallel connections (a lower -c, or a lower per-destination concurrency on the sending MTA). If it is your server throttling legitimate senders, raise their limits; if it is a provider, follow its sender guidelines and raise volume gradually.",
		},
		ja: findingLang{
			title:   "サーバがこのクライアントを流量制限している（停止ではない）",
			meaning: "応答は流量制限です。短時間にこのアドレスからの接続数・通数・宛先数が多すぎます。サーバは動いており、速度を落として後で再接続するよう求めています。",
			when:    "1つのアドレスからの多数の同時接続や確認、一斉配信、他の大量送信者と共有している送信元IP、低すぎる制限値（Postfix の smtpd_client_connection_count_limit や anvil のレート）で起きます。",
			fix:     "時間をおいて、同時接続数を減らして再送してください（-c を下げる、送信MTAの宛先ごとの同時接続数を下げる）。自社サーバが正規の送信者を制限しているなら制限値を緩めます。大手事業者の制限なら送信者ガイドラインに従い、送信量を段階的に増やします。",
		},
	},
	"starttls-not-offered": {
		class: "TLS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "The server does not offer STARTTLS",
			meaning: "The EHLO reply does not list STARTTLS, so mail to this server travels unencrypted. Delivery works, but anyone on the path can read the mail, and senders with a TLS policy (MTA-STS, DANE, TLS required) will not deliver.",
			when:    "Old or minimal MTA configurations, TLS switched off after a certificate problem, or a middlebox that strips STARTTLS from the EHLO reply.",
			fix:     "Enable STARTTLS on the server with a certificate for the MX host name. If the server is configured for TLS, look for a firewall or proxy that rewrites SMTP.",
		},
		ja: findingLang{
			title:   "サーバがSTARTTLSを提供していない",
			meaning: "EHLO の応答に STARTTLS がないため、このサーバ宛のメールは暗号化されずに送られます。配送はできますが経路上で盗み見られ、TLSを必須とする送信側（MTA-STS、DANE、TLS必須の設定）は配送しません。",
			when:    "古い・最小限のMTA設定、証明書のトラブルでTLSを無効にしたままの場合、EHLO の応答から STARTTLS を消すネットワーク機器がある場合に見られます。",
			fix:     "MXホスト名の証明書でサーバの STARTTLS を有効にしてください。サーバ側で設定済みなら、SMTPを書き換えるファイアウォールやプロキシを探します。",
		},
		fixes: []SoftwareFix{
			{Software: SoftwarePostfix, En: "In main.cf set smtpd_tls_chain_files (or smtpd_tls_cert_file and smtpd_tls_key_file) to the certificate for the MX name and smtpd_tls_security_level = may, then postfix reload. If it is set already, look for a firewall or proxy that rewrites SMTP.",
				Ja: "main.cf で smtpd_tls_chain_files（または smtpd_tls_cert_file と smtpd_tls_key_file）に MX 名の証明書を設定し、smtpd_tls_security_level = may として postfix reload してください。設定済みなら、SMTPを書き換えるファイアウォールやプロキシを探します。"},
			{Software: SoftwareExim, En: "Set tls_certificate and tls_privatekey in the main section of the Exim configuration (Debian: MAIN_TLS_ENABLE = yes) and keep tls_advertise_hosts = *, then restart Exim. If it is set already, look for a firewall or proxy that rewrites SMTP.",
				Ja: "Exim 設定のメインセクションで tls_certificate と tls_privatekey を設定し（Debian では MAIN_TLS_ENABLE = yes）、tls_advertise_hosts = * のまま Exim を再起動してください。設定済みなら、SMTPを書き換えるファイアウォールやプロキシを探します。"},
			{Software: SoftwareSendmail, En: "In sendmail.mc define confSERVER_CERT, confSERVER_KEY and confCACERT (define(`confSERVER_CERT', `/etc/mail/tls/cert.pem')dnl ...), rebuild sendmail.cf and restart sendmail; sendmail offers STARTTLS once it can read them.",
				Ja: "sendmail.mc で confSERVER_CERT、confSERVER_KEY、confCACERT を定義し（define(`confSERVER_CERT', `/etc/mail/tls/cert.pem')dnl など）、sendmail.cf を作り直して sendmail を再起動してください。読めれば STARTTLS が提供されます。"},
			{Software: SoftwareOpenSMTPD, En: "In smtpd.conf declare the certificate (pki mx.example.com cert \"/etc/ssl/mx.pem\" key \"/etc/ssl/private/mx.key\") and add tls pki mx.example.com to the listen on line for port 25, then restart smtpd.",
				Ja: "smtpd.conf で証明書を宣言し（pki mx.example.com cert \"/etc/ssl/mx.pem\" key \"/etc/ssl/private/mx.key\"）、25番ポートの listen on 行に tls pki mx.example.com を加えて smtpd を再起動してください。"},
			{Software: SoftwareExchange, En: "Assign a certificate for the MX name to the SMTP service (Enable-ExchangeCertificate -Services SMTP) and check that the Receive connector's AuthMechanism includes Tls (Get-ReceiveConnector).",
				Ja: "MX 名の証明書を SMTP サービスに割り当て（Enable-ExchangeCertificate -Services SMTP）、受信コネクタの AuthMechanism に Tls が含まれるか確認してください（Get-ReceiveConnector）。"},
		},
	},
	"starttls-required": {
		class: "TLS", category: "tls-required", retry: "permanent",
		en: findingLang{
			title:   "STARTTLS was required but could not be used",
			meaning: "--starttls require was given and the server did not offer STARTTLS or refused it, so the probe stopped without sending anything more in clear. Senders that require TLS will not deliver to this server.",
			when:    "Servers without TLS, a 454 reply to STARTTLS (TLS not available, often a missing or unreadable certificate file), or a middlebox stripping STARTTLS.",
			fix:     "Enable STARTTLS with a valid certificate for the MX host name and look for TLS errors in the log at startup (Postfix: \"cannot load certificate\"). If it is enabled, look for a firewall that rewrites SMTP.",
		},
		ja: findingLang{
			title:   "STARTTLSを必須としたが使えなかった",
			meaning: "--starttls require を指定しましたが、サーバが STARTTLS を提供していないか拒否したため、平文ではそれ以上何も送らずに確認を中止しました。TLS を必須とする送信側はこのサーバに配送しません。",
			when:    "TLS 非対応のサーバ、STARTTLS への 454 応答（証明書ファイルがない・読めないことが多い）、STARTTLS を消すネットワーク機器がある場合に起きます。",
			fix:     "MXホスト名の有効な証明書で STARTTLS を有効にし、起動時のTLSエラーをログで確認してください（Postfix なら「cannot load certificate」）。設定済みなら、SMTPを書き換えるファイアウォールを探します。",
		},
	},
	"tls-handshake-failed": {
		class: "TLS", category: "other", retry: "transient",
		en: findingLang{
			title:   "The TLS handshake failed",
			meaning: "The server agreed to TLS but the handshake did not complete. Senders using opportunistic TLS retry in clear text; senders that require TLS defer the mail.",
			when:    "No protocol version or cipher suite in common (servers limited to SSLv3 or TLS 1.0, or to old ciphers), a missing or unreadable certificate or key, or a middlebox breaking the handshake.",
			fix:     "Read the TLS alert in the error and the server's TLS log. Enable TLS 1.2 and 1.3 with current cipher suites and check that the certificate and key match and are readable by the SMTP service. Reproduce with `openssl s_client -starttls smtp -connect <host>:<port>`.",
		},
		ja: findingLang{
			title:   "TLSハンドシェイクに失敗した",
			meaning: "サーバはTLSに応じましたが、ハンドシェイクが完了しませんでした。日和見TLSの送信側は平文でやり直し、TLS必須の送信側は配送を保留します。",
			when:    "共通するプロトコルバージョンや暗号スイートがない（SSLv3・TLS 1.0 のみ、古い暗号のみのサーバ）、証明書や秘密鍵がない・読めない、ハンドシェイクを壊すネットワーク機器がある場合に起きます。",
			fix:     "エラーのTLSアラートとサーバのTLSログを確認してください。TLS 1.2 と 1.3 を現在の暗号スイートで有効にし、証明書と秘密鍵が対応していてSMTPサービスから読めるかを確認します。`openssl s_client -starttls smtp -connect ホスト:ポート` で再現できます。",
		},
	},
	"tls-untrusted": {
		class: "TLS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "The certificate chain is not trusted",
			meaning: "The certificate does not lead to a trusted root: it is self-signed, issued by a private CA, or the server does not send its intermediate certificate. Opportunistic senders still deliver; senders that verify (MTA-STS, verify policies) do not.",
			when:    "Self-signed or default certificates installed with the MTA (snakeoil), private CAs, or a server configured with its own certificate only instead of the full chain.",
			fix:     "Install a certificate from a public CA (Let's Encrypt works) and configure the full chain, leaf then intermediates. Check with `openssl s_client -starttls smtp -showcerts`.",
		},
		ja: findingLang{
			title:   "証明書チェーンが信頼されていない",
			meaning: "証明書が信頼されたルート証明書につながりません。自己署名、プライベートCAの発行、またはサーバが中間証明書を送っていないためです。日和見TLSの送信側は配送しますが、検証する送信側（MTA-STS や検証必須の設定）は配送しません。",
			when:    "MTA 付属の自己署名・既定の証明書（snakeoil）、プライベートCA、チェーン全体ではなくサーバ証明書だけを設定している場合に起きます。",
			fix:     "公的な認証局の証明書（Let's Encrypt で可）を導入し、サーバ証明書、中間証明書の順に並んだチェーンを設定してください。`openssl s_client -starttls smtp -showcerts` で確認できます。",
		},
		fixes: []SoftwareFix{
			{Software: SoftwarePostfix, En: "Install a certificate from a public CA (Let's Encrypt works) and give Postfix the full chain: smtpd_tls_chain_files = /path/privkey.pem, /path/fullchain.pem (or fullchain.pem in smtpd_tls_cert_file). Check with `openssl s_client -starttls smtp -showcerts`.",
				Ja: "公的な認証局の証明書（Let's Encrypt で可）を導入し、Postfix にチェーン全体を渡してください（smtpd_tls_chain_files = /path/privkey.pem, /path/fullchain.pem、または smtpd_tls_cert_file に fullchain.pem）。`openssl s_client -starttls smtp -showcerts` で確認できます。"},
			{Software: SoftwareExim, En: "Install a certificate from a public CA (Let's Encrypt works) and point tls_certificate at the full chain (fullchain.pem), not the leaf alone. Check with `openssl s_client -starttls smtp -showcerts`.",
				Ja: "公的な認証局の証明書（Let's Encrypt で可）を導入し、tls_certificate をサーバ証明書だけでなくチェーン全体（fullchain.pem）に向けてください。`openssl s_client -starttls smtp -showcerts` で確認できます。"},
			{Software: SoftwareSendmail, En: "Install a certificate from a public CA and put the leaf followed by its intermediates in the confSERVER_CERT file (confCACERT names the CA bundle); rebuild sendmail.cf. Check with `openssl s_client -starttls smtp -showcerts`.",
				Ja: "公的な認証局の証明書を導入し、confSERVER_CERT のファイルにサーバ証明書、中間証明書の順に入れてください（confCACERT は CA の束）。sendmail.cf を作り直します。`openssl s_client -starttls smtp -showcerts` で確認できます。"},
			{Software: SoftwareOpenSMTPD, En: "Install a certificate from a public CA and name the full chain in the pki line (pki mx.example.com cert \"/etc/ssl/fullchain.pem\"). Check with `openssl s_client -starttls smtp -showcerts`.",
				Ja: "公的な認証局の証明書を導入し、pki 行でチェーン全体を指定してください（pki mx.example.com cert \"/etc/ssl/fullchain.pem\"）。`openssl s_client -starttls smtp -showcerts` で確認できます。"},
			{Software: SoftwareExchange, En: "Import a certificate from a public CA with its intermediates (Import-ExchangeCertificate, then Enable-ExchangeCertificate -Services SMTP) so that Windows sends the whole chain. Check with `openssl s_client -starttls smtp -showcerts`.",
				Ja: "公的な認証局の証明書を中間証明書とともにインポートし（Import-ExchangeCertificate の後 Enable-ExchangeCertificate -Services SMTP）、Windows がチェーン全体を送るようにしてください。`openssl s_client -starttls smtp -showcerts` で確認できます。"},
		},
	},
	"tls-name-mismatch": {
		class: "TLS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "The certificate does not match the MX host name",
			meaning: "The certificate is not valid for the name the MX record points to. Senders that verify the name (MTA-STS, verify policies) will not deliver.",
			when:    "A certificate for the web site or another host installed on the mail server, a new MX host name not added to the certificate, or MX records pointing to a provider's name while the certificate covers your own.",
			fix:     "Get a certificate whose subject alternative names include the MX host name, or point the MX record to a name the certificate covers.",
		},
		ja: findingLang{
			title:   "証明書がMXホスト名と一致しない",
			meaning: "証明書が、MXレコードの指すホスト名に対して有効ではありません。名前を検証する送信側（MTA-STS や検証必須の設定）は配送しません。",
			when:    "Webサイト用や別ホスト用の証明書をメールサーバに入れた場合、新しいMXホスト名を証明書に追加していない場合、MX は事業者のホスト名を指しているのに証明書は自社ドメインのものという場合に起きます。",
			fix:     "MXホスト名をサブジェクト代替名（SAN）に含む証明書を取得するか、MXレコードを証明書に含まれる名前に向けてください。",
		},
	},
	"tls-expired": {
		class: "TLS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "The certificate has expired",
			meaning: "The server's certificate is past its expiry date. Opportunistic senders still deliver; senders that verify certificates do not, and mail clients show errors.",
			when:    "Certificate renewal not set up or failing (certbot timer, ACME client), or renewed while the SMTP service was not reloaded and still serves the old one.",
			fix:     "Renew the certificate and reload the mail service so it reads the new file (systemctl reload postfix); check the renewal job and add a deploy hook that reloads the MTA.",
		},
		ja: findingLang{
			title:   "証明書の有効期限が切れている",
			meaning: "サーバ証明書の有効期限が過ぎています。日和見TLSの送信側は配送しますが、証明書を検証する送信側は配送せず、メールソフトにはエラーが表示されます。",
			when:    "証明書の自動更新（certbot のタイマー、ACME クライアント）が未設定か失敗している場合や、更新したのにSMTPサービスを再読み込みしておらず古い証明書のままの場合に起きます。",
			fix:     "証明書を更新し、メールサービスを再読み込みして新しいファイルを読ませてください（systemctl reload postfix）。更新ジョブを確認し、MTA を再読み込みする deploy フックを追加します。",
		},
	},
	"tls-expires-soon": {
		class: "TLS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "The certificate expires in {days} days",
			meaning: "The certificate is still valid but expires in {days} days, inside the warning window of {threshold} days (--cert-warn-days).",
			when:    "An automatic renewal that is failing (ACME certificates renew about 30 days before expiry), or a bought certificate due for renewal.",
			fix:     "Renew the certificate now and reload the mail service. If it should renew by itself, check the renewal job's log (`certbot renew --dry-run`) and that a deploy hook reloads the MTA.",
		},
		ja: findingLang{
			title:   "証明書の有効期限まであと{days}日",
			meaning: "証明書はまだ有効ですが、あと{days}日で期限が切れ、警告期間の{threshold}日（--cert-warn-days）を切っています。",
			when:    "自動更新が失敗している場合（ACME の証明書は通常期限の約30日前に更新されます）や、購入した証明書の更新時期が来ている場合に見られます。",
			fix:     "今のうちに証明書を更新し、メールサービスを再読み込みしてください。自動更新のはずなら、更新ジョブのログ（`certbot renew --dry-run`）と、MTA を再読み込みする deploy フックを確認します。",
		},
	},
	"tls-verify-failed": {
		class: "TLS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "The certificate does not verify",
			meaning: "Certificate verification failed for a reason other than trust, name or expiry (see the error): for example a certificate not yet valid, a wrong key usage or a malformed certificate.",
			when:    "A server clock far off when the certificate was issued, certificates made by hand with unusual extensions, or a broken chain file.",
			fix:     "Read the verify error, then inspect the certificate with `openssl s_client -starttls smtp -showcerts` and `openssl x509 -text`; reissuing it from a public CA usually fixes it.",
		},
		ja: findingLang{
			title:   "証明書の検証に失敗した",
			meaning: "信頼・名前・有効期限以外の理由で証明書の検証に失敗しました（エラーを参照）。たとえば有効期間の開始前、鍵用途の誤り、不正な形式の証明書などです。",
			when:    "発行時にサーバの時計が大きくずれていた場合、独自の拡張を付けて手作業で作った証明書、壊れたチェーンファイルで起きます。",
			fix:     "検証エラーを確認し、`openssl s_client -starttls smtp -showcerts` と `openssl x509 -text` で証明書を調べてください。公的な認証局で再発行すればたいてい解決します。",
		},
	},
	"interrupted": {
		class: "network", category: "other", retry: "transient",
		en: findingLang{
			title:   "The probe was interrupted",
			meaning: "The run was stopped (Ctrl-C or a deadline) before this dialogue ended; what is shown was gathered until then.",
			when:    "The probe was cancelled by hand, or a whole-run deadline was shorter than the servers needed.",
			fix:     "Run the probe again and let it finish; give slow servers a longer --timeout.",
		},
		ja: findingLang{
			title:   "確認が中断された",
			meaning: "このやりとりが終わる前に実行が止められました（Ctrl-C または期限切れ）。表示しているのはそれまでに得られた情報です。",
			when:    "手動で中断した場合や、全体の制限時間がサーバの応答に必要な時間より短かった場合に起きます。",
			fix:     "もう一度実行して最後まで待ってください。応答の遅いサーバには --timeout を長めに指定します。",
		},
	},
	"queued": {
		class: "network", category: "other", retry: "transient",
		en: findingLang{
			title:   "Not probed in time: the probe waited for other probes of this address",
			meaning: "smtpprobe talks to each IP address over few connections at a time, and this target's turn came too late: the run's time ran out while it waited for other probes of the same address, or cut short a dialogue that would have had the time without the wait. Nothing is known against the server.",
			when:    "Many targets of one run, or many concurrent scrapes of the exporter, lead to the same mail server, and the caller's time limit (a scrape timeout, Ctrl-C aside) is shorter than the queue; or, with sessions shared between the targets of a run, the wait reached --deadline, as when the server stops answering in the middle of a shared session.",
			fix:     "Probe fewer targets of one server at once, give the run more time (the scrape timeout, or --deadline, which also bounds the wait for a shared session), or let one run probe them all: the waiting does not count against --deadline. If the server stalled, the target whose turn it was has the finding about it.",
		},
		ja: findingLang{
			title:   "時間内に確認できなかった（同じアドレスへの他の確認を待っていた）",
			meaning: "smtpprobe は各 IP アドレスへ同時に少数の接続しか張りません。この対象の順番が来る前に、同じアドレスへの他の確認を待つ間に実行の時間が尽きたか、待たなければ間に合ったやりとりが途中で打ち切られました。サーバに不利な事実は何も分かっていません。",
			when:    "一度の実行の多くの対象、またはエクスポーターへの多数の同時スクレイプが同じメールサーバに向かい、呼び出し側の制限時間（スクレイプのタイムアウトなど）が待ち行列より短い場合に起きます。対象間でセッションを共有する実行では、待ち時間が --deadline に達した場合（共有セッションの途中でサーバが応答しなくなった場合など）にも起きます。",
			fix:     "同じサーバの対象を同時に確認する数を減らすか、実行の時間（スクレイプのタイムアウト）を延ばすか、一度の実行でまとめて確認してください。待ち時間は --deadline に数えられませんが、共有セッションを待つ時間は --deadline までです。サーバが止まった場合は、その時点で順番だった対象にそのことが報告されます。",
		},
	},
	"dns-queued": {
		class: "DNS", category: "other", retry: "transient",
		en: findingLang{
			title:   "Not looked up in time: a DNS question waited for other DNS queries",
			meaning: "smtpprobe keeps a bounded number of DNS queries in flight at once (256 over a run; --max-dns-queries over all of the exporter's scrapes), and a question this target needed (its MX question, the address of the MX host named, or a check's question such as an MTA-STS, TLS-RPT, TLSA, PTR, SPF, DMARC, DKIM or blocklist record) was never sent: its time ran out while other queries held every slot. Nothing is known about the domain or against the resolver.",
			when:    "A run of very many targets at once, or many concurrent scrapes of the exporter, with a short --deadline or scrape timeout while the resolver answers slowly.",
			fix:     "Give the run more time (--deadline, the scrape timeout), probe fewer targets at once, or raise --max-dns-queries on the exporter if the resolver can take more.",
		},
		ja: findingLang{
			title:   "時間内に調べられなかった（DNS の問い合わせが他の問い合わせを待っていた）",
			meaning: "smtpprobe は同時に送る DNS 問い合わせの数に上限を設けています（一度の実行で 256、エクスポーターでは全スクレイプ合わせて --max-dns-queries）。この対象に必要な問い合わせ（MX、示した MX ホストのアドレス、またはチェックの問い合わせ：MTA-STS、TLS-RPT、TLSA、PTR、SPF、DMARC、DKIM、ブロックリストのレコードなど）は送られませんでした。他の問い合わせがすべての枠を使っている間に時間が尽きたためです。ドメインについても、リゾルバについても、不利な事実は何も分かっていません。",
			when:    "一度に非常に多くの対象を確認する実行や、エクスポーターへの多数の同時スクレイプで、--deadline やスクレイプのタイムアウトが短く、リゾルバの応答が遅い場合に起きます。",
			fix:     "実行の時間（--deadline、スクレイプのタイムアウト）を延ばすか、同時に確認する対象を減らしてください。リゾルバに余裕があれば、エクスポーターの --max-dns-queries を上げます。",
		},
	},
	"probe-stopped": {
		class: "SMTP", category: "other", retry: "permanent",
		en: findingLang{
			title:   "The probe stopped the dialogue on purpose",
			meaning: "smtpprobe refused to go on with this dialogue (see the detail), so the server's answer to the rest is unknown.",
			when:    "A value given to the probe that cannot be sent safely, such as an address with a line break in it, or a safety rule about what may be sent in clear.",
			fix:     "Read the detail, correct the value or the flags it names, and run the probe again.",
		},
		ja: findingLang{
			title:   "確認ツールが意図的にやりとりを中止した",
			meaning: "smtpprobe がこのやりとりを続けることを拒否したため（詳細を参照）、残りの手順に対するサーバの応答は分かりません。",
			when:    "改行を含むアドレスなど安全に送れない値を指定した場合や、平文で送ってよいものについての安全上の規則に当たった場合に起きます。",
			fix:     "詳細を読み、そこに示された値やオプションを直してから再実行してください。",
		},
	},
}
