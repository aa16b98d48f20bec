// Package review keeps the review state of Sama Yoon's Wolof: for every Wolof text (bot
// message or catalog field) whether a native speaker reviewed it, who, when, and against which
// French. It reads the texts from locales and catalog and the state from one file per language
// next to them, so the state survives catalog edits and the catalog's CSV round trip.
package review

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Status is where a Wolof text stands; its value is the French word reviewers see.
type Status string

// The statuses, as written in exports and printed by "samayoon i18n status".
const (
	Missing    Status = "manquant" // no Wolof: users see the French
	Unreviewed Status = "à relire" // Wolof present, no valid review mark
	Reviewed   Status = "relu"     // reviewed, and neither language changed since
	Stale      Status = "à revoir" // reviewed, but the French or the Wolof changed since
)

// Mark is the review state of one text, as stored in a review file.
type Mark struct {
	Reviewer string `yaml:"reviewer,omitempty"` // who reviewed; "" when the entry only holds notes
	Date     string `yaml:"date,omitempty"`     // YYYY-MM-DD
	Fr       string `yaml:"fr,omitempty"`       // Hash of the French the review was made against
	Wo       string `yaml:"wo,omitempty"`       // Hash of the Wolof that was reviewed
	Notes    string `yaml:"notes,omitempty"`    // the reviewer's notes, kept between exports
}

// Reviewed reports whether the mark records a review (rather than notes alone).
func (m Mark) Reviewed() bool { return m.Reviewer != "" }

// Text is one translatable text with its French source, its Wolof and its review state.
type Text struct {
	ID     string // stable id: msg/<id>, offer/<id>/<field>, org/<id>/description, info/<id>/<field>, location/<offer>/<n>/<field>
	Where  string // where users see it, in French, for reviewers
	Fr     string // the French shown to reviewers (for plural messages, the "other" form)
	Wo     string // the Wolof, "" when missing
	FrHash string // Hash of the whole French source (every plural form)
	Mark   Mark
	Status Status
}

// Catalog reports whether the text lives in the catalog rather than in the message files.
func (t Text) Catalog() bool { return !strings.HasPrefix(t.ID, "msg/") }

// StaleReason says in French why a reviewed text needs a new review ("" when it does not).
func (t Text) StaleReason() string {
	if t.Status != Stale {
		return ""
	}
	if t.Mark.Fr != t.FrHash {
		return "le français a changé depuis la relecture"
	}
	return "le wolof a changé depuis la relecture"
}

// Hash is the short fingerprint of a text stored in review marks: 8 hex digits of SHA-256
// over the text with Unicode NFC, LF line ends and no surrounding space, so a spreadsheet's
// CRLF or a trailing newline does not count as a change.
func Hash(s string) string {
	sum := sha256.Sum256([]byte(normalize(s)))
	return hex.EncodeToString(sum[:4])
}

// normalize is the form texts are compared and hashed in.
func normalize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return norm.NFC.String(strings.TrimSpace(s))
}

// status works out a text's status from its Wolof and its mark.
func status(t Text) Status {
	switch {
	case normalize(t.Wo) == "":
		return Missing
	case !t.Mark.Reviewed():
		return Unreviewed
	case t.Mark.Fr == t.FrHash && t.Mark.Wo == Hash(t.Wo):
		return Reviewed
	}
	return Stale
}

// Counts sums up a group of texts for "samayoon i18n status".
type Counts struct {
	Texts, Present, Missing, Reviewed, Stale, Unreviewed int
}

// Count sums up texts; keep selects which (nil: all).
func Count(texts []Text, keep func(Text) bool) Counts {
	var c Counts
	for _, t := range texts {
		if keep != nil && !keep(t) {
			continue
		}
		c.Texts++
		switch t.Status {
		case Missing:
			c.Missing++
			continue
		case Reviewed:
			c.Reviewed++
		case Stale:
			c.Stale++
		default:
			c.Unreviewed++
		}
		c.Present++
	}
	return c
}
