package emulator

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// unsignedKeys are the parameters that are not part of the string to sign.
var unsignedKeys = map[string]bool{
	"file": true, "cloud_name": true, "resource_type": true, "api_key": true, "signature": true,
}

// stringToSign is what Cloudinary signs: the parameters but the unsigned
// ones, empty values left out, list values joined by commas, sorted by key
// and joined as k=v&k=v. With escapeAmp, "&" inside values is written "%26"
// (signature version 2, which the current SDKs use).
func stringToSign(p *params, escapeAmp bool) string {
	keys := make([]string, 0, len(p.values))
	for k, vs := range p.values {
		if !unsignedKeys[k] && strings.Join(vs, "") != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		v := strings.Join(p.values[k], ",")
		if escapeAmp {
			v = strings.ReplaceAll(v, "&", "%26")
		}
		parts = append(parts, k+"="+v)
	}
	return strings.Join(parts, "&")
}

func signWith(toSign, secret string, sha256Sig bool) string {
	if sha256Sig {
		sum := sha256.Sum256([]byte(toSign + secret))
		return hex.EncodeToString(sum[:])
	}
	sum := sha1.Sum([]byte(toSign + secret))
	return hex.EncodeToString(sum[:])
}

// responseSignature is the signature an upload answer carries, by which a
// client checks that the answer came from Cloudinary: the SHA-1 of
// "public_id=<id>&version=<version>" and the API secret, unescaped (the
// SDKs' API-response verification: pycloudinary
// verify_api_response_signature signs {public_id, version} with signature
// version 1; cloudinary-go VerifyApiResponseSignature; the live upload
// tests of pycloudinary and cloudinary_npm compare result["signature"]
// with api_sign_request({public_id, version}, api_secret)). The secret is
// that of the key the call was signed with, which the client holds.
func (e *Emulator) responseSignature(a *asset, p *params) string {
	toSign := "public_id=" + a.key.publicID + "&version=" + strconv.FormatInt(a.version, 10)
	_, secret := e.callerKey(p)
	return signWith(toSign, secret, false)
}

// callerKey is the access key a call was signed with, or for an unsigned
// call the cloud's root key.
func (e *Emulator) callerKey(p *params) (key, secret string) {
	if secret, ok := e.keys.secretOf(p.get("api_key")); ok {
		return p.get("api_key"), secret
	}
	return e.opts.APIKey, e.opts.APISecret
}

// maxRequestAge is how old a signed request's timestamp may be.
const maxRequestAge = time.Hour

// verifySigned checks a signed Upload API call: the API key (any enabled
// access key of the cloud), a timestamp no older than an hour, and a SHA-1 or
// SHA-256 signature (told apart by length) made with that key's secret.
func (e *Emulator) verifySigned(p *params) *apiError {
	key := p.get("api_key")
	secret, known := e.keys.secretOf(key)
	switch {
	case key == "":
		return &apiError{401, "Must supply api_key"}
	case !known:
		return &apiError{401, "Unknown API key " + key}
	}
	ts, err := strconv.ParseInt(p.get("timestamp"), 10, 64)
	if err != nil {
		return errBadRequest("Missing required parameter - timestamp")
	}
	if age := e.opts.Now().Sub(time.Unix(ts, 0)); age > maxRequestAge {
		return errBadRequest(fmt.Sprintf("Stale request - reported time is %s which is more than 1 hour ago",
			time.Unix(ts, 0).UTC().Format("2006-01-02 15:04:05 -0700")))
	}
	sig := strings.ToLower(p.get("signature"))
	if sig == "" {
		return errBadRequest("Missing required parameter - signature")
	}
	e.recordSignature(sig)
	sha256Sig := len(sig) == sha256.Size*2
	matches := func(q *params) bool {
		for _, escapeAmp := range []bool{true, false} {
			toSign := stringToSign(q, escapeAmp)
			if subtle.ConstantTimeCompare([]byte(sig), []byte(signWith(toSign, secret, sha256Sig))) == 1 {
				return true
			}
		}
		return false
	}
	if matches(p) || anyListOrder(p, matches) {
		return nil
	}
	// Like Cloudinary, say what was expected to be signed (never the signature).
	return &apiError{401, "Invalid Signature. String to sign - '" + stringToSign(p, true) + "'."}
}

// maxListOrders bounds how many orderings of list values anyListOrder tries.
const maxListOrders = 5040

// anyListOrder tries the other orders of list parameters' values. The Go SDK
// joins "public_ids[0]", "public_ids[1]"... for its signature in map
// iteration order, so what it signed may be any order of the values it sent.
func anyListOrder(p *params, matches func(*params) bool) bool {
	var lists []string
	for k, vs := range p.values {
		if len(vs) > 1 && !unsignedKeys[k] {
			lists = append(lists, k)
		}
	}
	if len(lists) == 0 {
		return false
	}
	sort.Strings(lists)
	trial := &params{values: make(map[string][]string, len(p.values))}
	for k, v := range p.values {
		trial.values[k] = v
	}
	tries := 0
	var walk func(i int) bool
	walk = func(i int) bool {
		if i == len(lists) {
			tries++
			return matches(trial)
		}
		found := false
		permute(append([]string(nil), p.values[lists[i]]...), func(order []string) bool {
			if tries >= maxListOrders {
				return true
			}
			trial.values[lists[i]] = order
			found = walk(i + 1)
			return found
		})
		return found
	}
	return walk(0)
}

// permute calls visit with each order of items (Heap's algorithm) until
// visit returns true.
func permute(items []string, visit func([]string) bool) bool {
	var gen func(k int) bool
	gen = func(k int) bool {
		if k <= 1 {
			return visit(items)
		}
		for i := 0; i < k; i++ {
			if gen(k - 1) {
				return true
			}
			if k%2 == 0 {
				items[i], items[k-1] = items[k-1], items[i]
			} else {
				items[0], items[k-1] = items[k-1], items[0]
			}
		}
		return false
	}
	return gen(len(items))
}

// maxRecordedSignatures bounds the signatures kept for SignaturesSeen.
const maxRecordedSignatures = 10_000

func (e *Emulator) recordSignature(sig string) {
	e.sigMu.Lock()
	defer e.sigMu.Unlock()
	if len(e.signatures) < maxRecordedSignatures {
		e.signatures = append(e.signatures, sig)
	}
}

// SignaturesSeen returns the signatures of the signed calls received so
// far, so that tests can check that none of them leaks into logs or state.
func (e *Emulator) SignaturesSeen() []string {
	e.sigMu.Lock()
	defer e.sigMu.Unlock()
	return append([]string(nil), e.signatures...)
}
