// Package metrics exposes Sama Yoon's Prometheus metrics on an injected registry, with label
// values drawn from fixed sets so cardinality stays bounded whatever the bot sees.
package metrics

import (
	"slices"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Other is the label value used for anything outside a fixed set.
const Other = "other"

// updateKinds are the update type labels; anything else counts as "other".
func updateKinds() []string {
	return []string{"message", "callback", "my_chat_member", "malformed", "duplicate"}
}

// apiMethods are the Bot API methods counted by name; anything else counts as "other".
func apiMethods() []string {
	return []string{
		"getMe", "getUpdates", "setWebhook", "deleteWebhook", "setMyCommands", "sendMessage",
		"editMessageText", "editMessageReplyMarkup", "answerCallbackQuery", "sendVenue", "sendContact",
		"sendLocation", "sendChatAction", "deleteMessage",
	}
}

// errorKinds are the error kind labels; anything else counts as "other".
func errorKinds() []string {
	return []string{"handler", "telegram", "redis", "catalog", "webhook", "decode", "panic", "timeout"}
}

// Metrics holds every collector; its methods are safe for concurrent use and do nothing on a nil receiver.
type Metrics struct {
	updates      *prometheus.CounterVec
	replies      prometheus.Counter
	errors       *prometheus.CounterVec
	latency      prometheus.Histogram
	apiCalls     *prometheus.CounterVec
	retryWaits   prometheus.Counter
	retrySeconds prometheus.Counter
	offers       prometheus.Gauge
	reloads      *prometheus.CounterVec
	redisErrors  prometheus.Counter
	lastReloadOK prometheus.Gauge
	held         prometheus.Gauge
	notices      prometheus.Counter
	// okCalls are apiCalls' series of successful calls, by method: found without hashing
	// labels on every call. Filled in New, read-only after.
	okCalls map[string]prometheus.Counter
}

// latencyBuckets cover 0.1 ms to 10 s, roughly ×2.5 per step.
func latencyBuckets() []float64 {
	return []float64{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}
}

// New creates the collectors and registers them on reg (use a fresh prometheus.NewRegistry()).
func New(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "samayoon_updates_total",
			Help: "Telegram updates received, by type."}, []string{"type"}),
		replies: prometheus.NewCounter(prometheus.CounterOpts{Name: "samayoon_replies_total",
			Help: "Messages or edits sent to users."}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "samayoon_errors_total",
			Help: "Errors, by kind."}, []string{"kind"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "samayoon_update_duration_seconds",
			Help: "Time to handle one update, replies included.", Buckets: latencyBuckets()}),
		apiCalls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "samayoon_telegram_api_calls_total",
			Help: "Bot API calls, by method and result code (200 ok, Telegram error_code, 0 network error)."},
			[]string{"method", "code"}),
		retryWaits: prometheus.NewCounter(prometheus.CounterOpts{Name: "samayoon_telegram_retry_after_total",
			Help: "429 Too Many Requests answers waited out."}),
		retrySeconds: prometheus.NewCounter(prometheus.CounterOpts{Name: "samayoon_telegram_retry_after_seconds_total",
			Help: "Seconds spent waiting on 429 retry_after."}),
		offers: prometheus.NewGauge(prometheus.GaugeOpts{Name: "samayoon_catalog_offers",
			Help: "Offers in the catalog currently served."}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "samayoon_catalog_reloads_total",
			Help: "Catalog reload attempts, by result (ok or failed)."}, []string{"result"}),
		lastReloadOK: prometheus.NewGauge(prometheus.GaugeOpts{Name: "samayoon_catalog_last_reload_ok",
			Help: "1 if the last catalog reload succeeded, 0 if the file on disk is broken and the previous catalog is kept."}),
		redisErrors: prometheus.NewCounter(prometheus.CounterOpts{Name: "samayoon_redis_errors_total",
			Help: "Failed Redis operations."}),
		held: prometheus.NewGauge(prometheus.GaugeOpts{Name: "samayoon_updates_held",
			Help: "Updates waiting for the session store to come back."}),
		notices: prometheus.NewCounter(prometheus.CounterOpts{Name: "samayoon_outage_notices_total",
			Help: "\"Technical problem, I will answer soon\" messages sent (at most one per chat and outage)."}),
	}
	reg.MustRegister(m.updates, m.replies, m.errors, m.latency, m.apiCalls, m.retryWaits, m.retrySeconds,
		m.offers, m.reloads, m.lastReloadOK, m.redisErrors, m.held, m.notices)
	m.prefill()
	return m
}

// prefill creates the fixed label series at zero so dashboards and alerts see them before the first event.
func (m *Metrics) prefill() {
	for _, k := range append(updateKinds(), Other) {
		m.updates.WithLabelValues(k)
	}
	for _, k := range append(errorKinds(), Other) {
		m.errors.WithLabelValues(k)
	}
	m.okCalls = map[string]prometheus.Counter{}
	for _, method := range apiMethods() {
		m.okCalls[method] = m.apiCalls.WithLabelValues(method, "200")
	}
	m.reloads.WithLabelValues("ok")
	m.reloads.WithLabelValues("failed")
	m.lastReloadOK.Set(1)
}

// bounded returns v if it is in set, else Other.
func bounded(v string, set []string) string {
	if slices.Contains(set, v) {
		return v
	}
	return Other
}

// codeLabel keeps result codes to a small set: 0 (network), 200, or a 3-digit HTTP/Telegram code.
func codeLabel(code int) string {
	if code < 0 || code > 599 || (code > 0 && code < 100) {
		return Other
	}
	return strconv.Itoa(code)
}

// Update counts one received update of the given kind.
func (m *Metrics) Update(kind string) {
	if m != nil {
		m.updates.WithLabelValues(bounded(kind, updateKinds())).Inc()
	}
}

// Handled records one fully handled update's latency, and an error of kind "handler" if it failed.
func (m *Metrics) Handled(d time.Duration, err error) {
	if m == nil {
		return
	}
	m.latency.Observe(d.Seconds())
	if err != nil {
		m.errors.WithLabelValues("handler").Inc()
	}
}

// Reply counts one message or edit sent.
func (m *Metrics) Reply() {
	if m != nil {
		m.replies.Inc()
	}
}

// APICall counts one Bot API call by method and result code.
func (m *Metrics) APICall(method string, code int) {
	if m == nil {
		return
	}
	if c, ok := m.okCalls[method]; ok && code == 200 {
		c.Inc()
		return
	}
	m.apiCalls.WithLabelValues(bounded(method, apiMethods()), codeLabel(code)).Inc()
}

// RetryAfter counts one 429 wait and its length.
func (m *Metrics) RetryAfter(d time.Duration) {
	if m != nil {
		m.retryWaits.Inc()
		m.retrySeconds.Add(max(d.Seconds(), 0))
	}
}

// CatalogOffers sets the number of offers currently served.
func (m *Metrics) CatalogOffers(n int) {
	if m != nil {
		m.offers.Set(float64(n))
	}
}

// CatalogReload counts one reload attempt; a failure keeps the previous catalog.
func (m *Metrics) CatalogReload(ok bool) {
	if m == nil {
		return
	}
	if ok {
		m.reloads.WithLabelValues("ok").Inc()
		m.lastReloadOK.Set(1)
		return
	}
	m.reloads.WithLabelValues("failed").Inc()
	m.lastReloadOK.Set(0)
	m.errors.WithLabelValues("catalog").Inc()
}

// RedisError counts one failed Redis operation.
func (m *Metrics) RedisError() {
	if m != nil {
		m.redisErrors.Inc()
		m.errors.WithLabelValues("redis").Inc()
	}
}

// Error counts one error of a kind from a fixed set (handler, telegram, redis, catalog, webhook, decode, panic, timeout).
func (m *Metrics) Error(kind string) {
	if m != nil {
		m.errors.WithLabelValues(bounded(kind, errorKinds())).Inc()
	}
}

// Held moves the number of updates waiting for the session store by delta (+1 held, -1 released).
func (m *Metrics) Held(delta int) {
	if m != nil {
		m.held.Add(float64(delta))
	}
}

// OutageNotice counts one outage notice sent to a chat.
func (m *Metrics) OutageNotice() {
	if m != nil {
		m.notices.Inc()
	}
}
