package review

import (
	"fmt"
	"regexp"
	"strings"
)

// reviewMarker is the comment wo.toml puts above each message no native speaker has signed off.
const reviewMarker = "# à relire"

// tableHeader and keyLine find a message's line in a TOML file.
var (
	tableHeader = regexp.MustCompile(`^\s*\[\s*([A-Za-z0-9_-]+)\s*\]\s*(#.*)?$`)
	keyLine     = regexp.MustCompile(`^(\s*)([A-Za-z0-9_-]+)\s*=`)
)

// editMessages rewrites the `id = "…"` line of each edited message in wo.toml (the `other`
// line of a plural table) and drops the "à relire" comment above each message signed off;
// every other line, comments included, is kept byte for byte.
func editMessages(data []byte, wo map[string]string, signed map[string]bool) ([]byte, error) {
	lines := strings.SplitAfter(string(data), "\n")
	table, header := "", -1
	done := map[string]bool{}
	drop := map[int]bool{}
	for i, line := range lines {
		if m := tableHeader.FindStringSubmatch(line); m != nil {
			table, header = m[1], i
			continue
		}
		m := keyLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		id, at := m[2], i
		if table != "" {
			if m[2] != "other" {
				continue
			}
			id, at = table, header
		}
		if s, ok := wo["msg/"+id]; ok {
			rest := strings.TrimSpace(line[len(m[0]):])
			if strings.HasPrefix(rest, `"""`) || strings.HasPrefix(rest, `'''`) {
				return nil, fmt.Errorf("wo.toml : %s est écrit sur plusieurs lignes ; mettez-le sur une ligne avant l'import", id)
			}
			lines[i] = m[1] + m[2] + " = " + tomlString(s) + "\n"
			done["msg/"+id] = true
		}
		if signed["msg/"+id] && at > 0 && strings.HasPrefix(strings.TrimSpace(lines[at-1]), reviewMarker) {
			drop[at-1] = true
		}
	}
	for id := range wo {
		if strings.HasPrefix(id, "msg/") && !done[id] {
			return nil, fmt.Errorf("wo.toml : message %s introuvable", strings.TrimPrefix(id, "msg/"))
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if !drop[i] {
			b.WriteString(l)
		}
	}
	return []byte(b.String()), nil
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 || c == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, c)
				continue
			}
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
