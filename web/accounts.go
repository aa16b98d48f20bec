package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// The roles of staff accounts: what each may change. Every signed-in account may read.
const (
	RoleEditor   = "editor"   // edits the catalog
	RoleReviewer = "reviewer" // reviews the Wolof texts
	RoleViewer   = "viewer"   // reads the figures and the catalog
)

// MinPasswordLen is the shortest password staff add accepts.
const MinPasswordLen = 10

// Account is one staff member: a name, roles and a bcrypt hash (never the password).
type Account struct {
	Name  string   `json:"name"`
	Roles []string `json:"roles"`
	Hash  string   `json:"hash"`
}

// Has reports whether the account has role.
func (a Account) Has(role string) bool { return slices.Contains(a.Roles, role) }

// accountsFile is the layout of STAFF_ACCOUNTS_FILE.
type accountsFile struct {
	Accounts []Account `json:"accounts"`
}

// ErrNoAccount is returned for an account name that is not in the file.
var ErrNoAccount = errors.New("compte inconnu")

// ReadAccounts reads the accounts file; a missing file is an empty list.
func ReadAccounts(path string) ([]Account, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("web: read accounts: %w", err)
	}
	var f accountsFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("web: accounts file %s is not valid JSON: %w", path, err)
	}
	return f.Accounts, nil
}

// writeAccounts replaces the accounts file atomically, readable by its owner only.
func writeAccounts(path string, accounts []Account) error {
	sort.Slice(accounts, func(i, j int) bool { return accounts[i].Name < accounts[j].Name })
	data, err := json.MarshalIndent(accountsFile{Accounts: accounts}, "", "  ")
	if err != nil {
		return fmt.Errorf("web: encode accounts: %w", err)
	}
	return writeFileAtomic(path, append(data, '\n'), 0o600)
}

// CheckAccountName accepts short lower-case names (they appear in the audit log).
func CheckAccountName(name string) error {
	if !regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,31}$`).MatchString(name) {
		return fmt.Errorf("nom de compte « %s » invalide : 2 à 32 caractères, minuscules, chiffres, . _ -", name)
	}
	return nil
}

// ParseRoles reads a comma-separated role list such as "editor,reviewer".
func ParseRoles(s string) ([]string, error) {
	var out []string
	for _, r := range strings.Split(s, ",") {
		r = strings.TrimSpace(r)
		switch r {
		case RoleEditor, RoleReviewer, RoleViewer:
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		default:
			return nil, fmt.Errorf("rôle inconnu « %s » : editor, reviewer ou viewer", r)
		}
	}
	return out, nil
}

// AddAccount adds or replaces an account with a bcrypt hash of password.
func AddAccount(path, name string, roles []string, password string) error {
	return addAccount(path, name, roles, password, bcrypt.DefaultCost)
}

// addAccount is AddAccount with the bcrypt cost given (tests use the minimum).
func addAccount(path, name string, roles []string, password string, cost int) error {
	if err := CheckAccountName(name); err != nil {
		return err
	}
	if len([]rune(password)) < MinPasswordLen {
		return fmt.Errorf("mot de passe trop court : %d caractères au moins", MinPasswordLen)
	}
	if len(password) > 72 {
		return errors.New("mot de passe trop long : 72 octets au plus")
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		return fmt.Errorf("web: hash password: %w", err)
	}
	accounts, err := ReadAccounts(path)
	if err != nil {
		return err
	}
	accounts = slices.DeleteFunc(accounts, func(a Account) bool { return a.Name == name })
	accounts = append(accounts, Account{Name: name, Roles: roles, Hash: string(hash)})
	return writeAccounts(path, accounts)
}

// RemoveAccount deletes an account; its open sessions end at their next request.
func RemoveAccount(path, name string) error {
	accounts, err := ReadAccounts(path)
	if err != nil {
		return err
	}
	n := len(accounts)
	accounts = slices.DeleteFunc(accounts, func(a Account) bool { return a.Name == name })
	if len(accounts) == n {
		return fmt.Errorf("%w : %s", ErrNoAccount, name)
	}
	return writeAccounts(path, accounts)
}

// findAccount returns the named account from the file.
func findAccount(path, name string) (Account, bool, error) {
	if path == "" {
		return Account{}, false, nil
	}
	accounts, err := ReadAccounts(path)
	if err != nil {
		return Account{}, false, err
	}
	for _, a := range accounts {
		if a.Name == name {
			return a, true, nil
		}
	}
	return Account{}, false, nil
}

// checkPassword compares in constant time; an unknown account still costs one bcrypt
// comparison, so timing does not tell which names exist.
func checkPassword(a Account, found bool, password string) bool {
	hash := []byte(a.Hash)
	if !found || len(hash) == 0 {
		hash = []byte("$2a$10$WLWsNcEAocTQJZvatoifR.sf2dRmozDcgHJIJzsDC2.FIaF6ogeFu")
	}
	err := bcrypt.CompareHashAndPassword(hash, []byte(password))
	return found && err == nil
}
