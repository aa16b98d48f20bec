package stats

import (
	"fmt"
	"strings"

	"github.com/samayoon/samayoon/flows"
)

// Delay is how many first staff answers came within one delay bucket.
type Delay struct {
	Bucket, Label string
	Count         int64
}

// delayLabels names each bucket of flows.FirstAnswerBuckets in French, for staff.
func delayLabels() map[string]string {
	return map[string]string{"lt15m": "moins de 15 min", "lt1h": "15 min à 1 h", "lt4h": "1 h à 4 h",
		"lt24h": "4 h à 24 h", "ge24h": "24 h ou plus"}
}

// FirstAnswers lists every first-answer delay bucket, shortest first, with its count.
func FirstAnswers(totals map[string]int64) []Delay {
	labels := delayLabels()
	var out []Delay
	for _, b := range flows.FirstAnswerBuckets() {
		out = append(out, Delay{Bucket: b, Label: labels[b], Count: totals[flows.StatFirstAnswer+b]})
	}
	return out
}

// isDelay reports whether a row is a first-answer bucket, shown in its own table.
func isDelay(r Row) bool {
	return strings.HasPrefix(r.Category+":"+r.Value, flows.StatFirstAnswer)
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
