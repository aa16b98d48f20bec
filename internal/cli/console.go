package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/config"
	"github.com/samayoon/samayoon/console"
	"github.com/samayoon/samayoon/internal/logging"
)

// runConsole chats in the terminal over the same engine and store code as the bot.
func runConsole(ctx context.Context, cfg config.Config, stdin io.Reader, stdout, stderr io.Writer) int {
	// Warnings only, as text: the terminal is the user's chat. Packages add their component.
	logger := logging.New(stderr, "text", "warn")
	cat, err := loadCatalog(cfg.CatalogFile)
	if err != nil {
		fmt.Fprintf(stderr, "samayoon: the catalog cannot be used:\n%v\n", err)
		return 1
	}
	sess, err := openSessions(ctx, redisConfig(cfg), stderr, logger)
	if err != nil {
		fmt.Fprintf(stderr, "samayoon: %v\n", err)
		return 1
	}
	defer sess.close()
	eng, err := newEngine(sess.store, catalog.NewHolder(cat, "", logger, nil), cfg, logger, nil, false, nil)
	if err != nil {
		fmt.Fprintf(stderr, "samayoon: %v\n", err)
		return 1
	}
	opt := console.Options{Lang: platformLang(cfg.Locale), Echo: !isTerminal(stdin)}
	if err := console.Run(ctx, eng, stdin, stdout, opt); err != nil {
		fmt.Fprintf(stderr, "samayoon: %v\n", err)
		return 1
	}
	return 0
}

// platformLang turns a POSIX locale such as "fr_SN.UTF-8" into a language code ("fr").
func platformLang(locale string) string {
	lang, _, _ := strings.Cut(locale, "_")
	lang, _, _ = strings.Cut(lang, ".")
	return strings.ToLower(lang)
}

// isTerminal reports whether r is an interactive terminal (piped input gets echoed).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
