package client

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// onePixelPNG is a 1x1 PNG image, base64.
const onePixelPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

// uploadWithEager uploads an image and generates eager transformations of
// it through explicit.
func uploadWithEager(t *testing.T, c *Client, publicID string, eager ...string) []DerivedResource {
	t.Helper()
	ctx := context.Background()
	if _, err := c.Upload(ctx, "image", Source{ContentBase64: onePixelPNG, MediaType: "image/png"}, UploadOptions{PublicID: publicID}); err != nil {
		t.Fatal(err)
	}
	got, err := c.ExplicitEager(ctx, "image", "upload", publicID, EagerOptions{Eager: eager})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func transformationsOf(list []DerivedResource) []string {
	var out []string
	for _, d := range list {
		out = append(out, d.Transformation)
	}
	slices.Sort(out)
	return out
}

// Explicit with eager regenerates what exists (the OpenAPI's
// explicit_request: "corresponding derived images are always regenerated"):
// a second call makes new derived resources of the same transformations.
func TestExplicitEagerGeneratesAndRegenerates(t *testing.T) {
	c, emu := newEmulatedClient(t)
	first := uploadWithEager(t, c, "pic", "w_10", "c_fill,w_20")
	if got := transformationsOf(first); !slices.Equal(got, []string{"c_fill,w_20", "w_10"}) {
		t.Fatalf("eager %v", got)
	}
	again, err := c.ExplicitEager(context.Background(), "image", "upload", "pic", EagerOptions{Eager: []string{"w_10"}, Async: true, Invalidate: true})
	if err != nil {
		t.Fatal(err)
	}
	listed, err := c.ListDerivedOfAsset(context.Background(), "image", "upload", "pic")
	if err != nil || len(listed) != 2 || len(again) != 1 {
		t.Fatalf("derived %v %v: %v", listed, again, err)
	}
	for _, d := range listed {
		if d.Transformation == "w_10" && d.ID == first[slices.IndexFunc(first, func(f DerivedResource) bool { return f.Transformation == "w_10" })].ID {
			t.Fatalf("w_10 kept its ID %s: not regenerated", d.ID)
		}
	}
	if len(emu.Invalidated()) == 0 {
		t.Fatal("invalidate=true purged nothing")
	}
	if _, err := c.ExplicitEager(context.Background(), "image", "upload", "ghost", EagerOptions{Eager: []string{"w_10"}}); !IsNotFound(err) || !strings.Contains(err.Error(), "image/upload/ghost") {
		t.Fatalf("missing asset: %v", err)
	}
}

// The derived resources of a named transformation, listed through the
// transformation's details and deleted by public ID and transformation
// with keep_original (cloudinary-go DeleteDerivedAssetsByTransformation),
// leave the originals and the other derived resources.
func TestDeleteDerivedOfNamedTransformation(t *testing.T) {
	c, emu := newEmulatedClient(t)
	ctx := context.Background()
	if err := c.CreateNamedTransformation(ctx, "thumb", "c_fill,w_10", nil); err != nil {
		t.Fatal(err)
	}
	uploadWithEager(t, c, "a", "t_thumb", "w_30")
	uploadWithEager(t, c, "b", "t_thumb")
	derived, err := c.ListDerivedOfNamed(ctx, "thumb")
	if err != nil || len(derived) != 2 {
		t.Fatalf("derived of thumb %v: %v", derived, err)
	}
	counts, err := c.DeleteDerived(ctx, DeleteDerivedOptions{ResourceType: "image", Type: "upload", PublicIDs: []string{"a", "b"}, Transformations: []string{"t_thumb"}, Invalidate: true})
	if err != nil || counts["a"] != 1 || counts["b"] != 1 {
		t.Fatalf("counts %v: %v", counts, err)
	}
	left, _ := c.ListDerivedOfAsset(ctx, "image", "upload", "a")
	if got := transformationsOf(left); !slices.Equal(got, []string{"w_30"}) {
		t.Fatalf("a kept %v", got)
	}
	if _, err := c.GetResource(ctx, "image", "upload", "b"); err != nil {
		t.Fatalf("original gone: %v", err)
	}
	if len(emu.Invalidated()) != 2 {
		t.Fatalf("invalidated %v", emu.Invalidated())
	}
	if _, err := c.ListDerivedOfNamed(ctx, "t_ghost"); !IsNotFound(err) {
		t.Fatalf("unknown named transformation: %v", err)
	}
	if _, err := c.DeleteDerived(ctx, DeleteDerivedOptions{ResourceType: "image", Type: "upload"}); err == nil {
		t.Fatal("no public IDs accepted")
	}
}

// DELETE /derived_resources answers per ID (the seeds' "Delete derived
// resources" result sample).
func TestDeleteDerivedByID(t *testing.T) {
	c, _ := newEmulatedClient(t)
	made := uploadWithEager(t, c, "a", "w_10")
	got, err := c.DeleteDerivedByID(context.Background(), []string{made[0].ID, "nope"})
	if err != nil || got[made[0].ID] != "deleted" || got["nope"] != "not_found" {
		t.Fatalf("deleted %v: %v", got, err)
	}
	if left, _ := c.ListDerivedOfAsset(context.Background(), "image", "upload", "a"); len(left) != 0 {
		t.Fatalf("left %v", left)
	}
}
