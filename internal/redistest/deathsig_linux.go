package redistest

import (
	"os/exec"
	"syscall"
)

// setDeathSig kills redis-server if the test process dies without cleaning up.
func setDeathSig(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
