package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestReadmeExporter keeps the README's exporter section true: its
// config loads, its scrape config picks a module the config has, and its
// 400 answer is the one the exporter gives.
func TestReadmeExporter(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	var config, scrape string
	for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(readme, -1) {
		switch {
		case strings.HasPrefix(m[1], "modules:"):
			config = m[1]
		case strings.HasPrefix(m[1], "scrape_configs:") && strings.Contains(m[1], "module:"):
			scrape = m[1]
		}
	}
	if config == "" || scrape == "" {
		t.Fatalf("the README has no modules config or no scrape config with a module")
	}
	e, _ := serveEnv(nil, nil)
	s, ts := startExporter(t, e, "--config", configFile(t, config))

	var sc struct {
		ScrapeConfigs []struct {
			MetricsPath string              `yaml:"metrics_path"`
			Params      map[string][]string `yaml:"params"`
		} `yaml:"scrape_configs"`
	}
	if err := yaml.Unmarshal([]byte(scrape), &sc); err != nil {
		t.Fatalf("the README's scrape config: %v", err)
	}
	for _, c := range sc.ScrapeConfigs {
		for _, m := range c.Params["module"] {
			if c.MetricsPath != "/probe" || s.modules[m] == nil {
				t.Errorf("the README's scrape config asks %s for module %q, which its config does not have", c.MetricsPath, m)
			}
		}
	}

	re := regexp.MustCompile(`\$ curl '[^']*(/probe\?[^']*)'\n\s+(.*)\n`)
	m := re.FindStringSubmatch(readme)
	if m == nil {
		t.Fatal("the README shows no refused query")
	}
	code, body := get(t, ts.URL+m[1])
	if code != 400 || strings.TrimSpace(body) != m[2] {
		t.Errorf("the README says %s answers\n%s\nbut it answers %d\n%s", m[1], m[2], code, body)
	}
	for _, name := range []string{"default", "inbound_tls", "lab"} {
		if s.modules[name] == nil {
			t.Errorf("the README's config has no module %s", name)
		}
	}
	if !slices.Equal(s.modules["lab"].params(), []string{"target", "module", "debug", "rcpt"}) {
		t.Errorf("the README's lab takes %v", s.modules["lab"].params())
	}
}
