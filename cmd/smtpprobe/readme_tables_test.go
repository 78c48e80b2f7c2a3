package main

// The README's reference tables (flags, packages, fuzz targets) are what a
// newcomer trusts without running anything; these tests keep them equal to
// the code.

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// readmeTableRows returns the first cells of the rows of the README table
// whose header line is header, and the whole rows.
func readmeTableRows(t *testing.T, header string) (first, rows []string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	i := slices.Index(lines, header)
	if i < 0 {
		t.Fatalf("the README has no table %q", header)
	}
	for _, l := range lines[i+2:] {
		if !strings.HasPrefix(l, "|") {
			break
		}
		cells := strings.Split(l, "|")
		first = append(first, strings.TrimSpace(cells[1]))
		rows = append(rows, l)
	}
	return first, rows
}

var (
	// helpFlag is a flag's line in --help: "  -s, --server HOST[:PORT]  ...".
	helpFlag = regexp.MustCompile(`(?m)^ +(?:-([a-zA-Z]), )?--([a-z0-9-]+)`)
	// cellFlag is a flag in a README table's first cell: "`-s, --server HOST`".
	cellFlag = regexp.MustCompile("^`(?:-([a-zA-Z]), )?--([a-z0-9-]+)")
)

// helpFlags runs the command with args (ending in --help) and returns its
// flags, long name to shorthand.
func helpFlags(t *testing.T, args ...string) map[string]string {
	t.Helper()
	r := runCmd(t, "", nil, args...)
	if r.code != 0 {
		t.Fatalf("%q: exit %d\n%s", args, r.code, r.stderr)
	}
	flags := map[string]string{}
	for _, m := range helpFlag.FindAllStringSubmatch(r.stdout, -1) {
		flags[m[2]] = m[1]
	}
	if len(flags) == 0 {
		t.Fatalf("%q shows no flags:\n%s", args, r.stdout)
	}
	return flags
}

// tableFlags returns the flags the first cells of a README flag table
// name, long name to shorthand.
func tableFlags(t *testing.T, header string) map[string]string {
	t.Helper()
	cells, _ := readmeTableRows(t, header)
	flags := map[string]string{}
	for _, c := range cells {
		m := cellFlag.FindStringSubmatch(c)
		if m == nil {
			t.Errorf("README table %q: row %q names no flag", header, c)
			continue
		}
		flags[m[2]] = m[1]
	}
	return flags
}

// TestReadmeFlagTables: every flag that --help shows has a row in the
// README's table for that command, with the same shorthand, and every row
// is a flag that exists. serve's table lists its own flags; the probe
// flags it shares with the command are the command's table.
func TestReadmeFlagTables(t *testing.T) {
	probeFlags := helpFlags(t, "--help")
	serveFlags := helpFlags(t, "serve", "--help")
	serveOwn := map[string]string{}
	for name, short := range serveFlags {
		if _, shared := probeFlags[name]; !shared || name == "deadline" {
			serveOwn[name] = short // serve's --deadline is its own
		}
	}
	for _, tc := range []struct {
		header string
		help   map[string]string
	}{
		{"| flag | meaning |", probeFlags},
		{"| explain flag | meaning |", helpFlags(t, "explain", "--help")},
		{"| serve flag | default | meaning |", serveOwn},
	} {
		table := tableFlags(t, tc.header)
		for name, short := range tc.help {
			got, ok := table[name]
			switch {
			case !ok && name != "help":
				t.Errorf("README table %q has no row for --%s", tc.header, name)
			case ok && got != short:
				t.Errorf("README table %q: --%s has shorthand %q, --help says %q", tc.header, name, got, short)
			}
		}
		for name := range table {
			if _, ok := tc.help[name]; !ok {
				t.Errorf("README table %q: --%s is no flag of the command", tc.header, name)
			}
		}
	}
}

// repoPackages returns the directories of the repository that hold Go
// files, relative to its root, and each one's fuzz targets.
func repoPackages(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join("..", "..")
	fuzz := regexp.MustCompile(`(?m)^func (Fuzz\w+)\(`)
	pkgs := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "examples") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !strings.HasSuffix(path, "_test.go") {
			if _, ok := pkgs[rel]; !ok {
				pkgs[rel] = nil
			}
		}
		for _, m := range fuzz.FindAllSubmatch(b, -1) {
			pkgs[rel] = append(pkgs[rel], string(m[1]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// TestReadmeLayout: the README's table of packages lists every package of
// the repository and no other.
func TestReadmeLayout(t *testing.T) {
	cells, _ := readmeTableRows(t, "| package | job |")
	listed := map[string]bool{}
	for _, c := range cells {
		listed[strings.Trim(c, "`")] = true
	}
	pkgs := repoPackages(t)
	for p := range pkgs {
		if !listed[p] {
			t.Errorf("the README's layout table has no row for %s", p)
		}
	}
	for p := range listed {
		if _, ok := pkgs[p]; !ok {
			t.Errorf("the README's layout table lists %s, which is no package", p)
		}
	}
}

// TestReadmeFuzzTargets: the README's table of fuzz targets lists every
// fuzz target under its package, and no other.
func TestReadmeFuzzTargets(t *testing.T) {
	cells, rows := readmeTableRows(t, "| package | targets |")
	name := regexp.MustCompile("`(Fuzz\\w+)`")
	listed := map[string][]string{}
	for i, c := range cells {
		pkg := strings.Trim(c, "`")
		for _, m := range name.FindAllStringSubmatch(rows[i], -1) {
			listed[pkg] = append(listed[pkg], m[1])
		}
	}
	for pkg, targets := range repoPackages(t) {
		sort.Strings(targets)
		got := listed[pkg]
		sort.Strings(got)
		if !slices.Equal(got, targets) {
			t.Errorf("the README lists fuzz targets %v for %s; it has %v", got, pkg, targets)
		}
		delete(listed, pkg)
	}
	for pkg := range listed {
		t.Errorf("the README lists fuzz targets of %s, which is no package", pkg)
	}
}

// TestReadmeTableShape: every Markdown table of the README has its
// delimiter row and the same number of cells in every row (an unescaped |
// inside a cell, even in backticks, splits it and shifts the columns).
func TestReadmeTableShape(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cells := func(l string) int {
		n := 0
		for i := range len(l) {
			if l[i] == '|' && (i == 0 || l[i-1] != '\\') {
				n++
			}
		}
		return n - 1 // a row starts and ends with |
	}
	delimiter := regexp.MustCompile(`^\|( *:?-{3,}:? *\|)+$`)
	fenced, start, want := false, 0, 0
	for i, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "```") {
			fenced = !fenced
		}
		if fenced || !strings.HasPrefix(l, "|") {
			start = 0
			continue
		}
		switch {
		case start == 0:
			start, want = i+1, cells(l)
		case i == start && !delimiter.MatchString(l):
			t.Errorf("README.md:%d: the table's second row is not its delimiter row", i+1)
		case cells(l) != want:
			t.Errorf("README.md:%d: %d cells in a table of %d (from line %d)", i+1, cells(l), want, start)
		}
	}
}

// flagRows returns the rows of the README table whose header line is
// header that name a flag of fs, as the flag and the row's cells.
func flagRows(t *testing.T, header string, fs *pflag.FlagSet) (flags []*pflag.Flag, cells [][]string) {
	t.Helper()
	_, rows := readmeTableRows(t, header)
	for _, row := range rows {
		c := strings.Split(row, "|")
		m := cellFlag.FindStringSubmatch(strings.TrimSpace(c[1]))
		if m == nil {
			continue
		}
		if f := fs.Lookup(m[2]); f != nil { // else TestReadmeFlagTables says so
			flags, cells = append(flags, f), append(cells, c)
		}
	}
	return flags, cells
}

// TestReadmeServeDefaults: the default column of the README's serve flag
// table is what the flags default to.
func TestReadmeServeDefaults(t *testing.T) {
	flags, cells := flagRows(t, "| serve flag | default | meaning |", newServeFlagSet(&serveOptions{}))
	for i, f := range flags {
		want := strings.Trim(strings.TrimSpace(cells[i][2]), "`")
		if want == "none" {
			want = ""
		}
		if f.DefValue != want {
			t.Errorf("README: --%s defaults to %q; the flag's default is %q", f.Name, want, f.DefValue)
		}
	}
}

// TestReadmeProbeDefaults: a row of the README's flag table names the
// flag's default where it has one (a value, not off, zero or empty).
func TestReadmeProbeDefaults(t *testing.T) {
	flags, cells := flagRows(t, "| flag | meaning |", newFlagSet(&options{}))
	n := 0
	for i, f := range flags {
		if slices.Contains([]string{"", "0", "0s", "false", "[]"}, f.DefValue) {
			continue
		}
		n++
		if !strings.Contains(strings.Join(cells[i][2:], "|"), f.DefValue) {
			t.Errorf("README: the row of --%s does not name its default %q: %s", f.Name, f.DefValue, strings.Join(cells[i], "|"))
		}
	}
	if n < 5 {
		t.Errorf("checked the defaults of %d flags", n)
	}
}
