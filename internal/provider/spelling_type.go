package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// spelling is a way Cloudinary may write a string setting differently from
// how it was configured: its canonical form, under which two spellings of one
// meaning are the same string.
type spelling int

const (
	commaSet      spelling = iota + 1 // "a, b" is "b,a": add-on lists (categorization, detection...)
	pipeList                          // "a | b" is "a|b", in order (moderation queues)
	headerSet                         // "Link: x\nX-Robots-Tag: y" in any order, names in any case
	metadataValue                     // a set's JSON array of entry IDs in any order; other values as they are
	jsonDocument                      // JSON with keys in any order and any spacing (rule conditions)
)

func (s spelling) canonical(v string) string {
	switch s {
	case commaSet:
		items := splitNonEmpty(v, ",")
		sort.Strings(items)
		return strings.Join(items, ",")
	case pipeList:
		return strings.Join(splitNonEmpty(v, "|"), "|")
	case headerSet:
		lines := splitNonEmpty(v, "\n")
		for i, line := range lines {
			name, value, _ := strings.Cut(line, ":")
			lines[i] = strings.ToLower(strings.TrimSpace(name)) + ": " + strings.TrimSpace(value)
		}
		sort.Strings(lines)
		return strings.Join(lines, "\n")
	case metadataValue:
		return canonicalMetadataValue(v)
	case jsonDocument:
		var doc any
		if json.Unmarshal([]byte(v), &doc) != nil {
			return v
		}
		out, _ := json.Marshal(doc) // object keys marshal sorted
		return string(out)
	}
	return v
}

// canonicalMetadataValue sorts and dedupes the entry IDs of a set field's
// value, a JSON array; any other value stays as written.
func canonicalMetadataValue(v string) string {
	trimmed := strings.TrimSpace(v)
	if !strings.HasPrefix(trimmed, "[") {
		return v
	}
	var items []any
	if json.Unmarshal([]byte(trimmed), &items) != nil {
		return v
	}
	ids := make([]string, 0, len(items))
	for _, it := range items {
		ids = append(ids, fmt.Sprint(it))
	}
	sort.Strings(ids)
	out, _ := json.Marshal(slices.Compact(ids))
	return string(out)
}

func (s spelling) equal(a, b string) bool { return a == b || s.canonical(a) == s.canonical(b) }

// spellingType is a string attribute whose values compare by meaning under
// a spelling: Cloudinary answers with lists re-ordered or re-spaced and
// header names in its own case.
type spellingType struct {
	basetypes.StringType
	spelling spelling
}

var (
	_ basetypes.StringTypable                    = spellingType{}
	_ basetypes.StringValuableWithSemanticEquals = spellingValue{}
)

func (t spellingType) Equal(o attr.Type) bool {
	other, ok := o.(spellingType)
	return ok && other.spelling == t.spelling
}

func (t spellingType) String() string { return fmt.Sprintf("spellingType(%d)", t.spelling) }

func (t spellingType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return spellingValue{StringValue: in, spelling: t.spelling}, nil
}

func (t spellingType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return spellingValue{StringValue: s, spelling: t.spelling}, nil
}

func (t spellingType) ValueType(context.Context) attr.Value {
	return spellingValue{spelling: t.spelling}
}

// jsonDocumentValue is a JSON value as Cloudinary sent it, compared by
// meaning; null when Cloudinary sent none.
func jsonDocumentValue(raw []byte) spellingValue {
	value := types.StringNull()
	if text := strings.TrimSpace(string(raw)); text != "" && text != "null" {
		value = types.StringValue(text)
	}
	return spellingValue{StringValue: value, spelling: jsonDocument}
}

// spellingValue is a value of spellingType.
type spellingValue struct {
	basetypes.StringValue
	spelling spelling
}

func (v spellingValue) Type(context.Context) attr.Type { return spellingType{spelling: v.spelling} }

func (v spellingValue) Equal(o attr.Value) bool {
	other, ok := o.(spellingValue)
	return ok && other.spelling == v.spelling && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals keeps the configured spelling when Cloudinary
// answers with the same meaning written another way.
func (v spellingValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValuable.(spellingValue)
	return ok && v.spelling.equal(v.ValueString(), other.ValueString()), nil
}
