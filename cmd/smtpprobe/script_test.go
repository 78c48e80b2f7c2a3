package main

// Contract tests as scripts (testdata/script/*.txtar, run by
// github.com/rogpeppe/go-internal/testscript): each starts real servers on
// loopback, runs smtpprobe in process and checks its exit status and
// output. The commands a script has besides testscript's own:
//
//	smtpserver [-reject RCPT CODE ENHANCED TEXT]...
//	    starts a go-smtp server on 127.0.0.1 that refuses RCPT TO the
//	    given addresses with the given reply; sets $SMTP (host:port),
//	    $SMTP_HOST and $SMTP_PORT
//	messages N
//	    checks that the server received N messages (DATA)
//	smtpevents
//	    prints what the server saw, one event a line ("MAIL <>",
//	    "RCPT <user@example.test>")
//	message N
//	    prints the Nth message the server received (from 1)
//	dnsserver FILE [-servfail NAME]...
//	    starts a DNS server on loopback serving the records of FILE, one a
//	    line, with $VARIABLES expanded; NAME answers SERVFAIL; sets $DNS
//	smtpprobe ARGS...
//	    runs the command, with the script's environment (LANG, NO_COLOR);
//	    "! smtpprobe" expects a status other than 0
//	status N
//	    checks the exit status of the last smtpprobe

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/smtpprobe/smtpprobe/internal/dnstest"
	"github.com/smtpprobe/smtpprobe/internal/smtptest"
)

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                "testdata/script",
		RequireUniqueNames: true,
		Setup: func(e *testscript.Env) error {
			e.Values[scriptKey{}] = &scriptState{t: t}
			return nil
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"smtpserver": cmdSMTPServer,
			"messages":   cmdMessages,
			"smtpevents": cmdSMTPEvents,
			"message":    cmdMessage,
			"dnsserver":  cmdDNSServer,
			"smtpprobe":  cmdSmtpprobe,
			"status":     cmdStatus,
		},
	})
}

// scriptKey keys a script's state in its testscript.Env.Values.
type scriptKey struct{}

// scriptState is what the commands of one script share.
type scriptState struct {
	t      testing.TB
	smtp   *smtptest.Server
	status int // of the last smtpprobe
}

func state(ts *testscript.TestScript) *scriptState {
	return ts.Value(scriptKey{}).(*scriptState)
}

// scriptTB is the testing.TB of the test servers of one script: their
// cleanups run when the script ends, and their failures fail it.
type scriptTB struct {
	testing.TB
	ts *testscript.TestScript
}

func (s scriptTB) Helper()                        {}
func (s scriptTB) Cleanup(f func())               { s.ts.Defer(f) }
func (s scriptTB) Fatal(args ...any)              { s.ts.Fatalf("%s", fmt.Sprint(args...)) }
func (s scriptTB) Fatalf(format string, a ...any) { s.ts.Fatalf(format, a...) }

func cmdSMTPServer(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! smtpserver")
	}
	o := smtptest.Options{Domain: "mx.example.test", RejectRcpt: map[string]*smtptest.SMTPError{}}
	for len(args) > 0 {
		if args[0] != "-reject" || len(args) < 5 {
			ts.Fatalf("usage: smtpserver [-reject RCPT CODE ENHANCED TEXT]...")
		}
		code, err := strconv.Atoi(args[2])
		ts.Check(err)
		o.RejectRcpt[args[1]] = smtptest.Error(code, args[3], args[4])
		args = args[5:]
	}
	st := state(ts)
	st.smtp = smtptest.Start(scriptTB{st.t, ts}, o)
	host, port, err := net.SplitHostPort(st.smtp.Addr)
	ts.Check(err)
	ts.Setenv("SMTP", st.smtp.Addr)
	ts.Setenv("SMTP_HOST", host)
	ts.Setenv("SMTP_PORT", port)
}

func cmdMessages(ts *testscript.TestScript, neg bool, args []string) {
	st := state(ts)
	if len(args) != 1 || st.smtp == nil {
		ts.Fatalf("usage: messages N, after smtpserver")
	}
	if got := strconv.Itoa(len(st.smtp.Messages())); (got == args[0]) == neg {
		ts.Fatalf("the server received %s messages, want %s%s", got, map[bool]string{true: "not "}[neg], args[0])
	}
}

func cmdSMTPEvents(ts *testscript.TestScript, neg bool, args []string) {
	st := state(ts)
	if neg || len(args) != 0 || st.smtp == nil {
		ts.Fatalf("usage: smtpevents, after smtpserver")
	}
	for _, e := range st.smtp.Events() {
		fmt.Fprintln(ts.Stdout(), e)
	}
}

func cmdMessage(ts *testscript.TestScript, neg bool, args []string) {
	st := state(ts)
	if neg || len(args) != 1 || st.smtp == nil {
		ts.Fatalf("usage: message N, after smtpserver")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	msgs := st.smtp.Messages()
	if n < 1 || n > len(msgs) {
		ts.Fatalf("the server received %d messages, not %d", len(msgs), n)
	}
	fmt.Fprint(ts.Stdout(), strings.ReplaceAll(string(msgs[n-1].Data), "\r\n", "\n"))
}

func cmdDNSServer(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: dnsserver FILE [-servfail NAME]...")
	}
	zone := os.Expand(ts.ReadFile(args[0]), ts.Getenv)
	var records []string
	for _, line := range strings.Split(zone, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, ";") {
			records = append(records, line)
		}
	}
	d := dnstest.Start(scriptTB{state(ts).t, ts}, records...)
	for rest := args[1:]; len(rest) > 0; rest = rest[2:] {
		if rest[0] != "-servfail" || len(rest) < 2 {
			ts.Fatalf("usage: dnsserver FILE [-servfail NAME]...")
		}
		d.ServFail(rest[1])
	}
	ts.Setenv("DNS", d.Addr())
}

// cmdSmtpprobe runs the command in process, as main does, with its
// standard output and error for the script's stdout and stderr checks.
// Connections reach loopback only.
func cmdSmtpprobe(ts *testscript.TestScript, neg bool, args []string) {
	var out, errb bytes.Buffer
	e := cmdEnv{}.env(&out, &errb)
	e.getenv = ts.Getenv
	code := run(context.Background(), args, e)
	state(ts).status = code
	fmt.Fprint(ts.Stdout(), out.String())
	fmt.Fprint(ts.Stderr(), errb.String())
	if (code != 0) != neg {
		ts.Fatalf("smtpprobe exited %d", code)
	}
}

func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: status N")
	}
	if got := strconv.Itoa(state(ts).status); got != args[0] {
		ts.Fatalf("smtpprobe exited %s, want %s", got, args[0])
	}
}
