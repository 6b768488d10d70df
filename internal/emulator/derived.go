package emulator

import (
	"slices"
	"strings"
)

// Derived resources: what the Admin API's deletes with keep_original and
// transformations remove, and what explicit's eager regenerates.

// deletion is how a DELETE /resources call treats each asset it matches
// (the Admin API reference, "Delete resources": keep_original "If true,
// delete only the derived resources"; transformations "Only the derived
// resources matching this hash of transformation parameters will be
// deleted"; invalidate "Whether to also invalidate the copies of the
// resource on the CDN").
type deletion struct {
	keepOriginal    bool
	invalidate      bool
	transformations []string // canonical forms; none means every derived resource
}

// deletionFrom reads a delete call's options. transformations arrives the
// way the SDKs build it, one "|"-joined string (pycloudinary test_api.py
// test08a_delete_derived_by_transformation and
// test09c_delete_resources_by_transformations: "c_crop,w_100|c_scale,w_107";
// cloudinary-go's DeleteDerivedAssetsByTransformationParams.Transformations
// is a string), or as repeated values.
func deletionFrom(p *params) deletion {
	d := deletion{}
	d.keepOriginal, _ = p.boolean("keep_original")
	d.invalidate, _ = p.boolean("invalidate")
	d.transformations = transformationList(p.values["transformations"])
	return d
}

// transformationList splits eager-style values ("c_fill,w_100|t_thumb") into
// canonical transformation strings.
func transformationList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, tr := range strings.Split(v, "|") {
			if tr = strings.TrimSpace(tr); tr != "" {
				out = append(out, canonicalTransformation(tr))
			}
		}
	}
	return out
}

// deleteWith applies a deletion to one asset and answers its deleted_counts.
func (e *Emulator) deleteWith(a *asset, d deletion) map[string]int {
	if d.invalidate {
		e.invalidateDerived(a, d.transformations)
		if !d.keepOriginal {
			e.invalidateURL(e.deliveryURL(a, "", true))
		}
	}
	if d.keepOriginal && len(d.transformations) > 0 {
		return map[string]int{"original": 0, "derived": a.removeDerivedMatching(d.transformations)}
	}
	return e.store.deleteAsset(a, d.keepOriginal)
}

// removeDerivedMatching removes the derived resources made with one of the
// canonical transformations and says how many it removed.
func (a *asset) removeDerivedMatching(canonical []string) int {
	before := len(a.derived)
	a.derived = slices.DeleteFunc(a.derived, func(d *derived) bool { return d.madeWithAny(canonical) })
	return before - len(a.derived)
}

func (d *derived) madeWithAny(canonical []string) bool {
	return slices.Contains(canonical, canonicalTransformation(d.transformation))
}

// invalidateDerived records the CDN invalidation of an asset's derived
// resources (of the given canonical transformations, or all of them).
func (e *Emulator) invalidateDerived(a *asset, canonical []string) {
	for _, d := range a.derived {
		if len(canonical) == 0 || d.madeWithAny(canonical) {
			e.invalidateURL(e.deliveryURL(a, d.transformation, true))
		}
	}
}

func (e *Emulator) invalidateURL(url string) {
	e.store.invalidated = append(e.store.invalidated, url)
}

// Invalidated lists the delivery URLs that calls with invalidate=true asked
// the CDN to purge, oldest first, so that tests can tell an invalidating call
// from one that leaves cached copies behind.
func (e *Emulator) Invalidated() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.store.invalidated)
}

// dropDerivedOf makes room for an eager transformation made anew: a derived
// resource of the same transformation is replaced (a new ID), as explicit's
// eager generates the transformation again (the Upload API reference,
// explicit: "the transformation is processed upon request ... even if an
// identical derived asset already exists"; the OpenAPI's explicit_request:
// "corresponding derived images are always regenerated").
func (a *asset) dropDerivedOf(tr string) {
	a.removeDerivedMatching([]string{canonicalTransformation(tr)})
}

// invalidateAsset records the invalidation of an asset and every derived
// resource of it (explicit with invalidate=true).
func (e *Emulator) invalidateAsset(a *asset) {
	e.invalidateURL(e.deliveryURL(a, "", true))
	e.invalidateDerived(a, nil)
}

// eagerAnswer is explicit's "eager": the derived resources of the
// transformations the call asked for (the Upload API reference's sample:
// "Two explicit transformations were performed"), not every derived
// resource of the asset.
func (e *Emulator) eagerAnswer(a *asset, requested []string) []map[string]any {
	out := []map[string]any{}
	for _, d := range a.derived {
		if d.madeWithAny(requested) {
			out = append(out, e.derivedJSON(a, d))
		}
	}
	return out
}
