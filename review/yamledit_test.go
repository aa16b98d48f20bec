package review

import (
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

func TestEditCatalogStyles(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"literal fr, no wo", "info_pages:\n  - id: p\n    body:\n      fr: |\n        Un.\n        Deux.\n    sources: []\n",
			"info_pages:\n  - id: p\n    body:\n      fr: |\n        Un.\n        Deux.\n      wo: \"Benn.\"\n    sources: []\n"},
		{"plain wo on two lines", "info_pages:\n  - id: p\n    body:\n      fr: x\n      wo: ancien texte\n        sur deux lignes # note\n    sources: []\n",
			"info_pages:\n  - id: p\n    body:\n      fr: x\n      wo: \"Benn.\" # note\n    sources: []\n"},
		{"single-quoted with quote", "info_pages:\n  - id: p\n    body: {fr: x, wo: 'l''ancien'}\n",
			"info_pages:\n  - id: p\n    body: {fr: x, wo: \"Benn.\"}\n"},
		{"plain in flow", "info_pages:\n  - id: p\n    body: {fr: x, wo: ancien }\n",
			"info_pages:\n  - id: p\n    body: {fr: x, wo: \"Benn.\" }\n"},
		{"quoted with escapes", "info_pages:\n  - id: p\n    body:\n      fr: x\n      wo: \"a \\\" b\" # wo: à relire par un locuteur natif\n",
			"info_pages:\n  - id: p\n    body:\n      fr: x\n      wo: \"Benn.\"\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := editCatalog([]byte(tc.in), map[string]string{"info/p/body": "Benn."}, map[string]bool{"info/p/body": true})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			var v any
			if err := yaml.Unmarshal(got, &v); err != nil {
				t.Errorf("result is not YAML: %v", err)
			}
		})
	}
}
