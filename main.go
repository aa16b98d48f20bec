// Command samayoon runs the Sama Yoon assistant: on Telegram when a bot token is
// configured, otherwise as a console chat; it also hosts the staff tools (catalog …).
// Start-up lives in internal/cli, one file per command.
package main

import (
	"os"

	"github.com/samayoon/samayoon/internal/cli"
)

func main() { os.Exit(cli.Main()) }
