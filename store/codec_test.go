package store

import (
	"github.com/redis/go-redis/v9"

	"bytes"
	"compress/flate"
	"context"
	"hash/crc32"
	"testing"
	"time"
)

func TestCodecRoundTrip(t *testing.T) {
	cases := []struct {
		name       string
		dict       []byte
		data       string
		compressed bool
	}{
		{"session JSON with default dictionary", []byte(DefaultDictionary), sampleSession, true},
		{"short value stays plain", []byte(DefaultDictionary), `{"v":1}`, false},
		{"empty value", []byte(DefaultDictionary), ``, false},
		{"incompressible binary stays plain", []byte(DefaultDictionary), "\x00\xff|:\x9a\x13\x7e\xc4\x01\x88\x5d\x32\xf0\x0b\x6c\xa7\x44\xd9", false},
		{"compression off", nil, sampleSession, false},
		{"custom dictionary", []byte(`{"s":"","l":"wo"}`), `{"s":"results","l":"wo","s2":"results","l2":"wo"}`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newCodec(tc.dict)
			enc := c.encode([]byte(tc.data))
			if got := enc[0] == markDeflated; got != tc.compressed {
				t.Fatalf("compressed = %v (%d bytes from %d); want %v", got, len(enc), len(tc.data), tc.compressed)
			}
			got, ok := c.decode(enc)
			if !ok || string(got) != tc.data {
				t.Fatalf("decode = %q, %v; want %q", got, ok, tc.data)
			}
		})
	}
}

func TestCodecSampleFitsEmbeddedString(t *testing.T) {
	c := newCodec([]byte(DefaultDictionary))
	enc := c.encode([]byte(sampleSession))
	// "<rev>" + payload up to 44 bytes is stored by Redis as one 64-byte embedded string;
	// with "12:~4" and 4 update ids, up to 60 bytes take one 136-byte allocation with the key.
	if len(enc)+1 > 44 {
		t.Errorf("sample session encodes to %d bytes; want at most 43 to stay an embedded string", len(enc))
	}
	if n := 5 + 4*seenKeep + len(enc); n > 60 {
		t.Errorf("sample session with 4 update ids takes %d bytes; want at most 60", n)
	}
	if c.tag == markSeen || c.tok.tag == markSeen {
		t.Errorf("a codec tag is %q, the update ids' marker: change the token table", markSeen)
	}
	if len(enc) > len(sampleSession)/2 {
		t.Errorf("sample session encodes to %d of %d bytes; want at most half", len(enc), len(sampleSession))
	}
}

// deflateLegacy writes data the way the store did before the token codec: DEFLATE primed
// with dict, after the marker and the dictionary's tag.
func deflateLegacy(t *testing.T, dict []byte, data string) []byte {
	t.Helper()
	var buf bytes.Buffer
	buf.Write([]byte{markDeflated, byte(crc32.ChecksumIEEE(dict))})
	w, err := flate.NewWriterDict(&buf, flate.DefaultCompression, dict)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(data)); err != nil || w.Close() != nil {
		t.Fatal("deflate failed")
	}
	return buf.Bytes()
}

func TestCodecReadsLegacyDeflateSessions(t *testing.T) {
	c := newCodec([]byte(DefaultDictionary))
	if got, ok := c.decode(deflateLegacy(t, []byte(DefaultDictionary), sampleSession)); !ok || string(got) != sampleSession {
		t.Fatalf("legacy session = %q, %v", got, ok)
	}
	if got, ok := c.decode(deflateLegacy(t, []byte(`{"other":"dictionary"}`), sampleSession)); ok {
		t.Fatalf("decoded %q deflated with another dictionary", got)
	}
	if c.tag == c.tok.tag {
		t.Fatal("the token table and the default dictionary share a tag: legacy sessions would be misread")
	}
}

func TestCodecRejectsUnknownTagsAndGarbage(t *testing.T) {
	c := newCodec([]byte(DefaultDictionary))
	enc := c.encode([]byte(sampleSession))
	if enc[0] != markDeflated || enc[1] != c.tok.tag {
		t.Fatalf("sample session not tokenized: %q", enc)
	}
	if got, ok := newCodec(nil).decode(enc); ok {
		t.Fatalf("a codec with compression off decoded %q", got)
	}
	bad := [][]byte{
		{markDeflated, c.tok.tag ^ c.tag ^ 0x55, 'x'}, // unknown tag
		{markDeflated, c.tag, 0xff, 0xff},             // broken DEFLATE
		{markDeflated, c.tok.tag, 'a', tokenEscape},   // dangling escape
		{markDeflated, c.tok.tag, tokenEscape - 1},    // token past the table
	}
	for _, b := range bad {
		if got, ok := c.decode(b); ok {
			t.Errorf("decoded %q from %q", got, b)
		}
	}
}

// TestStoreAfterCodecChange shows a session written by an unknown codec (another token
// table or dictionary) restarts cleanly: Load returns no data but the stored revision, so
// the next Save overwrites it.
func TestStoreAfterCodecChange(t *testing.T) {
	client := startEmbedded(t)
	ctx := context.Background()
	s := New(client, Options{Logger: quietLogger()})
	other := append([]byte("1"), deflateLegacy(t, []byte(`{"old":"dict","st":"results"}`), sampleSession)...)
	if err := client.Set(ctx, s.keys(chatA).session, other, time.Hour).Err(); err != nil {
		t.Fatal(err)
	}
	data, rev, err := s.Load(ctx, chatA, "u2")
	if data != nil || rev != 1 || err != nil {
		t.Fatalf("Load = %q, %d, %v; want nil, 1, nil", data, rev, err)
	}
	if err := s.Save(ctx, chatA, "u2", []byte(sampleSession), rev, time.Hour); err != nil {
		t.Fatal(err)
	}
	if data, _, _ := s.Load(ctx, chatA, ""); !bytes.Equal(data, []byte(sampleSession)) {
		t.Fatalf("after overwrite: %q", data)
	}
}

// FuzzDecode feeds arbitrary stored values to Load's decoder: never a panic, and whatever
// encode produces decodes back.
func FuzzDecode(f *testing.F) {
	s := New(nil, Options{Logger: quietLogger()})
	for _, seed := range []string{"1|{}", "12:" + string(s.codec.encode([]byte(sampleSession))[1:]), "garbage", "0|x", "9", "",
		"3:~2\x00\x00\x00\x07\x00\x00\x00\x06|{}", "3:~9|{}", "3:~", "3:~1ab"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		data, _, seen, ok := s.decode(raw)
		if !ok && data != nil {
			t.Fatalf("malformed value returned data %q", data)
		}
		if len(seen)%4 != 0 || len(seen) > 4*seenKeep {
			t.Fatalf("seen ids of %q are %d bytes", raw, len(seen))
		}
		enc := append([]byte("7"), s.codec.encode(raw)...)
		if got, rev, _, ok := s.decode(enc); !ok || rev != 7 || !bytes.Equal(got, raw) {
			t.Fatalf("round trip of %q = %q, %d, %v", raw, got, rev, ok)
		}
		code := seenCode("900000001")
		enc = append([]byte("8:~1"+code), s.codec.encode(raw)...)
		if got, rev, seen, ok := s.decode(enc); !ok || rev != 8 || !bytes.Equal(got, raw) || string(seen) != code {
			t.Fatalf("round trip with an update id of %q = %q, %d, %q, %v", raw, got, rev, seen, ok)
		}
	})
}

// olderSaveScript is the compare-and-set of the version before update ids moved into the
// session value, to show a replica of that version still writes over a new value.
const olderSaveScript = `
local cur = redis.call('GET', KEYS[1])
local rev = 0
if cur then
  local m = string.match(cur, '^(%d+)[|:]')
  rev = m and tonumber(m) or 0
end
if rev ~= tonumber(ARGV[1]) then return -1 end
redis.call('SET', KEYS[1], (rev + 1) .. ARGV[2], 'PX', ARGV[3])
return rev + 1`

// TestOlderVersionAfterSeenChange: during a rolling upgrade an older replica reads a new
// value's revision and saves over it (its compare-and-set intact), and the new version
// reads what the older one wrote.
func TestOlderVersionAfterSeenChange(t *testing.T) {
	client := startEmbedded(t)
	ctx := context.Background()
	s := New(client, Options{Logger: quietLogger()})
	if err := s.Save(ctx, chatA, "900000001", []byte(sampleSession), 0, time.Hour); err != nil {
		t.Fatal(err)
	}
	key := s.keys(chatA).session
	older := redis.NewScript(olderSaveScript)
	if n, err := older.Run(ctx, client, []string{key}, 0, "|{}", 3600000).Int(); err != nil || n != -1 {
		t.Fatalf("older replica with a stale revision: %d, %v; want -1", n, err)
	}
	if n, err := older.Run(ctx, client, []string{key}, 1, "|{}", 3600000).Int(); err != nil || n != 2 {
		t.Fatalf("older replica at the current revision: %d, %v; want 2", n, err)
	}
	data, rev, err := s.Load(ctx, chatA, "900000002")
	if string(data) != "{}" || rev != 2 || err != nil {
		t.Fatalf("new version reading the older write: %q, %d, %v", data, rev, err)
	}
}
