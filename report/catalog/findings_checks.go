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
}
