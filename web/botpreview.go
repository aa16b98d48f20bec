package web

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/samayoon/samayoon/catalog"
	"github.com/samayoon/samayoon/flows"
)

// noSessions is the store of the preview engine: a preview never reads or writes a session.
type noSessions struct{}

// errNoSessions says the preview engine was asked for a session.
var errNoSessions = errors.New("web: the preview engine keeps no sessions")

func (noSessions) Load(context.Context, string, string) ([]byte, int64, error) {
	return nil, 0, errNoSessions
}

func (noSessions) Save(context.Context, string, string, []byte, int64, time.Duration) error {
	return errNoSessions
}

func (noSessions) Delete(context.Context, string) error { return errNoSessions }

// botPreview renders the entry of the form the way the bot will: the candidate file (the
// form's entry in place of the old one) is checked like `catalog check`, then the bot's own
// engine writes the entry. While the form does not pass the checks, ok is false.
func (s *Server) botPreview(ctx context.Context, sn *snapshot, list, entry string, vals url.Values) ([]previewLang, bool) {
	i, _ := sn.doc.find(list, entry)
	var next []byte
	var err error
	if i < 0 {
		next, _, err = sn.doc.add(list, buildEntry(fieldsOf(list, sn.doc), "", vals))
	} else {
		next, _, err = sn.doc.replace(list, i, buildEntry(fieldsOf(list, sn.doc), "", vals))
	}
	if err != nil {
		return nil, false
	}
	cat, err := catalog.Parse(filepath.Base(s.cfg.CatalogFile), next)
	if err != nil {
		return nil, false
	}
	region, dept := previewPlace(vals)
	var out []previewLang
	for _, lang := range []string{"fr", "wo"} {
		item, page, ok := s.engine.Preview(ctx, cat, clean(vals.Get("id")), lang, region, dept)
		if !ok {
			return nil, false
		}
		out = append(out, previewLang{Lang: lang, Label: langLabel(lang), Result: item, Details: page})
	}
	return out, true
}

// previewPlace is where the previewed user lives: the offer's first department or region.
func previewPlace(vals url.Values) (region, dept string) {
	for _, d := range append(splitList(vals.Get("area.departments"), ","), clean(vals.Get("locations.0.department"))) {
		if dp, ok := catalog.DepartmentByID(d); ok {
			return dp.Region, dp.ID
		}
	}
	for _, r := range append(splitList(vals.Get("area.regions"), ","), clean(vals.Get("locations.0.region"))) {
		if _, ok := catalog.RegionByID(r); ok {
			return r, ""
		}
	}
	return "", ""
}

// newPreviewEngine builds the bot's conversation engine for previews only.
func newPreviewEngine(bundle *i18n.Bundle) (*flows.Engine, error) {
	return flows.New(flows.Config{Store: noSessions{}, Catalog: func() flows.Catalog { return nil }, Bundle: bundle})
}
