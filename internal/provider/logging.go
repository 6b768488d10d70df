package provider

import (
	"context"
	"os"
	"strings"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maskSecret makes every log line written with ctx hide the secret, in
// messages and in field values alike.
func maskSecret(ctx context.Context, secret string) context.Context {
	if secret == "" {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, secret)
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secret)
	return tflog.MaskFieldValuesWithFieldKeys(ctx, "api_secret", "signature", "cloudinary_url")
}

// tflogLogger sends the client's debug messages to the provider's log.
type tflogLogger struct {
	secret string
}

func (l tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	if providerLogsOff.Load() {
		return // masking alone costs a new logger per API call
	}
	tflog.Debug(maskSecret(ctx, l.secret), msg, fields)
}

// providerLogsOff is set when quietUnrequestedLogs turned the provider's
// logs off.
var providerLogsOff atomic.Bool

// quietUnrequestedLogs turns off the logs of the plugin SDK, the framework
// and the provider when nobody asked Terraform for logs (no TF_LOG*
// variable is set). Terraform shows a provider's logs only when asked, but
// the SDK formats every trace line as JSON regardless and Terraform parses
// each one: a third of the CPU time of a large plan. Serve calls it.
func quietUnrequestedLogs() {
	for _, kv := range os.Environ() {
		if name, value, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "TF_LOG") && value != "" {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
		_ = os.Setenv(name, "OFF")
	}
	providerLogsOff.Store(true)
}
