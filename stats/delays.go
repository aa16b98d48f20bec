package stats

import (
	"fmt"
	"strings"
)

// firstAnswerField is the stored prefix of the delay buckets (flows.StatFirstAnswer; stats
// reads the stored names and does not import the conversation core).
const firstAnswerField = "handoff:first_answer:"

// Delay is how many first staff answers came within one delay bucket.
type Delay struct {
	Bucket, Label string
	Count         int64
}

// delayBuckets are the buckets of flows.FirstAnswerBuckets, shortest first, named in French.
func delayBuckets() [][2]string {
	return [][2]string{{"lt15m", "moins de 15 min"}, {"lt1h", "15 min à 1 h"}, {"lt4h", "1 h à 4 h"},
		{"lt24h", "4 h à 24 h"}, {"ge24h", "24 h ou plus"}}
}

// FirstAnswers lists every first-answer delay bucket, shortest first, with its count.
func FirstAnswers(totals map[string]int64) []Delay {
	var out []Delay
	for _, b := range delayBuckets() {
		out = append(out, Delay{Bucket: b[0], Label: b[1], Count: totals[firstAnswerField+b[0]]})
	}
	return out
}

// isDelay reports whether a row is a first-answer bucket, shown in its own table.
func isDelay(r Row) bool {
	return strings.HasPrefix(r.Category+":"+r.Value, firstAnswerField)
}

// writeDelays writes the first-answer delays as a table, shortest first; nothing when none was counted.
func writeDelays(b *strings.Builder, delays []Delay) {
	var sum int64
	for _, d := range delays {
		sum += d.Count
	}
	if sum == 0 {
		return
	}
	b.WriteString("\n| Délai avant la première réponse | Demandes |\n|---|---:|\n")
	for _, d := range delays {
		fmt.Fprintf(b, "| %s | %d |\n", d.Label, d.Count)
	}
}
