package cli

import (
	"io"
	"time"

	"github.com/samayoon/samayoon/review"
)

// i18nCommand runs "samayoon i18n …", the translators' and reviewers' tools for the Wolof.
func i18nCommand(args []string, stdout, stderr io.Writer) int {
	return review.Command(args, stdout, stderr, time.Now())
}
