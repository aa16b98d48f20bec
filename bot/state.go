package bot

import (
	"sync"
	"time"
)

// Bounds of the in-memory per-chat state (per process; replicas do not share it).
const (
	maxTracked        = 100_000     // entries per set before it is reset
	unavailableWindow = time.Minute // at most one "unavailable" message per chat per window
)

// chatState is the little the channel remembers per chat, in memory and bounded: who
// blocked the bot, where a share-location keyboard is showing, and when a chat last got
// the "unavailable" message.
type chatState struct {
	mu          sync.Mutex
	blocked     map[string]struct{}
	keyboard    map[string]struct{}
	unavailable map[string]time.Time
	last        map[string]int // highest message id this process saw in the chat (its own or the user's)
}

// newChatState returns empty state.
func newChatState() *chatState {
	return &chatState{blocked: map[string]struct{}{}, keyboard: map[string]struct{}{},
		unavailable: map[string]time.Time{}, last: map[string]int{}}
}

// setBlocked records that chat blocked (or unblocked) the bot.
func (s *chatState) setBlocked(chat string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked = setFlag(s.blocked, chat, on)
}

// isBlocked reports whether chat blocked the bot.
func (s *chatState) isBlocked(chat string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.blocked[chat]
	return ok
}

// setKeyboard records whether chat shows the share-location keyboard.
func (s *chatState) setKeyboard(chat string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keyboard = setFlag(s.keyboard, chat, on)
}

// keyboardShown reports whether chat shows the share-location keyboard.
func (s *chatState) keyboardShown(chat string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.keyboard[chat]
	return ok
}

// setLast records a message id seen in chat: one the bot sent, a pressed message, or the
// user's own message. A private chat's message ids only grow, the user's and the bot's alike.
func (s *chatState) setLast(chat string, msgID int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.last) >= maxTracked {
		s.last = map[string]int{}
	}
	s.last[chat] = max(s.last[chat], msgID)
}

// isLast reports whether msgID is at least as new as any message this process saw in chat,
// so that editing it changes what the user is looking at. Ids only grow, so a replica that
// missed the messages another replica sent still finds the pressed screen newest (a press
// on an older one is the rare case it may edit where one process would send anew).
func (s *chatState) isLast(chat string, msgID int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return msgID != 0 && msgID >= s.last[chat]
}

// allowUnavailable reports whether chat may get the "unavailable" message now, and if so
// notes that it did.
func (s *chatState) allowUnavailable(chat string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if last, ok := s.unavailable[chat]; ok && now.Sub(last) < unavailableWindow {
		return false
	}
	if len(s.unavailable) >= maxTracked {
		for c, t := range s.unavailable {
			if now.Sub(t) >= unavailableWindow {
				delete(s.unavailable, c)
			}
		}
		if len(s.unavailable) >= maxTracked {
			return false
		}
	}
	s.unavailable[chat] = now
	return true
}

// setFlag adds or removes key, starting afresh when the set is full.
func setFlag(m map[string]struct{}, key string, on bool) map[string]struct{} {
	if !on {
		delete(m, key)
		return m
	}
	if len(m) >= maxTracked {
		m = map[string]struct{}{}
	}
	m[key] = struct{}{}
	return m
}
