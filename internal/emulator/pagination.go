package emulator

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// page is one page of a listing and the cursor of the next one.
type page[T any] struct {
	items      []T
	nextCursor string
}

// stringKey is the cursor key of an item of a listing of strings (names,
// folders, tags): the string itself.
func stringKey(s string) string { return s }

// listing is the answer of a listing: the page's items, each rendered, under
// key, and next_cursor when more follow.
func (pg page[T]) listing(key string, render func(T) any) map[string]any {
	items := make([]any, 0, len(pg.items))
	for _, it := range pg.items {
		items = append(items, render(it))
	}
	body := map[string]any{key: items}
	if pg.nextCursor != "" {
		body["next_cursor"] = pg.nextCursor
	}
	return body
}

// paginate cuts one page out of items, which are in listing order and each
// have a unique key. The cursor is opaque to clients: it names the key of the
// first item of the next page, so that a page stays correct when items before
// it are added or removed between calls.
func paginate[T any](items []T, key func(T) string, cursor string, limit int) (page[T], *apiError) {
	start := 0
	if cursor != "" {
		var err *apiError
		if start, err = cursorStart(items, key, cursor); err != nil {
			return page[T]{}, err
		}
	}
	end := min(start+limit, len(items))
	p := page[T]{items: items[start:end]}
	if end < len(items) {
		raw := "k:" + strconv.Itoa(end) + ":" + key(items[end])
		p.nextCursor = base64.RawURLEncoding.EncodeToString([]byte(raw))
	}
	return p, nil
}

// cursorStart finds where the page named by cursor begins: at its item if
// that still exists, else at the position the item had.
func cursorStart[T any](items []T, key func(T) string, cursor string) (int, *apiError) {
	decoded, err := base64.RawURLEncoding.DecodeString(cursor)
	rest, ok := strings.CutPrefix(string(decoded), "k:")
	offText, want, ok2 := strings.Cut(rest, ":")
	offset, err2 := strconv.Atoi(offText)
	if err != nil || !ok || !ok2 || err2 != nil || offset < 0 {
		return 0, errBadRequest("Invalid next_cursor")
	}
	for i, it := range items {
		if key(it) == want {
			return i, nil
		}
	}
	return min(offset, len(items)), nil
}

// listParams reads max_results (with its per-endpoint default and maximum)
// and next_cursor.
func listParams(p *params, def, most int) (int, string, *apiError) {
	n, err := p.intParam("max_results", def, most)
	if err != nil {
		return 0, "", err
	}
	return n, p.get("next_cursor"), nil
}
