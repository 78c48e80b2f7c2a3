package render

import (
	"github.com/fatih/color"
	"github.com/smtpprobe/smtpprobe/report"
)

// palette holds the colours of the text report, all switched on or off
// together: never the color.NoColor global.
type palette struct {
	bold, dim, ok, warn, crit, unknown, client, server, info *color.Color
}

func newPalette(on bool) palette {
	p := palette{
		bold:    color.New(color.Bold),
		dim:     color.New(color.Faint),
		ok:      color.New(color.FgGreen),
		warn:    color.New(color.FgYellow),
		crit:    color.New(color.FgRed, color.Bold),
		unknown: color.New(color.FgMagenta),
		client:  color.New(color.FgCyan),
		server:  color.New(color.FgHiBlack),
		info:    color.New(color.FgBlue),
	}
	for _, c := range []*color.Color{p.bold, p.dim, p.ok, p.warn, p.crit, p.unknown, p.client, p.server, p.info} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

func (p palette) status(s report.Status) *color.Color {
	switch s {
	case report.OK:
		return p.ok
	case report.Warning:
		return p.warn
	case report.Critical:
		return p.crit
	}
	return p.unknown
}

// severity is the colour of a finding's severity: blue for information.
func (p palette) severity(s report.Status) *color.Color {
	if s == report.OK {
		return p.info
	}
	return p.status(s)
}

func (p palette) codeColor(code int) *color.Color {
	switch code / 100 {
	case 2:
		return p.ok
	case 3:
		return p.info
	case 4:
		return p.warn
	}
	return p.crit
}
