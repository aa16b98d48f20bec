package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// connect creates the library client; its constructor calls getMe, under ctx.
func connect(ctx context.Context, cfg Config, t *apiTransport) (*tgbotapi.BotAPI, error) {
	endpoint := strings.ReplaceAll(strings.TrimRight(cfg.APIURL, "/"), "%", "%%") + "/bot%s/%s"
	tg, err := tgbotapi.NewBotAPIWithClient(cfg.Token, endpoint, ctxClient{ctx: ctx, t: t})
	if err != nil {
		return nil, apiErr("getMe", err, cfg.Token)
	}
	return tg, nil
}

// ctxClient is the library's HTTPClient: it makes each request through the apiTransport
// under the context of the call it belongs to (tgbotapi v5.5.1 builds requests without
// one). An http.Client in between only cloned each request's header for redirects, which
// the Bot API never makes and the bot must not follow (the token is in the URL).
type ctxClient struct {
	ctx context.Context
	t   *apiTransport
}

// Do makes one call under the bound context.
func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	return c.t.roundTrip(c.ctx, req)
}

// api is the library client for one call under ctx (a copy sharing everything but the
// context; the library keeps no other per-call state).
func (b *Bot) api(ctx context.Context) *tgbotapi.BotAPI {
	api := *b.tg
	api.Client = ctxClient{ctx: ctx, t: b.transport}
	return &api
}

// request makes one call whose result the bot does not read.
func (b *Bot) request(ctx context.Context, c tgbotapi.Chattable) error {
	if _, err := b.api(ctx).Request(c); err != nil {
		return apiErr(methodOf(c), err, b.cfg.Token)
	}
	return nil
}

// sendMessage makes one call that shows a message and returns its id, the one part of the
// answer the transport hands on (trimAnswer): Send would decode the whole echoed
// tgbotapi.Message, keyboard included.
func (b *Bot) sendMessage(ctx context.Context, c tgbotapi.Chattable) (int, error) {
	resp, err := b.api(ctx).Request(c)
	if err != nil {
		return 0, apiErr(methodOf(c), err, b.cfg.Token)
	}
	var sent struct {
		MessageID int `json:"message_id"`
	}
	if err := json.Unmarshal(resp.Result, &sent); err != nil {
		return 0, fmt.Errorf("bot: %s: reading the sent message's id: %w", methodOf(c), err)
	}
	return sent.MessageID, nil
}

// apiErr turns the library's error into an apiError (Telegram answered) or a netError
// (the call failed on the way); neither text contains the token.
func apiErr(method string, err error, token string) error {
	var te *tgbotapi.Error
	if errors.As(err, &te) {
		return &apiError{Method: method, Code: te.Code, Description: Redact(te.Message, token), RetryAfter: te.RetryAfter}
	}
	return sanitize(method, err, token)
}

// methodOf names a config's Bot API method for errors and logs (the library keeps its own
// name unexported).
func methodOf(c tgbotapi.Chattable) string {
	switch c.(type) {
	case tgbotapi.MessageConfig:
		return "sendMessage"
	case tgbotapi.EditMessageTextConfig:
		return "editMessageText"
	case tgbotapi.VenueConfig:
		return "sendVenue"
	case tgbotapi.ContactConfig:
		return "sendContact"
	case tgbotapi.CopyMessageConfig:
		return "copyMessage"
	case tgbotapi.CallbackConfig:
		return "answerCallbackQuery"
	case tgbotapi.SetMyCommandsConfig:
		return "setMyCommands"
	case tgbotapi.DeleteMyCommandsConfig:
		return "deleteMyCommands"
	}
	return fmt.Sprintf("%T", c)
}
