package main

// The exporter's modules: named sets of probe options from serve
// --config, as the blackbox exporter has them. What a probe does is the
// operator's choice; a scrape picks a module and may set only what the
// module allows.

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
)

// defaultModule is the module of a query that names none.
const defaultModule = "default"

// commandOnly are the command's flags that are not serve's probe flags:
// they shape the command's input and output, or serve has its own
// (--deadline), or a scrape must never do them (--data). Every other flag
// of the command is a serve flag and a module key, so a new probe flag is
// both without further work.
var commandOnly = []string{"output", "color", "no-color", "concurrency", "quiet", "file", "ordered", "no-reuse", "version", "help", "deadline", "data"}

// moduleOnly are probe options a module may set although serve has a flag
// of the same name of its own: serve's --deadline bounds every scrape, a
// module's deadline the probes of that module, within serve's.
var moduleOnly = []option{"deadline"}

// fileOptions name files on the exporter's host: a module may set them,
// a query never.
var fileOptions = []option{"ca-file", "auth-password-file", "auth-token-file"}

// probeOptions are the command's flags that are probe options, in the
// order of its help: serve's own probe flags and the module keys.
func probeOptions(fs *pflag.FlagSet) []*pflag.Flag {
	var flags []*pflag.Flag
	fs.VisitAll(func(f *pflag.Flag) {
		if !slices.Contains(commandOnly, f.Name) {
			flags = append(flags, f)
		}
	})
	return flags
}

// moduleKeys are the keys a module may have, as the config file writes
// them (allow_query_params aside).
func moduleKeys() []string {
	var keys []string
	for _, f := range probeOptions(newFlagSet(&options{})) {
		keys = append(keys, option(f.Name).key())
	}
	for _, o := range moduleOnly {
		keys = append(keys, o.key())
	}
	return keys
}

// A module is a named set of probe options over the command's defaults.
type module struct {
	name  string
	opts  options
	given map[string]bool // the options it sets, by flag name
	flags map[string]bool // those set by serve's own flags (the default module)
	allow []option        // what a query may set beyond target, module, debug
}

// loadConfig reads the modules of serve --config FILE. A key that is not
// a probe option, or a value its flag would refuse, is an error naming
// the module and the key.
func loadConfig(file string) (map[string]*module, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("--config: %w", err)
	}
	modules, err := parseConfig(b)
	if err != nil {
		return nil, fmt.Errorf("--config %s: %w", file, err)
	}
	return modules, nil
}

func parseConfig(b []byte) (map[string]*module, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, errors.New("empty: want modules:, as in the README")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: want a mapping with the key modules", root.Line)
	}
	modules := map[string]*module{}
	err := eachPair(root, func(k, v *yaml.Node) error {
		if k.Value != "modules" {
			return fmt.Errorf("line %d: unknown key %q (want modules)", k.Line, k.Value)
		}
		if v.Kind != yaml.MappingNode {
			return fmt.Errorf("line %d: modules: want a mapping of module names", v.Line)
		}
		return eachPair(v, func(name, body *yaml.Node) error {
			m, err := parseModule(name, body)
			if err != nil {
				return err
			}
			modules[m.name] = m
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	if len(modules) == 0 {
		return nil, errors.New("no modules")
	}
	return modules, nil
}

// eachPair calls f with every key and value of a mapping, refusing a key
// given twice.
func eachPair(m *yaml.Node, f func(k, v *yaml.Node) error) error {
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if seen[k.Value] {
			return fmt.Errorf("line %d: %s given twice", k.Line, k.Value)
		}
		seen[k.Value] = true
		if err := f(k, m.Content[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// parseModule sets each key of body on the flag of that name, as if it
// were given on the command line.
func parseModule(name, body *yaml.Node) (*module, error) {
	m := &module{name: name.Value, given: map[string]bool{}}
	if name.Kind != yaml.ScalarNode || strings.TrimSpace(name.Value) == "" {
		// No query could name it (module= is the default module's).
		return nil, fmt.Errorf("line %d: want a module name such as lab", name.Line)
	}
	fs := newFlagSet(&m.opts)
	if body.Kind == yaml.ScalarNode && body.Tag == "!!null" {
		return m, nil // "name:" with nothing under it: the defaults
	}
	if body.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("module %s: line %d: want a mapping of probe options", m.name, name.Line)
	}
	keys := moduleKeys()
	err := eachPair(body, func(k, v *yaml.Node) error {
		if err := m.set(fs, keys, k, v); err != nil {
			return fmt.Errorf("line %d: %w", k.Line, err)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("module %s: %w", m.name, err)
	}
	return m, nil
}

// set sets the key k of a module to v.
func (m *module) set(fs *pflag.FlagSet, keys []string, k, v *yaml.Node) error {
	val, err := yamlValue(v)
	if err != nil {
		return fmt.Errorf("%s: %w", k.Value, err)
	}
	if k.Value == "allow_query_params" {
		m.allow, err = parseAllow(val, keys)
		return err
	}
	opt := optionKey(k.Value)
	switch {
	case opt == "data":
		return errors.New("data: not allowed: a scrape never delivers mail")
	case !slices.Contains(keys, k.Value):
		return fmt.Errorf("unknown key %q (keys: %s, allow_query_params)", k.Value, strings.Join(keys, ", "))
	}
	if err := setOption(fs, opt, val); err != nil {
		return fmt.Errorf("%s %q: %w", k.Value, val, err)
	}
	m.given[string(opt)] = true
	return nil
}

// yamlValue is a value as its flag takes it: a scalar as written, a list
// joined with commas (checks: [smtp, dnssec] is --checks smtp,dnssec).
func yamlValue(v *yaml.Node) (string, error) {
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		return "", nil
	case v.Kind == yaml.ScalarNode:
		return v.Value, nil
	case v.Kind == yaml.SequenceNode:
		var parts []string
		for _, e := range v.Content {
			if e.Kind != yaml.ScalarNode {
				return "", errors.New("want a value or a list of values")
			}
			parts = append(parts, e.Value)
		}
		return strings.Join(parts, ","), nil
	}
	return "", errors.New("want a value or a list of values")
}

// parseAllow reads allow_query_params: module keys, but never one that
// names a file on this host.
func parseAllow(val string, keys []string) ([]option, error) {
	var allow []option
	for _, k := range strings.Split(val, ",") {
		k = strings.TrimSpace(k)
		switch {
		case k == "":
		case k == "target" || k == "module" || k == "debug":
			// Always allowed.
		case !slices.Contains(keys, k):
			return nil, fmt.Errorf("allow_query_params: unknown key %q (keys: %s)", k, strings.Join(keys, ", "))
		case slices.Contains(fileOptions, optionKey(k)):
			return nil, fmt.Errorf("allow_query_params: %s names a file on this host, which a scrape may not choose", k)
		default:
			allow = append(allow, optionKey(k))
		}
	}
	return allow, nil
}

// serveModules are the exporter's modules: those of --config, and the
// default module, which the probe flags given to serve set (over the
// file's default module, if it has one).
func serveModules(so *serveOptions, args []string) (map[string]*module, error) {
	modules := map[string]*module{}
	if so.config != "" {
		var err error
		if modules, err = loadConfig(so.config); err != nil {
			return nil, err
		}
	}
	def := modules[defaultModule]
	if def == nil {
		def = &module{name: defaultModule, given: map[string]bool{}}
		newFlagSet(&def.opts) // the command's defaults
	}
	// Parse the flags again over the file's default module: the flags
	// point into again.probe, which the assignment sets under them.
	var again serveOptions
	fs := newServeFlagSet(&again)
	fs.SetOutput(io.Discard)
	again.probe = def.opts
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	def.opts = again.probe
	def.flags = map[string]bool{}
	for _, f := range probeOptions(newFlagSet(&options{})) {
		if fs.Changed(f.Name) {
			def.given[f.Name] = true
			def.flags[f.Name] = true
		}
	}
	modules[defaultModule] = def
	return modules, nil
}

// probeRequest is a /probe query, checked: what to probe and how.
type probeRequest struct {
	target probe.Target
	module *module
	cfg    probe.Config
	ropts  report.Options
	debug  bool // answer the text report, not metrics
}

// parseQuery checks a /probe query: target, module, debug, and what the
// module allows, set over the module's options as flags are over the
// command's defaults, then through options.settings like the command
// line. Anything else, and any parameter given twice, is refused, so that
// a typo is an error rather than a silent default.
func (s *server) parseQuery(q url.Values) (probeRequest, error) {
	var req probeRequest
	for name, vs := range q {
		if len(vs) != 1 {
			return req, fmt.Errorf("parameter %s given %d times", name, len(vs))
		}
	}
	name := defaultModule
	if q.Has("module") {
		name = q.Get("module")
	}
	m := s.modules[name]
	if m == nil {
		return req, fmt.Errorf("unknown module %q (modules: %s)", name, strings.Join(slices.Sorted(maps.Keys(s.modules)), ", "))
	}
	req.module = m
	var o options
	params := newFlagSet(&o)
	// The flags point into o: this puts the module's options under the
	// parameters set over them.
	o = m.opts
	given := maps.Clone(m.given)
	for _, name := range slices.Sorted(maps.Keys(q)) {
		v := q.Get(name)
		var err error
		switch opt := optionKey(name); {
		case name == "target":
			req.target, err = probe.ParseTarget(v)
		case name == "module":
		case name == "debug":
			if req.debug, err = strconv.ParseBool(v); err != nil {
				err = errors.New("want true or false")
			}
		case name == "data":
			return req, errors.New("parameter data is not allowed: a scrape never delivers mail")
		case slices.Contains(m.allow, opt) && opt.key() == name:
			err = setOption(params, opt, v)
			given[string(opt)] = true
		case slices.Contains(moduleKeys(), name):
			return req, fmt.Errorf("parameter %s is not allowed by module %s (it allows %s): what a scrape may choose is set in the exporter's config file", name, m.name, strings.Join(m.params(), ", "))
		default:
			return req, fmt.Errorf("unknown parameter %q (module %s allows %s)", name, m.name, strings.Join(m.params(), ", "))
		}
		if err != nil {
			return req, fmt.Errorf("parameter %s=%q: %w", name, v, err)
		}
	}
	if !q.Has("target") {
		return req, errors.New("missing parameter target, as in /probe?target=example.com")
	}
	var err error
	req.cfg, req.ropts, err = o.settings(func(f string) bool { return given[f] }, &s.env)
	if err != nil {
		// Blame the query only if the module alone still works: it may
		// have broken since start-up (a password file gone).
		mo := m.opts
		if _, _, merr := mo.settings(func(f string) bool { return m.given[f] }, &s.env); merr != nil {
			return req, &moduleError{m.name, merr}
		}
		return req, fmt.Errorf("invalid query for module %s: %s", m.name, keyText(err))
	}
	if given["deadline"] {
		// The module's bound on each probe's own time (queueing aside);
		// serve's --deadline and the scrape timeout still bound the scrape.
		req.cfg.Deadline = o.deadline
	}
	req.cfg.Gate = s.gate
	req.cfg.Resolver.Limit = s.dns
	return req, nil
}

// A moduleError is a module that no longer works, whatever the query:
// the exporter's fault, not the scraper's.
type moduleError struct {
	module string
	err    error
}

func (e *moduleError) Error() string {
	return fmt.Sprintf("module %s: %s", e.module, keyText(e.err))
}

// setOption sets opt's flag in fs to v, and says what is wrong with v
// without naming the flag (pflag's Set would name it "--flag").
func setOption(fs *pflag.FlagSet, opt option, v string) error {
	return fs.Lookup(string(opt)).Value.Set(v)
}

// params are the query parameters m takes.
func (m *module) params() []string {
	params := []string{"target", "module", "debug"}
	for _, o := range m.allow {
		params = append(params, o.key())
	}
	return params
}

// warnOpenSecrets warns once, at start-up, about each password or token
// file named by a module that others may read or change, as the command
// does for its flags: the exporter reads the file at every scrape, for as
// long as it runs.
func warnOpenSecrets(w io.Writer, modules map[string]*module, config string) {
	warned := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(modules)) {
		for _, sec := range modules[name].opts.auth.openSecrets() {
			if warned[sec.file] {
				continue
			}
			warned[sec.file] = true
			text := sec.text(option.flag) // set by serve's own flag
			if !modules[name].flags[string(sec.opt)] {
				text = fmt.Sprintf("--config %s: module %s: %s", config, name, sec.text(option.key))
			}
			fmt.Fprintf(w, "smtpprobe: warning: %s\n", text)
		}
	}
}
