package store

// Key schema (prefix "sy:" by default; ID is the opaque chat id, e.g. "tg:5300000001"):
//
//	sy:{chat:ID}:s  STRING "<rev>|<session JSON>"  expires after the session TTL (default 30 days)
//	sy:{chat:ID}:u  ZSET   update id -> unix ms    expires 25 hours after the chat's last update
//	sy:{chat:ID}:h  SET    the chat's staff-post links (human handoff, see Threads)
//
// All keys share the hash tag {chat:ID}, so the Save script and Delete stay in one Cluster slot.
type chatKeys struct {
	session, dedupe, links string
}

// keys returns the key names of a chat.
func (s *Store) keys(chat string) chatKeys { return chatKeysOf(s.prefix, chat) }

// chatKeysOf returns the key names of a chat under prefix (the Store's and the Threads').
func chatKeysOf(prefix, chat string) chatKeys {
	base := prefix + "{chat:" + chat + "}:"
	return chatKeys{session: base + "s", dedupe: base + "u", links: base + "h"}
}

// all lists every key of a chat, for Delete.
func (k chatKeys) all() []string { return []string{k.session, k.dedupe, k.links} }
