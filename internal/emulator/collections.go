package emulator

import "slices"

// Generic helpers on slices and predicates that the standard library lacks,
// shared by every part of the emulator.

// nonNil is items, or an empty slice for nil, so that a list answers [] in
// JSON rather than null.
func nonNil[T any](items []T) []T {
	if items == nil {
		return []T{}
	}
	return items
}

// uniqueStrings is in without repeats, in the order of first appearance.
func uniqueStrings(in []string) []string {
	var out []string
	for _, s := range in {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// without is a copy of list without the values in remove; list is left as
// it is (an asset's tags may share their array with another's).
func without(list, remove []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(remove, s) {
			out = append(out, s)
		}
	}
	return out
}

// allOf tells whether v passes every predicate (true for none), as the
// terms of a search expression joined by AND select.
func allOf[T any](preds []func(T) bool, v T) bool {
	for _, pred := range preds {
		if !pred(v) {
			return false
		}
	}
	return true
}
