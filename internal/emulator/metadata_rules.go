package emulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
)

// metadataRule is a conditional metadata rule: when its condition on other
// fields' values holds, its result applies to its field.
type metadataRule struct {
	externalID string
	fieldID    string
	name       string
	condition  map[string]any
	result     map[string]any
	state      string
	position   int
}

func (r *metadataRule) json() map[string]any {
	canonical, _ := json.Marshal(r.condition) // map keys marshal sorted
	return map[string]any{
		"external_id": r.externalID, "metadata_field_id": r.fieldID, "name": r.name,
		"condition": r.condition, "condition_signature": base64.RawStdEncoding.EncodeToString(canonical),
		"result": r.result, "state": r.state, "position": r.position,
	}
}

// ruleInput is a rule as create and update take it.
type ruleInput struct {
	FieldID   *string         `json:"metadata_field_id"`
	Name      *string         `json:"name"`
	Condition json.RawMessage `json:"condition"`
	Result    json.RawMessage `json:"result"`
	State     *string         `json:"state"`
	Position  *int            `json:"position"`
}

func (s *store) orderedRules() []*metadataRule {
	rules := make([]*metadataRule, 0, len(s.metadataRules))
	for _, r := range s.metadataRules {
		rules = append(rules, r)
	}
	sort.Slice(rules, func(i, j int) bool {
		if rules[i].position != rules[j].position {
			return rules[i].position < rules[j].position
		}
		return rules[i].externalID < rules[j].externalID
	})
	return rules
}

func (e *Emulator) listMetadataRules(_ *http.Request, _ *noBody) (any, *apiError) {
	list := []map[string]any{}
	for _, r := range e.store.orderedRules() {
		list = append(list, r.json())
	}
	return map[string]any{"metadata_rules": list}, nil
}

func (e *Emulator) createMetadataRule(_ *http.Request, in *ruleInput) (any, *apiError) {
	switch {
	case in.FieldID == nil:
		return nil, errBadRequest("metadata_field_id is required")
	case in.Name == nil || *in.Name == "":
		return nil, errBadRequest("name is required")
	case in.Condition == nil:
		return nil, errBadRequest("condition is required")
	case in.Result == nil:
		return nil, errBadRequest("result is required")
	}
	rule := &metadataRule{externalID: e.randHex(32), state: "active", position: len(e.store.metadataRules) + 1}
	if err := e.applyRuleInput(rule, *in); err != nil {
		return nil, err
	}
	e.store.metadataRules[rule.externalID] = rule
	return rule.json(), nil
}

func (e *Emulator) lookupRule(r *http.Request) (*metadataRule, *apiError) {
	id := r.PathValue("external_id")
	rule, ok := e.store.metadataRules[id]
	if !ok {
		return nil, errNotFound("Metadata rule " + id + " not found")
	}
	return rule, nil
}

// updateMetadataRule serves PUT /metadata_rules/:external_id: the keys given
// replace the rule's.
func (e *Emulator) updateMetadataRule(r *http.Request, in *ruleInput) (any, *apiError) {
	rule, err := e.lookupRule(r)
	if err != nil {
		return nil, err
	}
	updated := *rule
	if err := e.applyRuleInput(&updated, *in); err != nil {
		return nil, err
	}
	*rule = updated
	return rule.json(), nil
}

func (e *Emulator) deleteMetadataRule(r *http.Request, _ *noBody) (any, *apiError) {
	rule, err := e.lookupRule(r)
	if err != nil {
		return nil, err
	}
	delete(e.store.metadataRules, rule.externalID)
	return map[string]bool{"success": true}, nil
}

func (e *Emulator) applyRuleInput(rule *metadataRule, in ruleInput) *apiError {
	if in.FieldID != nil {
		if _, ok := e.store.metadataFields[*in.FieldID]; !ok {
			return errBadRequest("Metadata field " + *in.FieldID + " not found")
		}
		rule.fieldID = *in.FieldID
	}
	if in.Name != nil {
		if *in.Name == "" {
			return errBadRequest("name is required")
		}
		rule.name = *in.Name
	}
	if in.State != nil {
		if *in.State != "active" && *in.State != "inactive" {
			return errBadRequest("state must be active or inactive")
		}
		rule.state = *in.State
	}
	if in.Position != nil {
		if *in.Position < 1 {
			return errBadRequest("position must be 1 or more")
		}
		rule.position = *in.Position
	}
	if in.Condition != nil {
		var c map[string]any
		if err := decodeNumbers(in.Condition, &c); err != nil || len(c) == 0 {
			return errBadRequest("condition must be a non-empty object")
		}
		if err := e.checkCondition(c); err != nil {
			return errBadRequest("condition is invalid: " + err.Error())
		}
		rule.condition = c
	}
	if in.Result != nil {
		var res map[string]any
		if err := decodeNumbers(in.Result, &res); err != nil || len(res) == 0 {
			return errBadRequest("result must set at least one property")
		}
		if err := checkResult(res); err != nil {
			return errBadRequest("result is invalid: " + err.Error())
		}
		rule.result = res
	}
	return nil
}

// conditionOperators are what a condition on one field may test.
var conditionOperators = []string{"populated", "includes", "equals"}

// checkCondition checks a condition: "and" or "or" of conditions, or a
// test of one existing field (populated, includes or equals).
func (e *Emulator) checkCondition(c map[string]any) error {
	for _, join := range []string{"and", "or"} {
		if sub, ok := c[join]; ok {
			list, isList := sub.([]any)
			if len(c) != 1 || !isList || len(list) == 0 {
				return fmt.Errorf("%q needs a non-empty list of conditions and nothing beside it", join)
			}
			for _, item := range list {
				m, ok := item.(map[string]any)
				if !ok {
					return fmt.Errorf("each condition in %q must be an object", join)
				}
				if err := e.checkCondition(m); err != nil {
					return err
				}
			}
			return nil
		}
	}
	field, _ := c["metadata_field_id"].(string)
	if _, ok := e.store.metadataFields[field]; !ok {
		return fmt.Errorf("metadata field %q not found", field)
	}
	operators := 0
	for _, op := range conditionOperators {
		if _, ok := c[op]; ok {
			operators++
		}
	}
	if operators != 1 || len(c) != 2 {
		return fmt.Errorf("a condition on %s needs exactly one of populated, includes or equals", field)
	}
	if v, ok := c["populated"]; ok {
		if _, isBool := v.(bool); !isBool {
			return fmt.Errorf("populated must be true or false")
		}
	}
	if v, ok := c["includes"]; ok {
		if _, isList := v.([]any); !isList {
			return fmt.Errorf("includes must be a list")
		}
	}
	return nil
}

// checkResult checks a rule's result against the documented properties.
func checkResult(res map[string]any) error {
	for key, v := range res {
		switch key {
		case "disable", "enable", "hide", "set_mandatory":
			if _, ok := v.(bool); !ok {
				return fmt.Errorf("%s must be true or false", key)
			}
		case "apply_value":
			m, ok := v.(map[string]any)
			if !ok {
				return fmt.Errorf("apply_value must be an object with a value")
			}
			if _, has := m["value"]; !has {
				return fmt.Errorf("apply_value needs a value")
			}
			if mode, has := m["mode"]; has && !slices.Contains([]string{"default", "override", "append"}, scalarString(mode)) {
				return fmt.Errorf("apply_value mode must be default, override or append")
			}
		case "activate_values":
			if err := checkActivateValues(v); err != nil {
				return err
			}
		default:
			return fmt.Errorf("unknown result property %s", key)
		}
	}
	return nil
}

func checkActivateValues(v any) error {
	if s, ok := v.(string); ok {
		if s != "all" {
			return fmt.Errorf(`activate_values must be "all" or an object with external_ids`)
		}
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf(`activate_values must be "all" or an object with external_ids`)
	}
	if _, has := m["external_ids"]; !has {
		return fmt.Errorf("activate_values needs external_ids")
	}
	if mode, has := m["mode"]; has && !slices.Contains([]string{"override", "append"}, scalarString(mode)) {
		return fmt.Errorf("activate_values mode must be override or append")
	}
	return nil
}
