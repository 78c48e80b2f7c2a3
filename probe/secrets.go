package probe

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// minWindow is how many characters of a secret in a row make text a
// leak. From the AUTH command on, any text from the server that
// holds minWindow consecutive characters of any form of the password or
// token is withheld whole; a secret shorter than minWindow, wherever it
// appears whole. So the probe shows at most minWindow-1 characters of a
// secret in a row, whatever a server echoes.
const minWindow = 4

// secrets recognises text that holds a secret. The forms of each secret
// are: as given, upper and lower case; escaped as the probe shows bytes
// and as Go quotes them; base64, alone or inside longer base64 text (such
// as each mechanism's initial response as it goes on the wire). Text is
// compared with ASCII letters folded to lower case and URL-safe base64
// read as standard (fold), and every run of base64 in it is also decoded,
// at each of the four alignments, and compared. Padding never matters: a
// window without "=" is found in padded and unpadded text alike.
type secrets struct {
	windows map[uint32]bool // each minWindow bytes of each folded form (key)
	short   []string        // folded forms shorter than minWindow
}

// newSecrets gathers the forms of a's password and token; host and port
// are the server's, which the OAUTHBEARER payload names.
func newSecrets(a *Auth, host string, port int) *secrets {
	s := &secrets{windows: map[uint32]bool{}}
	for _, x := range []string{a.Password, a.Token} {
		if x == "" {
			continue
		}
		for _, v := range []string{x, strings.ToUpper(x), strings.ToLower(x)} {
			s.addForm(v)
			s.addForm(escape([]byte(v)))
			s.addForm(strings.Trim(strconv.QuoteToASCII(v), `"`))
			s.addForm(base64.RawStdEncoding.EncodeToString([]byte(v)))
			// Inside longer base64 text a secret's characters depend
			// on where it starts: at each of the three byte
			// alignments, those that carry nothing but its bits.
			for o := range 3 {
				s.addBase64([]byte(strings.Repeat("\x00", o)+v), v, true)
			}
		}
	}
	for _, m := range mechanisms {
		if _, ir, err := m.client(a, host, port).Start(); err == nil {
			s.addBase64(ir, a.Password, false)
			s.addBase64(ir, a.Token, false)
		}
	}
	return s
}

// addForm adds the windows of form, or form itself when it is shorter.
func (s *secrets) addForm(form string) {
	f := fold(form)
	if len(f) < minWindow {
		s.short = append(s.short, f)
		return
	}
	for i := 0; i+minWindow <= len(f); i++ {
		s.windows[key(f[i:])] = true
	}
}

// addBase64 adds the windows of text in base64 that carry bits of secret
// x within it (only: nothing but bits of x). For a mechanism's payload as
// it goes on the wire, an echo cut after a few characters of the password
// is found, and base64 of the user name or of "Bearer" is not taken for a
// secret.
func (s *secrets) addBase64(text []byte, x string, only bool) {
	start := strings.LastIndex(string(text), x)
	if x == "" || start < 0 {
		return
	}
	end := start + len(x)
	f := fold(base64.RawStdEncoding.EncodeToString(text))
	for i := 0; i+minWindow <= len(f); i++ {
		// Character i carries bits 6i to 6i+5 of text, so the window
		// carries bytes first to last.
		first, last := 6*i/8, (6*(i+minWindow)-1)/8
		if only && first >= start && last < end || !only && first < end && last >= start {
			s.windows[key(f[i:])] = true
		}
	}
}

// hides tells whether text holds a secret, as it stands or in a run of
// base64 within it.
func (s *secrets) hides(text []byte) bool {
	if s.holds(text) {
		return true
	}
	for _, run := range base64Runs(text) {
		for off := 0; off < 4 && off < len(run); off++ {
			if s.holds(decodeLenient(run[off:])) {
				return true
			}
		}
	}
	return false
}

// holds tells whether text holds a window or a short form.
func (s *secrets) holds(text []byte) bool {
	t := fold(string(text))
	for i := 0; i+minWindow <= len(t); i++ {
		if s.windows[key(t[i:])] {
			return true
		}
	}
	for _, f := range s.short {
		if strings.Contains(t, f) {
			return true
		}
	}
	return false
}

// key packs the first minWindow bytes of s into a map key.
func key(s string) uint32 {
	return uint32(s[0])<<24 | uint32(s[1])<<16 | uint32(s[2])<<8 | uint32(s[3])
}

// fold maps ASCII letters to lower case, and "-" and "_" to "+" and "/",
// so that an upper-cased echo or URL-safe base64 compares equal. It keeps
// every byte in place, so a window of folded text is the fold of a window
// of the text.
func fold(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case 'A' <= c && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == '-':
			b[i] = '+'
		case c == '_':
			b[i] = '/'
		}
	}
	return string(b)
}

// base64Runs returns the runs of at least two base64 characters (either
// alphabet, URL-safe read as standard) in text.
func base64Runs(text []byte) [][]byte {
	var runs [][]byte
	var run []byte
	flush := func() {
		if len(run) >= 2 {
			runs = append(runs, run)
		}
		run = nil
	}
	for _, c := range text {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
			run = append(run, c)
		case c == '-':
			run = append(run, '+')
		case c == '_':
			run = append(run, '/')
		default: // padding ends base64 text, as does anything else
			flush()
		}
	}
	flush()
	return runs
}

// decodeLenient decodes unpadded standard base64, ignoring a last
// character that cannot complete a byte.
func decodeLenient(run []byte) []byte {
	if len(run)%4 == 1 {
		run = run[:len(run)-1]
	}
	out := make([]byte, base64.RawStdEncoding.DecodedLen(len(run)))
	n, _ := base64.RawStdEncoding.Decode(out, run)
	return out[:n]
}
