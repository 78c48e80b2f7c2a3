package render

import (
	"fmt"
	"strings"

	"github.com/smtpprobe/smtpprobe/internal/textfmt"
	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// checkLabels are the words of the text report's checks in one language.
type checkLabels struct {
	publish string
}

func textCheckLabels(lang catalog.Lang) checkLabels {
	if lang == catalog.Japanese {
		return checkLabels{publish: "公開する内容:"}
	}
	return checkLabels{publish: "Publish:"}
}

// publish prints the record or file of a fix as it is, line by line:
// wrapping would break it.
func (t *textWriter) publish(indent, text string) {
	if text == "" {
		return
	}
	fmt.Fprintf(t.b, "%s%s\n", indent, t.p.bold.Sprint(textCheckLabels(t.o.Lang).publish))
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(t.b, "%s  %s\n", indent, textfmt.Clean(line))
	}
}
