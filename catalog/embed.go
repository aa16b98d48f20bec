package catalog

import (
	"embed"
	"fmt"
)

// bundled holds the catalog and the lexicon shipped in the binary (read-only).
//
//go:embed catalog.yaml lexicon.yaml
var bundled embed.FS

// DefaultYAML returns the bytes of the catalog shipped in the binary.
func DefaultYAML() []byte {
	data, err := bundled.ReadFile("catalog.yaml")
	if err != nil {
		panic(fmt.Sprintf("catalog: embedded catalog.yaml missing: %v", err)) // a build defect
	}
	return data
}

// Default parses the catalog shipped in the binary; a test keeps it valid.
func Default() (*Catalog, error) {
	return Parse("catalog.yaml", DefaultYAML())
}
