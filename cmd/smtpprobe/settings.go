package main

import (
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
