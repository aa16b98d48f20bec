package store

import (
	"hash/crc32"
	"strings"
)

// sessionTokens are the fragments a flows session is made of (its JSON keys, state names,
// languages, profiles, needs and the ids of the regions); tokenCodec writes each as one byte.
// Appending tokens keeps stored sessions readable; changing or reordering them does not
// (such sessions restart politely), so do not.
var sessionTokens = []string{
	`{"v":1,"s":"`, `","l":"fr","p":"`, `","l":"wo","p":"`, `","l":"fr","t":`, `","l":"wo","t":`,
	`","l":"fr"`, `","l":"wo"`, `","l":"`, `","p":"`, `","r":"`, `","d":"`, `","n":"`, `","o":"`,
	`","g":[`, `],"t":17`, `],"t":`, `","t":17`, `","t":`, `,"t":17`, `,"t":`, `,"f":true`,
	`lang`, `profile`, `region`, `dept`, `need`, `results`, `details`, `info`, `forget`, `problem`,
	`retour`, `jeune`, `famille`, `autre`,
	`emploi`, `formation`, `financement`, `sante`, `papiers`, `migration`, `parler`,
	`dakar`, `thies`, `saint-louis`, `louga`, `matam`, `tambacounda`, `kedougou`, `kolda`,
	`sedhiou`, `ziguinchor`, `kaolack`, `kaffrine`, `fatick`, `diourbel`, `bambey`, `mbacke`,
	`14.`, `15.`, `16.`, `12.`, `13.`, `,-16.`, `,-17.`, `,-15.`, `,-14.`, `,-13.`, `,-12.`,
}

// Token stream bytes: below tokenBase a byte stands for itself, tokenBase+i for token i,
// and tokenEscape announces one literal byte (any byte of tokenBase or above).
const (
	tokenBase   = 0x80
	tokenEscape = 0xFF
)

// tokenCodec is a static dictionary coder: a session of about 100 bytes becomes about 25,
// at a small fraction of the cost of DEFLATE with a preset dictionary (whose Reset clears
// 640 kB of match tables on every save).
type tokenCodec struct {
	tokens  []string
	byFirst [256][]int // token indexes by first byte, longest first
	tag     byte       // identifies the token table in stored values
}

// newTokenCodec indexes tokens (at most tokenEscape-tokenBase of them).
func newTokenCodec(tokens []string) *tokenCodec {
	t := &tokenCodec{tokens: tokens[:min(len(tokens), tokenEscape-tokenBase)]}
	t.tag = byte(crc32.ChecksumIEEE([]byte("tokens\x00" + strings.Join(t.tokens, "\x00"))))
	for i, tok := range t.tokens {
		first := &t.byFirst[tok[0]]
		at := len(*first)
		for at > 0 && len(t.tokens[(*first)[at-1]]) < len(tok) {
			at--
		}
		*first = append((*first)[:at], append([]int{i}, (*first)[at:]...)...)
	}
	return t
}

// appendEncoded appends the token stream of data to dst.
func (t *tokenCodec) appendEncoded(dst, data []byte) []byte {
	for i := 0; i < len(data); {
		if j, ok := t.match(data[i:]); ok {
			dst = append(dst, byte(tokenBase+j))
			i += len(t.tokens[j])
			continue
		}
		if data[i] >= tokenBase {
			dst = append(dst, tokenEscape)
		}
		dst = append(dst, data[i])
		i++
	}
	return dst
}

// match finds the longest token data starts with.
func (t *tokenCodec) match(data []byte) (int, bool) {
	for _, j := range t.byFirst[data[0]] {
		if tok := t.tokens[j]; len(tok) <= len(data) && string(data[:len(tok)]) == tok {
			return j, true
		}
	}
	return 0, false
}

// decode expands a token stream; ok is false for an unknown token or a dangling escape.
func (t *tokenCodec) decode(stream []byte) (data []byte, ok bool) {
	out := make([]byte, 0, 4*len(stream))
	for i := 0; i < len(stream); i++ {
		b := stream[i]
		switch {
		case b < tokenBase:
			out = append(out, b)
		case b == tokenEscape:
			if i++; i == len(stream) {
				return nil, false
			}
			out = append(out, stream[i])
		case int(b-tokenBase) < len(t.tokens):
			out = append(out, t.tokens[b-tokenBase]...)
		default:
			return nil, false
		}
	}
	return out, true
}
