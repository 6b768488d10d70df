package emulator

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

// metadataField is a structured metadata field definition.
type metadataField struct {
	externalID      string
	typ             string
	label           string
	mandatory       bool
	defaultDisabled bool
	allowDynamic    bool
	sorted          bool           // alphabetically_sorted: the datasource kept in order of value
	group           string         // the Media Library section, "default" unless set
	defaultValue    any            // nil, string, int64 or []string, by type
	validation      map[string]any // nil or a validation object, as sent
	restrictions    map[string]bool
	datasource      []*datasourceEntry // enum and set fields, in display order
	createdAt       time.Time
	seq             int
}

// datasourceEntry is one allowed value of an enum or set field. Deleting
// one only deactivates it: restore brings it back, and its external ID stays
// taken.
type datasourceEntry struct {
	externalID string
	value      string
	active     bool
}

var metadataTypes = []string{"string", "integer", "date", "enum", "set"}

// restrictionKeys are the UI restrictions a field answers with, each false
// unless set.
var restrictionKeys = []string{"readonly_ui", "hidden_ui", "excluded_from_search"}

func (f *metadataField) hasDatasource() bool { return f.typ == "enum" || f.typ == "set" }

func (f *metadataField) entry(externalID string) *datasourceEntry {
	for _, d := range f.datasource {
		if d.externalID == externalID {
			return d
		}
	}
	return nil
}

// json renders a field as GET /metadata_fields/:external_id answers: every
// documented key, null where unset; the datasource with inactive entries and
// their states.
func (f *metadataField) json() map[string]any {
	restrictions := map[string]bool{}
	for _, k := range restrictionKeys {
		restrictions[k] = f.restrictions[k]
	}
	out := map[string]any{
		"type": f.typ, "external_id": f.externalID, "label": f.label, "mandatory": f.mandatory,
		"default_value": f.defaultValue, "validation": nil, "default_disabled": f.defaultDisabled,
		"restrictions": restrictions, "group": f.group,
	}
	if f.validation != nil {
		out["validation"] = f.validation
	}
	if f.hasDatasource() {
		values := make([]map[string]any, 0, len(f.datasource))
		for _, d := range f.datasource {
			state := "active"
			if !d.active {
				state = "inactive"
			}
			values = append(values, map[string]any{"external_id": d.externalID, "value": d.value, "state": state})
		}
		out["datasource"] = map[string]any{"values": values}
		out["allow_dynamic_list_values"] = f.allowDynamic
		out["alphabetically_sorted"] = f.sorted
	}
	return out
}

// activeValues is what the datasource calls answer: the active entries,
// each with its external ID and value only.
func (f *metadataField) activeValues() map[string]any {
	values := []map[string]any{}
	for _, d := range f.datasource {
		if d.active {
			values = append(values, map[string]any{"external_id": d.externalID, "value": d.value})
		}
	}
	return map[string]any{"values": values}
}

// fieldInput is a metadata field as create and update take it (JSON, as
// every official SDK sends it). Pointers tell an absent key from a zero one.
type fieldInput struct {
	Type            *string          `json:"type"`
	ExternalID      *string          `json:"external_id"`
	Label           *string          `json:"label"`
	Mandatory       *bool            `json:"mandatory"`
	DefaultValue    json.RawMessage  `json:"default_value"`
	DefaultDisabled *bool            `json:"default_disabled"`
	Validation      json.RawMessage  `json:"validation"`
	Restrictions    map[string]bool  `json:"restrictions"`
	Datasource      *datasourceInput `json:"datasource"`
	AllowDynamic    *bool            `json:"allow_dynamic_list_values"`
	Sorted          *bool            `json:"alphabetically_sorted"`
	Group           *string          `json:"group"`
}

type datasourceInput struct {
	Values []datasourceValueInput `json:"values"`
}

type datasourceValueInput struct {
	ExternalID string `json:"external_id"`
	Value      string `json:"value"`
	Position   int    `json:"position"`
	State      string `json:"state"`
}

// lookupField finds the field a path names, or answers 404.
func (e *Emulator) lookupField(r *http.Request) (*metadataField, *apiError) {
	id := r.PathValue("external_id")
	f, ok := e.store.metadataFields[id]
	if !ok {
		return nil, errNotFound("Metadata field " + id + " not found")
	}
	return f, nil
}

// orderedFields lists the fields in their display order.
func (s *store) orderedFields() []*metadataField {
	out := make([]*metadataField, 0, len(s.metadataFields))
	for _, id := range s.fieldOrder {
		out = append(out, s.metadataFields[id])
	}
	return out
}

func fieldsJSON(fields []*metadataField) map[string]any {
	list := make([]map[string]any, 0, len(fields))
	for _, f := range fields {
		list = append(list, f.json())
	}
	return map[string]any{"metadata_fields": list}
}

func (e *Emulator) listMetadataFields(r *http.Request, _ *noBody) (any, *apiError) {
	wanted := r.URL.Query()["external_ids"]
	if more := r.URL.Query()["external_ids[]"]; len(more) > 0 {
		wanted = append(wanted, more...)
	}
	var fields []*metadataField
	for _, f := range e.store.orderedFields() {
		if len(wanted) == 0 || slices.Contains(wanted, f.externalID) {
			fields = append(fields, f)
		}
	}
	return fieldsJSON(fields), nil
}

func (e *Emulator) getMetadataField(r *http.Request, _ *noBody) (any, *apiError) {
	f, err := e.lookupField(r)
	if err != nil {
		return nil, err
	}
	return f.json(), nil
}

// createMetadataField serves POST /metadata_fields. An external ID that a
// field has ever had, deleted or not, is refused: Cloudinary keeps them
// immutable and never reuses one.
func (e *Emulator) createMetadataField(_ *http.Request, in *fieldInput) (any, *apiError) {
	f, err := e.newMetadataField(*in)
	if err != nil {
		return nil, err
	}
	e.store.metadataFields[f.externalID] = f
	e.store.fieldOrder = append(e.store.fieldOrder, f.externalID)
	e.store.takenFieldIDs[f.externalID] = true
	return f.json(), nil
}

func (e *Emulator) newMetadataField(in fieldInput) (*metadataField, *apiError) {
	switch {
	case in.Type == nil || *in.Type == "":
		return nil, errBadRequest("type is required")
	case !slices.Contains(metadataTypes, *in.Type):
		return nil, errBadRequest("type must be one of string, integer, date, enum, set")
	case in.Label == nil || strings.TrimSpace(*in.Label) == "":
		return nil, errBadRequest("label is required")
	}
	e.store.nextID++
	f := &metadataField{typ: *in.Type, group: defaultGroup, restrictions: map[string]bool{}, createdAt: e.opts.Now().UTC(), seq: e.store.nextID}
	if in.ExternalID != nil && *in.ExternalID != "" {
		f.externalID = *in.ExternalID
	} else {
		f.externalID = e.randUUID()
	}
	switch {
	case e.store.takenFieldIDs[f.externalID]:
		return nil, errBadRequest("external id " + f.externalID + " already exists")
	case len(f.externalID) > 255:
		return nil, errBadRequest("external_id is longer than 255 characters")
	}
	if f.hasDatasource() && (in.Datasource == nil || len(in.Datasource.Values) == 0) {
		return nil, errBadRequest("datasource is required for " + f.typ + " fields")
	}
	if err := e.applyFieldInput(f, in); err != nil {
		return nil, err
	}
	return f, nil
}

// updateMetadataField serves PUT /metadata_fields/:external_id: a partial
// update. A different external_id or type in the body is ignored, as
// Cloudinary ignores them.
func (e *Emulator) updateMetadataField(r *http.Request, in *fieldInput) (any, *apiError) {
	f, err := e.lookupField(r)
	if err != nil {
		return nil, err
	}
	if in.Label != nil && strings.TrimSpace(*in.Label) == "" {
		return nil, errBadRequest("label is required")
	}
	updated := f.clone()
	if err := e.applyFieldInput(updated, *in); err != nil {
		return nil, err
	}
	*f = *updated
	return f.json(), nil
}

func (f *metadataField) clone() *metadataField {
	c := *f
	c.restrictions = map[string]bool{}
	for k, v := range f.restrictions {
		c.restrictions[k] = v
	}
	c.datasource = make([]*datasourceEntry, 0, len(f.datasource))
	for _, d := range f.datasource {
		entry := *d
		c.datasource = append(c.datasource, &entry)
	}
	return &c
}

// applyFieldInput writes what an input carries onto f, checking that the
// result is consistent: labels within 255 characters, a validation that
// fits the type, a default value that passes it.
func (e *Emulator) applyFieldInput(f *metadataField, in fieldInput) *apiError {
	if in.Label != nil {
		if len(*in.Label) > 255 {
			return errBadRequest("label is longer than 255 characters")
		}
		f.label = *in.Label
	}
	if in.Mandatory != nil {
		f.mandatory = *in.Mandatory
	}
	if in.DefaultDisabled != nil {
		f.defaultDisabled = *in.DefaultDisabled
	}
	if in.AllowDynamic != nil {
		f.allowDynamic = *in.AllowDynamic
	}
	if in.Group != nil {
		f.group = cmp.Or(*in.Group, defaultGroup)
	}
	if in.Sorted != nil {
		if *in.Sorted && !f.hasDatasource() {
			return errBadRequest("alphabetically_sorted is only allowed for enum and set fields")
		}
		f.sorted = *in.Sorted
	}
	for k, v := range in.Restrictions {
		if !slices.Contains(restrictionKeys, k) {
			return errBadRequest("Invalid restriction " + k)
		}
		f.restrictions[k] = v
	}
	// The Go SDK sends "datasource":{"values":null} with every field, so an
	// empty datasource is no datasource.
	if in.Datasource != nil && len(in.Datasource.Values) > 0 {
		if !f.hasDatasource() {
			return errBadRequest("datasource is only allowed for enum and set fields")
		}
		if err := f.mergeDatasource(in.Datasource.Values, e.randUUID); err != nil {
			return err
		}
	}
	f.keepSorted()
	if in.Validation != nil {
		v, err := parseValidation(in.Validation, f.typ)
		if err != nil {
			return err
		}
		f.validation = v
	}
	if in.DefaultValue != nil {
		v, err := f.parseJSONValue(in.DefaultValue)
		if err != nil || (v != nil && f.checkValue(v) != nil) {
			return errBadRequest("default_value is invalid")
		}
		f.defaultValue = v
	} else if f.defaultValue != nil && f.checkValue(f.defaultValue) != nil {
		return errBadRequest("default_value is invalid")
	}
	return nil
}

// mergeDatasource updates entries whose external IDs exist and appends the
// others (with generated IDs where none is given), as the datasource PUT
// documents; a position (from 1) moves an entry among the active ones.
func (f *metadataField) mergeDatasource(values []datasourceValueInput, newID func() string) *apiError {
	seen := map[string]bool{}
	for _, v := range values {
		if v.Value == "" {
			return errBadRequest("datasource values must not be empty")
		}
		if v.ExternalID != "" && seen[v.ExternalID] {
			return errBadRequest("datasource external id " + v.ExternalID + " is given twice")
		}
		seen[v.ExternalID] = true
		if v.State != "" && v.State != "active" && v.State != "inactive" {
			return errBadRequest("Invalid datasource state " + v.State)
		}
	}
	for _, v := range values {
		entry := f.entry(v.ExternalID)
		if entry == nil {
			id := v.ExternalID
			if id == "" {
				id = newID()
			}
			entry = &datasourceEntry{externalID: id, active: true}
			f.datasource = append(f.datasource, entry)
		}
		entry.value = v.Value
		if v.State != "" {
			entry.active = v.State == "active"
		}
		if v.Position > 0 {
			f.moveEntry(entry, v.Position)
		}
	}
	f.keepSorted()
	return nil
}

// defaultGroup is the Media Library section of a field that names none.
const defaultGroup = "default"

// keepSorted puts the datasource of an alphabetically sorted field in
// case-insensitive order of value, as Cloudinary keeps it on every insert
// and update (positions sent with entries do not hold). Entries equal but
// for case keep their order.
func (f *metadataField) keepSorted() {
	if f.sorted {
		sortEntries(f.datasource, false)
	}
}

// sortEntries orders datasource entries by value, ignoring case.
func sortEntries(entries []*datasourceEntry, descending bool) {
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := strings.ToLower(entries[i].value), strings.ToLower(entries[j].value)
		if descending {
			return a > b
		}
		return a < b
	})
}

// moveEntry puts an entry at a position (from 1) among the active entries.
func (f *metadataField) moveEntry(entry *datasourceEntry, position int) {
	rest := make([]*datasourceEntry, 0, len(f.datasource))
	for _, d := range f.datasource {
		if d != entry {
			rest = append(rest, d)
		}
	}
	insert, active := len(rest), 0
	for i, d := range rest {
		if d.active {
			active++
			if active == position {
				insert = i
				break
			}
		}
	}
	f.datasource = append(rest[:insert], append([]*datasourceEntry{entry}, rest[insert:]...)...)
}

func (e *Emulator) deleteMetadataField(r *http.Request, _ *noBody) (any, *apiError) {
	f, err := e.lookupField(r)
	if err != nil {
		return nil, err
	}
	delete(e.store.metadataFields, f.externalID)
	e.store.fieldOrder = without(e.store.fieldOrder, []string{f.externalID})
	for _, a := range e.store.assets {
		delete(a.metadata, f.externalID)
	}
	for id, rule := range e.store.metadataRules {
		if rule.fieldID == f.externalID {
			delete(e.store.metadataRules, id)
		}
	}
	return message{Message: "ok"}, nil
}

// datasourceField finds the enum or set field of a datasource call.
func (e *Emulator) datasourceField(r *http.Request) (*metadataField, *apiError) {
	f, err := e.lookupField(r)
	if err != nil {
		return nil, err
	}
	if !f.hasDatasource() {
		return nil, errBadRequest("Metadata field " + f.externalID + " of type " + f.typ + " has no datasource")
	}
	return f, nil
}

// updateDatasource serves PUT /metadata_fields/:external_id/datasource.
func (e *Emulator) updateDatasource(r *http.Request, in *datasourceInput) (any, *apiError) {
	f, err := e.datasourceField(r)
	if err != nil {
		return nil, err
	}
	if len(in.Values) == 0 {
		return nil, errBadRequest("values are required")
	}
	updated := f.clone()
	if err := updated.mergeDatasource(in.Values, e.randUUID); err != nil {
		return nil, err
	}
	*f = *updated
	return f.activeValues(), nil
}

type externalIDsInput struct {
	ExternalIDs []string `json:"external_ids"`
}

// setEntriesActive serves the datasource DELETE (a soft delete) and
// datasource_restore: every named entry must exist.
func (e *Emulator) setEntriesActive(active bool) func(*http.Request, *externalIDsInput) (any, *apiError) {
	return func(r *http.Request, in *externalIDsInput) (any, *apiError) {
		f, err := e.datasourceField(r)
		if err != nil {
			return nil, err
		}
		if len(in.ExternalIDs) == 0 {
			return nil, errBadRequest("external_ids are required")
		}
		var entries []*datasourceEntry
		for _, id := range in.ExternalIDs {
			entry := f.entry(id)
			if entry == nil {
				return nil, errBadRequest("Datasource entry " + id + " not found in metadata field " + f.externalID)
			}
			entries = append(entries, entry)
		}
		for _, entry := range entries {
			entry.active = active
		}
		return f.activeValues(), nil
	}
}

type orderInput struct {
	OrderBy   string `json:"order_by"`
	Direction string `json:"direction"`
}

// descending reads an order's direction: asc (the default) or desc.
func (o orderInput) descending() (bool, *apiError) {
	switch o.Direction {
	case "", "asc":
		return false, nil
	case "desc":
		return true, nil
	}
	return false, errBadRequest("Invalid direction " + o.Direction)
}

// orderDatasource serves POST and PUT .../datasource/order: a sort by value.
func (e *Emulator) orderDatasource(r *http.Request, in *orderInput) (any, *apiError) {
	f, err := e.datasourceField(r)
	if err != nil {
		return nil, err
	}
	if in.OrderBy != "value" {
		return nil, errBadRequest("Invalid order_by " + in.OrderBy + ": only value is supported")
	}
	desc, err := in.descending()
	if err != nil {
		return nil, err
	}
	sortEntries(f.datasource, desc)
	return f.activeValues(), nil
}

// orderMetadataFields serves PUT /metadata_fields/order.
func (e *Emulator) orderMetadataFields(_ *http.Request, in *orderInput) (any, *apiError) {
	desc, err := in.descending()
	if err != nil {
		return nil, err
	}
	var key func(f *metadataField) string
	switch in.OrderBy {
	case "label":
		key = func(f *metadataField) string { return strings.ToLower(f.label) }
	case "external_id":
		key = func(f *metadataField) string { return f.externalID }
	case "created_at":
		key = func(f *metadataField) string { return f.createdAt.Format(time.RFC3339Nano) }
	default:
		return nil, errBadRequest("Invalid order_by " + in.OrderBy)
	}
	fields := e.store.orderedFields()
	sort.SliceStable(fields, func(i, j int) bool {
		a, b := key(fields[i]), key(fields[j])
		if a == b {
			return fields[i].seq < fields[j].seq
		}
		return (a < b) != desc
	})
	e.store.fieldOrder = e.store.fieldOrder[:0]
	for _, f := range fields {
		e.store.fieldOrder = append(e.store.fieldOrder, f.externalID)
	}
	return fieldsJSON(fields), nil
}

// reorderMetadataField serves PUT /metadata_fields/:external_id/reorder:
// the field moves to a position, from 1.
func (e *Emulator) reorderMetadataField(r *http.Request, in *positionInput) (any, *apiError) {
	f, err := e.lookupField(r)
	if err != nil {
		return nil, err
	}
	if in.Position == nil || *in.Position < 1 || *in.Position > len(e.store.fieldOrder) {
		return nil, errBadRequest("position must be between 1 and the number of fields")
	}
	rest := without(e.store.fieldOrder, []string{f.externalID})
	at := *in.Position - 1
	e.store.fieldOrder = append(rest[:at], append([]string{f.externalID}, rest[at:]...)...)
	return fieldsJSON(e.store.orderedFields()), nil
}

type positionInput struct {
	Position *int `json:"position"`
}
