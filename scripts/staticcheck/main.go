// Command staticcheck exits non-zero unless every named file is a statically linked ELF
// executable (no program interpreter, no shared libraries), as the scratch image requires.
package main

import (
	"debug/buildinfo"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run checks each path and returns the exit code.
func run(paths []string, stdout, stderr io.Writer) int {
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "usage: staticcheck BINARY...")
		return 2
	}
	code := 0
	for _, p := range paths {
		if err := Check(p); err != nil {
			fmt.Fprintf(stderr, "%s: NOT static: %v\n", p, err)
			code = 1
			continue
		}
		fmt.Fprintf(stdout, "%s: static (no interpreter, no shared libraries, CGO_ENABLED=0)\n", p)
	}
	return code
}

// Check returns an error unless path is an ELF executable with no PT_INTERP, no DT_NEEDED and CGO_ENABLED=0.
func Check(path string) error {
	f, err := elf.Open(path)
	if err != nil {
		return fmt.Errorf("open ELF: %w", err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return errors.New("has a program interpreter (dynamically linked)")
		}
	}
	libs, err := f.ImportedLibraries()
	if err != nil {
		return fmt.Errorf("read dynamic section: %w", err)
	}
	if len(libs) > 0 {
		return fmt.Errorf("needs shared libraries %v", libs)
	}
	return checkCgo(path)
}

// checkCgo reads the Go build settings and insists on CGO_ENABLED=0 when they are recorded.
func checkCgo(path string) error {
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		return nil // not a Go binary or stripped of build info: the ELF checks stand alone
	}
	for _, s := range info.Settings {
		if s.Key == "CGO_ENABLED" && s.Value != "0" {
			return fmt.Errorf("built with CGO_ENABLED=%s", s.Value)
		}
	}
	return nil
}
