package alerts

import (
	"context"
	"time"

	"github.com/samayoon/samayoon/catalog"
)

// Check looks at the catalog in service: what is newly open for some subscriptions, and
// which windows close soon, are recorded (each at most once, whichever replica or restart
// sees it first) and, unless staff approval is required, released for sending.
func Check(ctx context.Context, q Queue, cat *catalog.Catalog, now time.Time, approval bool) ([]Change, error) {
	if cat == nil {
		return nil, nil
	}
	news, err := q.Record(ctx, Detect(cat, now))
	if err != nil || len(news) == 0 || approval {
		return news, err
	}
	_, err = q.Release(ctx)
	return news, err
}
