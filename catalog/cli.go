package catalog

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// DefaultPath is the catalog file the commands read when no file is named.
const DefaultPath = "catalog/catalog.yaml"

// cliUsage explains the catalog commands to staff.
const cliUsage = `usage :
  samayoon catalog check [FICHIER]                       vérifie le fichier (code 1 s'il a des erreurs)
  samayoon catalog export --format csv|hsds [--lang fr|wo] [--file F]
                                                         écrit le catalogue en CSV ou HSDS 3.0 (JSON) ;
                                                         --lang : langue des textes HSDS (fr par défaut ;
                                                         wo garde le français là où le wolof manque)
  samayoon catalog import FICHIER.csv                    écrit le YAML correspondant (les commentaires ne sont pas gardés)
  samayoon catalog coverage [--format markdown|csv] [--file F]
                                                         tableau lieu × besoin : aides joignables, sans contact, sans wolof
FICHIER par défaut : catalog/catalog.yaml s'il existe, sinon le catalogue intégré au programme.
`

// Command runs "samayoon catalog ..." (args after "catalog"); it returns the exit code.
func Command(args []string, stdout, stderr io.Writer, now time.Time) int {
	if len(args) > 0 && args[0] == "catalog" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, cliUsage)
		return 2
	}
	switch args[0] {
	case "check":
		return cmdCheck(args[1:], stdout, stderr, now)
	case "export":
		return cmdExport(args[1:], stdout, stderr)
	case "import":
		return cmdImport(args[1:], stdout, stderr)
	case "coverage":
		return cmdCoverage(args[1:], stdout, stderr, now)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, cliUsage)
		return 0
	}
	fmt.Fprintf(stderr, "commande inconnue « %s »\n%s", args[0], cliUsage)
	return 2
}

// open loads the named file, or the default one.
func open(file string) (*Catalog, string, error) {
	if file == "" {
		if _, err := os.Stat(DefaultPath); err != nil {
			c, err := Default()
			return c, "catalogue intégré", err
		}
		file = DefaultPath
	}
	c, err := Load(file)
	return c, file, err
}

// cmdCheck prints problems (exit 1) or warnings and a summary (exit 0).
func cmdCheck(args []string, stdout, stderr io.Writer, now time.Time) int {
	if len(args) > 1 {
		fmt.Fprint(stderr, cliUsage)
		return 2
	}
	file := ""
	if len(args) == 1 {
		file = args[0]
	}
	c, name, err := open(file)
	var ve *ValidationError
	switch {
	case errors.As(err, &ve):
		fmt.Fprintln(stdout, ve.Error())
		fmt.Fprintf(stdout, "%s : %d problème(s) ; le fichier serait refusé, le bot garderait l'ancien catalogue.\n", name, len(ve.Problems))
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "lecture impossible : %v\n", err)
		return 1
	}
	ws := Check(c, now)
	for _, w := range ws {
		fmt.Fprintln(stdout, w.String())
	}
	fmt.Fprintf(stdout, "%s : valide — %d offres, %d organisations, %d pages ; %d avertissement(s).\n",
		name, c.Len(), len(c.orgs), len(c.pages), len(ws))
	return 0
}

// cmdExport writes CSV or HSDS to stdout.
func cmdExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "csv", "csv ou hsds")
	lang := fs.String("lang", "fr", "langue des textes HSDS : fr ou wo")
	file := fs.String("file", "", "fichier du catalogue")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprint(stderr, cliUsage)
		return 2
	}
	if *lang != "fr" && *lang != "wo" {
		fmt.Fprintf(stderr, "langue inconnue « %s » : fr ou wo\n", *lang)
		return 2
	}
	c, _, err := open(*file)
	if err != nil {
		fmt.Fprintf(stderr, "catalogue invalide :\n%v\n", err)
		return 1
	}
	switch *format {
	case "csv":
		err = ExportCSV(stdout, c)
	case "hsds":
		err = ExportHSDS(stdout, c, *lang)
	default:
		fmt.Fprintf(stderr, "format inconnu « %s » : csv ou hsds\n", *format)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "export : %v\n", err)
		return 1
	}
	return 0
}

// cmdImport converts a CSV file to catalog YAML on stdout.
func cmdImport(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprint(stderr, cliUsage)
		return 2
	}
	f, err := os.Open(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "lecture impossible : %v\n", err)
		return 1
	}
	defer f.Close()
	out, err := ImportCSV(f)
	var ce *CSVError
	switch {
	case errors.As(err, &ce):
		for _, p := range ce.Problems {
			fmt.Fprintf(stderr, "%s, %s\n", filepath.Base(args[0]), p)
		}
		fmt.Fprintf(stderr, "%s : %d problème(s) ; rien n'a été importé.\n", filepath.Base(args[0]), len(ce.Problems))
		return 1
	case err != nil:
		fmt.Fprintf(stderr, "%v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "# Catalogue importé d'un tableur : les commentaires de l'ancien fichier ne sont pas gardés.")
	if _, err := stdout.Write(out); err != nil {
		fmt.Fprintf(stderr, "écriture : %v\n", err)
		return 1
	}
	return 0
}

// cmdCoverage prints the place × need matrix of actionable offers.
func cmdCoverage(args []string, stdout, stderr io.Writer, now time.Time) int {
	fs := flag.NewFlagSet("coverage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "markdown", "markdown ou csv")
	file := fs.String("file", "", "fichier du catalogue")
	if err := fs.Parse(args); err != nil || fs.NArg() > 1 {
		fmt.Fprint(stderr, cliUsage)
		return 2
	}
	if fs.NArg() == 1 {
		*file = fs.Arg(0)
	}
	write := map[string]func(io.Writer, Coverage) error{"markdown": WriteCoverageMarkdown, "csv": WriteCoverageCSV}[*format]
	if write == nil {
		fmt.Fprintf(stderr, "format inconnu « %s » : markdown ou csv\n", *format)
		return 2
	}
	c, _, err := open(*file)
	if err != nil {
		fmt.Fprintf(stderr, "catalogue invalide :\n%v\n", err)
		return 1
	}
	if err := write(stdout, c.Coverage(now)); err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return 1
	}
	return 0
}
