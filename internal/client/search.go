package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// SearchQuery selects assets with an expression of the Search API.
type SearchQuery struct {
	Expression string
	// WithDetails asks for each asset's tags, context and structured
	// metadata.
	WithDetails bool
	// Limit caps the number of assets returned (0: all).
	Limit int
}

// Search lists the assets an expression of the Search API selects, such as
// `asset_folder="shop"`, 500 to a call. Deleted assets' placeholders are
// left out, should the expression select them (status=deleted).
func (c *Client) Search(ctx context.Context, q SearchQuery) ([]Resource, error) {
	params := url.Values{"expression": {q.Expression}}
	if q.WithDetails {
		params["with_field"] = []string{"tags", "context", "metadata"}
	}
	list, err := collect(ctx, params, q.Limit, func(p url.Values) ([]Resource, string, error) {
		var page struct {
			Resources  []Resource `json:"resources"`
			NextCursor string     `json:"next_cursor"`
		}
		err := c.admin(ctx, http.MethodGet, "/resources/search", p, &page)
		return liveOnly(page.Resources), page.NextCursor, err
	})
	if err != nil {
		return nil, fmt.Errorf("searching assets (%s): %w", q.Expression, err)
	}
	return list, nil
}

// SearchFolders lists the folders an expression of the folder search
// selects (all folders when it is empty), 500 to a call; Cloudinary returns
// at most 2000, newest first.
func (c *Client) SearchFolders(ctx context.Context, expression string, limit int) ([]Folder, error) {
	params := url.Values{}
	if expression != "" {
		params.Set("expression", expression)
	}
	folders, err := collect(ctx, params, limit, func(q url.Values) ([]Folder, string, error) {
		var page struct {
			Folders    []Folder `json:"folders"`
			NextCursor string   `json:"next_cursor"`
		}
		err := c.admin(ctx, http.MethodGet, "/folders/search", q, &page)
		return page.Folders, page.NextCursor, err
	})
	if err != nil {
		return nil, fmt.Errorf("searching folders: %w", err)
	}
	return folders, nil
}
