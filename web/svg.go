package web

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"time"
)

// bar is one labelled value of a chart; parts split it into coloured segments (stacked).
type bar struct {
	Label string
	Value int64
	Parts []int64
}

// segmentColour is the colour of stacked segment j: green, red, orange, then the accent.
func segmentColour(j int) string {
	return [...]string{"#1a7f37", "#b42318", "#d97706", "#0b6e4f"}[j%4]
}

// hbars draws horizontal bars, one line per label, as an accessible SVG.
func hbars(title string, bars []bar) template.HTML {
	const width, labelW, rowH = 640, 220, 26
	var maxV int64 = 1
	for _, b := range bars {
		maxV = max(maxV, b.Value)
	}
	h := rowH*len(bars) + 10
	var s strings.Builder
	fmt.Fprintf(&s, `<svg viewBox="0 0 %d %d" width="%d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="13">`, width, h, width, html.EscapeString(title))
	fmt.Fprintf(&s, `<title>%s</title>`, html.EscapeString(title))
	for i, b := range bars {
		y := 5 + i*rowH
		fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="end">%s</text>`, labelW-6, y+17, html.EscapeString(clipText(b.Label, 30)))
		parts := b.Parts
		if len(parts) == 0 {
			parts = []int64{b.Value}
		}
		x := float64(labelW)
		for j, p := range parts {
			w := float64(p) * float64(width-labelW-50) / float64(maxV)
			colour := segmentColour(3)
			if len(b.Parts) > 0 {
				colour = segmentColour(j)
			}
			fmt.Fprintf(&s, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>`, x, y+4, w, rowH-8, colour)
			x += w
		}
		fmt.Fprintf(&s, `<text x="%.1f" y="%d">%d</text>`, x+4, y+17, b.Value)
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// vbars draws one vertical bar per label (days), labelling every few bars.
func vbars(title string, bars []bar) template.HTML {
	const width, height, bottom = 640, 220, 40
	var maxV int64 = 1
	for _, b := range bars {
		maxV = max(maxV, b.Value)
	}
	n := max(len(bars), 1)
	slot := float64(width-40) / float64(n)
	var s strings.Builder
	fmt.Fprintf(&s, `<svg viewBox="0 0 %d %d" width="%d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="12">`, width, height, width, html.EscapeString(title))
	fmt.Fprintf(&s, `<title>%s</title>`, html.EscapeString(title))
	fmt.Fprintf(&s, `<text x="2" y="12">%d</text><line x1="36" y1="%d" x2="%d" y2="%d" stroke="#8c959f"/>`, maxV, height-bottom, width, height-bottom)
	every := max(1, n/8)
	for i, b := range bars {
		h := float64(b.Value) * float64(height-bottom-20) / float64(maxV)
		x := 40 + float64(i)*slot
		fmt.Fprintf(&s, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#0b6e4f"><title>%s : %d</title></rect>`, x+1, float64(height-bottom)-h, max(slot-2, 1), h, html.EscapeString(b.Label), b.Value)
		if i%every == 0 {
			fmt.Fprintf(&s, `<text x="%.1f" y="%d" font-size="11">%s</text>`, x, height-bottom+16, html.EscapeString(shortDay(b.Label)))
		}
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// heatCell is one cell of a heat map.
type heatCell struct {
	Row, Col string
	Value    int64
}

// heatmap draws a rows × columns grid whose darkness is the count.
func heatmap(title string, rows, cols []string, cells []heatCell) template.HTML {
	const labelW, cellW, cellH, headH = 110, 74, 28, 90
	var maxV int64 = 1
	at := map[[2]string]int64{}
	for _, c := range cells {
		at[[2]string{c.Row, c.Col}] += c.Value
		maxV = max(maxV, at[[2]string{c.Row, c.Col}])
	}
	width, height := labelW+cellW*len(cols)+120, headH+cellH*len(rows)+4
	var s strings.Builder
	fmt.Fprintf(&s, `<svg viewBox="0 0 %d %d" width="%d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="12">`, width, height, width, html.EscapeString(title))
	fmt.Fprintf(&s, `<title>%s</title>`, html.EscapeString(title))
	for j, c := range cols {
		x := labelW + j*cellW + cellW/2
		fmt.Fprintf(&s, `<text transform="translate(%d,%d) rotate(-35)" font-size="11">%s</text>`, x, headH-6, html.EscapeString(clipText(c, 18)))
	}
	for i, r := range rows {
		y := headH + i*cellH
		fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="end">%s</text>`, labelW-6, y+cellH/2+4, html.EscapeString(r))
		for j, c := range cols {
			v := at[[2]string{r, c}]
			alpha := 0.05
			if v > 0 {
				alpha = 0.2 + 0.8*float64(v)/float64(maxV)
			}
			fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%d" height="%d" fill="#b42318" fill-opacity="%.2f" stroke="#fff"><title>%s, %s : %d</title></rect>`, labelW+j*cellW, y, cellW, cellH, alpha, html.EscapeString(r), html.EscapeString(c), v)
			if v > 0 {
				fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="middle">%d</text>`, labelW+j*cellW+cellW/2, y+cellH/2+4, v)
			}
		}
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// clipText shortens a label for a chart (the table under it has the full text).
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// shortDay writes 2026-11-29 as 29/11; any other label (e.g. "1 h à 4 h") is left as it is.
func shortDay(d string) string {
	if t, err := time.Parse(time.DateOnly, d); err == nil {
		return t.Format("02/01")
	}
	return d
}
