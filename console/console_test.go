package console

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/samayoon/samayoon/flows"
)

// menuEngine is a two-step fake: it offers two colours, then names the one chosen;
// it records every input so the tests can check how typed lines were understood.
type menuEngine struct {
	inputs []flows.Input
	fail   bool
}

func (m *menuEngine) Handle(_ context.Context, _ flows.Chat, in flows.Input) ([]flows.Reply, error) {
	m.inputs = append(m.inputs, in)
	if m.fail {
		return nil, errors.New("store down")
	}
	switch {
	case in.Kind == flows.InputChoice && in.Choice == "c:red":
		return []flows.Reply{{Text: "you chose red"}}, nil
	case in.Kind == flows.InputChoice && in.Choice == "c:blue":
		return []flows.Reply{{Text: "where?", AskLocation: true, LocationLabel: "📍"}}, nil
	case in.Kind == flows.InputCommand && in.Command == "start":
		return []flows.Reply{{Text: "pick", Choices: [][]flows.Choice{{{ID: "c:red", Label: "Red"}, {ID: "c:blue", Label: "Blue"}}}}}, nil
	}
	return []flows.Reply{{Text: "?"}}, nil
}

func (m *menuEngine) Unavailable(flows.Chat) []flows.Reply {
	return []flows.Reply{{Text: "sorry, later"}}
}

func TestRunParsesLines(t *testing.T) {
	tests := []struct {
		name string
		line string
		want flows.Input
	}{
		{"number picks shown choice", "1", flows.Input{Kind: flows.InputChoice, Choice: "c:red"}},
		{"number out of range is text", "7", flows.Input{Kind: flows.InputText, Text: "7"}},
		{"label is text for the engine", "Blue", flows.Input{Kind: flows.InputText, Text: "Blue"}},
		{"command with args", "/START r-diourbel_l-wo", flows.Input{Kind: flows.InputCommand, Command: "start", Args: "r-diourbel_l-wo"}},
		{"command with bot name", "/aide@SamaYoonBot", flows.Input{Kind: flows.InputCommand, Command: "aide"}},
		{"location", "@14.79,-15.87", flows.Input{Kind: flows.InputLocation, Point: pt(14.79, -15.87)}},
		{"bad location is text", "@200,1", flows.Input{Kind: flows.InputText, Text: "@200,1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng := &menuEngine{}
			var out strings.Builder
			if err := Run(context.Background(), eng, strings.NewReader(tt.line+"\n"), &out, Options{}); err != nil {
				t.Fatal(err)
			}
			if len(eng.inputs) != 2 {
				t.Fatalf("inputs = %d, want /start and one line", len(eng.inputs))
			}
			if got := eng.inputs[1]; got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRunPrintsChoicesAndEchoes(t *testing.T) {
	var out strings.Builder
	err := Run(context.Background(), &menuEngine{}, strings.NewReader("1\n"), &out, Options{Echo: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "pick\n  1. Red\n  2. Blue\n\n> 1\nyou chose red\n\n"
	if out.String() != want {
		t.Errorf("output:\n%q\nwant\n%q", out.String(), want)
	}
}

func TestRunShowsApologyOnEngineError(t *testing.T) {
	var out strings.Builder
	err := Run(context.Background(), &menuEngine{fail: true}, strings.NewReader(""), &out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "sorry, later") || strings.Contains(out.String(), "store down") {
		t.Errorf("output %q: want the apology and no error text", out.String())
	}
}

func pt(lat, lon float64) flows.Point { return flows.Point{Lat: lat, Lon: lon} }

// A reply without buttons (here the share-location prompt) leaves the question above answerable.
func TestRunKeepsChoicesAfterReplyWithoutButtons(t *testing.T) {
	eng := &menuEngine{}
	var out strings.Builder
	if err := Run(context.Background(), eng, strings.NewReader("2\n1\n"), &out, Options{}); err != nil {
		t.Fatal(err)
	}
	want := flows.Input{Kind: flows.InputChoice, Choice: "c:red"}
	if len(eng.inputs) != 3 || eng.inputs[2] != want {
		t.Errorf("inputs %+v: want the third to be %+v", eng.inputs, want)
	}
}
