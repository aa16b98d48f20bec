//go:build !linux

package redistest

import "os/exec"

// setDeathSig is a no-op where the kernel offers no parent-death signal.
func setDeathSig(*exec.Cmd) {}
