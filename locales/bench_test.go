package locales

import (
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// BenchmarkLocalize measures one rendered message: plain, with a template, with a plural.
func BenchmarkLocalize(b *testing.B) {
	bundle, err := NewBundle()
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		cfg  *i18n.LocalizeConfig
	}{
		{"plain", &i18n.LocalizeConfig{MessageID: "profile_question"}},
		{"template", &i18n.LocalizeConfig{MessageID: "dept_question", TemplateData: map[string]any{"Region": "Diourbel"}}},
		{"plural", &i18n.LocalizeConfig{MessageID: "results_intro", PluralCount: 3,
			TemplateData: map[string]any{"Count": 3, "Need": "💼 Emploi", "Place": "Mbacké"}}},
	}
	for _, lang := range Languages() {
		loc := i18n.NewLocalizer(bundle, lang)
		for _, tc := range cases {
			b.Run(lang+"/"+tc.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := loc.Localize(tc.cfg); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
