package review

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"time"

	"github.com/samayoon/samayoon/catalog"
)

// ErrEmbedded is returned when the files to edit are not on disk (the program's own copies were read).
var ErrEmbedded = errors.New("fichiers des textes introuvables : lancez la commande à la racine du dépôt, ou donnez --locales et --catalog")

// Import applies an edited export: the Wolof edits and the review marks its rows ask for,
// signed by reviewer at now. Every row is checked first; if one is wrong nothing is written
// (a *catalog.CSVError names each row and column). Each changed file is replaced in one
// atomic write; review files are written last, so a crash never leaves a mark on a text
// that was not written.
func Import(p Paths, data []byte, reviewer string, now time.Time) (*Report, error) {
	if msg := checkReviewer(reviewer); msg != "" {
		return nil, errors.New(msg)
	}
	s, err := Load(p)
	if err != nil {
		return nil, err
	}
	if s.Embedded {
		return nil, ErrEmbedded
	}
	rows, err := ReadFile(data)
	if err != nil {
		return nil, err
	}
	pl := s.plan(rows, reviewer, now)
	if len(pl.probs) > 0 {
		return nil, &catalog.CSVError{Problems: pl.probs}
	}
	writes, err := s.files(pl)
	if err != nil {
		return nil, err
	}
	if err := writeAtomically(writes); err != nil {
		return nil, err
	}
	rep := pl.report
	for _, w := range writes {
		rep.Written = append(rep.Written, w.path)
	}
	return &rep, nil
}

// RecordReview marks one text reviewed by reviewer at now, against its current French and
// Wolof (for the staff workspace); withdraw removes the mark instead.
func RecordReview(p Paths, id, reviewer string, now time.Time, withdraw bool) error {
	if msg := checkReviewer(reviewer); msg != "" && !withdraw {
		return errors.New(msg)
	}
	s, err := Load(p)
	if err != nil {
		return err
	}
	t, ok := s.Text(id)
	switch {
	case s.Embedded:
		return ErrEmbedded
	case !ok:
		return fmt.Errorf("texte inconnu « %s »", id)
	}
	r := Row{Line: 1, ID: id, Fr: t.Fr, Wo: t.Wo, Intent: wantReviewed}
	if withdraw {
		r.Intent = wantUnreviewed
	}
	pl := s.plan([]Row{r}, reviewer, now)
	if len(pl.probs) > 0 {
		return &catalog.CSVError{Problems: pl.probs}
	}
	writes, err := s.files(pl)
	if err != nil {
		return err
	}
	return writeAtomically(writes)
}

// checkReviewer returns what is wrong with a reviewer's name, in French, or "".
func checkReviewer(name string) string {
	switch {
	case name == "" || normalize(name) != name:
		return "--reviewer NOM est obligatoire : le nom du locuteur natif qui a relu (sans espace au début ni à la fin)"
	case len(name) > 80 || bytes.ContainsAny([]byte(name), "\n\r\t"):
		return "--reviewer : un nom sur une ligne, 80 caractères au plus"
	}
	return ""
}

// write is one file to replace.
type write struct {
	path string
	data []byte
}

// files renders every file the plan changes and checks the result reads back as planned.
func (s *Set) files(pl *plan) ([]write, error) {
	src := s.src
	src.msgMarks, src.catMarks = pl.msgMarks, pl.catMarks
	var err error
	if src.wo, err = editMessages(s.src.wo, pl.wo, pl.signed); err != nil {
		return nil, err
	}
	if src.cat, err = editCatalog(s.src.cat, pl.wo, pl.signed); err != nil {
		return nil, err
	}
	if err := s.verify(src, pl); err != nil {
		return nil, err
	}
	var out []write
	add := func(path string, old, new []byte) {
		if !bytes.Equal(old, new) {
			out = append(out, write{path, new})
		}
	}
	add(filepath.Join(s.Paths.Locales, "wo.toml"), s.src.wo, src.wo)
	add(s.Paths.Catalog, s.src.cat, src.cat)
	for _, f := range []struct {
		path     string
		old, new map[string]Mark
	}{{s.Paths.LocaleReview(), s.src.msgMarks, pl.msgMarks}, {s.Paths.CatalogReview(), s.src.catMarks, pl.catMarks}} {
		if maps.Equal(f.old, f.new) {
			continue
		}
		data, err := encodeMarks(f.new)
		if err != nil {
			return nil, err
		}
		out = append(out, write{f.path, data})
	}
	return out, nil
}

// verify reads the new files back and checks every text has the Wolof planned and the
// French it had: an edit that went astray is caught before anything is written.
func (s *Set) verify(src sources, pl *plan) error {
	after, err := build(s.Paths, src)
	if err != nil {
		return fmt.Errorf("les textes modifiés ne se relisent pas (rien n'a été écrit) : %w", err)
	}
	if len(after.Texts) != len(s.Texts) {
		return fmt.Errorf("les textes modifiés ne se relisent pas (rien n'a été écrit) : %d textes au lieu de %d", len(after.Texts), len(s.Texts))
	}
	for i, t := range after.Texts {
		want := s.Texts[i].Wo
		if w, ok := pl.wo[t.ID]; ok {
			want = w
		}
		if t.ID != s.Texts[i].ID || t.FrHash != s.Texts[i].FrHash || normalize(t.Wo) != normalize(want) {
			return fmt.Errorf("édition de %s impossible sans toucher à autre chose (rien n'a été écrit) : corrigez le fichier à la main", t.ID)
		}
	}
	return nil
}

// writeAtomically replaces each file by a fully written and synced temporary file renamed
// over it; every temporary file is written before the first rename.
func writeAtomically(ws []write) error {
	tmps := make([]string, 0, len(ws))
	cleanup := func() {
		for _, t := range tmps {
			_ = os.Remove(t)
		}
	}
	for _, w := range ws {
		tmp, err := writeTemp(w)
		if err != nil {
			cleanup()
			return err
		}
		tmps = append(tmps, tmp)
	}
	for i, w := range ws {
		if err := os.Rename(tmps[i], w.path); err != nil {
			cleanup()
			return fmt.Errorf("review: %w", err)
		}
		syncDir(filepath.Dir(w.path))
	}
	return nil
}

// writeTemp writes a file's new content beside it, synced, with the old file's mode.
func writeTemp(w write) (string, error) {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(w.path); err == nil {
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(w.path), "."+filepath.Base(w.path)+".tmp*")
	if err != nil {
		return "", fmt.Errorf("review: %w", err)
	}
	_, err = f.Write(w.data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), mode)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", fmt.Errorf("review: %s : %w", w.path, err)
	}
	return f.Name(), nil
}

// syncDir makes a rename durable; filesystems that cannot sync a directory are let be.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
