package cli

import (
	"io"
	"time"

	"github.com/samayoon/samayoon/catalog"
)

// catalogCommand runs "samayoon catalog …", the staff's tools for the catalog file.
func catalogCommand(args []string, stdout, stderr io.Writer) int {
	return catalog.Command(args, stdout, stderr, time.Now())
}
