package main

import (
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReadmeRecipes keeps the README's cron, Nagios, textfile-collector
// and Icinga recipes working with today's flags: every smtpprobe command
// line in them parses and passes the checks a run makes before probing,
// and every flag the Icinga CheckCommand passes is one the command has.
func TestReadmeRecipes(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	_, recipes, ok := strings.Cut(readme, "\n## Recipes\n")
	if !ok {
		t.Fatal("the README has no Recipes section")
	}
	recipes, _, _ = strings.Cut(recipes, "\n## ")
	// Nagios macros, as the README's service passes them.
	macros := strings.NewReplacer("$ARG1$", "example.com", "$ARG2$", "5s", "$ARG3$", "20s", "$ARG4$", "7")
	n := 0
	for _, line := range strings.Split(recipes, "\n") {
		_, cmd, ok := strings.Cut(line, "/usr/local/bin/smtpprobe ")
		if !ok {
			continue
		}
		n++
		// The command ends where the shell takes over.
		cmd, _, _ = strings.Cut(cmd, ">")
		cmd, _, _ = strings.Cut(cmd, ";")
		args := strings.Fields(macros.Replace(cmd))
		var o options
		fs := newFlagSet(&o)
		fs.SetOutput(io.Discard)
		if err := fs.Parse(args); err != nil {
			t.Errorf("README recipe %q: %v", line, err)
			continue
		}
		if !slices.Contains([]string{"text", "json", "nagios", "prometheus"}, o.output) {
			t.Errorf("README recipe %q: output %q", line, o.output)
		}
		if fs.NArg() == 0 && o.file == "" {
			t.Errorf("README recipe %q names no target", line)
		}
		if _, _, err := o.settings(fs.Changed, cmdEnv{}.env(io.Discard, io.Discard)); err != nil {
			t.Errorf("README recipe %q: %v", line, err)
		}
	}
	if n < 3 {
		t.Errorf("found %d smtpprobe command lines in the README's recipes, want the cron, Nagios and textfile ones", n)
	}

	_, icinga, ok := strings.Cut(recipes, `object CheckCommand "smtpprobe"`)
	if !ok {
		t.Fatal("the README has no Icinga CheckCommand")
	}
	icinga, _, _ = strings.Cut(icinga, "object Service")
	fs := newFlagSet(&options{})
	flags := regexp.MustCompile(`"(--?[a-z-]+)"`).FindAllStringSubmatch(icinga, -1)
	if len(flags) < 5 {
		t.Fatalf("the Icinga CheckCommand passes %d flags", len(flags))
	}
	for _, m := range flags {
		name := strings.TrimLeft(m[1], "-")
		if fs.Lookup(name) == nil && (len(name) != 1 || fs.ShorthandLookup(name) == nil) {
			t.Errorf("the Icinga CheckCommand passes %s, which is no flag of smtpprobe", m[1])
		}
	}
}
