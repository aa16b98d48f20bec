package web

import "strings"

// diffLine is one line of a line diff: " " kept, "-" removed, "+" added.
type diffLine struct {
	Op, Text string
}

// maxDiffLines bounds the diff's table (entries are a few dozen lines).
const maxDiffLines = 2000

// lineDiff compares two texts line by line (longest common subsequence), so staff see only
// what changed, in place.
func lineDiff(a, b string) []diffLine {
	x, y := strings.Split(strings.TrimRight(a, "\n"), "\n"), strings.Split(strings.TrimRight(b, "\n"), "\n")
	if a == "" {
		x = nil
	}
	if b == "" {
		y = nil
	}
	if len(x) > maxDiffLines || len(y) > maxDiffLines {
		return []diffLine{{"-", a}, {"+", b}}
	}
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []diffLine
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			out = append(out, diffLine{" ", x[i]})
			i, j = i+1, j+1
		case j < len(y) && (i == len(x) || lcs[i][j+1] > lcs[i+1][j]):
			out = append(out, diffLine{"+", y[j]})
			j++
		default:
			out = append(out, diffLine{"-", x[i]})
			i++
		}
	}
	return out
}
