package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
)

// parseProvisioningParams reads a Provisioning API call's parameters from
// wherever the official SDKs put them (PROVISIONING.md §1.2): the query
// string, and a JSON or form body on every method, GET included (the Ruby
// SDK sends GET filters as a JSON body; npm and PHP send DELETE parameters as
// a form body; Python sends a JSON body even on DELETE). Lists may come as
// repeated keys, key[], JSON arrays or comma-joined strings (params.list). A
// parameter sent empty ("", ids=, []) is one not sent.
func parseProvisioningParams(r *http.Request) (*params, *apiError) {
	p := &params{values: map[string][]string{}, raw: map[string]json.RawMessage{}}
	p.addValues(r.URL.Query())
	if r.Body != nil {
		if err := p.addBody(r); err != nil {
			return nil, unreadableBody(err)
		}
	}
	p.dropEmpty()
	return p, nil
}

// dropEmpty forgets the parameters that carry no value.
func (p *params) dropEmpty() {
	for k, vs := range p.values {
		if strings.TrimSpace(strings.Join(vs, "")) == "" {
			delete(p.values, k)
			delete(p.raw, k)
		}
	}
}

// optionalBool reads a boolean sent as true/false, "true"/"false" or 1/0
// (the SDKs send each: PHP's query 1/0, Python's strings inside JSON);
// nil when absent.
func (p *params) optionalBool(key string) (*bool, *apiError) {
	if !p.has(key) {
		return nil, nil
	}
	v, ok := parseBool(p.get(key))
	if !ok {
		return nil, errBadRequest(key + " must be a boolean")
	}
	return &v, nil
}

// stringMap reads an object of strings: a JSON object, or the
// "k1=v1|k2=v2" form the .NET SDK sends custom_attributes in
// (CloudinaryDotNet BaseSubAccountParams). ok is false when absent.
func (p *params) stringMap(key string) (map[string]string, bool) {
	if !p.has(key) {
		return nil, false
	}
	return p.contextMap(key), true
}
