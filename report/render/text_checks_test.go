package render

import (
	"reflect"
	"testing"

	"github.com/smtpprobe/smtpprobe/report/catalog"
)

// TestLabelsComplete: every word of the text report has both languages (a
// Japanese label left out printed "%!(EXTRA int=2)" once).
func TestLabelsComplete(t *testing.T) {
	for _, l := range []any{textLabels(catalog.Japanese), textLabels(catalog.English), textCheckLabels(catalog.Japanese), textCheckLabels(catalog.English)} {
		v := reflect.ValueOf(l)
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Kind() == reflect.String && f.String() == "" || f.Kind() == reflect.Func && f.IsNil() {
				t.Errorf("%T.%s is empty", l, v.Type().Field(i).Name)
			}
		}
	}
}
