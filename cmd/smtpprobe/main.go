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
	"strings"
	"syscall"

	"github.com/mattn/go-isatty"
	"github.com/spf13/pflag"

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
		hostname:       os.Hostname,
		stdoutTerminal: isTerminal(os.Stdout),
		stderrTerminal: isTerminal(os.Stderr),
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
	hostname       func() (string, error)
	stdoutTerminal bool
	stderrTerminal bool
	// configure, when set, adjusts the probe configuration after the flags
	// are applied. Tests use it to route addresses to loopback listeners.
	configure func(*probe.Config)
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// run is the whole command; its result is the exit status.
func run(ctx context.Context, args []string, e *env) int {
	if len(args) > 0 {
		switch args[0] {
		case "explain":
			return runExplain(args[1:], e)
		case "serve":
			return runServe(ctx, args[1:], e)
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
	cfg, err := o.probeConfig(e.hostname)
	if err != nil {
		return fail(e.stderr, err, "")
	}
	if err := o.auth.apply(&cfg, fs, e.getenv); err != nil {
		return fail(e.stderr, err, "")
	}
	if o.caFile != "" {
		pool, err := loadRoots(o.caFile)
		if err != nil {
			return fail(e.stderr, err, "")
		}
		cfg.RootCAs = pool
	}
	lang, err := language(o.lang, e.getenv)
	if err != nil {
		return fail(e.stderr, err, "")
	}
	switch o.output {
	case "text", "json", "nagios", "prometheus":
	default:
		return fail(e.stderr, fmt.Errorf("--output %q: want text, json, nagios or prometheus", o.output), "")
	}
	inputs, err := readTargets(fs.Args(), o.file, e.stdin)
	if err != nil {
		return fail(e.stderr, err, "")
	}
	inputs = o.auth.defaultTargets(inputs)
	if len(inputs) == 0 {
		return fail(e.stderr, errors.New("no target given"), "try 'smtpprobe example.com' or 'smtpprobe --help'")
	}
	if e.configure != nil {
		e.configure(&cfg)
	}
	b := batch{
		cfg:         cfg,
		ropts:       o.reportOptions(lang, cfg),
		render:      render.Options{Lang: lang, Color: e.stdoutTerminal && !o.noColor && e.getenv("NO_COLOR") == ""},
		output:      o.output,
		quiet:       o.quiet,
		concurrency: o.concurrency,
		ordered:     o.ordered,
		stdout:      e.stdout,
		stderr:      e.stderr,
		progress:    e.stderrTerminal && len(inputs) > 1,
		deadline:    o.runDeadline(),
	}
	return b.run(ctx, inputs)
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
		return nil, fmt.Errorf("--ca-file: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("--ca-file %s: no PEM certificates found", file)
	}
	return pool, nil
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func usage(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprint(w, `smtpprobe finds a domain's mail servers, talks SMTP to each of them, and
explains every reply: what it means and what to do about it.

Usage:
  smtpprobe [flags] TARGET...        probe a domain or an address
  smtpprobe explain CODE [CODE...]   explain reply codes (550, 5.1.1, "550 5.1.1")
  smtpprobe explain --text 'REPLY'   diagnose a reply pasted from a bounce
  smtpprobe serve --listen ADDR      run a Prometheus exporter

TARGET is a domain (example.com: RCPT TO postmaster@example.com), an address
(user@example.com), or - to read targets from standard input, one per line.

Flags:
`)
	fmt.Fprint(w, fs.FlagUsages())
	fmt.Fprint(w, `
Exit status: 0 ok, 1 warning, 2 critical, 3 unknown (the probe could not run).
`)
}
