package client

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// notSigned are the Upload API parameters left out of the signature.
var notSigned = map[string]bool{"file": true, "cloud_name": true, "resource_type": true, "api_key": true, "signature": true}

// StringToSign is the documented string an Upload API signature covers:
// every parameter but file, cloud_name, resource_type and api_key, empty
// ones left out, sorted by key, joined as k=v with &, list values joined with
// commas, and a literal & inside a value written as %26.
func StringToSign(params url.Values) string {
	keys := make([]string, 0, len(params))
	for k, vs := range params {
		if !notSigned[k] && strings.Join(vs, "") != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	pairs := make([]string, 0, len(keys))
	for _, k := range keys {
		value := strings.ReplaceAll(strings.Join(params[k], ","), "&", "%26")
		pairs = append(pairs, k+"="+value)
	}
	return strings.Join(pairs, "&")
}

// Sign returns the lowercase hex signature of params with the API secret.
func Sign(params url.Values, secret, algorithm string) string {
	return hex.EncodeToString(digest(StringToSign(params), secret, algorithm))
}

// digest is what every Cloudinary signature hashes: the signed text with the
// API secret appended, by SHA-1 (the default) or SHA-256. Upload API
// signatures write it in hex, delivery URL signatures in URL-safe base64.
func digest(signed, secret, algorithm string) []byte {
	toSign := []byte(signed + secret)
	if algorithm == SHA256 {
		sum := sha256.Sum256(toSign)
		return sum[:]
	}
	sum := sha1.Sum(toSign)
	return sum[:]
}

// signed returns a copy of params with timestamp, signature and api_key
// added. It is called for every attempt, so that a retry long after the
// first try still carries a fresh timestamp.
func (c *Client) signed(params url.Values) url.Values {
	out := url.Values{}
	for k, v := range params {
		out[k] = v
	}
	out.Set("timestamp", strconv.FormatInt(c.now().Unix(), 10))
	out.Set("signature", Sign(out, c.cfg.APISecret, c.cfg.SignatureAlgorithm))
	out.Set("api_key", c.cfg.APIKey)
	return out
}
