package provider

import (
	"errors"
	"fmt"
	"time"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// clockResolution is the precision of Cloudinary's creation times and of
// its Date header: whole seconds.
const clockResolution = 2 * time.Second

// createdByThisCall tells whether an object that Cloudinary reports as
// created at createdAt (RFC 3339) was made by a create call of ours that
// began elapsed ago: the first attempt was handled but its answer was lost,
// and the retry met the object it had made. The reference is Cloudinary's own
// clock when it answered the retry (answeredAt), so this machine's clock need
// not agree with Cloudinary's.
func createdByThisCall(createdAt string, answeredAt time.Time, elapsed time.Duration) bool {
	created, err := time.Parse(time.RFC3339, createdAt)
	if err != nil || answeredAt.IsZero() {
		return false
	}
	return !created.Before(answeredAt.Add(-elapsed - clockResolution))
}

// answeredAt is Cloudinary's clock when it answered with err ("zero" when
// unknown).
func answeredAt(err error) time.Time {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ServerTime
	}
	return time.Time{}
}

// alreadyExists is the error for a create that met an object which this
// configuration did not make: adopting it silently would let a later destroy
// delete what someone else made.
func alreadyExists(cause error, what, resourceType, id string) error {
	return fmt.Errorf("%w.\n\n%s already exists in Cloudinary and was not created by Terraform. To manage it, import it: "+
		"`terraform import %s.<name> %s` (or an import block); to keep it unmanaged, choose another name", cause, what, resourceType, id)
}
