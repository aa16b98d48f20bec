package bot

// The wire types below hold only the update fields intake reads, so decoding skips the rest
// of tgbotapi.Update (photos, entities, reply markup...) instead of allocating it. Field
// types match tgbotapi's, so a wrongly typed field the bot reads is rejected as before.

// wireUpdate is the part of a Telegram update the bot asks for and reads.
type wireUpdate struct {
	UpdateID      int                `json:"update_id"`
	Message       *wireMessage       `json:"message"`
	CallbackQuery *wireCallback      `json:"callback_query"`
	MyChatMember  *wireMemberUpdated `json:"my_chat_member"`
}

// wireUser is a message's or a button press's sender.
type wireUser struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	LanguageCode string `json:"language_code"`
}

// wireChat is the chat an update belongs to.
type wireChat struct {
	ID   int64  `json:"id"`
	Type string `json:"type"`
}

// wireMessage is a message, or the message a button or a reply points to.
type wireMessage struct {
	MessageID      int           `json:"message_id"`
	From           *wireUser     `json:"from"`
	Date           int           `json:"date"`
	Chat           *wireChat     `json:"chat"`
	ReplyToMessage *wireMessage  `json:"reply_to_message"`
	Text           string        `json:"text"`
	Contact        *wireContact  `json:"contact"`
	Location       *wireLocation `json:"location"`
}

// wireContact is a shared contact; only the sender's own number is used.
type wireContact struct {
	PhoneNumber string `json:"phone_number"`
	UserID      int64  `json:"user_id"`
}

// wireLocation is a shared location.
type wireLocation struct {
	Longitude float64 `json:"longitude"`
	Latitude  float64 `json:"latitude"`
}

// wireCallback is a button press.
type wireCallback struct {
	ID      string       `json:"id"`
	From    *wireUser    `json:"from"`
	Message *wireMessage `json:"message"`
	Data    string       `json:"data"`
}

// wireMemberUpdated is a change of the bot's membership in a chat (blocked, unblocked).
type wireMemberUpdated struct {
	Chat          wireChat       `json:"chat"`
	From          wireUser       `json:"from"`
	NewChatMember wireChatMember `json:"new_chat_member"`
}

// wireChatMember is the bot's new status in the chat.
type wireChatMember struct {
	Status string `json:"status"`
}
