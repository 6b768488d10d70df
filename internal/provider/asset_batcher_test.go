package provider

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// A batched read logs its listing call where the read that opened the
// batch logs, so that it shows in TF_LOG like every other call, though no
// one read's cancellation cancels it.
func TestUnitBatchedReadsAreLogged(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"resources":[]}`)
	}))
	defer srv.Close()
	c, err := client.New(client.Config{CloudName: "demo", APIKey: "key", APISecret: "secret", BaseURL: srv.URL + "/v1_1",
		Logger: tflogLogger{secret: "secret"}})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	_, found, err := newAssetBatcher(c).get(ctx, "image", "upload", "sample")
	if err != nil || found {
		t.Fatalf("got found %v, error %v; want an asset not found", found, err)
	}
	if !strings.Contains(logs.String(), `"@message":"Cloudinary API request"`) || !strings.Contains(logs.String(), "/resources/image/upload") {
		t.Errorf("the batched listing was not logged with the read's logger; the log holds:\n%s", logs.String())
	}
}
