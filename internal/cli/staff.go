package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/samayoon/samayoon/web"
)

// staffUsage explains the account commands.
const staffUsage = `usage:
  samayoon staff add NAME [--roles editor,reviewer,viewer]   password read from stdin (one line)
  samayoon staff remove NAME
  samayoon staff list
Roles: editor (edits the catalog), reviewer (reviews the Wolof), viewer (reads the figures).
Accounts are kept in the file named by STAFF_ACCOUNTS_FILE (bcrypt hashes, never passwords).
`

// staffCommand manages the accounts of the staff web workspace.
func staffCommand(args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	path := strings.TrimSpace(getenv("STAFF_ACCOUNTS_FILE"))
	if path == "" {
		fmt.Fprintf(stderr, "samayoon staff: set STAFF_ACCOUNTS_FILE to the accounts file\n%s", staffUsage)
		return 2
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, staffUsage)
		return 2
	}
	var err error
	switch args[0] {
	case "add":
		err = staffAdd(path, args[1:], stdin, stdout, stderr)
	case "remove":
		if len(args) != 2 {
			fmt.Fprint(stderr, staffUsage)
			return 2
		}
		err = web.RemoveAccount(path, args[1])
	case "list":
		err = staffList(path, stdout)
	default:
		fmt.Fprintf(stderr, "samayoon staff: unknown command %q\n%s", args[0], staffUsage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "samayoon staff: %v\n", err)
		return 1
	}
	return 0
}

// staffAdd adds or replaces an account; the password is the first line of stdin.
func staffAdd(path string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("samayoon staff add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	roles := fs.String("roles", web.RoleViewer, "comma-separated: editor, reviewer, viewer")
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return fmt.Errorf("name the account first: samayoon staff add NAME [--roles …]")
	}
	name := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	rs, err := web.ParseRoles(*roles)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "Mot de passe pour %s (une ligne sur l'entrée standard) : ", name)
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return fmt.Errorf("no password on stdin: %w", err)
	}
	if err := web.AddAccount(path, name, rs, strings.TrimRight(line, "\r\n")); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\ncompte %s enregistré (%s)\n", name, strings.Join(rs, ", "))
	return nil
}

// staffList prints the accounts and their roles (never the hashes).
func staffList(path string, stdout io.Writer) error {
	accounts, err := web.ReadAccounts(path)
	if err != nil {
		return err
	}
	for _, a := range accounts {
		fmt.Fprintf(stdout, "%s\t%s\n", a.Name, strings.Join(a.Roles, ","))
	}
	return nil
}
