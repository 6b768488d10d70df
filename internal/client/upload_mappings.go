package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// UploadMapping maps a folder to a remote URL prefix.
type UploadMapping struct {
	Folder   string `json:"folder"`
	Template string `json:"template"`
}

// ListUploadMappings lists every upload mapping, following next_cursor.
func (c *Client) ListUploadMappings(ctx context.Context) ([]UploadMapping, error) {
	mappings, err := collect(ctx, nil, 0, func(q url.Values) ([]UploadMapping, string, error) {
		var page struct {
			Mappings   []UploadMapping `json:"mappings"`
			NextCursor string          `json:"next_cursor"`
		}
		err := c.admin(ctx, http.MethodGet, "/upload_mappings", q, &page)
		return page.Mappings, page.NextCursor, err
	})
	if err != nil {
		return nil, fmt.Errorf("listing upload mappings: %w", err)
	}
	return mappings, nil
}

// GetUploadMapping reads the mapping of one folder.
func (c *Client) GetUploadMapping(ctx context.Context, folder string) (*UploadMapping, error) {
	var m UploadMapping
	if err := c.admin(ctx, http.MethodGet, "/upload_mappings", url.Values{"folder": {folder}}, &m); err != nil {
		return nil, fmt.Errorf("reading the upload mapping of folder %q: %w", folder, err)
	}
	return &m, nil
}

// CreateUploadMapping maps a folder to a URL prefix.
func (c *Client) CreateUploadMapping(ctx context.Context, m UploadMapping) error {
	if err := c.admin(ctx, http.MethodPost, "/upload_mappings", url.Values{"folder": {m.Folder}, "template": {m.Template}}, nil); err != nil {
		return fmt.Errorf("creating the upload mapping of folder %q: %w", m.Folder, err)
	}
	return nil
}

// UpdateUploadMapping changes a folder's URL prefix.
func (c *Client) UpdateUploadMapping(ctx context.Context, m UploadMapping) error {
	if err := c.admin(ctx, http.MethodPut, "/upload_mappings", url.Values{"folder": {m.Folder}, "template": {m.Template}}, nil); err != nil {
		return fmt.Errorf("updating the upload mapping of folder %q: %w", m.Folder, err)
	}
	return nil
}

// DeleteUploadMapping removes a folder's mapping.
func (c *Client) DeleteUploadMapping(ctx context.Context, folder string) error {
	if err := c.admin(ctx, http.MethodDelete, "/upload_mappings", url.Values{"folder": {folder}}, nil); err != nil {
		return fmt.Errorf("deleting the upload mapping of folder %q: %w", folder, err)
	}
	return nil
}
