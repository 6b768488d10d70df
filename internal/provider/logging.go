package provider

import (
	"context"

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
	tflog.Debug(maskSecret(ctx, l.secret), msg, fields)
}
