package provider

import (
	"bytes"
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// With no TF_LOG* variable set, the client's debug lines are not even
// built: Terraform would not show them.
func TestUnitUnrequestedLogsSkipTheClientsDebugLines(t *testing.T) {
	for _, name := range []string{"TF_LOG", "TF_LOG_PATH", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		t.Setenv(name, "")
	}
	t.Cleanup(func() { providerLogsOff.Store(false) })
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)

	tflogLogger{secret: "s3cret"}.Debug(ctx, "GET /ping", map[string]any{"status": 200})
	if logs.Len() == 0 {
		t.Fatal("a debug line was not written while logs are on")
	}
	logs.Reset()
	quietUnrequestedLogs()
	tflogLogger{secret: "s3cret"}.Debug(ctx, "GET /ping", map[string]any{"status": 200})
	if logs.Len() != 0 {
		t.Errorf("a debug line was written with logs off: %s", logs.String())
	}
}
