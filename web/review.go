package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/review"
)

// reviewData fills the Wolof review queue.
type reviewData struct {
	Texts            []review.Text
	Filter, Q        string
	Filters          []option
	Total            int
	ReadOnly         string
	CanReview        bool
	CSRF, Done, Fail string
}

// reviewPaths are the files the review state covers: the bot's messages and the catalog.
func (s *Server) reviewPaths() review.Paths {
	return review.Paths{Locales: s.cfg.LocalesDir, Catalog: s.cfg.CatalogFile}
}

// reviewQueue lists the Wolof texts that need a native speaker: missing, to review, stale.
func (s *Server) reviewQueue(w http.ResponseWriter, r *http.Request, who *staff) {
	q := r.URL.Query()
	d := reviewData{Filter: q.Get("statut"), Q: q.Get("q"), CanReview: who.Has(RoleReviewer), CSRF: who.CSRF,
		Done: q.Get("relu"), Filters: []option{{"", "à relire et à revoir"}, {string(review.Stale), "à revoir (changé depuis la relecture)"},
			{string(review.Unreviewed), "à relire"}, {string(review.Missing), "manquant"}, {string(review.Reviewed), "relu"}}}
	set, err := review.Load(s.reviewPaths())
	if err != nil {
		s.fail(w, r, who, http.StatusInternalServerError, "Les textes à relire ne peuvent pas être lus : "+err.Error())
		return
	}
	if set.Embedded {
		d.ReadOnly = "Les fichiers des textes ne sont pas sur ce serveur (textes intégrés au programme) : la relecture se fait où se trouvent locales/ et le catalogue."
		d.CanReview = false
	}
	for _, t := range set.Texts {
		if keepText(t, d.Filter, d.Q) {
			d.Texts = append(d.Texts, t)
		}
	}
	d.Total = len(d.Texts)
	if len(d.Texts) > 200 {
		d.Texts = d.Texts[:200]
	}
	s.render(w, http.StatusOK, "review", view{Title: "Relecture du wolof", Nav: "relecture", Who: who, Data: d})
}

// keepText applies the queue's filter: by default what is to review or stale.
func keepText(t review.Text, filter, q string) bool {
	switch {
	case filter == "" && t.Status != review.Unreviewed && t.Status != review.Stale:
		return false
	case filter != "" && string(t.Status) != filter:
		return false
	}
	return q == "" || strings.Contains(catalog.Fold(t.ID+" "+t.Fr+" "+t.Wo+" "+t.Where), catalog.Fold(q))
}

// reviewMark saves a text's Wolof and, with "relu", records the reviewer and the date
// through the review package (the same state as `samayoon i18n`).
func (s *Server) reviewMark(w http.ResponseWriter, r *http.Request, who *staff) {
	id, wo, relu := r.PostForm.Get("id"), clean(r.PostForm.Get("wo")), r.PostForm.Get("action") == "relu"
	set, err := review.Load(s.reviewPaths())
	if err != nil {
		s.fail(w, r, who, http.StatusInternalServerError, "Les textes à relire ne peuvent pas être lus : "+err.Error())
		return
	}
	t, ok := set.Text(id)
	if !ok {
		s.fail(w, r, who, http.StatusNotFound, "Texte inconnu « "+id+" » : il a peut-être été supprimé entre-temps. Rien n'a été enregistré.")
		return
	}
	if t.Wo != r.PostForm.Get("base") {
		s.fail(w, r, who, http.StatusConflict, "Le wolof de ce texte a changé depuis l'affichage de la page : rien n'a été enregistré. Rechargez la file de relecture.")
		return
	}
	err = s.ed.review(who.Display(), t, wo, relu, func() error {
		if wo == t.Wo && relu {
			return review.RecordReview(s.reviewPaths(), id, who.Display(), s.cfg.Now(), false)
		}
		_, err := review.Import(s.reviewPaths(), reviewRow(t, wo, relu), who.Display(), s.cfg.Now())
		return err
	})
	var ce *catalog.CSVError
	switch {
	case errors.As(err, &ce) || errors.Is(err, review.ErrEmbedded):
		s.fail(w, r, who, http.StatusUnprocessableEntity, "Non enregistré : "+err.Error())
		return
	case err != nil:
		s.fileError(w, r, who, err)
		return
	}
	s.log.Info("wolof reviewed", "account", who.Display(), "text", id, "relu", relu)
	http.Redirect(w, r, "/relecture?relu="+url.QueryEscape(id), http.StatusSeeOther)
}

// reviewRow is a one-row export, as a reviewer's spreadsheet would send it back.
func reviewRow(t review.Text, wo string, relu bool) []byte {
	status := string(review.Unreviewed)
	if relu {
		status = string(review.Reviewed)
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	_ = cw.Write(review.Columns())
	_ = cw.Write([]string{t.ID, t.Where, t.Fr, wo, status, "", "", t.Mark.Notes})
	cw.Flush()
	return b.Bytes()
}
