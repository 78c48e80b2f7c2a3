package catalog

import (
	"fmt"
	"strings"
)

// senderFindings holds the texts of the findings of the sender checks
// (spf, dmarc, dkim, sending-ip) and of dnsbl. {domain} is the sender
// domain, {result} an SPF result, {record} a DNS record to publish.
// FindingText serves them with the others. It is read-only, like
// findings.
var senderFindings = map[string]findingEntry{
	"spf-ok": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "SPF record valid",
			meaning: "The domain publishes one SPF record that parses, stays within the limits of RFC 7208 (10 DNS-querying terms, 2 void lookups) and ends in -all or ~all.",
			when:    "A domain whose SPF record is maintained.",
			fix:     "Nothing to fix. Keep the lookup count under 10 when adding senders: every include, a, mx, ptr, exists and redirect counts, with the includes' own terms.",
		},
		ja: findingLang{
			title:   "SPFレコードは有効",
			meaning: "ドメインは構文が正しいSPFレコードを1つだけ公開しており、RFC 7208の制限（DNSを引く項目は10個まで、空の応答は2回まで）内に収まり、-allか~allで終わっています。",
			when:    "SPFレコードが管理されているドメインで見られます。",
			fix:     "直すことはありません。送信元を追加するときは、include・a・mx・ptr・exists・redirectと、include先の項目も合わせた参照数を10以下に保ってください。",
		},
	},
	"spf-none": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "No SPF record",
			meaning: "{domain} publishes no TXT record beginning with v=spf1, so receivers get the SPF result none: no address is authorised to send its mail. Gmail, Yahoo and Microsoft require SPF or DKIM of every sender, and both (with DMARC) of bulk senders.",
			when:    "A new domain, a domain that never sends mail, or a record lost in a DNS migration.",
			fix:     "Publish one TXT record at {domain} listing the servers that send its mail, for example `{record}` (mail from the MX hosts only). A domain that sends no mail at all publishes `v=spf1 -all`.",
		},
		ja: findingLang{
			title:   "SPFレコードがない",
			meaning: "{domain} には v=spf1 で始まるTXTレコードがないため、受信側のSPF判定はnoneになり、どのアドレスも送信を認められていません。Gmail・Yahoo・MicrosoftはすべてのメールにSPFかDKIMを、大量送信者には両方とDMARCを求めています。",
			when:    "新しいドメイン、メールを送らないドメイン、DNS移行で消えたレコードで起きます。",
			fix:     "{domain} に、メールを送るサーバを並べたTXTレコードを1つ公開してください。例: `{record}`（MXホストからだけ送る場合）。メールを一切送らないドメインは `v=spf1 -all` を公開します。",
		},
	},
	"spf-several": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "More than one SPF record",
			meaning: "{domain} publishes several TXT records beginning with v=spf1. RFC 7208 section 4.5 makes that a permerror for every message, which DMARC treats as an SPF failure.",
			when:    "A second provider's record added beside the first instead of merged into it.",
			fix:     "Merge them into one record: keep one v=spf1, put every mechanism of both before a single -all or ~all, and delete the other TXT record.",
		},
		ja: findingLang{
			title:   "SPFレコードが複数ある",
			meaning: "{domain} には v=spf1 で始まるTXTレコードが複数あります。RFC 7208 4.5節により、すべてのメールでpermerrorとなり、DMARCではSPF失敗と同じに扱われます。",
			when:    "2つ目の事業者のレコードを、既存のものに統合せず横に追加したときに起きます。",
			fix:     "1つのレコードに統合してください。v=spf1 を1つにし、両方のメカニズムを並べて最後に -all か ~all を1つだけ置き、もう一方のTXTレコードを削除します。",
		},
	},
	"spf-syntax": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "SPF record has a syntax error",
			meaning: "A record in the SPF tree of {domain} does not follow the grammar of RFC 7208 (an unknown mechanism, a bad address or CIDR length, a domain without a top label, a broken macro). Receivers return permerror, which DMARC treats as a failure.",
			when:    "A typo (ip4 with a host name, a missing colon, a stray character) or a mechanism from another format.",
			fix:     "Correct the term named in the detail. Check the record with `smtpprobe --checks spf {domain}` after the change has propagated.",
		},
		ja: findingLang{
			title:   "SPFレコードに構文エラーがある",
			meaning: "{domain} のSPFの参照先のどこかにRFC 7208の文法に合わないレコードがあります（不明なメカニズム、不正なアドレスやCIDR長、トップラベルのないドメイン、壊れたマクロなど）。受信側はpermerrorを返し、DMARCでは失敗と同じです。",
			when:    "タイプミス（ip4にホスト名、コロンの抜け、余計な文字）や、別の形式のメカニズムを書いたときに起きます。",
			fix:     "詳細に示した項目を直してください。反映後に `smtpprobe --checks spf {domain}` で確認できます。",
		},
	},
	"spf-lookups": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "SPF needs more than 10 DNS lookups",
			meaning: "Evaluating the SPF tree of {domain} takes more than 10 DNS-querying terms (include, a, mx, ptr, exists, redirect, counted through every include). RFC 7208 section 4.6.4 makes the evaluation stop with permerror at the 11th, so mail from any server listed after that point fails SPF, and DMARC treats it as failed.",
			when:    "Several providers' includes added over time, each with includes of its own.",
			fix:     "Bring the count to 10 or fewer: remove includes of services no longer used, replace a and mx terms by ip4/ip6 ranges, or send some mail from a subdomain with its own record. The tree shows what each include costs.",
		},
		ja: findingLang{
			title:   "SPFのDNS参照が10回を超える",
			meaning: "{domain} のSPFを評価すると、DNSを引く項目（include・a・mx・ptr・exists・redirect、include先も含む）が10個を超えます。RFC 7208 4.6.4節により11個目で評価はpermerrorで止まり、それ以降に書かれたサーバからのメールはSPF失敗となり、DMARCでも失敗扱いです。",
			when:    "複数の事業者のincludeを追加していき、それぞれがさらにincludeを持つ場合に起きます。",
			fix:     "10個以下に減らしてください。使っていないサービスのincludeを消す、aやmxをip4/ip6の範囲に置き換える、一部のメールを専用レコードを持つサブドメインから送る、などです。ツリーに各includeの参照数を示しています。",
		},
	},
	"spf-void": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "SPF has more than 2 void lookups",
			meaning: "More than two DNS questions of the SPF tree of {domain} are answered with no record or NXDOMAIN. RFC 7208 section 4.6.4 makes the third a permerror, which DMARC treats as a failure.",
			when:    "Includes or a/mx terms naming hosts or services that no longer exist.",
			fix:     "Remove the terms whose names no longer resolve (marked void in the tree).",
		},
		ja: findingLang{
			title:   "SPFの空の応答が2回を超える",
			meaning: "{domain} のSPFで、レコードなしやNXDOMAINと答えられたDNS問い合わせが2回を超えます。RFC 7208 4.6.4節により3回目でpermerrorとなり、DMARCでは失敗扱いです。",
			when:    "すでに存在しないホストやサービスを指すinclude・a・mxが残っている場合に起きます。",
			fix:     "名前が引けなくなった項目（ツリーでvoidと表示）を削除してください。",
		},
	},
	"spf-loop": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "SPF include loop",
			meaning: "The SPF tree of {domain} includes or redirects to a record that is already being evaluated, so evaluation never ends. Receivers stop with permerror, which DMARC treats as a failure.",
			when:    "Two records that include each other, or a redirect to the domain itself.",
			fix:     "Remove the include or redirect named in the detail.",
		},
		ja: findingLang{
			title:   "SPFのincludeがループしている",
			meaning: "{domain} のSPFが、評価中のレコードを再びincludeまたはredirectしているため、評価が終わりません。受信側はpermerrorで止まり、DMARCでは失敗扱いです。",
			when:    "互いにincludeし合う2つのレコードや、自分自身へのredirectで起きます。",
			fix:     "詳細に示したincludeかredirectを削除してください。",
		},
	},
	"spf-permerror": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "SPF evaluation ends in permerror",
			meaning: "The SPF tree of {domain} cannot be evaluated: an include or redirect names a domain without an SPF record, an mx term has more than 10 MX records, or a record's name is a CNAME that loops. Receivers return permerror (temperror for the loop, which defers mail), and DMARC treats the mail as failed.",
			when:    "An include of a provider that moved its record, or a typo in the included name.",
			fix:     "Correct or remove the term named in the detail; an include must name a domain that publishes v=spf1.",
		},
		ja: findingLang{
			title:   "SPFの評価がpermerrorになる",
			meaning: "{domain} のSPFを評価できません。include・redirect先にSPFレコードがない、mxのMXレコードが10を超えている、またはレコードの名前がループするCNAMEです。受信側はpermerror（ループではtemperrorでメールを保留）を返し、DMARCでは失敗扱いです。",
			when:    "レコードの場所を変えた事業者のinclude、include先の名前のタイプミスで起きます。",
			fix:     "詳細に示した項目を直すか削除してください。include先は v=spf1 を公開しているドメインでなければなりません。",
		},
	},
	"spf-pass-all": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "SPF authorises every address (+all)",
			meaning: "The SPF tree of {domain} ends in +all (or a bare all), so every server on the Internet passes SPF for the domain: SPF then protects nothing, and receivers that notice it treat the record as a spam signal.",
			when:    "A record written to make mail pass quickly, or all written without the minus.",
			fix:     "List the servers that send the domain's mail and end the record in -all or ~all.",
		},
		ja: findingLang{
			title:   "SPFがすべてのアドレスを許可している（+all）",
			meaning: "{domain} のSPFは +all（または修飾子なしのall）で終わるため、インターネット上のどのサーバもSPFに合格します。SPFは何も守らず、これに気付く受信側はスパムの兆候とみなします。",
			when:    "とりあえずメールを通すために書いたレコードや、マイナスを付け忘れたallで起きます。",
			fix:     "メールを送るサーバを列挙し、レコードを -all か ~all で終えてください。",
		},
	},
	"spf-weak-all": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "SPF does not say what happens to other senders",
			meaning: "The SPF record of {domain} ends in ?all or has no all, so servers it does not list get neutral, which tells receivers nothing: forged mail is not marked as such.",
			when:    "A record left in a testing state, or all forgotten.",
			fix:     "End the record in -all (or ~all while you are still finding your senders).",
		},
		ja: findingLang{
			title:   "SPFが列挙外の送信元の扱いを示していない",
			meaning: "{domain} のSPFは ?all で終わるかallがないため、列挙されていないサーバの判定はneutralとなり、受信側に何も伝えません。なりすましメールもそれと示されません。",
			when:    "試験中のまま残したレコードや、allを書き忘れたときに起きます。",
			fix:     "レコードを -all で終えてください（送信元を洗い出している間は ~all）。",
		},
	},
	"spf-ptr": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "SPF uses the ptr mechanism",
			meaning: "The SPF tree of {domain} uses ptr, which RFC 7208 section 5.5 says should not be published: it is slow, costs many lookups and is unreliable, and some receivers ignore it, so the servers it was meant to cover may fail.",
			when:    "Old records written before RFC 7208.",
			fix:     "Replace ptr by the ip4/ip6 ranges or a/mx terms of the servers it was meant to cover.",
		},
		ja: findingLang{
			title:   "SPFがptrメカニズムを使っている",
			meaning: "{domain} のSPFはptrを使っています。RFC 7208 5.5節は公開しないよう求めています。遅く、多くの参照を要し、当てにならず、無視する受信側もあるため、対象のサーバが失敗することがあります。",
			when:    "RFC 7208以前に書かれた古いレコードで見られます。",
			fix:     "ptrを、対象サーバのip4/ip6の範囲やa・mxに置き換えてください。",
		},
	},
	"spf-resolver": {
		class: "DNS", category: "dns-problem", retry: "transient",
		en: findingLang{
			title:   "SPF could not be read: the resolver failed",
			meaning: "A DNS question of the SPF evaluation of {domain} got no answer (timeout, SERVFAIL or REFUSED), so whether the record is valid is not known. Receivers in the same situation return temperror and defer the mail.",
			when:    "A resolver or authoritative server that is down or broken for that name.",
			fix:     "Run the check again, or with another --resolver. If the failure stays, the name's authoritative servers (or its DNSSEC) are broken.",
		},
		ja: findingLang{
			title:   "SPFを読めない: リゾルバが失敗した",
			meaning: "{domain} のSPF評価中のDNS問い合わせに応答がなく（タイムアウト、SERVFAIL、REFUSED）、レコードが有効かどうか分かりません。同じ状況の受信側はtemperrorとしてメールを保留します。",
			when:    "リゾルバや、その名前の権威サーバが停止・故障している場合に起きます。",
			fix:     "もう一度、または別の --resolver で確認してください。続く場合は、その名前の権威サーバ（またはDNSSEC）が壊れています。",
		},
	},
	"spf-ip-pass": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "The sending address passes SPF",
			meaning: "Evaluated for the --sending-ip address, the SPF record of {domain} gives pass: receivers accept the address as a sender for the domain.",
			when:    "The address is listed in the record, directly or through an include.",
			fix:     "Nothing to fix.",
		},
		ja: findingLang{
			title:   "送信アドレスはSPFに合格する",
			meaning: "--sending-ip のアドレスで {domain} のSPFを評価するとpassになり、受信側はそのアドレスをこのドメインの送信元と認めます。",
			when:    "アドレスが直接またはinclude経由でレコードに含まれている場合です。",
			fix:     "直すことはありません。",
		},
	},
	"spf-ip-fail": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "The sending address fails SPF",
			meaning: "Evaluated for the --sending-ip address, the SPF record of {domain} gives {result}: receivers reject or junk mail from this address for the domain, and DMARC fails unless DKIM aligns.",
			when:    "A new server or provider not yet added to the record, or a record broken by an error (permerror).",
			fix:     "Add the address (ip4:ADDR or ip6:ADDR, or the provider's include) before the -all of the record, or fix the error the tree shows.",
		},
		ja: findingLang{
			title:   "送信アドレスがSPFに失敗する",
			meaning: "--sending-ip のアドレスで {domain} のSPFを評価すると {result} になります。受信側はこのアドレスからのこのドメインのメールを拒否または迷惑メール扱いにし、DKIMが一致しない限りDMARCも失敗します。",
			when:    "レコードにまだ追加していない新しいサーバや事業者、またはエラー（permerror）で壊れたレコードで起きます。",
			fix:     "レコードの -all の前にアドレス（ip4:ADDR、ip6:ADDR、または事業者のinclude）を追加するか、ツリーが示すエラーを直してください。",
		},
	},
	"spf-ip-weak": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "The sending address does not pass SPF",
			meaning: "Evaluated for the --sending-ip address, the SPF record of {domain} gives {result}: receivers do not reject on SPF alone, but DMARC counts it as a failure, so the mail depends on an aligned DKIM signature.",
			when:    "The address is not listed and the record ends in ~all or ?all, or the domain has no record.",
			fix:     "Add the address (ip4:ADDR or ip6:ADDR, or the provider's include) to the record of {domain}.",
		},
		ja: findingLang{
			title:   "送信アドレスがSPFに合格しない",
			meaning: "--sending-ip のアドレスで {domain} のSPFを評価すると {result} になります。SPFだけで拒否はされませんが、DMARCでは失敗と数えられ、メールは一致するDKIM署名次第になります。",
			when:    "アドレスが列挙されておらずレコードが ~all か ?all で終わる場合、またはレコードがない場合です。",
			fix:     "{domain} のレコードにアドレス（ip4:ADDR、ip6:ADDR、または事業者のinclude）を追加してください。",
		},
	},
	"dmarc-ok": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DMARC policy published",
			meaning: "{domain} has a valid DMARC record that asks receivers to quarantine or reject mail failing both SPF and DKIM alignment.",
			when:    "A domain protected against direct spoofing.",
			fix:     "Nothing to fix. Read the aggregate (rua) reports to see who sends as the domain.",
		},
		ja: findingLang{
			title:   "DMARCポリシーが公開されている",
			meaning: "{domain} には有効なDMARCレコードがあり、SPFとDKIMのどちらの一致にも失敗したメールの隔離または拒否を受信側に求めています。",
			when:    "なりすましに対策済みのドメインで見られます。",
			fix:     "直すことはありません。集計レポート（rua）で、誰がこのドメインとして送っているかを確認してください。",
		},
	},
	"dmarc-monitoring": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DMARC in monitoring mode (p=none)",
			meaning: "The DMARC record of {domain} has p=none: receivers send reports but take no action on failing mail. This satisfies the Gmail and Yahoo requirement for bulk senders, but does not stop spoofing.",
			when:    "A domain starting DMARC and collecting reports before enforcing.",
			fix:     "Once the reports show every legitimate sender passing, move to p=quarantine, then p=reject.",
		},
		ja: findingLang{
			title:   "DMARCは監視のみ（p=none）",
			meaning: "{domain} のDMARCは p=none で、受信側はレポートを送るだけで失敗したメールに何もしません。Gmail・Yahooの大量送信者の要件は満たしますが、なりすましは止めません。",
			when:    "DMARCを始めたばかりで、適用前にレポートを集めているドメインで見られます。",
			fix:     "レポートで正規の送信元がすべて合格していると確認できたら、p=quarantine、次に p=reject に進めてください。",
		},
	},
	"dmarc-none": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "No DMARC record",
			meaning: "Neither _dmarc.{domain} nor any parent domain publishes a DMARC record. Gmail and Yahoo require one of bulk senders (at least p=none), and without it nobody can tell receivers how to treat mail forged in the domain's name.",
			when:    "A domain that never set DMARC up.",
			fix:     "Publish a TXT record at _dmarc.{domain}, starting with monitoring: `{record}`.",
		},
		ja: findingLang{
			title:   "DMARCレコードがない",
			meaning: "_dmarc.{domain} にも親ドメインにもDMARCレコードがありません。Gmail・Yahooは大量送信者に（少なくともp=noneの）DMARCを求めており、これがないとドメインをかたるメールの扱いを受信側に伝えられません。",
			when:    "DMARCを設定したことのないドメインで起きます。",
			fix:     "_dmarc.{domain} にTXTレコードを公開してください。まずは監視から: `{record}`",
		},
	},
	"dmarc-several": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "More than one DMARC record",
			meaning: "A name of the DMARC lookup of {domain} holds several v=DMARC1 records. Receivers discard them all (RFC 7489 section 6.6.3, RFC 9989), so the policy there is ignored.",
			when:    "A second record added by another tool or provider instead of editing the first.",
			fix:     "Keep one record at that name, merging the tags you need.",
		},
		ja: findingLang{
			title:   "DMARCレコードが複数ある",
			meaning: "{domain} のDMARC参照先の名前に v=DMARC1 のレコードが複数あります。受信側はすべて破棄するため（RFC 7489 6.6.3節、RFC 9989）、そこのポリシーは無視されます。",
			when:    "既存のレコードを編集せず、別のツールや事業者が2つ目を追加したときに起きます。",
			fix:     "その名前のレコードを1つにし、必要なタグを統合してください。",
		},
	},
	"dmarc-syntax": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DMARC record has errors",
			meaning: "The DMARC record of {domain} has tags receivers cannot read (a missing or invalid p, a bad pct or alignment mode, a malformed report address). Receivers ignore those tags and use defaults, which may not be what was meant.",
			when:    "A typo in a tag or value, or a report address without mailto:.",
			fix:     "Correct the tags named in the detail.",
		},
		ja: findingLang{
			title:   "DMARCレコードに誤りがある",
			meaning: "{domain} のDMARCレコードに読めないタグがあります（pの欠落・不正、不正なpctやアライメント指定、壊れたレポート宛先など）。受信側はそれらを無視して既定値を使うため、意図と違う動作になることがあります。",
			when:    "タグや値のタイプミス、mailto: のないレポート宛先で起きます。",
			fix:     "詳細に示したタグを直してください。",
		},
	},
	"dmarc-rua-unauthorized": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DMARC reports go to a domain that has not agreed",
			meaning: "The DMARC record of {domain} sends reports to another domain that publishes no authorisation record, so receivers following RFC 7489 section 7.1 send it no reports.",
			when:    "A reporting service whose authorisation was never published, or a typo in the address.",
			fix:     "Ask the receiving domain to publish (or publish it yourself if it is yours) the TXT record `{record}`.",
		},
		ja: findingLang{
			title:   "DMARCレポートの宛先ドメインが同意していない",
			meaning: "{domain} のDMARCは、許可レコードを公開していない別ドメインにレポートを送るよう指定しているため、RFC 7489 7.1節に従う受信側はレポートを送りません。",
			when:    "許可レコードが公開されていないレポートサービスや、宛先のタイプミスで起きます。",
			fix:     "受信側ドメインに（自分のドメインなら自分で）TXTレコード `{record}` を公開してもらってください。",
		},
	},
	"dmarc-resolver": {
		class: "DNS", category: "dns-problem", retry: "transient",
		en: findingLang{
			title:   "DMARC could not be read: the resolver failed",
			meaning: "A DNS question of the DMARC lookup of {domain} got no answer (timeout, SERVFAIL or REFUSED), so whether a record exists is not known.",
			when:    "A resolver or authoritative server that is down or broken for that name.",
			fix:     "Run the check again, or with another --resolver.",
		},
		ja: findingLang{
			title:   "DMARCを読めない: リゾルバが失敗した",
			meaning: "{domain} のDMARC参照中のDNS問い合わせに応答がなく（タイムアウト、SERVFAIL、REFUSED）、レコードがあるかどうか分かりません。",
			when:    "リゾルバや、その名前の権威サーバが停止・故障している場合に起きます。",
			fix:     "もう一度、または別の --resolver で確認してください。",
		},
	},
	"dkim-ok": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DKIM key published",
			meaning: "The selector's key record for {domain} holds a 2048-bit (or larger) RSA key or an Ed25519 key, as receivers expect.",
			when:    "A domain whose signing key is current.",
			fix:     "Nothing to fix. Rotate keys by publishing a new selector before signing with it.",
		},
		ja: findingLang{
			title:   "DKIM鍵が公開されている",
			meaning: "{domain} のセレクタの鍵レコードには、受信側が期待する2048ビット以上のRSA鍵かEd25519鍵があります。",
			when:    "署名鍵が最新のドメインで見られます。",
			fix:     "直すことはありません。鍵を替えるときは、新しいセレクタを公開してから署名に使ってください。",
		},
	},
	"dkim-no-selector": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DKIM not checked: no selector given",
			meaning: "DKIM keys live at SELECTOR._domainkey.{domain}, and selectors cannot be listed from the DNS, so nothing about the domain's DKIM can be known without one.",
			when:    "The dkim check ran without --dkim-selector.",
			fix:     "Find the selector in a message the domain sent: the s= tag of its DKIM-Signature header (for example s=google or s=selector1), then run again with --dkim-selector NAME.",
		},
		ja: findingLang{
			title:   "DKIMは未確認: セレクタが指定されていない",
			meaning: "DKIM鍵は SELECTOR._domainkey.{domain} にあり、セレクタはDNSから列挙できないため、指定がなければこのドメインのDKIMについて何も分かりません。",
			when:    "--dkim-selector なしでdkimチェックを実行した場合です。",
			fix:     "ドメインが送ったメールのDKIM-Signatureヘッダのs=タグ（例: s=google、s=selector1）でセレクタを調べ、--dkim-selector NAME を付けて再実行してください。",
		},
	},
	"dkim-missing": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DKIM selector has no key record",
			meaning: "No DKIM key record exists at the selector's name under {domain}, so every signature made with that selector fails to verify, and DMARC fails unless SPF aligns.",
			when:    "A selector not yet published, removed too early in a rotation, or misspelt.",
			fix:     "Publish the key your mail system shows for this selector as a TXT record at SELECTOR._domainkey.{domain}, or check the selector's spelling against the s= tag of a signed message.",
		},
		ja: findingLang{
			title:   "DKIMセレクタに鍵レコードがない",
			meaning: "{domain} のこのセレクタの名前にDKIM鍵レコードがないため、このセレクタの署名はすべて検証に失敗し、SPFが一致しない限りDMARCも失敗します。",
			when:    "未公開のセレクタ、鍵の入れ替えで早く消しすぎた場合、綴りの誤りで起きます。",
			fix:     "メールシステムが示すこのセレクタの鍵を SELECTOR._domainkey.{domain} にTXTレコードとして公開するか、署名済みメールのs=タグとセレクタの綴りを照合してください。",
		},
	},
	"dkim-invalid": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DKIM key record cannot be used",
			meaning: "The selector's record under {domain} is not a usable DKIM key (no p tag, a key that does not decode, an unknown key type, or several records), so signatures with that selector fail to verify.",
			when:    "A key pasted with a character lost or a line break, or a record split wrongly into TXT strings.",
			fix:     "Publish the key again exactly as your mail system shows it; long keys are split into several quoted strings of one TXT record, never several records.",
		},
		ja: findingLang{
			title:   "DKIM鍵レコードが使えない",
			meaning: "{domain} のこのセレクタのレコードは使えるDKIM鍵ではありません（pタグがない、鍵をデコードできない、不明な鍵種別、レコードが複数）。このセレクタの署名は検証に失敗します。",
			when:    "貼り付け時に文字が欠けたり改行が入ったりした鍵や、TXT文字列の分け方を誤ったレコードで起きます。",
			fix:     "メールシステムが示す鍵をそのまま公開し直してください。長い鍵は1つのTXTレコードの中で複数の引用文字列に分けます（複数のレコードにはしません）。",
		},
	},
	"dkim-weak-key": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DKIM key shorter than 1024 bits",
			meaning: "The selector's RSA key under {domain} is shorter than 1024 bits. RFC 8301 requires verifiers to reject such signatures, so they count as no signature at all.",
			when:    "A key generated long ago with an old default.",
			fix:     "Generate a 2048-bit RSA key (or Ed25519 beside it), publish it under a new selector and switch signing to it.",
		},
		ja: findingLang{
			title:   "DKIM鍵が1024ビット未満",
			meaning: "{domain} のこのセレクタのRSA鍵は1024ビット未満です。RFC 8301は検証側にこうした署名を拒否するよう求めており、署名なしと同じになります。",
			when:    "古い既定値で昔作った鍵で起きます。",
			fix:     "2048ビットのRSA鍵（あるいはEd25519を併用）を作り、新しいセレクタで公開して署名をそちらに切り替えてください。",
		},
	},
	"dkim-1024": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DKIM key of only 1024 bits",
			meaning: "The selector's RSA key under {domain} has 1024 bits: still accepted, but below the 2048 bits that RFC 8301 recommends and that large receivers expect.",
			when:    "Keys made by older defaults or by DNS hosts that could not hold longer TXT records.",
			fix:     "Publish a 2048-bit key under a new selector and switch signing to it.",
		},
		ja: findingLang{
			title:   "DKIM鍵が1024ビットしかない",
			meaning: "{domain} のこのセレクタのRSA鍵は1024ビットです。まだ受け入れられますが、RFC 8301が推奨し大手の受信側が期待する2048ビットに足りません。",
			when:    "古い既定値や、長いTXTレコードを扱えないDNSサービスで作った鍵で見られます。",
			fix:     "2048ビットの鍵を新しいセレクタで公開し、署名をそちらに切り替えてください。",
		},
	},
	"dkim-revoked": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DKIM key revoked",
			meaning: "The selector's record under {domain} has an empty p=, which revokes the key: every signature with this selector fails.",
			when:    "A selector retired on purpose, or a mail system still signing with it.",
			fix:     "If mail is still signed with this selector, switch signing to a current one; otherwise nothing to fix.",
		},
		ja: findingLang{
			title:   "DKIM鍵が失効している",
			meaning: "{domain} のこのセレクタのレコードは p= が空で、鍵は失効しています。このセレクタの署名はすべて失敗します。",
			when:    "意図して廃止したセレクタ、またはまだそれで署名しているメールシステムで起きます。",
			fix:     "まだこのセレクタで署名しているなら、有効なセレクタに切り替えてください。そうでなければ直すことはありません。",
		},
	},
	"dkim-testing": {
		class: "DNS", category: "spf-dkim-dmarc", retry: "permanent",
		en: findingLang{
			title:   "DKIM key in testing mode (t=y)",
			meaning: "The selector's record under {domain} has t=y: receivers must treat its signatures like unsigned mail when they fail, and some give them less weight even when they pass.",
			when:    "A key published while setting DKIM up and never finalised.",
			fix:     "Remove the y flag from t= once signing works.",
		},
		ja: findingLang{
			title:   "DKIM鍵が試験モード（t=y）",
			meaning: "{domain} のこのセレクタのレコードには t=y があり、受信側は検証に失敗した署名を署名なしと同じに扱わなければならず、合格しても重みを下げる受信側もあります。",
			when:    "DKIM設定中に公開し、そのまま確定していない鍵で見られます。",
			fix:     "署名が機能したら t= からyを外してください。",
		},
	},
	"dkim-resolver": {
		class: "DNS", category: "dns-problem", retry: "transient",
		en: findingLang{
			title:   "DKIM key could not be read: the resolver failed",
			meaning: "The DNS question for the selector's key under {domain} got no answer (timeout, SERVFAIL or REFUSED), so whether the key exists is not known.",
			when:    "A resolver or authoritative server that is down or broken for that name.",
			fix:     "Run the check again, or with another --resolver.",
		},
		ja: findingLang{
			title:   "DKIM鍵を読めない: リゾルバが失敗した",
			meaning: "{domain} のセレクタの鍵を問い合わせても応答がなく（タイムアウト、SERVFAIL、REFUSED）、鍵があるかどうか分かりません。",
			when:    "リゾルバや、その名前の権威サーバが停止・故障している場合に起きます。",
			fix:     "もう一度、または別の --resolver で確認してください。",
		},
	},
	"sending-ip-ok": {
		class: "DNS", category: "reverse-dns", retry: "permanent",
		en: findingLang{
			title:   "Sending address has confirmed reverse DNS",
			meaning: "The --sending-ip address has a PTR name that resolves back to it (forward-confirmed reverse DNS), as Gmail, Microsoft and others require of senders.",
			when:    "A sending server set up with matching PTR and A/AAAA records.",
			fix:     "Nothing to fix.",
		},
		ja: findingLang{
			title:   "送信アドレスの逆引きが確認できる",
			meaning: "--sending-ip のアドレスには、そのアドレスに正引きで戻るPTR名があります（正引きで確認された逆引き）。Gmail・Microsoftなどが送信者に求める条件です。",
			when:    "PTRとA/AAAAが一致するように設定された送信サーバで見られます。",
			fix:     "直すことはありません。",
		},
	},
	"sending-ip-no-ptr": {
		class: "DNS", category: "reverse-dns", retry: "permanent",
		en: findingLang{
			title:   "Sending address has no reverse DNS",
			meaning: "The --sending-ip address has no PTR record. Gmail, Microsoft and many others refuse or junk mail from addresses without reverse DNS.",
			when:    "A server on an address whose PTR was never set, typically cloud or residential addresses.",
			fix:     "Ask whoever owns the address (the hosting or cloud provider, often through its control panel) to set its PTR to the server's host name, and give that name an A or AAAA record of the address.",
		},
		ja: findingLang{
			title:   "送信アドレスに逆引きがない",
			meaning: "--sending-ip のアドレスにはPTRレコードがありません。Gmail・Microsoftなど多くの受信側は、逆引きのないアドレスからのメールを拒否するか迷惑メールにします。",
			when:    "PTRを設定していないアドレスのサーバ、特にクラウドや家庭用回線のアドレスで起きます。",
			fix:     "アドレスの管理者（ホスティングやクラウド事業者、多くは管理画面から）にPTRをサーバのホスト名に設定してもらい、その名前にこのアドレスのAまたはAAAAレコードを付けてください。",
		},
	},
	"sending-ip-unconfirmed": {
		class: "DNS", category: "reverse-dns", retry: "permanent",
		en: findingLang{
			title:   "Sending address's reverse DNS is not forward-confirmed",
			meaning: "The --sending-ip address has a PTR name, but no such name resolves back to the address. Receivers that require forward-confirmed reverse DNS (Gmail, Microsoft and others) treat it like no PTR at all.",
			when:    "A PTR left at the provider's generic name, or a host name whose A/AAAA record points elsewhere.",
			fix:     "Give the PTR name an A (or AAAA) record of the address, or change the PTR to a name that has one.",
		},
		ja: findingLang{
			title:   "送信アドレスの逆引きが正引きで確認できない",
			meaning: "--sending-ip のアドレスにはPTR名がありますが、どの名前もこのアドレスに正引きで戻りません。正引き確認を求める受信側（Gmail・Microsoftなど）はPTRなしと同じに扱います。",
			when:    "PTRが事業者の汎用名のままの場合や、ホスト名のA/AAAAが別のアドレスを指している場合に起きます。",
			fix:     "PTR名にこのアドレスのA（またはAAAA）レコードを付けるか、それを持つ名前にPTRを変えてください。",
		},
	},
	"sending-ip-listed": {
		class: "DNS", category: "blocklist", retry: "permanent",
		en: findingLang{
			title:   "Sending address is on a blocklist",
			meaning: "A blocklist named with --dnsbl lists the --sending-ip address. Receivers using that list refuse or junk its mail.",
			when:    "Spam or a compromised account sent from the address, or a previous user of the address did.",
			fix:     "Stop the cause first (compromised accounts, open relays, forms that send mail), then request delisting on the list's web site; the TXT answer in the detail usually names the page.",
		},
		ja: findingLang{
			title:   "送信アドレスがブロックリストに載っている",
			meaning: "--dnsbl で指定したブロックリストに --sending-ip のアドレスが載っています。そのリストを使う受信側はメールを拒否するか迷惑メールにします。",
			when:    "そのアドレスからスパムが送られた、アカウントが乗っ取られた、または以前の利用者が送った場合に起きます。",
			fix:     "まず原因（乗っ取られたアカウント、オープンリレー、メールを送るフォームなど）を止め、リストのWebサイトで削除を依頼してください。詳細のTXT応答に多くはそのページが書かれています。",
		},
	},
	"sending-ip-resolver": {
		class: "DNS", category: "dns-problem", retry: "transient",
		en: findingLang{
			title:   "Reverse DNS of the sending address could not be read",
			meaning: "The PTR question for the --sending-ip address got no answer (timeout, SERVFAIL or REFUSED), so whether it has reverse DNS is not known.",
			when:    "A resolver, or the reverse zone's servers, down or broken.",
			fix:     "Run the check again, or with another --resolver.",
		},
		ja: findingLang{
			title:   "送信アドレスの逆引きを読めない",
			meaning: "--sending-ip のアドレスのPTR問い合わせに応答がなく（タイムアウト、SERVFAIL、REFUSED）、逆引きがあるかどうか分かりません。",
			when:    "リゾルバや逆引きゾーンのサーバが停止・故障している場合に起きます。",
			fix:     "もう一度、または別の --resolver で確認してください。",
		},
	},
	"dnsbl-ok": {
		class: "DNS", category: "blocklist", retry: "permanent",
		en: findingLang{
			title:   "Not listed on the named blocklists",
			meaning: "None of the --dnsbl zones lists this address.",
			when:    "An address with a clean reputation on those lists.",
			fix:     "Nothing to fix.",
		},
		ja: findingLang{
			title:   "指定したブロックリストに載っていない",
			meaning: "--dnsbl のどのゾーンにもこのアドレスは載っていません。",
			when:    "それらのリストで評判に問題のないアドレスです。",
			fix:     "直すことはありません。",
		},
	},
	"dnsbl-mx-listed": {
		class: "DNS", category: "blocklist", retry: "permanent",
		en: findingLang{
			title:   "Mail server address is on a blocklist",
			meaning: "A blocklist named with --dnsbl lists this MX address. Mail to the domain still arrives, but the server's outbound mail (bounces, forwards, and often all mail when it also sends) is refused by receivers using the list.",
			when:    "Spam or backscatter sent from the address, or a shared address with a bad neighbour.",
			fix:     "Find and stop the cause, then request delisting on the list's web site; the TXT answer in the detail usually names the page.",
		},
		ja: findingLang{
			title:   "メールサーバのアドレスがブロックリストに載っている",
			meaning: "--dnsbl で指定したブロックリストにこのMXアドレスが載っています。ドメイン宛てのメールは届きますが、このサーバが送るメール（バウンス、転送、送信も兼ねるなら全メール）はそのリストを使う受信側に拒否されます。",
			when:    "そのアドレスからスパムやバックスキャッタが送られた場合や、共有アドレスの他の利用者が原因の場合に起きます。",
			fix:     "原因を見つけて止め、リストのWebサイトで削除を依頼してください。詳細のTXT応答に多くはそのページが書かれています。",
		},
	},
	"dnsbl-unknown": {
		class: "DNS", category: "blocklist", retry: "transient",
		en: findingLang{
			title:   "A blocklist gave no usable answer",
			meaning: "A --dnsbl zone answered with an error code or an address that is not a listing (outside 127.0.0.0/8, or 127.255.255.x, which Spamhaus returns when it refuses a query), or could not be asked. Whether the address is listed there is not known.",
			when:    "Querying a list through a public or shared resolver (Spamhaus refuses those), exceeding a list's free query limits, or a misspelt or retired zone.",
			fix:     "Ask through your own recursive resolver (--resolver) or with the list's registered query key, and check the zone name.",
		},
		ja: findingLang{
			title:   "ブロックリストから使える応答がない",
			meaning: "--dnsbl のゾーンがエラーコードか、掲載を意味しないアドレス（127.0.0.0/8の外、またはSpamhausが問い合わせを拒否するときの127.255.255.x）を返したか、問い合わせられませんでした。そこに載っているかどうかは分かりません。",
			when:    "公開・共有リゾルバ経由の問い合わせ（Spamhausは拒否します）、無料の問い合わせ上限の超過、綴りの誤りや廃止されたゾーンで起きます。",
			fix:     "自前の再帰リゾルバ（--resolver）か、リストに登録したクエリキーで問い合わせ、ゾーン名も確認してください。",
		},
	},
}

// SenderHint is what smtpprobe can show about a refusal whose cause lies
// with the sender: the checks that show it and the command that runs
// them, for replies of the categories spf-dkim-dmarc, reverse-dns and
// blocklist.
type SenderHint struct {
	Checks  []string // check names, such as "spf"
	Command string   // the command line, TARGET being the domain probed
	Text    string   // a sentence for the fix, in the language asked
}

// SenderHintFor returns the hint for a diagnosis of category; ok is false
// for the other categories. sender is the domain of the sender the probe
// used (--from), which the command then checks; "" when the sender is not
// known, and then the command names a placeholder sender and target, the
// domain probed ("TARGET" when empty).
func SenderHintFor(category, target, sender string, lang Lang) (SenderHint, bool) {
	if target == "" {
		target = "TARGET"
	}
	base := "smtpprobe --checks sender --from you@yourdomain --sending-ip ADDR"
	if sender != "" {
		// Without --from the sender checks are about the target's domain.
		base, target = "smtpprobe --checks sender --sending-ip ADDR", sender
	}
	var h SenderHint
	switch category {
	case CategorySPFDKIMDMARC:
		h.Checks = []string{"spf", "dkim", "dmarc"}
		h.Command = base + " --dkim-selector SELECTOR " + target
	case CategoryReverseDNS:
		h.Checks = []string{"sending-ip"}
		h.Command = base + " " + target
	case CategoryBlocklist:
		h.Checks = []string{"sending-ip", "dnsbl"}
		h.Command = base + " --dnsbl ZONE " + target
	default:
		return h, false
	}
	if lang == Japanese {
		checks := strings.Join(h.Checks, "・")
		who := "、you@yourdomain は送信者のアドレス"
		if sender != "" {
			who = ""
		}
		h.Text = fmt.Sprintf("送信側の原因は smtpprobe の %s チェックで確かめられます: `%s`（ADDR はメールを送るサーバの公開アドレス%s）。", checks, h.Command, who)
	} else {
		checks := h.Checks[0]
		if n := len(h.Checks); n > 1 {
			checks = strings.Join(h.Checks[:n-1], ", ") + " and " + h.Checks[n-1]
		}
		who := ", you@yourdomain your sender address"
		if sender != "" {
			who = ""
		}
		h.Text = fmt.Sprintf("smtpprobe's %s checks show the cause on the sending side: run `%s` (ADDR is the public address your mail leaves from%s).", checks, h.Command, who)
	}
	return h, true
}
