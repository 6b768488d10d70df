package client

import (
	"context"
	"net/url"
	"strconv"
)

// pageSize is the largest page the listing endpoints accept.
const pageSize = 500

// collect follows next_cursor until the listing ends or limit items are in
// hand (limit <= 0 means all). fetch gets a copy of params with max_results
// and next_cursor set and returns one page.
func collect[T any](ctx context.Context, params url.Values, limit int, fetch func(url.Values) ([]T, string, error)) ([]T, error) {
	var all []T
	cursor := ""
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		q := url.Values{}
		for k, v := range params {
			q[k] = v
		}
		size := pageSize
		if limit > 0 {
			size = min(size, limit-len(all))
		}
		q.Set("max_results", strconv.Itoa(size))
		if cursor != "" {
			q.Set("next_cursor", cursor)
		}
		items, next, err := fetch(q)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if next == "" || (limit > 0 && len(all) >= limit) {
			return all, nil
		}
		cursor = next
	}
}
