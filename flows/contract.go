// Package flows is the transport-agnostic conversation core of Sama Yoon:
// Engine.Handle(ctx, chat, input) loads a chat's session, applies the input with a
// looplab/fsm machine rebuilt from the stored state, saves, and renders replies.
// It never imports the Telegram library or a Redis client.
package flows

import (
	"context"
	"errors"
	"time"

	"github.com/samayoon/samayoon/catalog"
)

// Chat identifies the conversation an input belongs to, as the channel knows it.
type Chat struct {
	ID           string // opaque, stable, e.g. "tg:123456"; never logged raw
	PlatformLang string // the user's client language (e.g. "fr", "wo", "en-US"); may be empty
	CanLocate    bool   // the channel can ask the user to share a location
}

// InputKind says what the user did.
type InputKind int

// The kinds of input a channel can deliver.
const (
	InputText     InputKind = iota + 1 // free text typed by the user
	InputChoice                        // a button press: Choice holds the choice id
	InputCommand                       // a /command: Command without the slash, Args the rest
	InputLocation                      // a shared location: Point
	InputStaff                         // a staff member wrote in a handoff thread: Thread, Text, Command "fin" to close
	InputRemind                        // a handoff request of Thread may need re-announcing to the staff group
	InputPhone                         // the user shared their own phone number: Phone (passed to staff, never stored)
)

// Input is one thing the user did.
type Input struct {
	Kind     InputKind
	Text     string         // InputText
	Choice   string         // InputChoice: a Choice.ID the engine rendered earlier (or forged/stale)
	Command  string         // InputCommand, lower case, without "/" or "@botname"
	Args     string         // InputCommand, e.g. the deep-link payload of /start
	Point    catalog.LatLon // InputLocation
	UpdateID string         // channel-unique id of the update, for at-most-once handling; may be empty
	Thread   string         // InputStaff, InputRemind: the handoff thread the staff post belonged to
	Phone    string         // InputPhone: the number the user chose to share
}

// Reply is one message the channel should show, in order.
type Reply struct {
	Text        string     // plain text, not escaped: the channel escapes it for its format
	Choices     [][]Choice // rows of buttons
	AskLocation bool       // also offer a "share my location" button where the channel can
	// LocationLabel is the localized label of that button (set whenever AskLocation is).
	LocationLabel string
	Place         *Place   // show a map pin after the text
	Contact       *Contact // show a contact card after the text
	Lang          string   // language the reply is written in ("fr" or "wo")
	LangChanged   bool     // the user just chose Lang
	// Menu asks the channel to show the chat's command menu in this language ("wo"), or the
	// default menu again ("fr"); "" leaves it as it is. Set on every reply of the turn.
	Menu string
	// ToStaff sends the reply to the staff group (STAFF_CHAT_ID) instead of the user; the
	// engine emits such replies only when Config.Staff says the channel can deliver them.
	ToStaff bool
	// Thread marks a ToStaff post as part of a chat's handoff thread: a staff reply to that
	// post comes back to this chat as InputStaff with the same Thread.
	Thread string
	// Waiting says the thread awaits a staff answer: the channel sends InputRemind for it
	// after the configured delay (the engine decides then whether to re-announce).
	Waiting bool
	// AskPhone also offers a "share my phone number" button where the channel can;
	// PhoneLabel is its localized label.
	AskPhone   bool
	PhoneLabel string
}

// Command is a slash command a channel can advertise (e.g. Telegram's setMyCommands).
type Command struct {
	Name        string // without "/"
	Description string // localized, short
}

// Choice is a button: a stable ASCII id (at most 64 bytes) and a localized label.
type Choice struct {
	ID    string
	Label string
}

// Place is a map pin for an office.
type Place struct {
	Name, Address string
	Lat, Lon      float64
}

// Contact is a phone contact card.
type Contact struct {
	Name, Phone string
}

// MaxChoiceIDLen is the longest choice id a channel must carry (Telegram callback_data).
const MaxChoiceIDLen = 64

// Store keeps sessions as opaque bytes with optimistic concurrency; defined here, where it
// is used, so the engine needs no Redis client. Implementations: the Redis store and test fakes.
type Store interface {
	// Load returns the stored session and its revision; (nil, 0, nil) when there is none.
	// It returns ErrDuplicate when updateID is non-empty and was already committed (the
	// Redis store remembers each chat's latest 4, which covers Telegram's redeliveries).
	Load(ctx context.Context, chat, updateID string) (data []byte, rev int64, err error)
	// Save stores data if the stored revision is still rev (0: none stored) and records
	// updateID as handled, atomically; ErrConflict when another writer got there first,
	// ErrDuplicate when updateID was committed meanwhile. The session expires after ttl.
	Save(ctx context.Context, chat, updateID string, data []byte, rev int64, ttl time.Duration) error
	// Delete removes everything stored for the chat.
	Delete(ctx context.Context, chat string) error
}

// Errors a Store reports; match them with errors.Is.
var (
	ErrConflict  = errors.New("session changed concurrently")
	ErrDuplicate = errors.New("update already handled")
)

// Catalog is what the engine needs from the offer catalog; *catalog.Catalog implements it.
type Catalog interface {
	Match(q catalog.Query) []catalog.Result
	Search(text string, now time.Time, limit int) []catalog.Result
	Offer(id string) (*catalog.Offer, *catalog.Organization, bool)
	GeneralContacts(region, department string) []catalog.Result
	InfoPages(need catalog.Need) []catalog.InfoPage
	HasDepartmentOffers(region string) bool
	Acronyms() []catalog.Acronym
}
