package flows

import (
	"context"
	"strings"
	"testing"
)

func TestPreviewIsWhatTheBotSends(t *testing.T) {
	for _, lang := range []string{"fr", "wo"} {
		e, _ := newTestEngine(t)
		ctx, chat := context.Background(), Chat{ID: "tg:" + lang, PlatformLang: lang}
		rs, err := e.Handle(ctx, chat, Input{Kind: InputCommand, Command: "start", Args: "l-" + lang + "_p-jeune_r-dakar_n-emploi"})
		if err != nil {
			t.Fatal(err)
		}
		var id, listed string
		for _, r := range rs {
			for _, row := range r.Choices {
				for _, c := range row {
					if strings.HasPrefix(c.ID, "o:") && id == "" {
						id, listed = strings.TrimPrefix(c.ID, "o:"), r.Text
					}
				}
			}
		}
		if id == "" {
			t.Fatalf("%s: no offer listed", lang)
		}
		rs, err = e.Handle(ctx, chat, Input{Kind: InputChoice, Choice: "o:" + id})
		if err != nil {
			t.Fatal(err)
		}
		item, page, ok := e.Preview(ctx, testCatalog(t), id, lang, "dakar", "")
		if !ok || page != rs[len(rs)-1].Text {
			t.Errorf("%s: preview of %s's page:\n%s\nthe bot sent:\n%s", lang, id, page, rs[len(rs)-1].Text)
		}
		if !strings.Contains(listed, strings.TrimPrefix(item, "1. ")) {
			t.Errorf("%s: preview item %q is not in the results the bot sent:\n%s", lang, item, listed)
		}
		if _, _, ok := e.Preview(ctx, testCatalog(t), "nope", lang, "", ""); ok {
			t.Errorf("%s: preview of an unknown id", lang)
		}
	}
}
