package main

import (
	"strings"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
)

// settings is the one way from options to a probe configuration and the
// options of its judgement, taken by the command line and by every module
// of the exporter alike, so that the two cannot drift apart. changed says
// which options were given (as a flag, a config key or a query parameter)
// rather than left at their defaults.
func (o *options) settings(changed func(flag string) bool, e *env) (probe.Config, report.Options, error) {
	o.deadlineSet = changed("deadline")
	o.checksSet = changed("checks")
	if err := o.emptyGiven(changed); err != nil {
		return probe.Config{}, report.Options{}, err
	}
	cfg, err := o.probeConfig(e.hostname)
	if err != nil {
		return cfg, report.Options{}, err
	}
	if err := o.auth.apply(&cfg, changed, e.getenv); err != nil {
		return cfg, report.Options{}, err
	}
	if o.caFile != "" {
		if cfg.RootCAs, err = loadRoots(o.caFile); err != nil {
			return cfg, report.Options{}, err
		}
	}
	lang, err := language(o.lang, e.getenv)
	if err != nil {
		return cfg, report.Options{}, err
	}
	if e.configure != nil {
		e.configure(&cfg)
	}
	return cfg, o.reportOptions(lang, cfg), nil
}

// emptyGiven refuses an option given with an empty value where "" would
// quietly mean its default: "--server $MX" with MX unset would otherwise
// look the MX hosts up, "--rcpt $USER" probe postmaster and
// "--auth-user $LOGIN" probe without logging in. (--from ""
// is the null sender, as the contract says.)
func (o *options) emptyGiven(changed func(flag string) bool) error {
	for _, v := range []struct {
		name  option
		value string
	}{
		{"server", o.server}, {"resolver", o.resolver}, {"helo", o.helo}, {"rcpt", o.rcpt}, {"vrfy", o.vrfy},
		{"auth-user", o.auth.user}, {"auth-password-file", o.auth.passwordFile}, {"auth-token-file", o.auth.tokenFile},
		{"auth-mech", o.auth.mech}, {"ca-file", o.caFile}, {"sending-ip", o.sendingIP},
	} {
		if changed(string(v.name)) && strings.TrimSpace(v.value) == "" {
			return optionErrorf("%s: empty value; leave the option out for its default", v.name)
		}
	}
	return nil
}
