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

// DefaultDictionary primes DEFLATE with tokens a Sama Yoon session usually holds, so a
// ~110-byte session JSON is stored in ~45 bytes; pass the engine's own sample in Options.
const DefaultDictionary = `"dakar""thies""saint-louis""louga""matam""tambacounda""kedougou""kolda""sedhiou"` +
	`"ziguinchor""kaolack""kaffrine""fatick""start""language""audience""region""department""need"` +
	`"results""details""confirm_forget""famille""autre""jeune""formation""financement""sante""papiers"` +
	`"migration""parler""updated_at":"2026-","prev":[""],"back":[""],"point":{"lat":14.,"lon":-16.},` +
	`"offer":"","page":0,"schema":1,"version":1,"state":"","audience":"","region":"","department":"",` +
	`{"v":1,"st":"results","lang":"fr","lang":"wo","aud":"retour","reg":"diourbel","dep":"bambey",` +
	`"dep":"mbacke","need":"emploi","at":1764`

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
