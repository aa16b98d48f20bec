package main

import (
	"encoding/json"
	"strconv"
)

// screen is one step of the journey with its keyboard already encoded.
type screen struct {
	text   string
	markup json.RawMessage
}

// button is an inline keyboard button.
type button struct {
	Text string `json:"text"`
	Data string `json:"callback_data"`
}

// buildScreens mirrors Sama Yoon's French journey in size and shape (labels match the
// scenario's press regexes), so the floor sends keyboards as large as the bot's.
func buildScreens() []screen {
	raw := []struct {
		text   string
		labels []string
		perRow int
	}{
		{"Bienvenue sur Sama Yoon ! Choisissez votre langue. / Tànnal sa làkk.", []string{"Français", "Wolof"}, 2},
		{"Qui êtes-vous ?", []string{"Je suis revenu(e) au Sénégal", "Je pense à partir", "Je suis un proche", "Autre"}, 1},
		{"Où habitez-vous ? Choisissez votre région.", []string{"Dakar", "Diourbel", "Fatick", "Kaffrine", "Kaolack",
			"Kédougou", "Kolda", "Louga", "Matam", "Saint-Louis", "Sédhiou", "Tambacounda", "Thiès", "Ziguinchor"}, 2},
		{"Dans quel département ?", []string{"Bambey", "Diourbel", "Mbacké"}, 3},
		{"De quoi avez-vous besoin ?", []string{"💼 Trouver un emploi", "🎓 Une formation", "💰 Financer un projet",
			"🩺 Santé et soutien", "📄 Papiers", "✈️ Partir légalement", "💬 Parler à quelqu'un"}, 1},
		{"Voici 3 offres pour vous à Mbacké (emploi) :\n1. Agence pour l'emploi des jeunes — conseil et placement\n" +
			"2. Bureau d'accueil des migrants de retour — accueil et orientation\n3. Centre de formation — formations courtes",
			[]string{"1. Détails", "2. Détails", "3. Détails", "↩️ Recommencer"}, 3},
	}
	out := make([]screen, len(raw))
	for i, r := range raw {
		var rows [][]button
		for j, l := range r.labels {
			if j%r.perRow == 0 {
				rows = append(rows, nil)
			}
			b := button{Text: l, Data: "s" + strconv.Itoa(i) + ":" + strconv.Itoa(j)}
			rows[len(rows)-1] = append(rows[len(rows)-1], b)
		}
		m, err := json.Marshal(map[string]any{"inline_keyboard": rows})
		if err != nil {
			panic(err) // static data: cannot fail
		}
		out[i] = screen{text: r.text, markup: m}
	}
	return out
}
