package client

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"testing"
)

// The expected values are computed here from the documented algorithm, by
// hand: sort, join k=v with &, append the secret, hash.
func TestSignKnownVectors(t *testing.T) {
	params := url.Values{
		"timestamp": {"1315060510"}, "public_id": {"sample_image"}, "eager": {"w_400,h_300,c_pad|w_260,h_200,c_crop"},
		"file": {"ignored"}, "api_key": {"ignored"}, "resource_type": {"ignored"}, "cloud_name": {"ignored"}, "empty": {""},
	}
	const toSign = "eager=w_400,h_300,c_pad|w_260,h_200,c_crop&public_id=sample_image&timestamp=1315060510"
	if got := StringToSign(params); got != toSign {
		t.Fatalf("string to sign %q", got)
	}
	const secret = "abcd"
	// The Upload API reference's own example: this string and secret sign to
	// this SHA-1 value.
	if got := Sign(params, secret, SHA1); got != "bfd09f95f331f558cbd1320e67aa8d488770583e" {
		t.Fatalf("sha1 %s", got)
	}
	s1 := sha1.Sum([]byte(toSign + secret))
	s256 := sha256.Sum256([]byte(toSign + secret))
	if Sign(params, secret, SHA1) != hex.EncodeToString(s1[:]) || Sign(params, secret, SHA256) != hex.EncodeToString(s256[:]) {
		t.Fatal("signature does not match the documented algorithm")
	}
}

func TestSignEscapesAmpersandsAndJoinsLists(t *testing.T) {
	params := url.Values{"context": {"a=b&c"}, "tags": {"x", "y"}, "timestamp": {"1"}}
	if got := StringToSign(params); got != "context=a=b%26c&tags=x,y&timestamp=1" {
		t.Fatalf("string to sign %q", got)
	}
}
