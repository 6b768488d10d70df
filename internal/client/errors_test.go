package client

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// A mistyped cloud name and refused credentials both answer 401; only the
// first is an unknown cloud, and neither is an object that is gone.
func TestUnknownCloudIsToldFromRefusedCredentials(t *testing.T) {
	ctx := context.Background()
	mistyped, _ := clientAt(t, emulator.Options{}, "dem0", "/v1_1", "")
	_, err := mistyped.GetNamedTransformation(ctx, "thumb")
	if !IsUnknownCloud(err) || !IsUnauthorized(err) || IsNotFound(err) || IsUnservedPath(err) {
		t.Fatalf("mistyped cloud name: %v", err)
	}
	wrongSecret, _ := clientAt(t, emulator.Options{}, "", "/v1_1", "wrong")
	if err := wrongSecret.Ping(ctx); !IsUnauthorized(err) || IsUnknownCloud(err) {
		t.Fatalf("wrong secret: %v", err)
	}
}

// Under a wrong path, Cloudinary's API host answers an HTML page: the error
// says that the path is not served, never that the object is gone.
func TestWrongBasePathIsAnUnservedPath(t *testing.T) {
	c, _ := clientAt(t, emulator.Options{}, "", "/cloudinary/v1_1", "")
	_, err := c.GetNamedTransformation(context.Background(), "thumb")
	if !IsUnservedPath(err) || IsNotFound(err) {
		t.Fatalf("wrong path: %v", err)
	}
	good, _ := clientAt(t, emulator.Options{}, "", "/v1_1", "")
	if _, err := good.GetNamedTransformation(context.Background(), "thumb"); !IsNotFound(err) || IsUnservedPath(err) {
		t.Fatalf("missing transformation: %v", err)
	}
}

// Answered turns true with the first call that succeeds, and not with
// errors, which prove nothing about the account.
func TestAnsweredAfterTheFirstSuccess(t *testing.T) {
	ctx := context.Background()
	c, _ := clientAt(t, emulator.Options{}, "", "/v1_1", "")
	if _, err := c.GetNamedTransformation(ctx, "thumb"); !IsNotFound(err) || c.Answered() {
		t.Fatalf("after a 404 (%v): answered %v", err, c.Answered())
	}
	if _, err := c.ListUploadPresets(ctx); err != nil || !c.Answered() {
		t.Fatalf("after a listing (%v): answered %v", err, c.Answered())
	}
}

// A server that answers the ping with a page of its own (status 200) is
// not Cloudinary: the ping fails and nothing counts as answered.
func TestPingNeedsCloudinarysAnswer(t *testing.T) {
	c, _ := retryServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html><body>Welcome</body></html>"))
	})
	if err := c.Ping(context.Background()); err == nil || !strings.Contains(err.Error(), "decoding") || c.Answered() {
		t.Fatalf("ping %v, answered %v", err, c.Answered())
	}
}
