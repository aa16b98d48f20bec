package web

import (
	"net/url"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// str is a text scalar; quoted is how the file writes texts ("...").
func str(v string, quoted bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
	if quoted {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// plain is a scalar whose type YAML infers (dates, numbers, true/false), written as typed,
// so a wrong value reaches the catalog checks as staff wrote it.
func plain(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }

// seq is a sequence of text scalars.
func seq(items []string, flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	for _, s := range items {
		n.Content = append(n.Content, str(s, false))
	}
	return n
}

// clean normalises a form value: browsers send CRLF from text areas.
func clean(v string) string {
	return strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
}

// splitList reads "a, b" or one item per line.
func splitList(v, sep string) []string {
	var out []string
	for _, s := range strings.Split(clean(v), sep) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// buildEntry turns form values into the YAML mapping of an entry, leaving out empty
// optional fields and keeping empty required ones, so the catalog checks report them.
func buildEntry(fields []field, prefix string, vals url.Values) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, f := range fields {
		if v := buildField(f, join(prefix, f.Key), vals); v != nil {
			m.Content = append(m.Content, str(f.Key, false), v)
		}
	}
	return m
}

// buildField is one field's value node, or nil to leave the key out.
func buildField(f field, p string, vals url.Values) *yaml.Node {
	switch f.Kind {
	case kText, kLong:
		return buildText(f, p, vals)
	case kList, kLines, kChoices:
		var items []string
		switch f.Kind {
		case kList:
			items = splitList(vals.Get(p), ",")
		case kLines:
			items = splitList(vals.Get(p), "\n")
		default:
			for _, v := range vals[p] {
				if v = clean(v); v != "" {
					items = append(items, v)
				}
			}
		}
		if len(items) == 0 && !f.Required {
			return nil
		}
		return seq(items, f.Kind != kLines)
	case kBool:
		if vals.Get(p) == "" {
			return nil
		}
		return plain("true")
	case kGroup:
		m := buildEntry(f.Sub, p, vals)
		if len(m.Content) == 0 && !f.Required {
			return nil
		}
		if f.Flow {
			m.Style = yaml.FlowStyle
		}
		return m
	case kRepeat:
		return buildRepeat(f, p, vals)
	}
	v := clean(vals.Get(p))
	switch {
	case v == "" && !f.Required:
		return nil
	case f.Kind == kDate || f.Kind == kNumber:
		return plain(v)
	}
	return str(v, false)
}

// buildText is a {fr, wo} block; French is always written once Wolof is, so a Wolof text
// without French is reported by the checks.
func buildText(f field, p string, vals url.Values) *yaml.Node {
	fr, wo := clean(vals.Get(p+".fr")), clean(vals.Get(p+".wo"))
	if fr == "" && wo == "" && !f.Required {
		return nil
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	m.Content = append(m.Content, str("fr", false), str(fr, true))
	if wo != "" {
		m.Content = append(m.Content, str("wo", false), str(wo, true))
	}
	return m
}

// buildRepeat is a list of blocks; empty blocks (the form's spare row) are left out.
func buildRepeat(f field, p string, vals url.Values) *yaml.Node {
	s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for i := range rows(f, p, vals) {
		if m := buildEntry(f.Sub, join(p, strconv.Itoa(i)), vals); len(m.Content) > 0 {
			s.Content = append(s.Content, m)
		}
	}
	if len(s.Content) == 0 {
		return nil
	}
	return s
}
