package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/review"
)

// catalogCommand runs "samayoon catalog …", the staff's tools for the catalog file; check also
// warns about Wolof reviewed against a French that has changed since (exit code unchanged).
func catalogCommand(args []string, stdout, stderr io.Writer) int {
	code := catalog.Command(args, stdout, stderr, time.Now())
	if code != 0 || len(args) == 0 || args[0] != "check" {
		return code
	}
	file := catalog.DefaultPath
	if len(args) > 1 {
		file = args[1]
	} else if _, err := os.Stat(file); err != nil {
		return code // the built-in catalog has no review file
	}
	warnings, err := review.CatalogWarnings(file)
	if err != nil {
		fmt.Fprintf(stderr, "relectures du wolof illisibles : %v\n", err)
	}
	for _, w := range warnings {
		fmt.Fprintln(stdout, w)
	}
	return code
}
