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

// newClient is the http.Client the library calls Telegram with: the apiTransport does the
// retries, pacing and deadlines; redirects are not followed (the Bot API makes none, and a
// redirect would carry the token in its URL elsewhere).
func newClient(cfg Config) *http.Client {
	return &http.Client{
		Transport:     newTransport(cfg.Transport, cfg.Observer, cfg.Now, cfg.ChatBurst),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// connect creates the library client; its constructor calls getMe, under ctx.
func connect(ctx context.Context, cfg Config, client *http.Client) (*tgbotapi.BotAPI, error) {
	endpoint := strings.ReplaceAll(strings.TrimRight(cfg.APIURL, "/"), "%", "%%") + "/bot%s/%s"
	tg, err := tgbotapi.NewBotAPIWithClient(cfg.Token, endpoint, ctxClient{ctx: ctx, c: client})
	if err != nil {
		return nil, apiErr("getMe", err, cfg.Token)
	}
	tg.Client = client
	return tg, nil
}

// ctxClient runs the library's requests under a call's context: tgbotapi v5.5.1 builds
// them without one, so cancellation and the caller's deadline come in here.
type ctxClient struct {
	ctx context.Context
	c   *http.Client
}

// Do sends req under the bound context.
func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	return c.c.Do(req.WithContext(c.ctx))
}

// api is the library client for one call under ctx (a copy sharing everything but the
// context; the library keeps no other per-call state).
func (b *Bot) api(ctx context.Context) *tgbotapi.BotAPI {
	api := *b.tg
	api.Client = ctxClient{ctx: ctx, c: b.http}
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
