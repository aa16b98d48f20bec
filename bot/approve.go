package bot

import (
	"context"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/samayoon/samayoon/flows"
)

// ApproveAlertsData is the callback data of the staff group's "send the alerts" button.
const ApproveAlertsData = "alerts:send"

// Approver releases the alerts held for approval and returns the note posted below the
// button's message; it must be idempotent, as a second press or replica may call it.
type Approver func(ctx context.Context) (string, error)

// PostAlertsApproval posts text in the staff group with the button that releases held
// alerts; it returns the post's id.
func (b *Bot) PostAlertsApproval(ctx context.Context, text string) (int, error) {
	m := textMessage(b.cfg.StaffChatID, text)
	kb, _ := inlineKeyboard([][]flows.Choice{{{ID: ApproveAlertsData, Label: "✅ Envoyer les alertes"}}})
	m.ReplyMarkup = *kb
	return b.sendMessage(ctx, m)
}

// staffButton runs a button pressed in the staff group: only the alerts' approval exists;
// its note is posted as a reply to the button's message, whose button is then removed.
func (b *Bot) staffButton(ctx context.Context, u update) error {
	if u.input.Choice != ApproveAlertsData || b.cfg.ApproveAlerts == nil {
		return nil
	}
	note, err := b.cfg.ApproveAlerts(ctx)
	if err != nil {
		b.log.Warn("alerts not released from the staff group", "component", "bot", "err", err)
		note = "⚠️ Les alertes n'ont pas pu être envoyées ; réessayez ou utilisez « samayoon alerts send »."
	}
	b.sendStaff(ctx, note, u.srcMsgID)
	if err == nil && u.srcMsgID != 0 {
		edit := tgbotapi.NewEditMessageReplyMarkup(b.cfg.StaffChatID, u.srcMsgID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}})
		if _, e := b.api(ctx).Request(edit); e != nil {
			b.log.Debug("approval button not removed", "err", e)
		}
	}
	return err
}
