// Package locales embeds Sama Yoon's French and Wolof messages for go-i18n; French is the
// default and fallback. It is a leaf: it imports nothing else from this module.
package locales

import (
	"embed"
	"fmt"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed fr.toml wo.toml
var files embed.FS

// Languages lists the supported language codes, default first.
func Languages() []string { return []string{"fr", "wo"} }

// NewBundle loads the embedded message files into a fresh bundle so callers share no state.
func NewBundle() (*i18n.Bundle, error) {
	b := i18n.NewBundle(language.French)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, lang := range Languages() {
		if _, err := b.LoadMessageFileFS(files, lang+".toml"); err != nil {
			return nil, fmt.Errorf("locales: load %s: %w", lang, err)
		}
	}
	return b, nil
}

// File returns the raw bytes of one embedded message file, for tests and tooling.
func File(lang string) ([]byte, error) {
	data, err := files.ReadFile(lang + ".toml")
	if err != nil {
		return nil, fmt.Errorf("locales: read %s: %w", lang, err)
	}
	return data, nil
}
