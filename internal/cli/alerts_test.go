package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/alerts"
	"github.com/samayoon/samayoon/flows"
	"github.com/samayoon/samayoon/internal/redistest"
	"github.com/samayoon/samayoon/store"
)

func TestAlertsPreviewAndSend(t *testing.T) {
	redis := redistest.Start(t)
	ctx := context.Background()
	q := store.NewAlerts(redis.Client(t), "")
	for _, chat := range []string{"tg:1", "tg:2"} {
		if _, err := q.Subscribe(ctx, chat, "fr", flows.Subscription{Need: "emploi", Region: "diourbel", Dept: "mbacke"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := q.Record(ctx, nil); err != nil { // the baseline
		t.Fatal(err)
	}
	change := alerts.Change{Offer: "anpej-emploi", Date: "-", Keys: []string{"emploi:d-mbacke"}}
	if _, err := q.Record(ctx, []alerts.Change{change}); err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string {
		return map[string]string{"REDIS_URL": redis.URL(), "ALERTS_REQUIRE_APPROVAL": "true",
			"CATALOG_FILE": "../../catalog/catalog.yaml"}[k]
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"preview counts per offer", []string{"alerts", "preview"},
			[]string{"1 change(s) wait for `samayoon alerts send`", "anpej-emploi  new   -     2", "0 chat(s) to message now"}},
		{"send releases", []string{"alerts", "send"}, []string{"1 change(s) released"}},
		{"nothing left to approve", []string{"alerts", "preview"}, []string{"0 change(s) wait", "1 change(s) to fan out"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(ctx, tc.args, getenv, strings.NewReader(""), &out, &errOut); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("missing %q in:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestAlertsCommandUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"alerts", "bogus"}, func(string) string { return "" },
		strings.NewReader(""), &out, &errOut); code != 2 {
		t.Fatalf("exit %d", code)
	}
}
