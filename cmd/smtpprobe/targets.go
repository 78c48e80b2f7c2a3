package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/smtpprobe/smtpprobe/internal/hostport"
)

// maxTargetLine bounds one line of a target list; no domain or address
// comes near it, so a longer line is a mistake (or not a target list).
const maxTargetLine = 1024

// input is one target as it was given: an argument, or a line of standard
// input or of a --file.
type input struct {
	text string
	// where names the line it came from ("domains.txt:3"), "" for an
	// argument.
	where string
	// err says why the line is no target at all (too long to be one);
	// the line then becomes an unknown result of its own.
	err error
}

// name is how results and errors refer to the input.
func (in input) name() string {
	if in.err != nil {
		return in.where
	}
	return in.text
}

// readTargets gathers targets from the arguments, "-" (standard input) and
// --file, in that order; "--file -" is standard input too. Standard input is
// read once, however often it is named. When it is a terminal, a line on
// stderr says so, so that a user who typed "smtpprobe -" does not wait for a
// probe that waits for them.
func readTargets(args []string, file string, e *env) ([]input, error) {
	var out []input
	stdinRead := false
	readStdin := func() error {
		if stdinRead {
			return nil
		}
		stdinRead = true
		if e.stdin == nil {
			return errors.New("no standard input to read targets from")
		}
		if e.stdinTerminal {
			fmt.Fprintln(e.stderr, "smtpprobe: reading targets from standard input, one per line; end with Ctrl-D")
		}
		ins, err := scanTargets(e.stdin, "standard input")
		out = append(out, ins...)
		return err
	}
	for _, a := range args {
		if a != "-" {
			out = append(out, input{text: a})
			continue
		}
		if err := readStdin(); err != nil {
			return nil, err
		}
	}
	switch file {
	case "":
	case "-":
		if err := readStdin(); err != nil {
			return nil, err
		}
	default:
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("--file: %w", err)
		}
		defer f.Close()
		ins, err := scanTargets(f, file)
		if err != nil {
			return nil, err
		}
		out = append(out, ins...)
	}
	return out, nil
}

// scanTargets reads one target a line, skipping blank lines and # comments.
// A line whose target part is maxTargetLine bytes or more (the newline not
// counted) becomes an input with an error, so that one bad line does not
// stop the rest of the list; only what is needed to judge a line is kept
// in memory.
func scanTargets(r io.Reader, name string) ([]input, error) {
	var out []input
	br := bufio.NewReaderSize(r, maxTargetLine)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		head := string(line) // the first maxTargetLine bytes at most
		long := false
		for err == bufio.ErrBufferFull {
			long = true
			_, err = br.ReadSlice('\n')
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("reading targets from %s: %w", name, err)
		}
		where := fmt.Sprintf("%s:%d", name, n)
		if n == 1 {
			// A list saved by a Windows editor starts with a byte order
			// mark; it is no part of the target (nor of its label in
			// the metrics).
			head = strings.TrimPrefix(head, "\ufeff")
		}
		if t, ok := targetPart(head); ok {
			head = t
			long = false // the rest of the line is a comment
		}
		head = strings.TrimSpace(head)
		switch {
		case long:
			out = append(out, input{where: where, err: fmt.Errorf("%s: line of %d bytes or more: not a target", where, maxTargetLine)})
		case head != "":
			out = append(out, input{text: head, where: where})
		}
		if err == io.EOF {
			return out, nil
		}
	}
}

// submissionTarget is the target of a submission probe given no target and
// no login to send to: the recipient postmaster@ the server's own name. A
// submission server that wants AUTH refuses before RCPT (530 at MAIL
// FROM), and nothing is delivered without --data; the domain is needed
// only to say RCPT TO. A server named by its address has no such name.
func submissionTarget(server string) (string, error) {
	hp, err := hostport.Parse(server, 0)
	if err != nil {
		return "", fmt.Errorf("--server %q: %w", server, err)
	}
	if _, isAddr := hp.Addr(); isAddr {
		return "", fmt.Errorf("--submission --server %s: no target given, and an address has no domain for RCPT TO; give one (user@example.com)", server)
	}
	return "postmaster@" + hp.Host, nil
}

// targetPart cuts a line at its comment: a # at its start or after a space
// or tab. It reports whether there was a comment.
func targetPart(line string) (string, bool) {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i], true
		}
	}
	return line, false
}
