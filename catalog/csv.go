package catalog

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// CSV layout: one row per entry, a "kind" column (organization, offer, info_page), one
// column per field with dotted names for texts ("name.fr"), lists of ids or URLs one per
// line inside a cell, and phones/locations as JSON in their cell, so nothing is lost.
const listSep = "\n"

// csvKinds maps a row kind to its model type.
func csvKinds() []struct {
	kind string
	typ  reflect.Type
} {
	return []struct {
		kind string
		typ  reflect.Type
	}{
		{"organization", reflect.TypeFor[Organization]()},
		{"offer", reflect.TypeFor[Offer]()},
		{"info_page", reflect.TypeFor[InfoPage]()},
	}
}

// csvColumns is the header: "kind" then the union of every kind's columns in field order.
func csvColumns() []string {
	cols, seen := []string{"kind"}, map[string]bool{"kind": true}
	for _, k := range csvKinds() {
		for _, c := range typeColumns(k.typ, "") {
			if !seen[c] {
				seen[c] = true
				cols = append(cols, c)
			}
		}
	}
	return cols
}

// typeColumns lists the flattened columns of a type.
func typeColumns(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		ft := t.Field(i).Type
		if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[Date]() {
			out = append(out, typeColumns(ft, prefix+name+".")...)
			continue
		}
		out = append(out, prefix+name)
	}
	return out
}

// flatten writes a value's fields into row cells.
func flatten(v reflect.Value, prefix string, row map[string]string) error {
	t := v.Type()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		f, col := v.Field(i), prefix+name
		switch {
		case f.Type() == reflect.TypeFor[Date]():
			row[col] = f.Interface().(Date).String()
		case f.Kind() == reflect.Struct:
			if err := flatten(f, col+".", row); err != nil {
				return err
			}
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct:
			if f.Len() > 0 {
				b, err := json.Marshal(f.Interface())
				if err != nil {
					return fmt.Errorf("csv %s: %w", col, err)
				}
				row[col] = string(b)
			}
		case f.Kind() == reflect.Slice:
			items := make([]string, f.Len())
			for j := range items {
				items[j] = f.Index(j).String()
			}
			row[col] = strings.Join(items, listSep)
		default:
			row[col] = scalarCell(f)
		}
	}
	return nil
}

// scalarCell formats a string, bool or number; zero values give an empty cell.
func scalarCell(f reflect.Value) string {
	switch f.Kind() {
	case reflect.Bool:
		if f.Bool() {
			return "true"
		}
		return ""
	case reflect.Float64:
		if f.Float() == 0 {
			return ""
		}
		return strconv.FormatFloat(f.Float(), 'g', -1, 64)
	}
	return f.String()
}

// ExportCSV writes the catalog as one spreadsheet that ImportCSV reads back without loss.
func ExportCSV(w io.Writer, c *Catalog) error {
	cols := csvColumns()
	cw := csv.NewWriter(w)
	if err := cw.Write(cols); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	write := func(kind string, v any) error {
		row := map[string]string{"kind": kind}
		if err := flatten(reflect.ValueOf(v), "", row); err != nil {
			return err
		}
		rec := make([]string, len(cols))
		for i, col := range cols {
			rec[i] = row[col]
		}
		return cw.Write(rec)
	}
	for _, o := range c.orgs {
		if err := write("organization", o); err != nil {
			return err
		}
	}
	for _, o := range c.offers {
		if err := write("offer", o); err != nil {
			return err
		}
	}
	for _, p := range c.pages {
		if err := write("info_page", p); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

// cellError is a cell that could not be read: its column and what is wrong, in French.
type cellError struct{ col, msg string }

// unflatten fills v from row cells and returns every cell it could not read.
func unflatten(row map[string]string, v reflect.Value, prefix string) []cellError {
	var errs []cellError
	t := v.Type()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		f, col := v.Field(i), prefix+name
		if f.Kind() == reflect.Struct && f.Type() != reflect.TypeFor[Date]() {
			errs = append(errs, unflatten(row, f, col+".")...)
			continue
		}
		if msg := setCell(f, row[col]); msg != "" {
			errs = append(errs, cellError{col, msg})
		}
	}
	return errs
}

// setCell parses one cell into a field; it returns what is wrong with the cell, or "".
func setCell(f reflect.Value, cell string) string {
	switch {
	case cell == "":
	case f.Type() == reflect.TypeFor[Date]():
		d, err := time.Parse(time.DateOnly, strings.TrimSpace(cell))
		if err != nil {
			return fmt.Sprintf("date invalide « %s » : écrivez-la AAAA-MM-JJ, par exemple 2026-11-29", cell)
		}
		f.Set(reflect.ValueOf(Date{d}))
	case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct:
		if err := json.Unmarshal([]byte(cell), f.Addr().Interface()); err != nil {
			return fmt.Sprintf("JSON invalide : gardez la forme écrite par l'export, par exemple [{\"number\": \"+221...\"}] (%v)", err)
		}
	case f.Kind() == reflect.Slice:
		items := strings.Split(cell, listSep)
		s := reflect.MakeSlice(f.Type(), len(items), len(items))
		for j, it := range items {
			s.Index(j).SetString(strings.TrimSpace(strings.TrimSuffix(it, "\r")))
		}
		f.Set(s)
	case f.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(strings.TrimSpace(cell))
		if err != nil {
			return fmt.Sprintf("écrivez true ou false, pas « %s »", cell)
		}
		f.SetBool(b)
	case f.Kind() == reflect.Float64:
		x, err := strconv.ParseFloat(strings.TrimSpace(strings.Replace(cell, ",", ".", 1)), 64)
		if err != nil {
			return fmt.Sprintf("nombre invalide « %s »", cell)
		}
		f.SetFloat(x)
	default:
		f.SetString(cell)
	}
	return ""
}
