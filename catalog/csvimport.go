package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"

	yaml "go.yaml.in/yaml/v3"
)

// ImportCSV reads a spreadsheet written by ExportCSV (and edited by staff) and returns the
// catalog YAML, validated like any catalog file. Comments of the YAML file are not kept.
func ImportCSV(r io.Reader) ([]byte, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("csv: en-tête illisible: %w", err)
	}
	m := fileModel{Version: 1}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("csv: %w", err)
		}
		if err := addRow(&m, header, rec); err != nil {
			return nil, fmt.Errorf("csv ligne %d : %w", line, err)
		}
	}
	out, err := marshalYAML(&m)
	if err != nil {
		return nil, err
	}
	if _, err := Parse("import.yaml", out); err != nil {
		return out, fmt.Errorf("le catalogue importé n'est pas valide (positions dans le YAML produit) :\n%w", err)
	}
	return out, nil
}

// addRow decodes one row into the list its kind names.
func addRow(m *fileModel, header, rec []string) error {
	row := map[string]string{}
	for i, col := range header {
		if i < len(rec) {
			row[col] = rec[i]
		}
	}
	var target any
	switch row["kind"] {
	case "organization":
		m.Organizations = append(m.Organizations, Organization{})
		target = &m.Organizations[len(m.Organizations)-1]
	case "offer":
		m.Offers = append(m.Offers, Offer{})
		target = &m.Offers[len(m.Offers)-1]
	case "info_page":
		m.InfoPages = append(m.InfoPages, InfoPage{})
		target = &m.InfoPages[len(m.InfoPages)-1]
	case "":
		return nil // blank line in the spreadsheet
	default:
		return fmt.Errorf("colonne kind : « %s » inconnu (organization, offer ou info_page)", row["kind"])
	}
	return unflatten(row, reflect.ValueOf(target).Elem(), "")
}

// marshalYAML writes the model with two-space indentation, multi-line texts as | blocks.
func marshalYAML(m *fileModel) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	return buf.Bytes(), nil
}
