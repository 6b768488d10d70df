package emulator

import "sync/atomic"

// keyRing holds the access keys that authenticate calls to one cloud, by
// API key, with their secrets. The account publishes a new set whenever a
// key of the cloud's product environment is created, enabled, disabled or
// deleted; a cloud reads it without a lock, so that checking a call's
// credentials (which happens while the cloud's store is locked) never waits
// for the account.
type keyRing struct {
	secrets atomic.Pointer[map[string]string]
}

func newKeyRing(secrets map[string]string) *keyRing {
	k := &keyRing{}
	k.publish(secrets)
	return k
}

// publish replaces the keys that authenticate.
func (k *keyRing) publish(secrets map[string]string) { k.secrets.Store(&secrets) }

// secretOf is the secret of an enabled key, if key is one.
func (k *keyRing) secretOf(key string) (string, bool) {
	if key == "" {
		return "", false
	}
	secret, ok := (*k.secrets.Load())[key]
	return secret, ok
}
