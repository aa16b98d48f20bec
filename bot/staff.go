package bot

import (
	"context"
	"strconv"

	"github.com/samayoon/samayoon/flows"
)

// toStaff posts the replies flagged ToStaff (anonymous problem reports) to the staff group
// and returns the others, so a staff note never reaches the user; with no staff group
// (staffChat 0) the notes are dropped. Staff notes are plain text: no buttons, pin or card.
func (b *Bot) toStaff(ctx context.Context, staffChat int64, replies []flows.Reply) []flows.Reply {
	var user []flows.Reply
	key := "tg:" + strconv.FormatInt(staffChat, 10)
	for _, r := range replies {
		if !r.ToStaff {
			user = append(user, r)
			continue
		}
		if staffChat == 0 {
			continue
		}
		note := flows.Reply{Text: r.Text, Lang: r.Lang}
		for _, c := range render(staffChat, note, false).calls {
			if err := b.send(ctx, key, c); err != nil {
				b.log.Warn("staff note not delivered", "method", c.method, "err", err)
			}
		}
	}
	return user
}
