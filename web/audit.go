package web

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// record is one line of the audit log: who changed what, when, and the entry's YAML text
// before and after (empty before an addition).
type record struct {
	Time          time.Time `json:"time"`
	Account       string    `json:"account"`
	Action        string    `json:"action"` // modifier, ajouter, fermer, annuler, relire
	List          string    `json:"list,omitempty"`
	ID            string    `json:"id,omitempty"`
	Before        string    `json:"before"`
	After         string    `json:"after"`
	VersionBefore string    `json:"version_before,omitempty"`
	VersionAfter  string    `json:"version_after,omitempty"`
}

// auditLog appends JSON lines to a file next to the catalog (CATALOG_FILE + ".audit.jsonl").
type auditLog struct {
	path string
	mu   sync.Mutex
}

// add appends one record and syncs it, so a change is never without its trace.
func (a *auditLog) add(r record) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("web: encode audit record: %w", err)
	}
	f, err := os.OpenFile(a.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o640)
	if err != nil {
		return fmt.Errorf("web: open audit log: %w", err)
	}
	defer f.Close()
	if _, err := f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("web: write audit log: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("web: sync audit log: %w", err)
	}
	return nil
}

// all reads every record, oldest first; unreadable lines are skipped.
func (a *auditLog) all() ([]record, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	f, err := os.Open(a.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("web: read audit log: %w", err)
	}
	defer f.Close()
	var out []record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for sc.Scan() {
		var r record
		if json.Unmarshal(sc.Bytes(), &r) == nil {
			out = append(out, r)
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("web: read audit log: %w", err)
	}
	return out, nil
}

// since returns the changes made after the file was at version base; outside is true
// when no recorded change led to base (the file was edited outside the workspace).
func since(records []record, base string) (changes []record, outside bool) {
	for i := len(records) - 1; i >= 0; i-- {
		if records[i].VersionAfter == base {
			return records[i+1:], false
		}
		if records[i].VersionBefore == base {
			return records[i:], false
		}
	}
	return nil, true
}
