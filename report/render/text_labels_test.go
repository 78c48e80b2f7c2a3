package render

import (
	"strings"
	"testing"
)

func TestWrapText(t *testing.T) {
	en := wrapText("Check that the server listens on the port, its firewall, and that the MX host's records are current.", 30)
	for _, l := range en {
		if displayWidth(l) > 30 {
			t.Errorf("line %q is wider than 30", l)
		}
	}
	if got := strings.Join(en, " "); got != "Check that the server listens on the port, its firewall, and that the MX host's records are current." {
		t.Errorf("wrapping lost text: %q", got)
	}
	ja := wrapText("サーバがポートで待ち受けているか（ss -ltn）、ファイアウォール、MXホストの A/AAAA レコードが現在のアドレスかを確認してください。", 24)
	for _, l := range ja {
		if displayWidth(l) > 24 {
			t.Errorf("line %q is wider than 24 columns", l)
		}
		if r := []rune(l)[0]; strings.ContainsRune(noLineStart, r) {
			t.Errorf("line %q starts with closing punctuation", l)
		}
	}
	if len(ja) < 3 {
		t.Errorf("Japanese text not wrapped: %q", ja)
	}
}
