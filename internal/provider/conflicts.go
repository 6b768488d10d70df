package provider

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// clockResolution is the precision of Cloudinary's creation times and of
// its Date header: whole seconds.
const clockResolution = 2 * time.Second

// existingObject names an object that a create met, for the advice to
// import it.
type existingObject struct {
	what         string // how messages name it: `Upload preset "web"`
	resourceType string // the resource type that manages it
	importID     string
	key          string // the attribute that names it, to choose another value of
}

// adoptOnlyOwn decides what a create that met an existing object does. It
// takes the object only when an earlier attempt of this same create may have
// made it (mayBeOwn: that attempt's answer was lost, or was a server error)
// and isOwn confirms that the object is the one the create asked for.
// Anything else is someone else's object, or one an interrupted apply left
// behind: the create fails with the advice to import it, and nothing of it
// enters the state, so that no later destroy deletes what Terraform did not
// make. Every resource type's create decides through here.
func (o existingObject) adoptOnlyOwn(cause error, mayBeOwn bool, isOwn func() (bool, error)) error {
	if !mayBeOwn {
		return o.notInState(cause)
	}
	own, err := isOwn()
	if err != nil {
		return fmt.Errorf("%w (and reading it to learn whether this create made it failed: %w)", cause, err)
	}
	if !own {
		return o.notInState(cause)
	}
	return nil
}

// adoptOnlyOwnAfter is adoptOnlyOwn for a create refused with conflict.
func (o existingObject) adoptOnlyOwnAfter(conflict error, isOwn func() (bool, error)) error {
	return o.adoptOnlyOwn(conflict, client.MayHaveTakenEffect(conflict), isOwn)
}

// notInState is the error for a create that met an object this apply did
// not make. It keeps the cause's text but not the cause itself: what it says
// is settled, whatever the cause's attempts may have done.
func (o existingObject) notInState(cause error) error {
	id := shellWord(o.importID)
	return fmt.Errorf("%v.\n\n%s already exists in Cloudinary but is not in this Terraform state: it was made outside "+
		"Terraform, or by an earlier apply that was interrupted before it could record it. Terraform leaves it as it is. "+
		"To manage it with this resource, import it into the resource's address (shown with this error), with an import block\n\n"+
		"  import {\n    to = %s.<name>\n    id = %s\n  }\n\nor with `terraform import %s.<name> %s`. To leave it unmanaged, give "+
		"this resource another %s", cause, o.what, o.resourceType, strconv.Quote(o.importID), o.resourceType, id, o.key)
}

// plainWord matches import IDs that a shell takes as they are.
var plainWord = regexp.MustCompile(`^[A-Za-z0-9_./:@=+-]+$`)

// shellWord quotes an import ID for a shell command line when it needs it.
func shellWord(s string) string {
	if plainWord.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

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

// addCreateError reports a failed create. When Cloudinary may have acted on
// the request (its answer was lost, or Terraform was interrupted while it
// was in flight), it says what the next apply will find.
func addCreateError(diags *diag.Diagnostics, summary string, err error) {
	detail := err.Error()
	if client.MayHaveTakenEffect(err) {
		detail += "\n\nCloudinary may have made the object before the answer was lost. If it did, the next plan still " +
			"proposes to create it, and the apply then says that it exists and how to import it."
	}
	diags.AddError(summary, detail)
}
