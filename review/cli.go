package review

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/samayoon/samayoon/catalog"
)

// cliUsage explains the translators' commands, in French like the catalog's.
const cliUsage = `usage :
  samayoon i18n status                                   textes wolof présents, manquants, relus, à revoir
  samayoon i18n export --format csv|xliff [--only unreviewed] [--sep ';'|',']
                                                         un texte par ligne (CSV UTF-8 avec BOM, « ; » par
                                                         défaut) ou XLIFF 1.2, sur la sortie standard
  samayoon i18n import FICHIER --reviewer NOM            applique le wolof et les relectures du fichier
Options communes : --locales DOSSIER (locales), --catalog FICHIER (catalog/catalog.yaml).
Guide du relecteur : docs/reviewing-wolof.md.
`

// Command runs "samayoon i18n ..." (args after "i18n") and returns the exit code.
func Command(args []string, stdout, stderr io.Writer, now time.Time) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, cliUsage)
		return 2
	}
	switch args[0] {
	case "status":
		return cmdStatus(args[1:], stdout, stderr)
	case "export":
		return cmdExport(args[1:], stdout, stderr)
	case "import":
		return cmdImport(args[1:], stdout, stderr, now)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, cliUsage)
		return 0
	}
	fmt.Fprintf(stderr, "commande inconnue « %s »\n%s", args[0], cliUsage)
	return 2
}

// flags declares the options every subcommand takes.
func flags(name string, stderr io.Writer) (*flag.FlagSet, *Paths) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	p := DefaultPaths()
	fs.StringVar(&p.Locales, "locales", p.Locales, "dossier de fr.toml et wo.toml")
	fs.StringVar(&p.Catalog, "catalog", p.Catalog, "fichier du catalogue")
	return fs, &p
}

// cmdStatus prints, per language, how many texts are present, missing, reviewed and stale.
func cmdStatus(args []string, stdout, stderr io.Writer) int {
	fs, p := flags("status", stderr)
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprint(stderr, cliUsage)
		return 2
	}
	s, err := Load(*p)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	PrintStatus(stdout, s)
	return 0
}

// PrintStatus writes the summary "samayoon i18n status" prints.
func PrintStatus(w io.Writer, s *Set) {
	if s.Embedded {
		fmt.Fprintln(w, "(fichiers absents ici : textes intégrés au programme, sans relectures)")
	}
	all := Count(s.Texts, nil)
	fmt.Fprintf(w, "fr (source) : %d textes\n", all.Texts)
	line := func(label string, c Counts) {
		fmt.Fprintf(w, "wo %-10s %4d textes : %d présents, %d manquants ; %d relus, %d à revoir, %d à relire\n",
			label, c.Texts, c.Present, c.Missing, c.Reviewed, c.Stale, c.Unreviewed)
	}
	line("messages", Count(s.Texts, func(t Text) bool { return !t.Catalog() }))
	line("catalogue", Count(s.Texts, Text.Catalog))
	line("total", all)
	for _, t := range s.StaleTexts() {
		fmt.Fprintf(w, "à revoir : %s — relu par %s le %s ; %s\n", t.ID, t.Mark.Reviewer, t.Mark.Date, t.StaleReason())
	}
	for _, id := range s.Orphans {
		fmt.Fprintf(w, "relecture d'un texte qui n'existe plus : %s (retirée au prochain import)\n", id)
	}
}

// cmdExport writes the texts as CSV or XLIFF on stdout.
func cmdExport(args []string, stdout, stderr io.Writer) int {
	fs, p := flags("export", stderr)
	format := fs.String("format", "csv", "csv ou xliff")
	only := fs.String("only", "", "unreviewed : seulement les textes à relire, à revoir ou manquants")
	sep := fs.String("sep", ";", "séparateur CSV : ; ou ,")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || (*only != "" && *only != "unreviewed") || (*sep != ";" && *sep != ",") {
		fmt.Fprint(stderr, cliUsage)
		return 2
	}
	s, err := Load(*p)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	texts := s.Texts
	if *only == "unreviewed" {
		texts = nil
		for _, t := range s.Texts {
			if NeedsReview(t) {
				texts = append(texts, t)
			}
		}
	}
	switch *format {
	case "csv":
		err = ExportCSV(stdout, texts, rune((*sep)[0]))
	case "xliff":
		err = ExportXLIFF(stdout, texts)
	default:
		fmt.Fprintf(stderr, "format inconnu « %s » : csv ou xliff\n", *format)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// cmdImport applies a reviewer's file; the file may come before or after the options.
func cmdImport(args []string, stdout, stderr io.Writer, now time.Time) int {
	fs, p := flags("import", stderr)
	reviewer := fs.String("reviewer", "", "nom du locuteur natif qui a relu")
	file := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil || fs.NArg() > 1 || (file == "") == (fs.NArg() == 0) {
		fmt.Fprint(stderr, cliUsage)
		return 2
	}
	if file == "" {
		file = fs.Arg(0)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "lecture impossible : %v\n", err)
		return 1
	}
	rep, err := Import(*p, data, *reviewer, now)
	var ce *catalog.CSVError
	switch {
	case errors.As(err, &ce):
		for _, pr := range ce.Problems {
			fmt.Fprintf(stderr, "%s, %s\n", filepath.Base(file), pr)
		}
		fmt.Fprintf(stderr, "%s : %d problème(s) ; rien n'a été importé.\n", filepath.Base(file), len(ce.Problems))
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "%v\nRien n'a été importé.\n", err)
		return 1
	}
	printReport(stdout, rep)
	return 0
}

// printReport tells the reviewer what the import did.
func printReport(w io.Writer, r *Report) {
	for _, m := range r.Warnings {
		fmt.Fprintln(w, "attention : "+m)
	}
	fmt.Fprintf(w, "%d texte(s) modifié(s), %d marqué(s) relu(s), %d relecture(s) retirée(s), %d relecture(s) de textes supprimés retirée(s).\n",
		len(r.Edited), len(r.Signed), len(r.Withdrawn), len(r.Pruned))
	if len(r.Written) == 0 {
		fmt.Fprintln(w, "Aucun fichier à changer.")
	}
	for _, f := range r.Written {
		fmt.Fprintln(w, "écrit : "+f)
	}
}

// CatalogWarnings lists, in French, the review marks of a catalog file that no longer match
// its texts (for "samayoon catalog check": warnings, never errors).
func CatalogWarnings(catalogFile string) ([]string, error) {
	marks, err := readMarks(filepath.Join(filepath.Dir(catalogFile), FileName))
	if err != nil || len(marks) == 0 {
		return nil, err
	}
	data, err := os.ReadFile(catalogFile)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	c, err := catalog.Parse(filepath.Base(catalogFile), data)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	var out []string
	name := filepath.Join(filepath.Dir(catalogFile), FileName)
	for _, t := range catalogTexts(c) {
		t.Mark = marks[t.ID]
		if t.Status = status(t); t.Status == Stale {
			out = append(out, fmt.Sprintf("%s: attention : le wolof de %s a été relu (par %s, le %s) mais %s : faites-le relire à nouveau (samayoon i18n export --only unreviewed)",
				name, t.ID, t.Mark.Reviewer, t.Mark.Date, t.StaleReason()))
		}
		delete(marks, t.ID)
	}
	orphans := make([]string, 0, len(marks))
	for id := range marks {
		orphans = append(orphans, id)
	}
	sort.Strings(orphans)
	for _, id := range orphans {
		out = append(out, fmt.Sprintf("%s: attention : relecture de %s, qui n'est plus dans le catalogue (retirée au prochain samayoon i18n import)", name, id))
	}
	return out, nil
}
