package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

	"github.com/mattn/go-isatty"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/smtpprobe/smtpprobe/probe"
	"github.com/smtpprobe/smtpprobe/report"
	"github.com/smtpprobe/smtpprobe/report/render"
)

// version is set at link time (-ldflags "-X main.version=v1.2.3"); without
// it the module version from the build info is shown.
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &env{
		stdin:          os.Stdin,
		stdout:         os.Stdout,
		stderr:         os.Stderr,
		getenv:         os.Getenv,
		hostname:       probe.LocalName,
		stdinTerminal:  isTerminal(os.Stdin),
		stdoutTerminal: isTerminal(os.Stdout),
		stderrTerminal: isTerminal(os.Stderr),
		columns: func() int {
			w, _, err := term.GetSize(int(os.Stdout.Fd()))
			if err != nil {
				return 0
			}
			return w
		},
	})
	stop()
	os.Exit(code)
}

// env is everything run takes from the process, so that tests can run the
// whole command in process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	hostname       func() string // the default EHLO name, "" for an address literal
	stdinTerminal  bool
	stdoutTerminal bool
	stderrTerminal bool
	// columns is the width of the terminal stdout is on; 0 when unknown.
	columns func() int
	// configure, when set, adjusts the probe configuration after the flags
	// are applied. Tests use it to route addresses to loopback listeners.
	configure func(*probe.Config)
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// run is the whole command; its result is the exit status.
func run(ctx context.Context, args []string, e *env) int {
	if name, rest, ok := subcommand(args); ok {
		switch name {
		case "explain":
			return runExplain(rest, e)
		case "serve":
			return runServe(ctx, rest, e)
		case "help":
			return runHelp(ctx, rest, e)
		}
	}
	var o options
	fs := newFlagSet(&o)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return fail(e.stderr, err, "run 'smtpprobe --help' for usage")
	}
	if o.help {
		usage(e.stdout, fs)
		return 0
	}
	if o.version {
		fmt.Fprintln(e.stdout, "smtpprobe", versionString())
		return 0
	}
	cfg, ropts, err := o.settings(fs.Changed, e)
	if err != nil {
		return fail(e.stderr, err, "")
	}
	for _, sec := range o.auth.openSecrets() {
		fmt.Fprintf(e.stderr, "smtpprobe: warning: %s\n", sec.text(option.flag))
	}
	switch o.output {
	case "text", "json", "nagios", "prometheus":
	default:
		return fail(e.stderr, fmt.Errorf("--output %q: want text, json, nagios or prometheus", o.output), "")
	}
	colour, err := o.color.use(e)
	if err != nil {
		return fail(e.stderr, err, "")
	}
	inputs, err := readTargets(fs.Args(), o.file, e)
	if err != nil {
		return fail(e.stderr, err, "")
	}
	if len(inputs) == 0 {
		for _, t := range o.auth.defaultTargets(nil) {
			inputs = append(inputs, input{text: t})
		}
	}
	if len(inputs) == 0 && o.auth.submission {
		t, err := submissionTarget(cfg.Server)
		if err != nil {
			return fail(e.stderr, err, "")
		}
		inputs = append(inputs, input{text: t})
	}
	if len(inputs) == 0 {
		return fail(e.stderr, errors.New("no target given"), "try 'smtpprobe example.com' or 'smtpprobe --help'")
	}
	if !o.noReuse && len(inputs) > 1 {
		// A connection cache, as MTAs keep: targets whose MX hosts
		// coincide share sessions, at most two connections an address.
		gate := &probe.Gate{PerAddress: 2}
		cfg.Gate, cfg.Pool = gate, probe.NewPool(ctx, gate)
	}
	b := batch{
		cfg:         cfg,
		ropts:       ropts,
		render:      render.Options{Lang: ropts.Lang, Color: colour, Width: width(e)},
		output:      o.output,
		quiet:       o.quiet,
		concurrency: o.concurrency,
		ordered:     o.ordered,
		stdout:      e.stdout,
		stderr:      e.stderr,
		progress:    e.stderrTerminal && !dumbTerminal(e) && len(inputs) > 1,
		deadline:    o.runDeadline(),
	}
	status := b.run(ctx, inputs)
	if cfg.Pool != nil {
		cfg.Pool.Close()
	}
	return status
}

// subcommands are the words that name a command rather than a target.
var subcommands = []string{"explain", "serve", "help"}

// subcommand finds a subcommand given first or after flags
// ("smtpprobe --no-color explain 550"); it returns the subcommand's
// arguments, those flags included. After "--" every word is a target.
func subcommand(args []string) (name string, rest []string, ok bool) {
	fs := newFlagSet(&options{})
	fs.SetOutput(io.Discard)
	fs.SetInterspersed(false)
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		return "", nil, false
	}
	lead := args[:len(args)-fs.NArg()]
	if slices.Contains(lead, "--") || !slices.Contains(subcommands, fs.Arg(0)) {
		return "", nil, false
	}
	return fs.Arg(0), append(slices.Clip(lead), fs.Args()[1:]...), true
}

// runHelp is "smtpprobe help [explain|serve]"; flags given with it are
// of no consequence.
func runHelp(ctx context.Context, args []string, e *env) int {
	var o options
	fs := newFlagSet(&o)
	fs.SetOutput(io.Discard)
	_ = fs.Parse(args) // the flags only need to be told from the topic
	topic := fs.Arg(0)
	switch topic {
	case "":
		usage(e.stdout, newFlagSet(&options{}))
		return 0
	case "explain", "serve":
		return run(ctx, []string{topic, "--help"}, e)
	}
	return fail(e.stderr, fmt.Errorf("help %q: no such command; there are explain and serve", topic), "run 'smtpprobe help' for usage")
}

// fail reports an error in the one-line form users and scripts expect and
// returns the exit status for "unknown".
func fail(w io.Writer, err error, hint string) int {
	fmt.Fprintf(w, "smtpprobe: error: %s\n", oneLine(err.Error()))
	if hint != "" {
		fmt.Fprintf(w, "smtpprobe: hint: %s\n", hint)
	}
	return int(report.Unknown)
}

// oneLine keeps a message on one line of stderr or of an HTTP answer.
func oneLine(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}

func loadRoots(file string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, optionErrorf("%s: %w", option("ca-file"), err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, optionErrorf("%s %s: no PEM certificates found", option("ca-file"), file)
	}
	return pool, nil
}

func versionString() string {
	if version != "" {
		return version
	}
	bi, _ := debug.ReadBuildInfo()
	return buildVersion(bi)
}

// buildVersion describes a binary built without -X main.version from what
// Go recorded in it: the module version (a release, or a pseudo-version
// from the commit), and the commit, its time and whether the tree had
// uncommitted changes.
func buildVersion(bi *debug.BuildInfo) string {
	if bi == nil {
		return "devel (no build information)"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var rev, when string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		if v == "devel" {
			return "devel (no version control information: built outside a git clone or with -buildvcs=false; 'make build' stamps the version)"
		}
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	detail := []string{"commit " + rev}
	if when != "" {
		detail = append(detail, when)
	}
	if modified {
		detail = append(detail, "with uncommitted changes")
	}
	return v + " (" + strings.Join(detail, ", ") + ")"
}

func usage(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprint(w, `smtpprobe finds a domain's mail servers, talks SMTP to each of them, and
explains every reply: what it means and what to do about it.

Usage:
  smtpprobe [flags] TARGET...        probe a domain or an address
  smtpprobe explain CODE [CODE...]   explain reply codes (550, 5.1.1, "550 5.1.1")
  smtpprobe explain --text 'REPLY'   diagnose a reply pasted from a bounce
  smtpprobe serve --listen ADDR      run a Prometheus exporter
  smtpprobe help [explain|serve]     show this help, or a command's

TARGET is a domain (example.com: RCPT TO postmaster@example.com), an address
(user@example.com), or - to read targets from standard input, one per line.

Flags:
`)
	fmt.Fprint(w, fs.FlagUsages())
	fmt.Fprint(w, `
Exit status: 0 ok, 1 warning, 2 critical, 3 unknown (the probe could not run).
`)
}
