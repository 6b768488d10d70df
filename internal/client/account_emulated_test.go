package client

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mediaops/terraform-provider-cloudinary/internal/emulator"
)

// The emulator's CLOUDINARY_ACCOUNT_URL reads back into the credentials
// that its Provisioning API takes.
func TestEmulatedAccountURL(t *testing.T) {
	ac, cl, emu := newEmulatedAccountClient(t)
	parsed, err := ParseAccountURL(emu.AccountURL(cl.BaseURL()))
	want := AccountURL{AccountID: emu.AccountID(), APIKey: emu.AccountAPIKey(), APISecret: emu.AccountAPISecret(), BaseURL: cl.BaseURL()}
	if err != nil || parsed != want {
		t.Fatalf("parsed %+v, %v; want %+v", parsed, err, want)
	}
	if ac.AccountID() != emu.AccountID() {
		t.Fatalf("account %q", ac.AccountID())
	}
}

// A product environment's life, as the official SDKs' provisioning tests
// go through it (create, get, update, list filters, delete, then 404).
func TestEmulatedProductEnvironments(t *testing.T) {
	ctx := context.Background()
	ac, cl, _ := newEmulatedAccountClient(t)

	primary, err := ac.ListProductEnvironments(ctx, ProductEnvironmentFilter{CloudNames: []string{cl.CloudName()}})
	if err != nil || len(primary) != 1 || primary[0].CloudName != cl.CloudName() {
		t.Fatalf("the primary environment: %+v, %v", primary, err)
	}

	env, err := ac.CreateProductEnvironment(ctx, ProductEnvironmentParams{Name: "Shop Staging", CloudName: "shop-staging",
		CustomAttributes: map[string]string{"team": "web", "tier": "2"}})
	if err != nil || env.ID == "" || env.Name != "Shop Staging" || env.CloudName != "shop-staging" || !env.Enabled ||
		!reflect.DeepEqual(env.CustomAttributes, map[string]string{"team": "web", "tier": "2"}) || env.CreatedAt == "" {
		t.Fatalf("created %+v, %v", env, err)
	}
	if len(env.AccessKeys) != 1 || env.AccessKeys[0].Key == "" || env.AccessKeys[0].Secret == "" || !env.AccessKeys[0].Enabled {
		t.Fatalf("the key made with it: %+v", env.AccessKeys)
	}
	// Its key works the new environment's Admin API.
	envClient, err := New(Config{CloudName: env.CloudName, APIKey: env.AccessKeys[0].Key, APISecret: env.AccessKeys[0].Secret, BaseURL: cl.BaseURL()})
	if err != nil {
		t.Fatal(err)
	}
	if err := envClient.Ping(ctx); err != nil {
		t.Fatalf("the new environment's key: %v", err)
	}

	got, err := ac.GetProductEnvironment(ctx, env.ID)
	if err != nil || got.ID != env.ID || got.CloudName != env.CloudName || !reflect.DeepEqual(got.CustomAttributes, env.CustomAttributes) {
		t.Fatalf("get %+v, %v", got, err)
	}

	updated, err := ac.UpdateProductEnvironment(ctx, env.ID, ProductEnvironmentParams{Name: "Shop QA", Enabled: ptr(false), CustomAttributes: map[string]string{"team": "qa"}})
	if err != nil || updated.Name != "Shop QA" || updated.Enabled || updated.CloudName != "shop-staging" ||
		!reflect.DeepEqual(updated.CustomAttributes, map[string]string{"team": "qa"}) {
		t.Fatalf("updated %+v, %v", updated, err)
	}
	cleared, err := ac.UpdateProductEnvironment(ctx, env.ID, ProductEnvironmentParams{CustomAttributes: map[string]string{}})
	if err != nil || len(cleared.CustomAttributes) != 0 || cleared.Name != "Shop QA" {
		t.Fatalf("cleared %+v, %v", cleared, err)
	}

	for name, tc := range map[string]struct {
		filter ProductEnvironmentFilter
		want   []string
	}{
		"by id":         {ProductEnvironmentFilter{IDs: []string{env.ID}}, []string{env.ID}},
		"by cloud name": {ProductEnvironmentFilter{CloudNames: []string{"shop-staging"}}, []string{env.ID}},
		"by prefix":     {ProductEnvironmentFilter{Prefix: "shop q"}, []string{env.ID}},
		"disabled":      {ProductEnvironmentFilter{Enabled: ptr(false)}, []string{env.ID}},
		"enabled":       {ProductEnvironmentFilter{Enabled: ptr(true)}, []string{primary[0].ID}},
		"all":           {ProductEnvironmentFilter{}, []string{primary[0].ID, env.ID}},
	} {
		envs, err := ac.ListProductEnvironments(ctx, tc.filter)
		if ids := environmentIDs(envs); err != nil || !sameItems(ids, tc.want) {
			t.Errorf("%s: %v, %v; want %v", name, ids, err, tc.want)
		}
	}

	if err := ac.DeleteProductEnvironment(ctx, env.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := ac.GetProductEnvironment(ctx, env.ID); !IsNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
	// The cloud name is never given again.
	_, err = ac.CreateProductEnvironment(ctx, ProductEnvironmentParams{Name: "Again", CloudName: "shop-staging"})
	if !IsAlreadyExists(err) || MayHaveTakenEffect(err) {
		t.Fatalf("reusing a deleted cloud name: %v", err)
	}
}

// Access keys: the one made with an environment, generate, update with
// dedicated_for, delete, and a listing longer than a page.
func TestEmulatedAccessKeys(t *testing.T) {
	ctx := context.Background()
	ac, cl, _ := newEmulatedAccountClient(t)
	env, err := ac.CreateProductEnvironment(ctx, ProductEnvironmentParams{Name: "Keys", CloudName: "keys-env"})
	if err != nil {
		t.Fatal(err)
	}
	keys, err := ac.ListAccessKeys(ctx, env.ID)
	if err != nil || len(keys) != 1 || !keys[0].Root || keys[0].APIKey != env.AccessKeys[0].Key || keys[0].APISecret != env.AccessKeys[0].Secret {
		t.Fatalf("a fresh environment's keys: %+v, %v", keys, err)
	}

	ci, err := ac.CreateAccessKey(ctx, env.ID, AccessKeyParams{Name: "ci", Enabled: ptr(false)})
	if err != nil || ci.Name != "ci" || ci.Enabled || ci.APIKey == "" || ci.APISecret == "" || ci.Root {
		t.Fatalf("created %+v, %v", ci, err)
	}
	hooks, err := ac.CreateAccessKey(ctx, env.ID, AccessKeyParams{Name: "hooks", DedicatedFor: []string{"webhooks"}})
	if err != nil || !hooks.Enabled || hooks.APISecret == "" || !reflect.DeepEqual(hooks.DedicatedFor, []string{"webhooks"}) {
		t.Fatalf("created dedicated %+v, %v", hooks, err)
	}
	updated, err := ac.UpdateAccessKey(ctx, env.ID, ci.APIKey, AccessKeyParams{Name: "ci-2", Enabled: ptr(true)})
	if err != nil || updated.Name != "ci-2" || !updated.Enabled || updated.APIKey != ci.APIKey {
		t.Fatalf("updated %+v, %v", updated, err)
	}
	// A key whose enabled state changed works the environment's Admin API.
	envClient, err := New(Config{CloudName: env.CloudName, APIKey: ci.APIKey, APISecret: ci.APISecret, BaseURL: cl.BaseURL()})
	if err != nil {
		t.Fatal(err)
	}
	if err := envClient.Ping(ctx); err != nil {
		t.Fatalf("the enabled key: %v", err)
	}

	if err := ac.DeleteAccessKey(ctx, env.ID, ci.APIKey); err != nil {
		t.Fatal(err)
	}
	if err := ac.DeleteAccessKey(ctx, env.ID, ci.APIKey); !IsNotFound(err) {
		t.Fatalf("deleting twice: %v", err)
	}
	if _, err := ac.CreateAccessKey(ctx, env.ID, AccessKeyParams{Name: "ci-2"}); !IsAlreadyExists(err) {
		t.Fatalf("reusing a deleted key's name: %v", err)
	}

	// More keys than a page holds are all listed, each once.
	for i := range accessKeyPageSize + 5 {
		if _, err := ac.CreateAccessKey(ctx, env.ID, AccessKeyParams{Name: fmt.Sprintf("bulk-%03d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	keys, err = ac.ListAccessKeys(ctx, env.ID)
	if err != nil || len(keys) != accessKeyPageSize+7 {
		t.Fatalf("%d keys, %v", len(keys), err)
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k.APIKey] || k.APISecret == "" {
			t.Fatalf("key listed twice or without its secret: %+v", k)
		}
		seen[k.APIKey] = true
	}
	if !seen[hooks.APIKey] || seen[ci.APIKey] {
		t.Fatal("the listing misses a key or holds a deleted one")
	}
}

// Where reads mask secrets ("*****" and the last characters, as the Go
// fork's mocks and scayle's provider report), the client reads no secret
// rather than the mask, and a key created with dedicated_for keeps the
// secret of its create answer.
func TestEmulatedMaskedSecretsReadAsNone(t *testing.T) {
	ctx := context.Background()
	ac, _, emu := newEmulatedAccountClient(t)
	emu.SetProvisioningQuirks(emulator.ProvisioningQuirks{MaskSecretsOnRead: true})
	env, err := ac.CreateProductEnvironment(ctx, ProductEnvironmentParams{Name: "Masked", CloudName: "masked-env"})
	if err != nil || len(env.AccessKeys) != 1 || env.AccessKeys[0].Secret == "" {
		t.Fatalf("created %+v, %v", env, err)
	}
	read, err := ac.GetProductEnvironment(ctx, env.ID)
	if err != nil || len(read.AccessKeys) != 1 || read.AccessKeys[0].Key != env.AccessKeys[0].Key || read.AccessKeys[0].Secret != "" {
		t.Fatalf("read %+v, %v", read, err)
	}
	hooks, err := ac.CreateAccessKey(ctx, env.ID, AccessKeyParams{Name: "hooks", DedicatedFor: []string{"webhooks"}})
	if err != nil || hooks.APISecret == "" || strings.HasPrefix(hooks.APISecret, "*") {
		t.Fatalf("created %+v, %v", hooks, err)
	}
	renamed, err := ac.UpdateAccessKey(ctx, env.ID, hooks.APIKey, AccessKeyParams{Name: "hooks-2"})
	if err != nil || renamed.APISecret != "" || renamed.Name != "hooks-2" {
		t.Fatalf("updated %+v, %v", renamed, err)
	}
}

func TestEmulatedUsers(t *testing.T) {
	ctx := context.Background()
	ac, cl, emu := newEmulatedAccountClient(t)
	env, err := ac.CreateProductEnvironment(ctx, ProductEnvironmentParams{Name: "People", CloudName: "people-env"})
	if err != nil {
		t.Fatal(err)
	}
	ann, err := ac.CreateUser(ctx, UserParams{Name: "Ann", Email: "ann@example.com", Role: "technical_admin", ProductEnvironmentIDs: []string{env.ID}})
	if err != nil || ann.ID == "" || ann.Role != "technical_admin" || !ann.Pending || !ann.Enabled || ann.AllProductEnvironments ||
		!reflect.DeepEqual(ann.ProductEnvironmentIDs, []string{env.ID}) {
		t.Fatalf("created %+v, %v", ann, err)
	}
	bob, err := ac.CreateUser(ctx, UserParams{Name: "Bob", Email: "bob@example.com", Role: "admin", Enabled: ptr(false)})
	if err != nil || bob.Enabled || !bob.AllProductEnvironments {
		t.Fatalf("created %+v, %v", bob, err)
	}
	if _, err := ac.CreateUser(ctx, UserParams{Name: "Ann again", Email: "ann@example.com", Role: "admin"}); !IsAlreadyExists(err) {
		t.Fatalf("a second user by the same email: %v", err)
	}

	got, err := ac.GetUser(ctx, ann.ID)
	if err != nil || got.Email != "ann@example.com" || !reflect.DeepEqual(got.ProductEnvironmentIDs, []string{env.ID}) {
		t.Fatalf("get %+v, %v", got, err)
	}
	if err := emu.MarkUserLoggedIn(bob.ID); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		filter UserFilter
		want   []string
	}{
		"by ids":         {UserFilter{IDs: []string{ann.ID, bob.ID}}, []string{ann.ID, bob.ID}},
		"by email":       {UserFilter{Emails: []string{"bob@example.com"}}, []string{bob.ID}},
		"by prefix":      {UserFilter{Prefix: "An"}, []string{ann.ID}},
		"by environment": {UserFilter{IDs: []string{ann.ID, bob.ID}, ProductEnvironmentID: env.ID}, []string{ann.ID, bob.ID}},
		"pending":        {UserFilter{IDs: []string{ann.ID, bob.ID}, Pending: ptr(true)}, []string{ann.ID}},
		"not pending":    {UserFilter{IDs: []string{ann.ID, bob.ID}, Pending: ptr(false)}, []string{bob.ID}},
	} {
		users, err := ac.ListUsers(ctx, tc.filter)
		if ids := userIDs(users); err != nil || !sameItems(ids, tc.want) {
			t.Errorf("%s: %v, %v; want %v", name, ids, err, tc.want)
		}
	}
	if _, err := ac.ListUsers(ctx, UserFilter{ProductEnvironmentID: "no-such-environment"}); !IsNotFound(err) {
		t.Fatalf("users of an unknown environment: %v", err)
	}

	updated, err := ac.UpdateUser(ctx, ann.ID, UserParams{Name: "Ann B", ProductEnvironmentIDs: []string{primaryID(t, ac, cl), env.ID}, Enabled: ptr(false)})
	if err != nil || updated.Name != "Ann B" || updated.Enabled || updated.Email != "ann@example.com" || len(updated.ProductEnvironmentIDs) != 2 {
		t.Fatalf("updated %+v, %v", updated, err)
	}
	if err := ac.DeleteUser(ctx, ann.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := ac.GetUser(ctx, ann.ID); !IsNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestEmulatedUserGroups(t *testing.T) {
	ctx := context.Background()
	ac, _, _ := newEmulatedAccountClient(t)
	ann, err := ac.CreateUser(ctx, UserParams{Name: "Ann", Email: "ann@example.com", Role: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	group, err := ac.CreateUserGroup(ctx, "Designers")
	if err != nil || group.ID == "" || group.Name != "Designers" {
		t.Fatalf("created %+v, %v", group, err)
	}
	renamed, err := ac.UpdateUserGroup(ctx, group.ID, "Artists")
	if err != nil || renamed != (UserGroup{ID: group.ID, Name: "Artists"}) {
		t.Fatalf("renamed %+v, %v", renamed, err)
	}
	if got, err := ac.GetUserGroup(ctx, group.ID); err != nil || got != renamed {
		t.Fatalf("get %+v, %v", got, err)
	}
	groups, err := ac.ListUserGroups(ctx)
	if err != nil || !slices.Contains(groups, renamed) {
		t.Fatalf("list %+v, %v", groups, err)
	}

	members, err := ac.AddGroupMember(ctx, group.ID, ann.ID)
	want := []GroupMember{{ID: ann.ID, Name: "Ann", Email: "ann@example.com"}}
	if err != nil || !reflect.DeepEqual(members, want) {
		t.Fatalf("after adding: %+v, %v", members, err)
	}
	if members, err := ac.ListGroupMembers(ctx, group.ID); err != nil || !reflect.DeepEqual(members, want) {
		t.Fatalf("members %+v, %v", members, err)
	}
	if members, err := ac.RemoveGroupMember(ctx, group.ID, ann.ID); err != nil || len(members) != 0 {
		t.Fatalf("after removing: %+v, %v", members, err)
	}
	if err := ac.DeleteUserGroup(ctx, group.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := ac.GetUserGroup(ctx, group.ID); !IsNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
}

// Refused credentials, an account without the Provisioning API, and the
// API's own rate limit reach the caller as the predicates tell them.
func TestEmulatedAccountErrors(t *testing.T) {
	ctx := context.Background()
	ac, cl, emu := newEmulatedAccountClient(t)
	wrong, err := NewAccountClient(AccountConfig{AccountID: emu.AccountID(), APIKey: emu.AccountAPIKey(), APISecret: "wrong", BaseURL: cl.BaseURL()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wrong.ListProductEnvironments(ctx, ProductEnvironmentFilter{}); !IsUnauthorized(err) || IsForbidden(err) {
		t.Fatalf("wrong secret: %v", err)
	}

	emu.SetProvisioningAccess(false)
	if _, err := ac.ListUserGroups(ctx); !IsForbidden(err) || IsUnauthorized(err) {
		t.Fatalf("without provisioning access: %v", err)
	}
	emu.SetProvisioningAccess(true)

	emu.SetProvisioningHourlyLimit(1)
	ac.maxRateLimitWait = time.Millisecond // the reset is up to an hour away
	if _, err := ac.ListUserGroups(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := ac.ListUserGroups(ctx); !IsRateLimited(err) || !strings.Contains(err.Error(), "retry after") {
		t.Fatalf("past the hourly budget: %v", err)
	}
}

// primaryID is the ID of the emulator's own cloud as a product environment.
func primaryID(t *testing.T, ac *AccountClient, cl *Client) string {
	t.Helper()
	envs, err := ac.ListProductEnvironments(context.Background(), ProductEnvironmentFilter{CloudNames: []string{cl.CloudName()}})
	if err != nil || len(envs) != 1 {
		t.Fatalf("%+v, %v", envs, err)
	}
	return envs[0].ID
}

func environmentIDs(envs []ProductEnvironment) []string {
	ids := make([]string, 0, len(envs))
	for _, e := range envs {
		ids = append(ids, e.ID)
	}
	return ids
}

func userIDs(users []User) []string {
	ids := make([]string, 0, len(users))
	for _, u := range users {
		ids = append(ids, u.ID)
	}
	return ids
}

// sameItems compares two lists as sets of distinct items.
func sameItems(got, want []string) bool {
	return reflect.DeepEqual(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want)))
}
