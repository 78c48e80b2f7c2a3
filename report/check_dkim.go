package report

import (
	"errors"
	"fmt"

	"github.com/smtpprobe/smtpprobe/dkim"
	"github.com/smtpprobe/smtpprobe/dnsx"
)

// The findings of the dkim check.
const (
	FindingDKIMOK         = "dkim-ok"          // ok: RSA of 2048 bits or more, or Ed25519
	FindingDKIMNoSelector = "dkim-no-selector" // untestable: no --dkim-selector
	FindingDKIMMissing    = "dkim-missing"     // critical: no key record at the selector
	FindingDKIMInvalid    = "dkim-invalid"     // critical: the record is not a usable key
	FindingDKIMWeakKey    = "dkim-weak-key"    // critical: RSA under 1024 bits
	FindingDKIM1024       = "dkim-1024"        // warning: RSA of 1024 bits (under 2048)
	FindingDKIMRevoked    = "dkim-revoked"     // warning: empty p=
	FindingDKIMTesting    = "dkim-testing"     // warning: t=y
	FindingDKIMResolver   = "dkim-resolver"    // unknown: the DNS question failed
)

// judgeDKIM judges the key record of each selector given; without a
// selector nothing can be known, which is untestable, not a fault.
func judgeDKIM(c *checkJudge, f *dkim.Facts) {
	vars := map[string]string{"domain": f.Domain}
	if len(f.Selectors) == 0 {
		c.untestable = true
		c.add(OK, FindingDKIMNoSelector, vars, "no --dkim-selector given")
		return
	}
	var re *dnsx.ResolverError
	for _, s := range f.Selectors {
		switch {
		case errors.Is(s.Err, dnsx.ErrNoSlot):
			// Never asked: the run's own DNS queue, not the resolver.
			c.add(Unknown, FindingDNSQueued, nil, s.Name+": "+s.Err.Error())
		case errors.As(s.Err, &re):
			c.add(Unknown, FindingDKIMResolver, vars, s.Err.Error())
		case errors.Is(s.Err, dkim.ErrNoRecord):
			c.add(Critical, FindingDKIMMissing, vars, s.Name+": no DKIM key record")
		case s.Err != nil:
			c.add(Critical, FindingDKIMInvalid, vars, s.Name+": "+s.Err.Error())
		default:
			judgeDKIMKey(c, vars, s)
		}
	}
}

func judgeDKIMKey(c *checkJudge, vars map[string]string, s dkim.Selector) {
	k := s.Key
	detail := fmt.Sprintf("%s: %s %d bits", s.Name, k.Type, k.Bits)
	switch {
	case k.Revoked:
		c.add(Warning, FindingDKIMRevoked, vars, s.Name+": p= is empty")
		return
	case k.Bits == 0:
		c.add(Critical, FindingDKIMInvalid, vars, fmt.Sprintf("%s: unknown key type k=%s", s.Name, k.Type))
		return
	case k.Type == "rsa" && k.Bits < 1024:
		c.add(Critical, FindingDKIMWeakKey, vars, detail)
		return
	case k.Type == "rsa" && k.Bits < 2048:
		c.add(Warning, FindingDKIM1024, vars, detail)
	default:
		c.add(OK, FindingDKIMOK, vars, detail)
	}
	if k.Testing() {
		c.add(Warning, FindingDKIMTesting, vars, s.Name+": t=y")
	}
}
