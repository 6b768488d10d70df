package emulator

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// params are a request's parameters, from wherever the official SDKs put
// them: the query string, a url-encoded body (with or without a Content-Type
// header: the Go SDK sends none), a JSON body, or a multipart body.
type params struct {
	values map[string][]string
	// raw keeps JSON objects and arrays as sent, for parameters that may be
	// structured (context, representations, access_control).
	raw   map[string]json.RawMessage
	file  *uploadedFile
	chunk *chunkPart // the part of a chunked upload that the file continues, if any
}

// uploadedFile is what the emulator keeps of a multipart file: never the
// content itself, which may be large, but its size, digest and first bytes.
type uploadedFile struct {
	filename string
	size     int64
	md5      string
	head     []byte // the first headSize bytes, enough to sniff and decode dimensions
}

const headSize = 64 << 10

// indexedKey matches "name[]" and "name[3]", which collapse into "name".
var indexedKey = regexp.MustCompile(`^(.+)\[\d*\]$`)

func normalizeKey(k string) string {
	if m := indexedKey.FindStringSubmatch(k); m != nil {
		return m[1]
	}
	return k
}

func parseParams(r *http.Request) (*params, *apiError) {
	return parseParamsInto(r, nil)
}

// parseParamsInto parses a request whose file part, if any, continues a
// chunked upload: its bytes go into chunk instead of a fresh digest.
func parseParamsInto(r *http.Request, chunk *chunkPart) (*params, *apiError) {
	p := &params{values: map[string][]string{}, raw: map[string]json.RawMessage{}, chunk: chunk}
	p.addValues(r.URL.Query())
	if r.Body == nil || r.Method == http.MethodGet {
		return p, nil
	}
	if err := p.addBody(r); err != nil {
		return nil, unreadableBody(err)
	}
	return p, nil
}

// addBody merges the parameters of a request's body, in whichever form its
// Content-Type (or, without one, its first byte) says.
func (p *params) addBody(r *http.Request) error {
	mediaType, mediaParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/json":
		return p.addJSON(r.Body)
	case "multipart/form-data":
		return p.addMultipart(multipart.NewReader(r.Body, mediaParams["boundary"]))
	default:
		return p.addFormBody(r.Body)
	}
}

// addValues merges v, collapsing "name[N]" keys into "name" in index order.
func (p *params) addValues(v url.Values) {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		bi, bj := normalizeKey(keys[i]), normalizeKey(keys[j])
		if bi != bj {
			return bi < bj
		}
		return keyIndex(keys[i]) < keyIndex(keys[j])
	})
	for _, k := range keys {
		key := normalizeKey(k)
		p.values[key] = append(p.values[key], v[k]...)
	}
}

// keyIndex is N in "name[N]" (-1 for other keys, which sort first).
func keyIndex(k string) int {
	open := strings.LastIndexByte(k, '[')
	if open < 0 {
		return -1
	}
	n, err := strconv.Atoi(strings.TrimSuffix(k[open+1:], "]"))
	if err != nil {
		return -1
	}
	return n
}

func (p *params) addFormBody(body io.Reader) error {
	data, err := io.ReadAll(body) // bounded by the per-request limit
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if data[0] == '{' { // some clients post JSON without saying so
		return p.addJSON(bytes.NewReader(data))
	}
	values, err := url.ParseQuery(string(data))
	if err != nil {
		return err
	}
	p.addValues(values)
	return nil
}

func (p *params) addJSON(body io.Reader) error {
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(body)
	if err := dec.Decode(&obj); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return err
	}
	for k, raw := range obj {
		key := normalizeKey(k)
		p.raw[key] = raw
		vals, err := jsonStrings(raw)
		if err != nil {
			return fmt.Errorf("parameter %s: %w", k, err)
		}
		p.values[key] = append(p.values[key], vals...)
	}
	return nil
}

// jsonStrings turns a JSON value into parameter strings: scalars as their
// text, arrays as one value per element, objects as their JSON text.
func jsonStrings(raw json.RawMessage) ([]string, error) {
	var v any
	if err := decodeNumbers(raw, &v); err != nil {
		return nil, err
	}
	switch t := v.(type) {
	case nil:
		return []string{""}, nil
	case []any:
		out := make([]string, 0, len(t))
		for _, el := range t {
			out = append(out, scalarString(el))
		}
		return out, nil
	default:
		return []string{scalarString(t)}, nil
	}
}

func scalarString(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case bool:
		return strconv.FormatBool(t)
	case json.Number:
		return t.String()
	default:
		b, _ := json.Marshal(t)
		return string(b)
	}
}

func (p *params) addMultipart(mr *multipart.Reader) error {
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if part.FileName() != "" {
			f, err := p.readFilePart(part)
			if err != nil {
				return err
			}
			p.file = f
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, 64<<20))
		if err != nil {
			return err
		}
		key := normalizeKey(part.FormName())
		p.values[key] = append(p.values[key], string(data))
	}
}

// readFilePart streams a file part through MD5, keeping only its head; a
// chunk of a chunked upload adds to the upload's running digest.
func (p *params) readFilePart(part *multipart.Part) (*uploadedFile, error) {
	if p.chunk != nil {
		return p.chunk.add(part, part.FileName())
	}
	return digestFile(part, part.FileName())
}

// digestFile reads a file to its end, keeping its size, MD5 and head.
func digestFile(r io.Reader, filename string) (*uploadedFile, error) {
	h := md5.New()
	head := &limitedBuffer{max: headSize}
	n, err := io.Copy(io.MultiWriter(h, head), r)
	if err != nil {
		return nil, err
	}
	return &uploadedFile{filename: filename, size: n, md5: hex.EncodeToString(h.Sum(nil)), head: head.Bytes()}, nil
}

// limitedBuffer keeps the first max bytes written to it and discards the rest.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (p *params) has(key string) bool {
	_, ok := p.values[key]
	return ok
}

// get returns the last value of key ("" when absent).
func (p *params) get(key string) string {
	vs := p.values[key]
	if len(vs) == 0 {
		return ""
	}
	return vs[len(vs)-1]
}

// list returns the values of a list parameter, whichever way it was sent:
// repeated, indexed, as a JSON array, or as one comma-joined string.
func (p *params) list(key string) []string {
	var out []string
	for _, v := range p.values[key] {
		for _, item := range strings.Split(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

// rawList returns the values of key without splitting on commas (public IDs
// may contain commas only when sent as separate values).
func (p *params) rawList(key string) []string {
	vs := p.values[key]
	if len(vs) == 1 {
		return p.list(key)
	}
	return vs
}

// pathOrParam is the path's value of key, or when the path has none (the
// SDKs send some names as parameters, the API reference puts them in the
// path) the parameter param.
func pathOrParam(r *http.Request, p *params, key, param string) string {
	if v := r.PathValue(key); v != "" {
		return v
	}
	return p.get(param)
}

// jsonText is a parameter that holds JSON: its JSON as sent in a JSON body,
// or, for a form (or a JSON string), its text.
func (p *params) jsonText(key string) json.RawMessage {
	if raw := p.raw[key]; len(raw) > 0 && raw[0] != '"' {
		return raw
	}
	return json.RawMessage(p.get(key))
}

// boolean reads a Cloudinary boolean: true/1/yes, false/0/no.
func (p *params) boolean(key string) (bool, bool) {
	if !p.has(key) {
		return false, false
	}
	v, ok := parseBool(p.get(key))
	return v, ok
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes":
		return true, true
	case "false", "0", "no", "":
		return false, true
	}
	return false, false
}

// intParam reads a positive integer parameter with a default and a maximum.
func (p *params) intParam(key string, def, hi int) (int, *apiError) {
	if !p.has(key) || p.get(key) == "" {
		return def, nil
	}
	n, err := strconv.Atoi(p.get(key))
	if err != nil || n < 1 || n > hi {
		return 0, errBadRequest(fmt.Sprintf("%s must be an integer between 1 and %d", key, hi))
	}
	return n, nil
}

// contextMap reads a context parameter: a JSON object, or the documented
// "key=value|key2=value2" form with "\=" and "\|" escapes.
func (p *params) contextMap(key string) map[string]string {
	if raw, ok := p.raw[key]; ok && len(raw) > 0 && raw[0] == '{' {
		var m map[string]any
		if json.Unmarshal(raw, &m) == nil {
			out := make(map[string]string, len(m))
			for k, v := range m {
				out[k] = scalarString(v)
			}
			return out
		}
	}
	return parseContext(p.get(key))
}

// contextUnescaper undoes the backslash escapes of = and | in context.
var contextUnescaper = strings.NewReplacer(`\=`, "=", `\|`, "|")

// parseContext splits "k=v|k2=v2", honouring backslash escapes of = and |.
func parseContext(s string) map[string]string { return parsePairs(s, contextUnescaper) }

// parsePairs splits "k=v|k2=v2" at unescaped | and the first unescaped =,
// skipping pairs with no key; unescape undoes the escapes in keys and values.
func parsePairs(s string, unescape *strings.Replacer) map[string]string {
	out := map[string]string{}
	if s == "" {
		return out
	}
	for _, pair := range splitUnescaped(s, '|') {
		kv := splitUnescaped(pair, '=')
		if kv[0] == "" {
			continue
		}
		out[unescape.Replace(kv[0])] = unescape.Replace(strings.Join(kv[1:], "="))
	}
	return out
}

// splitUnescaped splits s on sep where sep is not preceded by a backslash;
// the escapes stay in the pieces.
func splitUnescaped(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// formatContext is the inverse of parseContext, in key order.
func formatContext(m map[string]string) string {
	esc := strings.NewReplacer("=", `\=`, "|", `\|`)
	parts := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, esc.Replace(k)+"="+esc.Replace(m[k]))
	}
	return strings.Join(parts, "|")
}
