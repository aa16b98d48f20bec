package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs samayoon with args and returns the exit code, stdout and stderr.
func runCmd(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := run(context.Background(), args, env{}.get, strings.NewReader(""), &out, &errs)
	return code, out.String(), errs.String()
}

// i18nRepo lays out the real message files and a small catalog in a temporary folder.
func i18nRepo(t *testing.T) (locales, catalogFile string) {
	t.Helper()
	dir := t.TempDir()
	locales, catalogFile = filepath.Join(dir, "locales"), filepath.Join(dir, "catalog", "catalog.yaml")
	for src, dst := range map[string]string{
		"../../locales/fr.toml":             filepath.Join(locales, "fr.toml"),
		"../../locales/wo.toml":             filepath.Join(locales, "wo.toml"),
		"../../catalog/testdata/valid.yaml": catalogFile,
	} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return locales, catalogFile
}

// TestI18nCommands drives status, export, import and catalog check as a staff member would.
func TestI18nCommands(t *testing.T) {
	loc, cat := i18nRepo(t)
	paths := []string{"--locales", loc, "--catalog", cat}
	code, sheet, errs := runCmd(append([]string{"i18n", "export", "--format", "csv"}, paths...)...)
	if code != 0 || !strings.HasPrefix(sheet, "\ufeffid;affichage;français;wolof;statut") {
		t.Fatalf("export: exit %d, %s\n%.200s", code, errs, sheet)
	}
	// a reviewer signs off one catalog text and breaks one message's status
	sheet = strings.Replace(sheet, "Liggéey ci Mbàkke;à relire", "Liggéey ci Mbàkke;relu", 1)
	bad := strings.Replace(sheet, "Tàmbaleeti;à relire", "Tàmbaleeti;bof", 1)
	file := filepath.Join(t.TempDir(), "relu.csv")
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCmd(append([]string{"i18n", "import", file, "--reviewer", "Awa Test"}, paths...)...)
	if code != 1 || !strings.Contains(errs, "relu.csv, ligne ") || !strings.Contains(errs, "colonne « statut » : statut « bof » inconnu") || !strings.Contains(errs, "rien n'a été importé") {
		t.Errorf("bad import: exit %d, stderr %s", code, errs)
	}
	if err := os.WriteFile(file, []byte(sheet), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(append([]string{"i18n", "import", file, "--reviewer", "Awa Test"}, paths...)...)
	if code != 0 || !strings.Contains(out, "1 marqué(s) relu(s)") {
		t.Fatalf("import: exit %d, %s%s", code, out, errs)
	}
	code, out, _ = runCmd(append([]string{"i18n", "status"}, paths...)...)
	if code != 0 || !strings.Contains(out, "1 relus, 0 à revoir") {
		t.Errorf("status: exit %d\n%s", code, out)
	}
	// staff change the French: catalog check warns (exit 0) and status shows it stale
	data, _ := os.ReadFile(cat)
	if err := os.WriteFile(cat, bytes.Replace(data, []byte("Placement à Mbacké"), []byte("Emplois à Mbacké"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCmd("catalog", "check", cat)
	if code != 0 || !strings.Contains(out, "attention : le wolof de offer/mbacke-jobs/name a été relu (par Awa Test") {
		t.Errorf("catalog check: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(append([]string{"i18n", "status"}, paths...)...)
	if code != 0 || !strings.Contains(out, "à revoir : offer/mbacke-jobs/name — relu par Awa Test") {
		t.Errorf("status after a French change: exit %d\n%s", code, out)
	}
}
