package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	yaml "go.yaml.in/yaml/v3"

	"github.com/samayoon/samayoon/catalog"
)

// keepVersions is how many previous versions of the catalog file are kept for undo.
const keepVersions = 50

// editor changes the catalog file: one save at a time, each checked like `catalog check`,
// written atomically, its previous version kept and the change audited.
type editor struct {
	path  string
	now   func() time.Time
	audit *auditLog
	mu    sync.Mutex
}

// newEditor edits the catalog at path; the audit log and versions live beside it.
func newEditor(path string, now func() time.Time) *editor {
	return &editor{path: path, now: now, audit: &auditLog{path: path + ".audit.jsonl"}}
}

// versionOf names a file content: the start of its SHA-256.
func versionOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}

// read returns the file and its version.
func (e *editor) read() ([]byte, string, error) {
	data, err := os.ReadFile(e.path)
	if err != nil {
		return nil, "", fmt.Errorf("web: read catalog: %w", err)
	}
	return data, versionOf(data), nil
}

// outcome is what a save did, or why it did not.
type outcome struct {
	Saved    bool
	Problems []catalog.Problem   // the checks' errors: nothing was written
	ByField  map[string][]string // the same errors, by form field name
	Warnings []catalog.Problem   // `catalog check` warnings of the saved file
	Conflict *conflict
	Version  string // the file's version after the save (or now, when refused)
	Index    int    // the entry's index in its list after the save
}

// conflict is a save refused because the file changed since the form was loaded.
type conflict struct {
	Changes []record // what the workspace recorded since the form's version
	Outside bool     // the file was also changed outside the workspace
	Current string   // the entry as it is now ("" when gone)
}

// errGone is an entry that no longer exists (deleted or renamed meanwhile).
var errGone = errors.New("cette entrée n'existe plus dans le catalogue")

// save replaces entry id of list (or adds one when id is "") with the form values, if the
// file is still at version base and the result passes every catalog check.
func (e *editor) save(account, list, id, base string, fields []field, vals url.Values) (outcome, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	data, version, err := e.read()
	if err != nil {
		return outcome{}, err
	}
	d, err := parseDoc(data)
	if err != nil {
		return outcome{}, err
	}
	i, _ := d.find(list, id)
	if version != base {
		return e.refuse(d, list, i, base, version)
	}
	if id != "" && i < 0 {
		return outcome{}, errGone
	}
	var next []byte
	var before, after, action string
	n := buildEntry(fields, "", vals)
	if id == "" {
		action = "ajouter"
		next, after, err = d.add(list, n)
		i = len(d.list(list).Content)
	} else {
		action = "modifier"
		before = d.entryText(list, i)
		next, after, err = d.replace(list, i, n)
	}
	if err != nil {
		return outcome{}, err
	}
	if id != "" && vals.Get("status") == "inactive" && scalarText(catalog.NodeValue(d.list(list).Content[i], "status")) == "active" {
		action = "fermer"
	}
	return e.commit(next, record{Account: account, Action: action, List: list, ID: vals.Get("id"), Before: before, After: after, VersionBefore: version}, i)
}

// refuse reports a conflicting save with what changed since base.
func (e *editor) refuse(d *doc, list string, i int, base, version string) (outcome, error) {
	records, err := e.audit.all()
	if err != nil {
		return outcome{}, err
	}
	c := &conflict{}
	c.Changes, c.Outside = since(records, base)
	if i >= 0 {
		c.Current = d.entryText(list, i)
	}
	return outcome{Conflict: c, Version: version}, nil
}

// commit checks the new file like `catalog check`; when it passes, the previous version is
// kept, the new one written atomically and the change audited.
func (e *editor) commit(next []byte, r record, index int) (outcome, error) {
	cat, err := catalog.Parse(filepath.Base(e.path), next)
	var ve *catalog.ValidationError
	if errors.As(err, &ve) {
		out := outcome{Problems: ve.Problems, Version: r.VersionBefore}
		out.ByField = problemFields(next, r.List, index, ve.Problems)
		return out, nil
	}
	if err != nil {
		return outcome{}, fmt.Errorf("web: check catalog: %w", err)
	}
	if err := e.keep(r.VersionBefore); err != nil {
		return outcome{}, err
	}
	if err := e.write(next); err != nil {
		return outcome{}, err
	}
	r.Time, r.VersionAfter = e.now().UTC(), versionOf(next)
	if err := e.audit.add(r); err != nil {
		return outcome{}, err
	}
	return outcome{Saved: true, Warnings: catalog.Check(cat, e.now()), Version: r.VersionAfter, Index: index}, nil
}

// write replaces the catalog file atomically with its current permissions.
func (e *editor) write(data []byte) error {
	perm := os.FileMode(0o644)
	if st, err := os.Stat(e.path); err == nil {
		perm = st.Mode().Perm()
	}
	return writeFileAtomic(e.path, data, perm)
}

// versionsDir holds previous versions of the catalog, named by version.
func (e *editor) versionsDir() string { return e.path + ".versions" }

// keep copies the current file into the versions directory and prunes the oldest.
func (e *editor) keep(version string) error {
	dir := e.versionsDir()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("web: keep previous version: %w", err)
	}
	data, err := os.ReadFile(e.path)
	if err != nil {
		return fmt.Errorf("web: keep previous version: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(dir, version+".yaml"), data, 0o640); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) <= keepVersions {
		return nil
	}
	sort.Slice(entries, func(i, j int) bool { return modTime(entries[i]).Before(modTime(entries[j])) })
	for _, old := range entries[:len(entries)-keepVersions] {
		_ = os.Remove(filepath.Join(dir, old.Name()))
	}
	return nil
}

// modTime is a directory entry's modification time (zero when unreadable).
func modTime(e os.DirEntry) time.Time {
	if info, err := e.Info(); err == nil {
		return info.ModTime()
	}
	return time.Time{}
}

// errNothingToUndo means no recorded change led to the current file.
var errNothingToUndo = errors.New("rien à annuler : aucune modification de l'espace web n'a produit la version actuelle")

// undo restores the version before the last workspace change that produced the current
// file (if the file is still at base), and audits it.
func (e *editor) undo(account, base string) (outcome, record, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, version, err := e.read()
	if err != nil {
		return outcome{}, record{}, err
	}
	if version != base {
		records, err := e.audit.all()
		if err != nil {
			return outcome{}, record{}, err
		}
		c := &conflict{}
		c.Changes, c.Outside = since(records, base)
		return outcome{Conflict: c, Version: version}, record{}, nil
	}
	r, ok, err := e.lastChange(version)
	if err != nil || !ok {
		return outcome{}, record{}, errors.Join(err, errNothingToUndo)
	}
	prev, err := os.ReadFile(filepath.Join(e.versionsDir(), r.VersionBefore+".yaml"))
	if err != nil {
		return outcome{}, record{}, fmt.Errorf("web: the previous version is no longer kept: %w", err)
	}
	undo := record{Account: account, Action: "annuler", List: r.List, ID: r.ID, Before: r.After, After: r.Before, VersionBefore: version}
	out, err := e.commit(prev, undo, 0)
	return out, r, err
}

// lastChange finds the latest change (not an undo) whose result is version.
func (e *editor) lastChange(version string) (record, bool, error) {
	records, err := e.audit.all()
	if err != nil {
		return record{}, false, err
	}
	for i := len(records) - 1; i >= 0; i-- {
		if a := records[i].Action; a != "annuler" && a != "relire" && a != "relu" && records[i].VersionAfter == version {
			return records[i], true, nil
		}
	}
	return record{}, false, nil
}

// problemFields files each problem under the form field written at its line and column.
func problemFields(data []byte, list string, index int, probs []catalog.Problem) map[string][]string {
	out := map[string][]string{}
	d, err := parseDoc(data)
	if err != nil || d.list(list) == nil || index >= len(d.list(list).Content) {
		return out
	}
	at := map[[2]int]string{}
	walkPaths(d.list(list).Content[index], "", at)
	for _, p := range probs {
		if path, ok := at[[2]int{p.Line, p.Col}]; ok {
			out[path] = append(out[path], p.Msg)
		}
	}
	return out
}

// walkPaths records the form field name of every node's position (the outermost wins).
func walkPaths(n *yaml.Node, path string, at map[[2]int]string) {
	if n == nil {
		return
	}
	k := [2]int{n.Line, n.Column}
	if _, seen := at[k]; !seen {
		at[k] = path
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := join(path, n.Content[i].Value)
			if _, seen := at[[2]int{n.Content[i].Line, n.Content[i].Column}]; !seen {
				at[[2]int{n.Content[i].Line, n.Content[i].Column}] = p
			}
			walkPaths(n.Content[i+1], p, at)
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			walkPaths(item, join(path, fmt.Sprint(i)), at)
		}
	}
}
