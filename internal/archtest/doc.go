// Package archtest holds, in its tests, the import and environment rules of
// docs/architecture.md, checked against the real package graph from `go list`.
package archtest
