package emulator

import (
	"cmp"
	"encoding/json"
	"path"
	"sort"
	"strings"
)

// searchSortKey is one entry of a search's sort_by: a field and whether it
// sorts ascending.
type searchSortKey struct {
	field     string
	ascending bool
}

// searchSortOrder is a search's sort_by, most significant key first.
type searchSortOrder []searchSortKey

// searchSortFields are the fields search sorts by: each gives an asset's
// value as a string or an int64. Creation order is the order of seq, which
// breaks ties of created_at as the listings do.
var searchSortFields = map[string]func(*asset) any{
	"created_at":    func(a *asset) any { return int64(a.seq) },
	"uploaded_at":   func(a *asset) any { return int64(a.seq) },
	"public_id":     func(a *asset) any { return a.key.publicID },
	"asset_id":      func(a *asset) any { return a.assetID },
	"filename":      func(a *asset) any { return path.Base(a.key.publicID) },
	"display_name":  func(a *asset) any { return a.displayName },
	"asset_folder":  func(a *asset) any { return a.assetFolder },
	"folder":        func(a *asset) any { return a.assetFolder },
	"format":        func(a *asset) any { return a.format },
	"resource_type": func(a *asset) any { return a.key.resourceType },
	"type":          func(a *asset) any { return a.key.typ },
	"bytes":         func(a *asset) any { return a.bytes },
	"width":         func(a *asset) any { return int64(a.width) },
	"height":        func(a *asset) any { return int64(a.height) },
	"version":       func(a *asset) any { return a.version },
}

// searchOrder reads sort_by: each value one {"field": "asc"|"desc"} object
// as the SDKs send it in a JSON body (the OpenAPI's search_sort_by;
// cloudinary-go search.SortByField; pycloudinary Search.sort_by). Without
// it, search answers newest first (the OpenAPI's default,
// [{"created_at": "desc"}]).
func searchOrder(values []string) (searchSortOrder, *apiError) {
	var order searchSortOrder
	for _, v := range values {
		var pair map[string]string
		if err := json.Unmarshal([]byte(v), &pair); err != nil || len(pair) != 1 {
			return nil, errBadRequest("Invalid sort_by " + v + `: expected {"<field>": "asc" or "desc"}`)
		}
		for field, dir := range pair {
			if searchSortFields[field] == nil {
				return nil, errBadRequest("Invalid sort_by field " + field)
			}
			switch strings.ToLower(dir) {
			case "asc", "desc":
			default:
				return nil, errBadRequest("Invalid sort_by direction " + dir + " for " + field)
			}
			order = append(order, searchSortKey{field: field, ascending: strings.EqualFold(dir, "asc")})
		}
	}
	return order, nil
}

// sort orders assets, which come newest first, by the keys; ties keep
// their order.
func (o searchSortOrder) sort(assets []*asset) {
	if len(o) == 0 {
		return
	}
	sort.SliceStable(assets, func(i, j int) bool {
		for _, k := range o {
			c := compareSortValues(searchSortFields[k.field](assets[i]), searchSortFields[k.field](assets[j]))
			if !k.ascending {
				c = -c
			}
			if c != 0 {
				return c < 0
			}
		}
		return false
	})
}

func compareSortValues(a, b any) int {
	if x, ok := a.(int64); ok {
		return cmp.Compare(x, b.(int64))
	}
	return cmp.Compare(a.(string), b.(string))
}
