package probe

import (
	"bufio"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestReadReply(t *testing.T) {
	for _, tc := range []struct {
		in       string
		code     int
		enhanced string
		lines    []string
	}{
		{"220 mx.example.com ESMTP\r\n", 220, "", []string{"mx.example.com ESMTP"}},
		{"250-mx.example.com\r\n250-PIPELINING\r\n250 SIZE 1000\r\n", 250, "", []string{"mx.example.com", "PIPELINING", "SIZE 1000"}},
		{"250\r\n", 250, "", []string{""}},
		{"250 \r\n", 250, "", []string{""}},
		{"250 ok\n", 250, "", []string{"ok"}}, // bare LF, leniently
		{"550 5.1.1 <xxx@icloud.com>: user does not exist\r\n", 550, "5.1.1", []string{"5.1.1 <xxx@icloud.com>: user does not exist"}},
		{"451 4.7.1 greylisted\r\n", 451, "4.7.1", []string{"4.7.1 greylisted"}},
		{"250 2.0.0\r\n", 250, "2.0.0", []string{"2.0.0"}},
		{"421 4.7.0 too many connections\r\n", 421, "4.7.0", []string{"4.7.0 too many connections"}},
		{"554-5.7.1 first\r\n554 5.7.1 second\r\n", 554, "5.7.1", []string{"5.7.1 first", "5.7.1 second"}},
		{"550 4.1.1 class differs\r\n", 550, "", []string{"4.1.1 class differs"}},
		{"550 5.1.1.1 too many parts\r\n", 550, "", []string{"5.1.1.1 too many parts"}},
		{"550 5.1000.1 too long\r\n", 550, "", []string{"5.1000.1 too long"}},
		{"550 5.1.1x\r\n", 550, "", []string{"5.1.1x"}},
		{"354 End data with <CR><LF>.<CR><LF>\r\n", 354, "", []string{"End data with <CR><LF>.<CR><LF>"}},
		{"220 \x1b[31mred\xff\\ \t\r\n", 220, "", []string{`\x1b[31mred\xff\x5c \x09`}},
		{"220 a\rb\r\n", 220, "", []string{`a\x0db`}},
		// Printable UTF-8 is text (SMTPUTF8 and non-English servers); C1
		// controls, bidirectional overrides, separators, zero-width and
		// invalid bytes stay escaped, byte by byte.
		{"550 5.1.1 宛先のユーザーは存在しません\r\n", 550, "5.1.1", []string{"5.1.1 宛先のユーザーは存在しません"}},
		{"550 Empfänger unbekannt　über\r\n", 550, "", []string{"Empfänger unbekannt　über"}},
		{"220 a\u202eexe.txt\u2066b\u200bc\u2028d\u0085e\xe3\x81f\xc0\xafg\ufeff\r\n", 220, "",
			[]string{`a\xe2\x80\xaeexe.txt\xe2\x81\xa6b\xe2\x80\x8bc\xe2\x80\xa8d\xc2\x85e\xe3\x81f\xc0\xafg\xef\xbb\xbf`}},
	} {
		r := bufio.NewReader(strings.NewReader(tc.in + "250 next\r\n"))
		got, err := readReply(r, nil)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		want := Reply{Code: tc.code, Enhanced: tc.enhanced, Lines: tc.lines}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %#v\nwant %#v", tc.in, got, want)
		}
		// The reader stops at the end of the reply.
		if next, err := readReply(r, nil); err != nil || next.Lines[0] != "next" {
			t.Errorf("%q: next reply %v %v", tc.in, next, err)
		}
	}
}

func TestReadReplyErrors(t *testing.T) {
	long := strings.Repeat("x", MaxLineLength)
	for _, tc := range []struct {
		in    string
		proto bool   // a *ProtocolError, else an I/O error
		has   string // in the error text
		lines int    // lines kept
	}{
		{"HTTP/1.1 400 Bad Request\r\n", true, `reply does not start with a three-digit code: got "HTTP/1.1 400 Bad Request"`, 0},
		{"\r\n", true, "three-digit code", 0},
		{"25\r\n", true, "three-digit code", 0},
		{"2500 ok\r\n", true, `not followed by space or hyphen: got "2500 ok"`, 0},
		{"250x\r\n", true, "not followed by space or hyphen", 0},
		{"600 what\r\n", true, "out of range", 0},
		{"160 what\r\n", true, "out of range", 0},
		{"270 what\r\n", true, "out of range", 0},
		{"250-a\r\n251 b\r\n", true, `continuation line code differs from 250: got "251 b"`, 1},
		{"250-a\r\nxyz\r\n", true, "three-digit code", 1},
		{"220 " + long + "\r\n", true, "longer than 2000 bytes", 0},
		{strings.Repeat("250-more\r\n", MaxReplyLines+5), true, "longer than 100 lines", MaxReplyLines},
		{strings.Repeat("250-"+long[:1900]+"\r\n", 40), true, "larger than 65536 bytes", 35},
		{"\x00\x01\x02\xff garbage", true, `"\x00\x01\x02\xff garbage"`, 0},
		{"\x16\x03\x01\x00", true, `got "\x16\x03\x01\x00"`, 0},
		{"", false, "EOF", 0},
		{"250-a\r\n250-b\r\n", false, "connection closed after 2 lines", 2},
		{"250-a\r\n250 b", false, "connection closed mid-line", 1},
	} {
		got, err := readReply(bufio.NewReader(strings.NewReader(tc.in)), nil)
		if err == nil {
			t.Errorf("%.40q: no error, reply %v", tc.in, got)
			continue
		}
		var pe *ProtocolError
		if errors.As(err, &pe) != tc.proto || !strings.Contains(err.Error(), tc.has) {
			t.Errorf("%.40q: error %q (protocol %v), want %v containing %q", tc.in, err, errors.As(err, &pe), tc.proto, tc.has)
		}
		if !tc.proto && tc.lines > 0 && !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("%.40q: error %q does not wrap io.ErrUnexpectedEOF", tc.in, err)
		}
		if got.Code != 0 || len(got.Lines) != tc.lines {
			t.Errorf("%.40q: code %d, %d lines kept, want 0, %d", tc.in, got.Code, len(got.Lines), tc.lines)
		}
	}
}

func TestProtocolErrorTruncates(t *testing.T) {
	_, err := readReply(bufio.NewReader(strings.NewReader(strings.Repeat("<", 500)+"\r\n")), nil)
	if err == nil || len(err.Error()) > 150 || !strings.HasSuffix(err.Error(), `<<<"...`) {
		t.Errorf("error %q", err)
	}
}

func FuzzReadReply(f *testing.F) {
	f.Add([]byte("220 mx.example.com ESMTP\r\n"))
	f.Add([]byte("250-mx\r\n250-PIPELINING\r\n250 8BITMIME\r\n"))
	f.Add([]byte("550 5.1.1 Email address could not be found, or was misspelled (G8)\r\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := bufio.NewReader(strings.NewReader(string(in)))
		rep, err := readReply(r, nil)
		if len(rep.Lines) > MaxReplyLines {
			t.Fatalf("%d lines kept", len(rep.Lines))
		}
		for _, l := range rep.Lines {
			if !utf8.ValidString(l) {
				t.Fatalf("invalid UTF-8 kept in %q", l)
			}
			for _, r := range l {
				// Only what prints is kept: no control, format (bidi),
				// separator or private-use character.
				if !unicode.IsGraphic(r) {
					t.Fatalf("unescaped %U in %q", r, l)
				}
			}
		}
		if err != nil {
			if rep.Code != 0 {
				t.Fatalf("code %d with error %v", rep.Code, err)
			}
			return
		}
		if rep.Code < 200 || rep.Code > 559 || len(rep.Lines) == 0 {
			t.Fatalf("reply %+v", rep)
		}
		if rep.Enhanced != "" && (!strings.HasPrefix(rep.Lines[0], rep.Enhanced) || int(rep.Enhanced[0]-'0') != rep.Code/100) {
			t.Fatalf("enhanced %q for %+v", rep.Enhanced, rep)
		}
	})
}
