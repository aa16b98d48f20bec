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
	markDeflated = ':' // "<rev>:<dict tag><raw DEFLATE of data with the preset dictionary>"
)

// DefaultDictionary primes DEFLATE with what a flows session usually holds (its short JSON
// keys, state names and catalog ids), so a ~100-byte session is stored in ~40 bytes. Most
// frequent tokens come last (shortest back-references). Changing it restarts old sessions.
const DefaultDictionary = `"dakar""thies""saint-louis""louga""matam""tambacounda""kedougou""kolda"` +
	`"sedhiou""ziguinchor""kaolack""kaffrine""fatick""famille""autre""jeune""formation""financement"` +
	`"sante""papiers""migration""parler""forget""info""details","o":"","g":[14.,-16.],` +
	`{"v":1,"s":"lang","s":"profile","s":"region","s":"dept","s":"need","s":"results","l":"fr",` +
	`"l":"wo","p":"retour","r":"diourbel","d":"bambey","d":"mbacke","n":"emploi","t":176`

// codec compresses session bytes with a preset dictionary; pools keep DEFLATE state reused.
type codec struct {
	dict    []byte
	tag     byte // identifies the dictionary, so a changed dictionary is not used to inflate
	off     bool
	writers sync.Pool
	readers sync.Pool
}

// newCodec builds a codec; an empty dict turns compression off.
func newCodec(dict []byte) *codec {
	c := &codec{dict: dict, tag: byte(crc32.ChecksumIEEE(dict)), off: len(dict) == 0}
	c.writers.New = func() any {
		w, _ := flate.NewWriterDict(io.Discard, flate.DefaultCompression, c.dict)
		return w
	}
	c.readers.New = func() any { return flate.NewReader(bytes.NewReader(nil)) }
	return c
}

// encode returns the payload to store after the revision: deflated when that is shorter.
func (c *codec) encode(data []byte) []byte {
	plain := append([]byte{markPlain}, data...)
	if c.off || len(data) < 16 {
		return plain
	}
	var buf bytes.Buffer
	buf.Grow(len(data) + 2)
	buf.WriteByte(markDeflated)
	buf.WriteByte(c.tag)
	w := c.writers.Get().(*flate.Writer)
	defer c.writers.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(data); err != nil || w.Close() != nil || buf.Len() >= len(plain) {
		return plain
	}
	return buf.Bytes()
}

// decode reverses encode; ok is false for an unknown marker, another dictionary or bad data.
func (c *codec) decode(payload []byte) (data []byte, ok bool) {
	if len(payload) == 0 {
		return nil, false
	}
	switch {
	case payload[0] == markPlain:
		return payload[1:], true
	case payload[0] != markDeflated || len(payload) < 2 || payload[1] != c.tag || c.off:
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
