package catalog

import (
	"errors"
	"fmt"
	"io"
)

// cmdCheckLexicon checks a lexicon file alone: problems (exit 1) or a summary (exit 0).
func cmdCheckLexicon(file string, stdout, stderr io.Writer) int {
	lx, err := LoadLexicon(file)
	var ve *ValidationError
	switch {
	case errors.As(err, &ve):
		fmt.Fprintln(stdout, ve.Error())
		fmt.Fprintf(stdout, "%s : %d problème(s) ; le fichier serait refusé, le bot garderait l'ancien lexique.\n", file, len(ve.Problems))
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "lecture impossible : %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, lexiconSummary(lx))
	return 0
}

// lexiconSummary is the line check prints about the lexicon in use.
func lexiconSummary(lx *Lexicon) string {
	return fmt.Sprintf("lexique %s : valide — %d mots et noms de lieux.", lx.Name(), lx.Len())
}
