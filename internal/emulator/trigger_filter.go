package emulator

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// evalFilter evaluates a trigger's filter against a notification's data, for
// POST /triggers/:id/test. The filter is a JSON object (cloudinary-go's
// Trigger.Filter is a map); the emulator reads it as JSON Logic, one
// operator per object ({"==": [{"var": "resource_type"}, "image"]}), and
// knows the operators below. Any other operator is an error, so a test
// never passes a filter the emulator did not understand.
func evalFilter(expr any, data map[string]any) (any, error) {
	obj, ok := expr.(map[string]any)
	if !ok {
		if list, isList := expr.([]any); isList {
			return evalEach(list, data)
		}
		return expr, nil // a literal
	}
	if len(obj) != 1 {
		return nil, fmt.Errorf("a filter rule has exactly one operator, got %d keys", len(obj))
	}
	for op, rawArgs := range obj {
		if op == "var" {
			return filterVar(rawArgs, data)
		}
		args, err := evalEach(argList(rawArgs), data)
		if err != nil {
			return nil, err
		}
		return applyFilterOperator(op, args)
	}
	return nil, nil
}

// argList is an operator's arguments: a list, or one value alone.
func argList(raw any) []any {
	if list, ok := raw.([]any); ok {
		return list
	}
	return []any{raw}
}

func evalEach(list []any, data map[string]any) ([]any, error) {
	out := make([]any, len(list))
	for i, item := range list {
		v, err := evalFilter(item, data)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func applyFilterOperator(op string, args []any) (any, error) {
	switch op {
	case "==", "===":
		return len(args) == 2 && sameFilterValue(args[0], args[1]), nil
	case "!=", "!==":
		return len(args) == 2 && !sameFilterValue(args[0], args[1]), nil
	case "!":
		return len(args) == 1 && !truthy(args[0]), nil
	case "!!":
		return len(args) == 1 && truthy(args[0]), nil
	case "and":
		for _, a := range args {
			if !truthy(a) {
				return false, nil
			}
		}
		return true, nil
	case "or":
		for _, a := range args {
			if truthy(a) {
				return true, nil
			}
		}
		return false, nil
	case "in":
		return len(args) == 2 && filterContains(args[1], args[0]), nil
	case "<", "<=", ">", ">=":
		return compareFilterNumbers(op, args)
	}
	return nil, fmt.Errorf("unknown operator %q", op)
}

// filterVar reads {"var": "a.b"} or {"var": ["a.b", default]} from data.
func filterVar(raw any, data map[string]any) (any, error) {
	args := argList(raw)
	if len(args) == 0 {
		return data, nil
	}
	name, ok := args[0].(string)
	if !ok {
		return nil, fmt.Errorf("var takes a name, got %v", args[0])
	}
	var fallback any
	if len(args) > 1 {
		fallback = args[1]
	}
	if name == "" {
		return data, nil
	}
	var current any = data
	for _, part := range strings.Split(name, ".") {
		switch c := current.(type) {
		case map[string]any:
			current, ok = c[part]
		case []any:
			i, err := strconv.Atoi(part)
			ok = err == nil && i >= 0 && i < len(c)
			if ok {
				current = c[i]
			}
		default:
			ok = false
		}
		if !ok {
			return fallback, nil
		}
	}
	return current, nil
}

// truthy is JSON Logic's truth: false, null, 0, "" and [] are false.
func truthy(v any) bool {
	switch t := v.(type) {
	case nil:
		return false
	case bool:
		return t
	case float64:
		return t != 0
	case string:
		return t != ""
	case []any:
		return len(t) > 0
	}
	return true
}

func sameFilterValue(a, b any) bool { return reflect.DeepEqual(a, b) }

// filterContains is "in": an element of a list, or a substring of a string.
func filterContains(haystack, needle any) bool {
	switch h := haystack.(type) {
	case []any:
		for _, item := range h {
			if sameFilterValue(item, needle) {
				return true
			}
		}
	case string:
		s, ok := needle.(string)
		return ok && strings.Contains(h, s)
	}
	return false
}

func compareFilterNumbers(op string, args []any) (any, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("%s takes two values", op)
	}
	a, okA := args[0].(float64)
	b, okB := args[1].(float64)
	if !okA || !okB {
		return false, nil
	}
	switch op {
	case "<":
		return a < b, nil
	case "<=":
		return a <= b, nil
	case ">":
		return a > b, nil
	}
	return a >= b, nil
}
