package catalog

import "strings"

// classEntry explains a class of replies: the first digit of a basic code
// (RFC 5321 §4.2.1) or of an enhanced code (RFC 3463 §3.1).
type classEntry struct {
	Digit    byte
	Category string
	En, Ja   Text
}

// subjectEntry explains the subject (second number) of an enhanced code
// whose detail the registry does not list, such as Microsoft's 5.7.606.
type subjectEntry struct {
	Subject  string // "X.7"
	Category string
	En, Ja   Text
}

// lookupClass returns the entry of a class digit; anything but 2 to 5
// gets the entry for an unrecognised reply.
func lookupClass(digit byte) *classEntry {
	for i := range classes {
		if classes[i].Digit == digit {
			return &classes[i]
		}
	}
	return &classes[len(classes)-1]
}

// lookupSubject returns the subject entry of an enhanced code, or nil.
func lookupSubject(enhanced string) *subjectEntry {
	i := strings.LastIndexByte(enhanced, '.')
	if i < 0 {
		return nil
	}
	key := "X" + enhanced[1:i]
	for j := range subjects {
		if subjects[j].Subject == key {
			return &subjects[j]
		}
	}
	return nil
}

// diagnosis explains an unregistered enhanced code by its subject.
func (s *subjectEntry) diagnosis(digit byte, enhanced string, lang Lang) Diagnosis {
	t := pick(lang, s.En, s.Ja)
	note := enhanced + " is not in the IANA registry; its subject " + s.Subject + " says: "
	if lang == Japanese {
		note = enhanced + " は IANA のレジストリに登録されていないコードです。サブジェクト " + s.Subject + " の意味: "
	}
	cat := s.Category
	if digit == '2' {
		cat = CategorySuccess
	}
	return Diagnosis{
		Title: t.Title, Meaning: note + t.Meaning, When: t.When, Fix: t.Fix,
		Category: cat, Matched: MatchedEnhanced,
	}
}

var classes = []classEntry{
	{
		Digit: '2', Category: CategorySuccess,
		En: Text{
			"Positive completion",
			"The server did what was asked. A 2xx reply ends a command successfully; for the end of DATA it means the server has taken responsibility for the message.",
			"After any command that succeeded: the greeting, EHLO, MAIL, RCPT, the end of DATA, QUIT.",
			"Nothing to fix. If mail still goes missing after a 2xx at the end of DATA, follow the message on the receiving side (its queue ID is usually in the reply text) and check the recipient's spam folder and filters.",
		},
		Ja: Text{
			"正常完了",
			"要求されたコマンドが正常に処理されました。DATA の終端に対する 2xx は、受信側サーバがメッセージの配送責任を引き受けたことを意味します。",
			"接続時のグリーティング、EHLO、MAIL、RCPT、DATA 終端、QUIT など、コマンドが成功したとき。",
			"対処は不要です。DATA 終端で 2xx を受け取ったのにメールが届かない場合は、応答に含まれるキュー ID を受信側の管理者に伝えてログを追ってもらい、宛先の迷惑メールフォルダや振り分けルールも確認してください。",
		},
	},
	{
		Digit: '3', Category: CategoryIntermediate,
		En: Text{
			"Positive intermediate",
			"The server accepted the command so far and waits for more from the client before it can finish.",
			"After DATA (354, send the message) and during AUTH (334, send the next SASL response).",
			"Nothing to fix: the client must send what the server asks for. A client that stops here will hit the server's timeout.",
		},
		Ja: Text{
			"中間応答（続行待ち）",
			"コマンドは受け付けられ、サーバはクライアントからの続きの入力を待っています。",
			"DATA の後（354: 本文を送信）や AUTH の途中（334: 次の SASL 応答を送信）。",
			"対処は不要です。クライアントが要求された続きを送る必要があります。ここで止まるとサーバ側のタイムアウトで切断されます。",
		},
	},
	{
		Digit: '4', Category: CategoryOther,
		En: Text{
			"Transient negative completion",
			"The server did not do what was asked, but the condition is temporary: the same command may succeed later. A sending server keeps the message queued and retries.",
			"When the receiving side is busy, short of resources, throttling the sender, greylisting, or has a temporary lookup or configuration problem.",
			"Let the sending server retry (Postfix and Exim retry for days by default). If the deferral lasts for hours, read the reply text for the reason and the mail log of the sending server (/var/log/mail.log, postqueue -p or exim -bp) for how often it recurs, and contact the receiving site's postmaster with the full reply.",
		},
		Ja: Text{
			"一時的エラー",
			"要求は処理されませんでしたが、原因は一時的なもので、後で同じコマンドを再送すれば成功する可能性があります。送信側サーバはメールをキューに残して再送します。",
			"受信側が高負荷やリソース不足のとき、送信元を流量制限しているとき、グレイリスティング中、あるいは一時的な DNS 参照・設定の問題があるとき。",
			"送信側サーバの再送に任せてください（Postfix や Exim は既定で数日間再送します）。何時間も遅延が続く場合は、応答テキストの理由と送信側のメールログ（/var/log/mail.log、postqueue -p や exim -bp）で頻度を確認し、応答全文を添えて受信側のポストマスターに問い合わせてください。",
		},
	},
	{
		Digit: '5', Category: CategoryOther,
		En: Text{
			"Permanent negative completion",
			"The server refused the command and the same command will fail again: something about the address, the message, the sender or the connection must change first. A sending server bounces the message.",
			"When the recipient does not exist, the sender or its IP address is refused by policy, the message breaks a rule or a limit, or the client made a protocol error.",
			"Do not just resend. Read the reply text and the enhanced status code for the reason, fix that (address, DNS records, authentication, content), then send again. If the reason is unclear, send the full reply to the receiving site's postmaster.",
		},
		Ja: Text{
			"恒久的エラー",
			"サーバはコマンドを拒否しました。同じ内容で再送しても再び失敗します。宛先、メッセージ、送信元、接続のいずれかを変える必要があります。送信側サーバはメールをエラーとして差し戻します（バウンス）。",
			"宛先が存在しない、送信元や送信元 IP がポリシーで拒否された、メッセージが制限や規則に違反した、あるいはクライアントがプロトコル違反をしたとき。",
			"そのまま再送しないでください。応答テキストと拡張ステータスコードから原因を特定し、宛先アドレス、DNS レコード、認証、内容などを修正してから送り直してください。原因が分からない場合は、応答全文を受信側のポストマスターに送って確認してください。",
		},
	},
	{
		Digit: 0, Category: CategoryOther,
		En: Text{
			"Unrecognised reply",
			"The text has no SMTP reply code that the catalog can read, so its class is unknown.",
			"When a reply was cut off, garbled, or pasted without its three-digit code.",
			"Paste the whole reply line as the server sent it, starting with its three-digit code (for example \"550 5.1.1 ...\"), or look it up in the sending server's mail log.",
		},
		Ja: Text{
			"解釈できない応答",
			"テキストにカタログが読み取れる SMTP 応答コードがないため、クラスを判断できません。",
			"応答が途中で切れている、文字化けしている、または 3 桁のコードを付けずに貼り付けたとき。",
			"サーバが返した応答行を 3 桁のコードから（例: \"550 5.1.1 ...\"）そのまま貼り付けるか、送信側サーバのメールログで該当行を探してください。",
		},
	},
}
