package store

import (
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"sync"
)

// Stored value markers after the revision digits.
const (
	markPlain    = '|' // "<rev>|<data>"
	markDeflated = ':' // "<rev>:<codec tag><compressed data>"; the tag names the token table or a DEFLATE dictionary
)

// DefaultDictionary primed the DEFLATE compression that stored sessions until the token
// codec replaced it; sessions written that way (the tag of this dictionary) are still read.
const DefaultDictionary = `"dakar""thies""saint-louis""louga""matam""tambacounda""kedougou""kolda"` +
	`"sedhiou""ziguinchor""kaolack""kaffrine""fatick""famille""autre""jeune""formation""financement"` +
	`"sante""papiers""migration""parler""forget""info""details","o":"","g":[14.,-16.],` +
	`{"v":1,"s":"lang","s":"profile","s":"region","s":"dept","s":"need","s":"results","l":"fr",` +
	`"l":"wo","p":"retour","r":"diourbel","d":"mbacke","n":"emploi","t":176`

// codec writes sessions with the token codec and reads those and older DEFLATE ones.
type codec struct {
	dict    []byte
	tag     byte // identifies the DEFLATE dictionary, so another one is not used to inflate
	off     bool
	tok     *tokenCodec
	readers sync.Pool
}

// newCodec builds a codec reading DEFLATE with dict; an empty dict turns compression off.
func newCodec(dict []byte) *codec {
	c := &codec{dict: dict, tag: byte(crc32.ChecksumIEEE(dict)), off: len(dict) == 0, tok: newTokenCodec(sessionTokens)}
	c.readers.New = func() any { return flate.NewReader(bytes.NewReader(nil)) }
	return c
}

// encode returns the payload to store after the revision: tokenized when that is shorter.
func (c *codec) encode(data []byte) []byte {
	plain := append([]byte{markPlain}, data...)
	if c.off || len(data) < 16 {
		return plain
	}
	out := c.tok.appendEncoded(append(make([]byte, 0, len(data)/2+8), markDeflated, c.tok.tag), data)
	if len(out) >= len(plain) {
		return plain
	}
	return out
}

// decode reverses encode; ok is false for an unknown marker, another dictionary or bad data.
func (c *codec) decode(payload []byte) (data []byte, ok bool) {
	if len(payload) == 0 {
		return nil, false
	}
	switch {
	case payload[0] == markPlain:
		return payload[1:], true
	case payload[0] != markDeflated || len(payload) < 2 || c.off:
		return nil, false
	case payload[1] == c.tok.tag: // checked first: on a tag collision the token table wins
		return c.tok.decode(payload[2:])
	case payload[1] != c.tag:
		return nil, false
	}
	r := c.readers.Get().(io.ReadCloser)
	defer c.readers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(payload[2:]), c.dict); err != nil {
		return nil, false
	}
	out, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return nil, false
	}
	return out, true
}
