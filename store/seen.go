package store

import (
	"encoding/binary"
	"hash/fnv"
	"strconv"
)

// markSeen follows "<rev>:" when the value carries the chat's recent update ids:
// "<rev>:~<n><n 4-byte ids, newest first><codec payload>". To an older version '~' is an
// unknown codec tag: it restarts that conversation politely, its compare-and-set intact.
const markSeen = '~'

// seenKeep is how many of a chat's latest handled update ids a session remembers.
// Telegram redelivers an update only while its own queue is stuck on it, so at most a
// few of the chat's other updates (the other queue's) can be handled in between.
const seenKeep = 4

// seenCode is an update id's 4-byte form: a decimal id's low 32 bits (Telegram's ids are
// sequential and below 2^31), any other non-empty id's FNV-1a hash; "" for none.
func seenCode(updateID string) string {
	if updateID == "" {
		return ""
	}
	var v uint32
	if n, err := strconv.ParseUint(updateID, 10, 64); err == nil {
		v = uint32(n)
	} else {
		h := fnv.New32a()
		_, _ = h.Write([]byte(updateID))
		v = h.Sum32()
	}
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], v)
	return string(b[:])
}

// splitSeen splits "<n><ids><payload>" (what follows markSeen) into the ids and the
// payload; ok is false when the count or length is impossible.
func splitSeen(rest []byte) (ids, payload []byte, ok bool) {
	if len(rest) == 0 {
		return nil, nil, false
	}
	n := int(rest[0]) - '0'
	if n < 0 || n > seenKeep || len(rest) < 1+4*n {
		return nil, nil, false
	}
	return rest[1 : 1+4*n], rest[1+4*n:], true
}

// seenIn reports whether code is one of the 4-byte ids.
func seenIn(ids []byte, code string) bool {
	for i := 0; i+4 <= len(ids); i += 4 {
		if string(ids[i:i+4]) == code {
			return true
		}
	}
	return false
}
