package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// Plan-time checks of configured values against the account, so that what
// Cloudinary would refuse, or what would break every upload through a
// preset, fails the plan with an error on the value rather than the apply or
// the uploads: structured metadata values against the account's fields (from
// the one listing of fields of the run), file sizes against the account's
// media limits (from one usage read per run). They run only for values that
// are set, known and about to be written, so a plan that changes none of them
// costs no call.

// fieldShape is what the checks need of a metadata field: its type and its
// datasource entries (true when active); either is unknown ("" and nil) for a
// field whose plan does not know it yet.
type fieldShape struct {
	typ     string
	entries map[string]bool
}

func shapeOf(f client.MetadataField) fieldShape {
	s := fieldShape{typ: f.Type, entries: map[string]bool{}}
	if f.Datasource != nil {
		for _, e := range f.Datasource.Values {
			s.entries[e.ExternalID] = e.Active()
		}
	}
	return s
}

// plannedFields are the metadata fields that this run's plan creates or
// changes, as planned: a value checked after the field was planned (Terraform
// plans a resource after those it depends on) is checked against what the
// field will be, not against what the account has now.
type plannedFields struct {
	mu   sync.Mutex
	byID map[string]fieldShape
}

// record notes a metadata field's plan (its external_id, type and
// datasource attributes).
func (p *plannedFields) record(ctx context.Context, plan tfsdk.Plan) {
	if plan.Raw.IsNull() {
		return
	}
	var id, typ types.String
	var datasource types.List
	var diags diag.Diagnostics
	diags.Append(plan.GetAttribute(ctx, path.Root("external_id"), &id)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("type"), &typ)...)
	diags.Append(plan.GetAttribute(ctx, path.Root("datasource"), &datasource)...)
	if diags.HasError() || id.IsUnknown() || id.IsNull() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.byID == nil {
		p.byID = map[string]fieldShape{}
	}
	p.byID[id.ValueString()] = fieldShape{typ: typ.ValueString(), entries: plannedEntries(datasource)}
}

// plannedEntries are the entries of a planned datasource, all active; nil
// when any of their external IDs is not known yet.
func plannedEntries(datasource types.List) map[string]bool {
	if datasource.IsUnknown() {
		return nil
	}
	entries := map[string]bool{}
	for _, el := range datasource.Elements() {
		obj, ok := el.(types.Object)
		if !ok || obj.IsUnknown() {
			return nil
		}
		id, ok := obj.Attributes()["external_id"].(types.String)
		if !ok || id.IsUnknown() {
			return nil
		}
		entries[id.ValueString()] = true
	}
	return entries
}

func (p *plannedFields) get(id string) (fieldShape, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f, ok := p.byID[id]
	return f, ok
}

func (p *plannedFields) ids() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]string, 0, len(p.byID))
	for id := range p.byID {
		out = append(out, id)
	}
	return out
}

// metadataField is the field with an external ID as this run will leave
// it: as planned, or as the account has it.
func (d *providerData) metadataField(ctx context.Context, id string) (fieldShape, bool, error) {
	if f, ok := d.plannedFields.get(id); ok {
		return f, true, nil
	}
	f, found, err := d.metadataFields.get(ctx, id)
	return shapeOf(f), found, err
}

// checkMetadataValues checks metadata values (by field external ID, a set's
// value a JSON array of entry IDs) against the fields they name: the field
// exists, an integer is an integer, a date is YYYY-MM-DD, and enum and set
// values are active datasource entries, as Cloudinary requires on upload.
// Unknown values are left for the apply.
func (d *providerData) checkMetadataValues(ctx context.Context, at path.Path, values types.Map, diags *diag.Diagnostics) {
	texts := metadataTexts(values)
	ids := make([]string, 0, len(texts))
	for id := range texts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		f, found, err := d.metadataField(ctx, id)
		if err != nil {
			diags.AddAttributeWarning(at, "Cannot check metadata values against the account", err.Error())
			return
		}
		if !found {
			addAttributeError(diags, at.AtMapKey(id), "Unknown metadata field", d.noSuchField(ctx, id))
			continue
		}
		if problem := f.problemWith(texts[id]); problem != "" {
			addAttributeError(diags, at.AtMapKey(id), "Invalid metadata value", problem+".")
		}
	}
}

// noSuchField explains a value for a field that neither the account nor
// this plan has.
func (d *providerData) noSuchField(ctx context.Context, id string) string {
	msg := fmt.Sprintf("no metadata field has the external ID %q", id)
	if fields, err := d.metadataFields.snapshot(ctx); err == nil {
		known := d.plannedFields.ids()
		for _, f := range fields {
			known = append(known, f.ExternalID)
		}
		slices.Sort(known)
		msg += " (the account's fields are: " + strings.Join(slices.Compact(known), ", ") + ")"
	}
	return msg + ". A field that this configuration creates counts once this resource depends on it (name it as " +
		"cloudinary_metadata_field.<name>.external_id, or use depends_on), so that Terraform plans and creates it first."
}

// problemWith says what Cloudinary would refuse in a value of the field,
// or "" when nothing.
func (f fieldShape) problemWith(value string) string {
	switch f.typ {
	case "integer", "date":
		if err := checkTyped(f.typ, value); err != nil {
			return err.Error() + ", as a " + f.typ + " field's values must be"
		}
	case "enum":
		return f.entryProblem(value)
	case "set":
		ids, err := setValueIDs(value)
		if err != nil {
			return err.Error()
		}
		for _, id := range ids {
			if problem := f.entryProblem(id); problem != "" {
				return problem
			}
		}
	}
	return ""
}

// entryProblem says why an entry ID is not a value of the field.
func (f fieldShape) entryProblem(id string) string {
	active, known := f.entries[id]
	switch {
	case f.entries == nil || active:
		return ""
	case known:
		return fmt.Sprintf("%q is a deleted (inactive) entry of the field's datasource, which Cloudinary refuses as a value", id)
	}
	var choices []string
	for e, ok := range f.entries {
		if ok {
			choices = append(choices, e)
		}
	}
	sort.Strings(choices)
	return fmt.Sprintf("%q is not the external ID of an entry of the field's datasource (active entries: %s)", id, strings.Join(choices, ", "))
}

// setValueIDs reads a set field's value: a JSON array of entry IDs, or one
// entry ID on its own.
func setValueIDs(value string) ([]string, error) {
	if !strings.HasPrefix(strings.TrimSpace(value), "[") {
		return []string{value}, nil
	}
	var ids []string
	if err := json.Unmarshal([]byte(value), &ids); err != nil {
		return nil, fmt.Errorf("%q is not a JSON array of entry IDs, as a set field's value must be (jsonencode([...]))", value)
	}
	return ids, nil
}

// checkUploadSize checks a file's size against the account's largest upload
// of the resource type ("auto": the largest of any type), from the usage
// report's media_limits.
func (d *providerData) checkUploadSize(ctx context.Context, at path.Path, resourceType string, size int64, diags *diag.Diagnostics) {
	kinds := []string{resourceType}
	if resourceType == "auto" {
		kinds = []string{"image", "video", "raw"}
	}
	var limit int64
	for _, t := range kinds {
		l, _, err := d.mediaLimits.get(ctx, t)
		if err != nil {
			diags.AddAttributeWarning(at, "Cannot check the file's size against the account", err.Error())
			return
		}
		limit = max(limit, l)
	}
	if limit <= 0 || size <= limit {
		return
	}
	what := resourceType + " files"
	if resourceType == "auto" {
		what = "files of any resource type"
	}
	addAttributeError(diags, at, "File too large for the account",
		fmt.Sprintf("The file is %d bytes; the account takes %s of at most %d bytes (media_limits in its usage report), "+
			"so Cloudinary would refuse the upload (\"File size too large\").", size, what, limit))
}
