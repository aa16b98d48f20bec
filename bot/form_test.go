package bot

import (
	"net/url"
	"testing"
)

func TestEncodeFormMatchesURLValues(t *testing.T) {
	p := map[string]string{"chat_id": "-100123", "text": "Élan & <b>\"x\"</b> 100% ok?\nligne", "reply_markup": `{"inline_keyboard":[[{"text":"A","callback_data":"a:b"}]]}`, "": "empty key", "a b~-_.*+/%": "x y~-_.*+/%é\x00\xff"}
	want := url.Values{}
	for k, v := range p {
		want.Set(k, v)
	}
	if got := encodeForm(p); got != want.Encode() {
		t.Fatalf("encodeForm = %q\nwant        %q", got, want.Encode())
	}
}

func TestEscapedLenIsQueryEscapeLength(t *testing.T) {
	for _, s := range []string{"", "abc", "a b", "é&=%+", `{"inline_keyboard":[[{"text":"Français","callback_data":"l:fr"}]]}`, "\x00\xff~._-"} {
		if got, want := escapedLen(s), len(url.QueryEscape(s)); got != want {
			t.Errorf("escapedLen(%q) = %d, want %d", s, got, want)
		}
	}
}
