package flows

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/internal/testutil"
)

// TestConversationDiagram keeps docs/conversation.md drawn from the table: rewrite it with
// go test ./flows -update after changing transitions().
func TestConversationDiagram(t *testing.T) {
	testutil.Golden(t, filepath.Join("..", "docs", "conversation.md"), conversationDoc(), *update)
}

// conversationDoc is docs/conversation.md: how to read the diagram, then the diagram.
func conversationDoc() string {
	return `# The conversation

<!-- Generated from flows/conversation.go by ` + "`go test ./flows -update`" + `; do not edit. -->

Every move of the conversation is one event of the table in
[flows/conversation.go](../flows/conversation.go), fired on a looplab/fsm machine; this
diagram is drawn from that table, and a test fails when it is not current.

- Entering a state shows its question or page.
- After ` + "`answer`, `resume`, `restart` or `typed-sentence`" + `, a question whose answer is already
  known (from a deep link, a shared location, a typed sentence or an earlier turn) is passed
  over at once with ` + "`answer`" + `.
  After ` + "`back`" + `, the department question is passed over with ` + "`back`" + ` where the region has
  no offers of its own.
- So ` + "`resume`" + ` leads from a page to the first question not yet answered (the results when
  all are), and ` + "`restart`" + ` (` + "`/start`, `/recommencer`" + `) does the same once the answers
  but the language are erased. ` + "`typed-sentence`" + ` does the same once a sentence such as
  "je cherche du travail à Touba" filled the answers it names (a profile it does not name
  is then passed over: the results are for every audience).
- Dashed boxes stand for many states: ` + "`/langue`, `/oublier`" + ` and the commands above work
  from any state, and an offer found by typing opens from almost any.

` + "```mermaid\n" + mermaid() + "```\n"
}

// mermaid draws the table as a Mermaid state diagram. An event allowed from most states
// starts from one box naming them, so the drawing stays readable; parallel arrows are merged.
func mermaid() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n    classDef many stroke-dasharray: 5 5\n    [*] --> " + stLang + "\n")
	var order, groups []string
	labels := map[string][]string{}
	for _, ev := range transitions() {
		for _, src := range sources(ev.Src, &groups) {
			arrow := src + " --> " + ev.Dst
			if labels[arrow] == nil {
				order = append(order, arrow)
			}
			labels[arrow] = append(labels[arrow], ev.Name)
		}
	}
	for _, g := range groups {
		b.WriteString(g)
	}
	for _, arrow := range order {
		fmt.Fprintf(&b, "    %s: %s\n", arrow, strings.Join(labels[arrow], ", "))
	}
	return b.String()
}

// sources are the arrows' starts for an event's source states: the states themselves, or
// one dashed box for most of them, declared once in groups.
func sources(src []string, groups *[]string) []string {
	if len(src) <= len(allStates())/2 {
		return src
	}
	var missing []string
	for _, st := range allStates() {
		if !contains(src, st) {
			missing = append(missing, st)
		}
	}
	id, name := "any", "any state"
	if len(missing) > 0 {
		id, name = "anyBut_"+strings.Join(missing, "_"), "any state but "+strings.Join(missing, ", ")
	}
	decl := fmt.Sprintf("    state \"%s\" as %s\n    class %s many\n", name, id, id)
	if !contains(*groups, decl) {
		*groups = append(*groups, decl)
	}
	return []string{id}
}
