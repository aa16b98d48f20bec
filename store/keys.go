package store

// Key schema (prefix "sy:" by default; ID is the opaque chat id, e.g. "tg:5300000001"):
//
//	sy:{chat:ID}:s  STRING "<rev>:~<n><latest update ids><session>"  expires after the session TTL (default 30 days)
//	sy:{chat:ID}:h  SET    the chat's staff-post links (human handoff, see Threads)
//	sy:{chat:ID}:u  ZSET   handled update ids, written by versions before the ids moved into
//	                       the session value; only deleted now, and gone 25 hours after an upgrade
//
// All keys share the hash tag {chat:ID}, so Delete stays in one Cluster slot.
type chatKeys struct {
	session, legacyDedupe, links string
}

// keys returns the key names of a chat.
func (s *Store) keys(chat string) chatKeys { return chatKeysOf(s.prefix, chat) }

// chatKeysOf returns the key names of a chat under prefix (the Store's and the Threads').
func chatKeysOf(prefix, chat string) chatKeys {
	return chatKeys{session: sessionKey(prefix, chat), legacyDedupe: chatKey(prefix, chat, "u"), links: chatKey(prefix, chat, "h")}
}

// sessionKey is a chat's session key alone, for Load and Save (once per update each).
func sessionKey(prefix, chat string) string { return chatKey(prefix, chat, "s") }

// chatKey is one key of a chat, built in one allocation.
func chatKey(prefix, chat, kind string) string { return prefix + "{chat:" + chat + "}:" + kind }

// all lists every key of a chat, for Delete.
func (k chatKeys) all() []string { return []string{k.session, k.legacyDedupe, k.links} }
