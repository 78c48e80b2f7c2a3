package report

import "testing"

func TestWorst(t *testing.T) {
	tests := []struct {
		in   []Status
		want Status
	}{
		{nil, OK},
		{[]Status{OK, OK}, OK},
		{[]Status{OK, Unknown}, Unknown},
		{[]Status{Unknown, Warning}, Warning},
		{[]Status{Warning, Unknown, OK}, Warning},
		{[]Status{Critical, Warning, Unknown}, Critical},
		{[]Status{Unknown, Critical}, Critical},
	}
	for _, tt := range tests {
		if got := Worst(tt.in...); got != tt.want {
			t.Errorf("Worst(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{OK: "ok", Warning: "warning", Critical: "critical", Unknown: "unknown"} {
		if s.String() != want {
			t.Errorf("Status(%d).String() = %q, want %q", int(s), s.String(), want)
		}
	}
}
