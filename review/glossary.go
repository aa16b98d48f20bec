package review

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// GlossaryPath is the glossary, as seen from the repository's root.
const GlossaryPath = "docs/wolof-glossary.md"

// Rule is one form the glossary rejects, with the rendering it chose instead.
type Rule struct {
	Rejected string   // as written in the glossary, e.g. "man nga"
	words    []string // its words, lower-case NFC
	Chosen   string   // the glossary's rendering, e.g. "mën (mën na, mën nga, mënul)"
	Concept  string   // the French idea, e.g. "pouvoir (verbe)"
}

// Finding is a rejected form found in a text.
type Finding struct {
	ID   string
	Rule Rule
}

// String says what to write instead, in French.
func (f Finding) String() string {
	return fmt.Sprintf("%s : « %s » est refusé par le glossaire (%s : écrivez %s)", f.ID, f.Rule.Rejected, f.Rule.Concept, f.Rule.Chosen)
}

// backticked finds the forms written between backquotes in a glossary cell.
var backticked = regexp.MustCompile("`([^`]+)`")

// ReadGlossary reads the rejected forms from the glossary's table: its third column lists
// them between backquotes, so the document reviewers read is what the test enforces.
func ReadGlossary(path string) ([]Rule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("review: glossaire : %w", err)
	}
	return ParseGlossary(string(data)), nil
}

// ParseGlossary reads the rules of a glossary document (see ReadGlossary).
func ParseGlossary(doc string) []Rule {
	var rules []Rule
	for _, line := range strings.Split(doc, "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if !strings.HasPrefix(strings.TrimSpace(line), "|") || len(cells) < 3 {
			continue
		}
		for _, m := range backticked.FindAllStringSubmatch(cells[2], -1) {
			rules = append(rules, Rule{Rejected: m[1], words: words(m[1]),
				Chosen: strings.TrimSpace(cells[1]), Concept: strings.TrimSpace(cells[0])})
		}
	}
	return rules
}

// words splits a text into lower-case NFC words: runs of letters, marks and digits, so
// "wér-gi-yaram" is three words and "làkk" is not "lakk".
func words(s string) []string {
	s = norm.NFC.String(strings.ToLower(s))
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r)
	})
}

// CheckGlossary returns every rejected form found in the Wolof of texts, whole words only.
func CheckGlossary(rules []Rule, texts []Text) []Finding {
	var out []Finding
	for _, t := range texts {
		w := words(t.Wo)
		for _, r := range rules {
			if containsRun(w, r.words) {
				out = append(out, Finding{ID: t.ID, Rule: r})
			}
		}
	}
	return out
}

// containsRun reports whether the words of run follow each other in ws.
func containsRun(ws, run []string) bool {
	if len(run) == 0 {
		return false
	}
	for i := 0; i+len(run) <= len(ws); i++ {
		match := true
		for j := range run {
			if ws[i+j] != run[j] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
