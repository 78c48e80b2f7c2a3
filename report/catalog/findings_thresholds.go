package catalog

// thresholdFindings holds the texts of the findings that a monitoring
// threshold raises (--warning-time, --critical-time, --cert-crit-days):
// "slow-probe" and "cert-expires-critical". FindingText serves them with the
// others. It is read-only, like findings.
var thresholdFindings = map[string]findingEntry{
	"slow-probe": {
		class: "SMTP", category: "server-unavailable", retry: "transient",
		en: findingLang{
			title:   "The probe took {delay}, over the threshold of {threshold}",
			meaning: "The whole probe, from the MX lookup to the last reply, took {delay}, longer than the limit of {threshold} set for this check (--warning-time or --critical-time). Mail is still accepted, but slowly.",
			when:    "Slow or overloaded mail servers, deliberate greeting delays (postscreen, greet_pause, tarpits), slow DNS, an unreachable first MX host that senders must wait out before trying the next, or a congested network path.",
			fix:     "Look at the step durations (-o json or the text report) to see where the time goes: DNS, connect, the greeting or a later reply. Remove or fix an unreachable MX host, check the server's load and its reverse DNS lookups, or raise the threshold if the delay is intended.",
		},
		ja: findingLang{
			title:   "確認に{delay}かかり、しきい値の{threshold}を超えた",
			meaning: "MXの問い合わせから最後の応答までの確認全体に{delay}かかり、このチェックに設定した上限の{threshold}（--warning-time または --critical-time）を超えました。メールは受け付けられますが、遅くなっています。",
			when:    "メールサーバの低速・過負荷、意図的なグリーティング遅延（postscreen、greet_pause、ターピット）、DNSの遅さ、送信側が待ちきってから次に回る到達不能な先頭のMXホスト、混雑したネットワーク経路で起きます。",
			fix:     "各ステップの所要時間（-o json やテキストのレポート）を見て、DNS、接続、グリーティング、その後の応答のどこで時間がかかっているかを確認してください。到達不能なMXホストを修正または削除し、サーバの負荷と逆引きの処理を確認します。遅延が意図どおりなら、しきい値を引き上げます。",
		},
	},
	"cert-expires-critical": {
		class: "TLS", category: "other", retry: "permanent",
		en: findingLang{
			title:   "The certificate has {days} days left, under the critical threshold of {threshold} days",
			meaning: "The server's certificate expires in {days} days (a negative number means it has already expired), inside the critical window of {threshold} days set with --cert-crit-days. Once it expires, senders that verify certificates stop delivering.",
			when:    "Automatic renewal that has been failing for weeks (ACME certificates normally renew about 30 days before expiry), a renewed certificate the mail service never reloaded, or a bought certificate nobody renewed.",
			fix:     "Renew the certificate today and reload the mail service (systemctl reload postfix). Then fix the renewal: check its log (`certbot renew --dry-run`) and add a deploy hook that reloads the MTA.",
		},
		ja: findingLang{
			title:   "証明書の残りが{days}日で、危険のしきい値{threshold}日を下回っている",
			meaning: "サーバ証明書はあと{days}日で期限が切れ（負の数はすでに切れていることを示します）、--cert-crit-days で設定した危険の期間{threshold}日に入っています。期限が切れると、証明書を検証する送信側は配送を止めます。",
			when:    "自動更新が何週間も失敗している場合（ACME の証明書は通常期限の約30日前に更新されます）、更新した証明書をメールサービスが再読み込みしていない場合、購入した証明書を誰も更新していない場合に起きます。",
			fix:     "今日中に証明書を更新し、メールサービスを再読み込みしてください（systemctl reload postfix）。そのうえで更新の仕組みを直します。更新ジョブのログ（`certbot renew --dry-run`）を確認し、MTA を再読み込みする deploy フックを追加します。",
		},
	},
}
