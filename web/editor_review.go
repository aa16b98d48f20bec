package web

import (
	"os"

	"github.com/samayoon/samayoon/review"
)

// review runs a Wolof review change (which may rewrite the catalog file) under the editor's
// lock, so it never interleaves with a catalog save, and audits it.
func (e *editor) review(account string, t review.Text, wo string, relu bool, change func() error) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	before, _ := os.ReadFile(e.path)
	if err := change(); err != nil {
		return err
	}
	after, _ := os.ReadFile(e.path)
	r := record{Time: e.now().UTC(), Account: account, Action: "relire", List: "wolof", ID: t.ID, Before: t.Wo, After: wo,
		VersionBefore: versionOf(before), VersionAfter: versionOf(after)}
	if relu {
		r.Action = "relu"
	}
	return e.audit.add(r)
}
