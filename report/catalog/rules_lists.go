package catalog

// listRules match refusals of the sending host by a list (DNS blocklists,
// a provider's or a recipient's own list), missing reverse DNS and bad
// HELO names.
var listRules = []Rule{
	{
		ID: "dnsbl-query-refused", Category: CategoryOther,
		Pattern: `error: open resolver|check\.spamhaus\.org/returnc|quer(y|ies) refused`,
		En: Text{
			"The receiver's blocklist lookup failed: not a listing",
			"The receiving server asked a DNS blocklist about the client and got an error code back (Spamhaus answers queries that come through public or open resolvers with a code in 127.255.255.0/24), then treated the error as a listing. The sender is not listed; every sender is refused the same way.",
			"At RCPT TO or MAIL FROM on servers that use zen.spamhaus.org or dbl.spamhaus.org through a public resolver: \"554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/...\"; URIBL answers such queries with 127.0.0.1, which Postfix reports as \"blocked using multi.uribl.com; 127.0.0.1 -> Query Refused\".",
			"Nothing to fix on the sending side: tell the recipient's postmaster. The receiving server must query the list through its own resolver or Spamhaus's Data Query Service, and accept only the listing codes (Postfix: reject_rbl_client zen.spamhaus.org=127.0.0.[2..11]).",
		},
		Ja: Text{
			"受信側のブラックリスト照会の失敗（登録ではない）",
			"受信サーバがクライアントについて DNS ブラックリストに問い合わせ、エラーコード（Spamhaus は公開・オープンリゾルバ経由の問い合わせに 127.255.255.0/24 のコードを返します）を受け取り、それを登録と見なしました。送信元は登録されておらず、すべての送信者が同じように拒否されます。",
			"公開リゾルバ経由で zen.spamhaus.org や dbl.spamhaus.org を使うサーバでの RCPT TO や MAIL FROM への応答。「554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/...」。URIBL はこうした問い合わせに 127.0.0.1 を返し、Postfix は「blocked using multi.uribl.com; 127.0.0.1 -> Query Refused」と報告します。",
			"送信側で直すものはありません。宛先のポストマスターに知らせてください。受信サーバは自前のリゾルバか Spamhaus の Data Query Service で問い合わせ、登録を示すコードだけを受け付ける必要があります（Postfix なら reject_rbl_client zen.spamhaus.org=127.0.0.[2..11]）。",
		},
	},
	{
		ID: "spamhaus", Category: CategoryBlocklist,
		Pattern: `spamhaus|zen\.spamhaus`,
		En: Text{
			"Sending IP listed by Spamhaus",
			"The receiving server checked the sending IP (or domain) against a Spamhaus blocklist (ZEN = SBL, XBL/CSS, PBL; DBL for domains) and found it listed.",
			"At connection or RCPT TO: Postfix \"554 5.7.1 Service unavailable; Client host [IP] blocked using zen.spamhaus.org\". The PBL lists dynamic and end-user ranges that should not send directly; XBL/CSS lists IPs seen sending spam or infected.",
			"Look the IP up at https://check.spamhaus.org. For CSS/XBL, find and stop the cause (a compromised account or host, an open relay, a bad HELO) and then request removal; for PBL, send through your provider's smarthost or ask the IP owner to remove the range. Note that queries through public DNS resolvers are refused by Spamhaus, so a receiving server with a bad resolver may reject everyone.",
		},
		Ja: Text{
			"送信元 IP が Spamhaus に登録",
			"受信側サーバが送信元 IP（またはドメイン）を Spamhaus のブロックリスト（ZEN = SBL、XBL/CSS、PBL、ドメインなら DBL）で照合し、登録を検出しました。",
			"接続時や RCPT TO への応答。Postfix では「554 5.7.1 Service unavailable; Client host [IP] blocked using zen.spamhaus.org」。PBL は直接送信すべきでない動的・エンドユーザ向けの範囲、XBL/CSS は迷惑メール送信や感染が観測された IP を登録しています。",
			"https://check.spamhaus.org で IP を確認してください。CSS/XBL なら原因（乗っ取られたアカウントやホスト、オープンリレー、不正な HELO）を取り除いてから解除を申請し、PBL なら事業者のスマートホスト経由で送るか IP の管理者に範囲の除外を依頼します。なお Spamhaus は公開 DNS リゾルバ経由の問い合わせを拒否するため、受信側のリゾルバ設定が悪いと全員を拒否してしまうことがあります。",
		},
	},
	{
		ID: "barracuda", Category: CategoryBlocklist,
		Pattern: `barracuda`,
		En: Text{
			"Sending IP listed by Barracuda",
			"The receiver uses the Barracuda Reputation Block List (BRBL), or a Barracuda appliance, and the sending IP is listed.",
			"At connection or RCPT TO, for example \"550 permanent failure for one or more recipients (... blocked)\" with a barracudacentral.org link, or \"554 Service unavailable; Client host blocked using b.barracudacentral.org\".",
			"Check and request removal at https://www.barracudacentral.org/lookups; fix what made the IP send spam first (compromised accounts, open relay), and make sure the IP has a proper reverse DNS name.",
		},
		Ja: Text{
			"送信元 IP が Barracuda に登録",
			"受信側は Barracuda のブロックリスト（BRBL）または Barracuda のアプライアンスを使っており、送信元 IP が登録されています。",
			"接続時や RCPT TO への応答。barracudacentral.org へのリンク付きの拒否や「554 Service unavailable; Client host blocked using b.barracudacentral.org」など。",
			"https://www.barracudacentral.org/lookups で確認し解除を申請してください。先に迷惑メール送信の原因（乗っ取られたアカウント、オープンリレー）を取り除き、IP に正しい逆引きを設定してください。",
		},
	},
	{
		ID: "spamcop", Category: CategoryBlocklist,
		Pattern: `spamcop`,
		En: Text{
			"Sending IP listed by SpamCop",
			"The sending IP is on the SpamCop Blocking List (bl.spamcop.net), built from spam reports and spam traps.",
			"At connection or RCPT TO: \"Rejected - see http://www.spamcop.net/bl.shtml?IP\", \"blocked using bl.spamcop.net\".",
			"Check the IP at https://www.spamcop.net/bl.shtml. Listings expire automatically about 24 hours after the reports stop, so find and stop the source of the spam (compromised account, infected host) and wait.",
		},
		Ja: Text{
			"送信元 IP が SpamCop に登録",
			"送信元 IP が SpamCop のブロックリスト（bl.spamcop.net）に登録されています。迷惑メールの報告とスパムトラップから作られるリストです。",
			"接続時や RCPT TO への応答。「Rejected - see http://www.spamcop.net/bl.shtml?IP」「blocked using bl.spamcop.net」など。",
			"https://www.spamcop.net/bl.shtml で IP を確認してください。報告が止まれば約 24 時間で自動的に解除されるので、迷惑メールの送信元（乗っ取られたアカウント、感染したホスト）を特定して止め、解除を待ってください。",
		},
	},
	{
		ID: "uribl", Category: CategoryBlocklist,
		Pattern: `uribl|(blacklisted|blocklisted|listed) (url|uri|domain|link)s?( in (the )?message)?`,
		En: Text{
			"Link in the message on a URI blocklist",
			"A domain or URL in the message body is on a URI blocklist (URIBL, SURBL, Spamhaus DBL), so the message is refused whatever the sender's reputation: the list, not the sending IP, is the cause.",
			"At the end of DATA: \"550 Blacklisted URL in message\", \"554 ... listed in multi.uribl.com\".",
			"Find the listed domain (often a link shortener, a tracking domain of a mailing service, or a compromised site) and remove it from the message; if it is your own domain, request delisting at the list's lookup page.",
		},
		Ja: Text{
			"本文中のリンクが URI ブラックリストに登録",
			"本文中のドメインや URL が URI ブラックリスト（URIBL、SURBL、Spamhaus DBL）に登録されているため、送信元の評価に関係なく拒否されました。原因は送信元 IP ではなくこのリストです。",
			"DATA 終端への応答。「550 Blacklisted URL in message」「554 ... listed in multi.uribl.com」など。",
			"登録されているドメイン（短縮 URL、配信サービスのトラッキング用ドメイン、改ざんされたサイトなど）を特定してメッセージから除いてください。自分のドメインなら、リストの検索ページで解除を申請します。",
		},
	},
	{
		// Before dnsbl: what is on the list here is the sender's address,
		// put there by the recipient or their administrator, not the
		// sending IP on a DNS list; only the recipient can take it off.
		ID: "sender-blocklisted", Category: CategorySenderRejected,
		Pattern: `(sender|user|from address)( address)?( is)? (in|on) (the |a |my |our |your |their |\w+'s )?(personal )?(black|block|deny) ?list`,
		En: Text{
			"Sender address on the recipient's block list",
			"The recipient, or their mail administrator, has put the sender's address or domain on a block list of their own, and the server refuses mail from it. This is not a DNS blocklist of the sending IP.",
			"At MAIL FROM, RCPT TO or the end of DATA: Coremail \"User in blacklist\", and the blocked-senders lists of webmail services and filtering gateways.",
			"Only the recipient can lift it: ask them by another channel to remove the address from their blocked senders. Changing the sending server or IP does not help.",
		},
		Ja: Text{
			"送信元アドレスが宛先のブロックリストに登録",
			"宛先本人またはそのメール管理者が、送信元のアドレスやドメインを独自のブロックリストに登録しており、サーバはそこからのメールを拒否しています。送信元 IP の DNS ブラックリストではありません。",
			"MAIL FROM、RCPT TO、DATA 終端への応答。Coremail の「User in blacklist」や、Web メールやフィルタリングゲートウェイの受信拒否リストによる拒否など。",
			"解除できるのは宛先だけです。別の手段で宛先に連絡し、受信拒否リストからアドレスを外すよう依頼してください。送信サーバや IP を変えても解決しません。",
		},
	},
	{
		ID: "dnsbl", Category: CategoryBlocklist,
		Pattern: `\bcsi\.(mimecast|cloudmark)\b|blocked using|dnsbl|\brbl\b|(black|block|deny) ?list(ed)?|(is|are|was|been|currently|ip|address|\d|\]) listed (at|in|on|by) |sorbs|removal from (this|the|our) list|\bdelist|spam ip|ip found in|reputation database|block(ed)? for spam|\bers-qil\b`,
		En: Text{
			"Sending IP on a DNS blocklist",
			"The receiving server found the sending IP (or the sender or HELO domain) on a DNS blocklist it uses.",
			"At connection, HELO or RCPT TO; the text names the list (Postfix \"blocked using LIST\", Exim \"is listed in LIST\").",
			"Look the IP up on the named list's website (or a multi-list checker), fix the cause (spam from a compromised account, an open relay, no reverse DNS, a dynamic IP range) and request removal by the list's procedure; some lists expire entries on their own.",
		},
		Ja: Text{
			"送信元 IP が DNS ブラックリストに登録",
			"受信側サーバが、利用している DNS ブラックリストで送信元 IP（または送信元や HELO のドメイン）の登録を検出しました。",
			"接続時、HELO、RCPT TO への応答。テキストにリスト名が入ります（Postfix は「blocked using リスト名」、Exim は「is listed in リスト名」）。",
			"記載されたリストの Web サイト（または複数リストの一括確認サービス）で IP を調べ、原因（乗っ取られたアカウントからの迷惑メール、オープンリレー、逆引きなし、動的 IP の範囲）を取り除いてから、リストの手順で解除を申請してください。自動的に解除されるリストもあります。",
		},
	},
	{
		ID: "reverse-dns", Category: CategoryReverseDNS,
		Pattern: `\bfcrdns\b|(can ?not|can't|could not|unable to) (find|resolve|determine) your (reverse )?(host ?name|ip( address)?)|reverse (dns|hostname|host name|name|lookup|address|resolution|mapping)|\bptr\b|\brdns\b|does not have a (ptr|reverse)|(client )?ip( address)? \S+ (does not|doesn't|did not) resolve|forged hostname`,
		En: Text{
			"No reverse DNS for the sending IP",
			"The sending IP has no PTR record, or its name does not resolve back to the same IP, and the receiver refuses such clients.",
			"At connection or RCPT TO: Postfix \"450 4.7.1 Client host rejected: cannot find your hostname, [IP]\" (reject_unknown_client_hostname; 450 while DNS is unsure, 550 when it is sure), Gmail 550 5.7.25 \"does not have a PTR record setup\".",
			"Ask whoever controls the IP range (hosting company, ISP, cloud provider; you cannot set PTR in your own domain's zone) for a PTR record naming the server, e.g. mail.example.com, and give that name an A/AAAA record pointing back to the IP. Use the same name in EHLO. Check with dig -x IP and dig A name.",
		},
		Ja: Text{
			"送信元 IP の逆引きがない",
			"送信元 IP に逆引き（PTR レコード）がないか、その名前を正引きしても同じ IP に戻らないため、受信側は接続を拒否しています。",
			"接続時や RCPT TO への応答。Postfix の「450 4.7.1 Client host rejected: cannot find your hostname, [IP]」（reject_unknown_client_hostname。DNS の結果が不確かなら 450、確定なら 550）、Gmail の 550 5.7.25「does not have a PTR record setup」など。",
			"IP アドレスの管理者（ホスティング事業者、ISP、クラウド事業者。自分のドメインのゾーンでは設定できません）に、mail.example.com のようなサーバ名の PTR レコードを依頼し、その名前に同じ IP を指す A/AAAA レコードを設定してください。EHLO にも同じ名前を使います。dig -x IP と dig A 名前 で確認できます。",
		},
	},
	{
		ID: "helo-unresolvable", Category: CategoryDNSProblem,
		Pattern: `(helo|ehlo) host[^;]{0,40}forward dns match|resolving your (helo|ehlo)|(helo|ehlo)\b[^;]{0,40}\b(not found|does not exist|doesn't exist|(does not|doesn't|did not) resolve|(can ?not|can't|could not) be resolved|no (dns )?(a|aaaa|address|dns) records?)`,
		En: Text{
			"HELO/EHLO name does not resolve",
			"The name the client gave in HELO/EHLO has no A or AAAA record in DNS, and the receiver requires one.",
			"At HELO/EHLO or (with a delayed reject) at RCPT TO: \"450 4.7.1 <host>: Helo command rejected: Host not found\", \"550 5.5.0 your ehlo domain does not resolve to an IP address\".",
			"Give the sending host a fully qualified name with an A (and AAAA, for IPv6) record that points to its address, ideally the same name as the IP's PTR, and send that name in HELO/EHLO.",
		},
		Ja: Text{
			"HELO/EHLO 名を名前解決できない",
			"クライアントが HELO/EHLO で名乗った名前に DNS の A/AAAA レコードがなく、受信側はそれを必須としています。",
			"HELO/EHLO、または遅延拒否では RCPT TO への応答。「450 4.7.1 <host>: Helo command rejected: Host not found」「550 5.5.0 your ehlo domain does not resolve to an IP address」など。",
			"送信ホストに、そのアドレスを指す A（IPv6 なら AAAA）レコードのある FQDN を付け（IP の逆引きと同じ名前が望ましい）、その名前を HELO/EHLO で送ってください。",
		},
	},
	{
		ID: "helo-rejected", Category: CategoryPolicy,
		Pattern: `helo command rejected: (need fully-qualified|invalid ip|.*forged|.*(your|my) (own )?(name|hostname))|(invalid|bad|illegal) (helo|ehlo)|(helo|ehlo) .*(invalid|not valid)|need fully-qualified hostname|(helo|ehlo)\b[^;]{0,30} does not match`,
		En: Text{
			"HELO/EHLO name refused",
			"The receiver does not accept the name the client gave in HELO/EHLO: not fully qualified, not resolvable in DNS, an IP address where a name is wanted, or a name it considers forged (its own).",
			"At HELO/EHLO or (with Postfix's delayed reject) at RCPT TO: \"504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname\", \"450 4.7.1 <host>: Helo command rejected: Host not found\".",
			"Set the sending MTA's host name to a fully qualified name that has an A record and matches the IP's PTR (Postfix myhostname or smtp_helo_name, Exim helo_data, Exchange connector FQDN), not \"localhost\" or an internal name.",
		},
		Ja: Text{
			"HELO/EHLO 名が拒否された",
			"クライアントが HELO/EHLO で名乗った名前を受信側が受け付けません（FQDN でない、DNS で名前解決できない、名前の代わりの IP アドレス、偽装と見なされる名前〈受信側自身の名前〉など）。",
			"HELO/EHLO、または Postfix の遅延拒否では RCPT TO への応答。「504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname」「450 4.7.1 <host>: Helo command rejected: Host not found」など。",
			"送信側 MTA のホスト名を、A レコードがあり IP の逆引きと一致する FQDN に設定してください（Postfix の myhostname や smtp_helo_name、Exim の helo_data、Exchange のコネクタの FQDN）。「localhost」や内部名は使わないでください。",
		},
	},
}

// hostRules match refusals of the sending IP that name no list. They come
// after the rules about SPF, DKIM, TLS and AUTH, whose texts often name
// the IP too ("SPF fail: 192.0.2.1 is not allowed to send mail for
// example.com"), and before the rules about the envelope sender, because
// "Mail from 192.0.2.1 refused" is about the host, not MAIL FROM.
var hostRules = []Rule{
	{
		ID: "ip-blocked", Category: CategoryBlocklist,
		Pattern: `client host rejected|(your|the|sending|client|connecting|remote) (ip|host|server|mail server|address|network)([^.;]|\.[^\s.;]){0,60}(is )?(blocked|banned|blacklisted|not allowed|not permitted|rejected|refused)|not authorized to send email directly|dynamic ip|dial-?up|connections? (not accepted|refused|rejected) from|\bip is (rejected|blocked|banned)|bad ip\b|dynamically.assigned|\d\.\d{1,3}\]?,? (is |has been |was )?(blocked|banned|blacklisted|refused|rejected|denied|not allowed|not accepted)\b|(blocked|banned|refused|rejected|denied)( for| from)?:? \[?\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b`,
		En: Text{
			"Sending IP refused",
			"The receiver refuses mail from the sending IP address itself: a local block, a provider's own list, or a policy against dynamic or residential addresses.",
			"At connection or RCPT TO: Postfix \"Client host rejected: Access denied\", \"Please use the SMTP server of your ISP\", \"The IP you're using to send mail is not authorized to send email directly to our servers\".",
			"Send from a static IP with proper reverse DNS, or through your provider's relay (smarthost) with authentication. If the IP is a server of yours and should be allowed, ask the receiving site's postmaster to lift the block, quoting the full reply.",
		},
		Ja: Text{
			"送信元 IP の拒否",
			"受信側は送信元 IP アドレスそのものを拒否しています（独自の遮断、事業者独自のリスト、動的・家庭向け IP からの送信を禁じるポリシーなど）。",
			"接続時や RCPT TO への応答。Postfix の「Client host rejected: Access denied」や「Please use the SMTP server of your ISP」、「The IP you're using to send mail is not authorized to send email directly to our servers」など。",
			"正しい逆引きのある固定 IP から送るか、事業者の中継サーバ（スマートホスト）経由で認証して送ってください。自分のサーバで許可されるべき IP なら、応答全文を添えて受信側のポストマスターに解除を依頼してください。",
		},
	},
}
