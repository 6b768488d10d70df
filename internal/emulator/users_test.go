package emulator

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// usersEncodings are the SDKs' encodings of the users calls: Python sends
// ids comma-joined there.
var usersEncodings = []sdkEncoding{pyUsersEncoding, npmEncoding, phpEncoding, rubyEncoding, javaEncoding, dotnetEncoding}

// O-9: an update of name and email shows in its answer, GET and the list;
// PHP also changes role and sub_account_ids, a comma string (pycloudinary
// test_update_user; cloudinary_npm "Updates a user"; cloudinary_gem; .NET
// TestUpdateUser; PHP testUpdateUser; Java testUpdateUser).
func TestProvisioning_updateUser(t *testing.T) {
	te := newTestEmulator(t, Options{})
	envA := te.createEnvironment(map[string]any{"name": "user_env_a"})["id"].(string)
	envB := te.createEnvironment(map[string]any{"name": "user_env_b"})["id"].(string)
	for i, enc := range usersEncodings {
		t.Run(enc.name, func(t *testing.T) {
			suffix := string(rune('a' + i))
			u := te.createUser(map[string]any{"name": "before" + suffix, "email": "before" + suffix + "@example.com", "role": "billing"})
			id := u["id"].(string)
			update := map[string]any{"name": "after" + suffix, "email": "after" + suffix + "@example.com", "role": "admin", "sub_account_ids": []string{envA, envB}}
			r := te.prov(enc, http.MethodPut, "/users/"+id, update)
			expectStatus(t, r, http.StatusOK)
			got := te.prov(enc, http.MethodGet, "/users/"+id, nil)
			listed := items(t, te.prov(enc, http.MethodGet, "/users", map[string]any{"ids": []string{id}}), "users")
			if len(listed) != 1 {
				t.Fatalf("listed %v", listed)
			}
			for _, body := range []map[string]any{r.body, got.body, listed[0]} {
				if body["name"] != "after"+suffix || body["email"] != "after"+suffix+"@example.com" || body["role"] != "admin" ||
					body["sub_account_ids"] != envA+","+envB || body["all_sub_accounts"] != false {
					t.Errorf("after update: %v", body)
				}
			}
		})
	}
}

// O-10: a new user is pending: listed by its ID with pending=true, not with
// pending=false, and with pending absent; status pending/active says the
// same (pycloudinary test_get_users, test_get_pending_users,
// test_get_non_pending_users, test_get_pending_and_non_pending_users;
// cloudinary_npm; cloudinary_gem; Java testGetUsers/testGetPendingUsers;
// .NET TestGetUsersInAListOfUserIds, …Pending…; PHP testGetUsersByIds).
// Every filter applies with ids. Once the user logs in (the control knob),
// it is active.
func TestProvisioning_pendingUsers(t *testing.T) {
	te := newTestEmulator(t, Options{})
	one := te.createUser(map[string]any{"name": "Pen One", "email": "p1@example.com", "role": "billing"})["id"].(string)
	two := te.createUser(map[string]any{"name": "Pen Two", "email": "p2@example.com", "role": "reports"})["id"].(string)
	for _, enc := range usersEncodings {
		count := func(params map[string]any) int {
			return len(items(t, te.prov(enc, http.MethodGet, "/users", params), "users"))
		}
		if n := count(map[string]any{"ids": []string{one, two}}); n != 2 {
			t.Errorf("%s: ids of two: %d", enc.name, n)
		}
		if n := count(map[string]any{"ids": []string{one}, "pending": true}); n != 1 {
			t.Errorf("%s: pending=true: %d", enc.name, n)
		}
		if n := count(map[string]any{"ids": []string{one}, "pending": false}); n != 0 {
			t.Errorf("%s: pending=false: %d", enc.name, n)
		}
		if n := count(map[string]any{"ids": []string{one}, "status": "active"}); n != 0 {
			t.Errorf("%s: status=active: %d", enc.name, n)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, te.srv.URL+"/_emulator/provisioning/users/"+one+"/login", nil)
	expectStatus(t, te.do(req), http.StatusNoContent)
	u := te.prov(npmEncoding, http.MethodGet, "/users/"+one, nil).body
	if u["pending"] != false || u["status"] != "active" || u["last_login"] == nil {
		t.Errorf("after login: %v", u)
	}
	if got := ids(items(t, te.prov(npmEncoding, http.MethodGet, "/users", map[string]any{"pending": false}), "users"), "id"); !slices.Equal(got, []string{one}) {
		t.Errorf("pending=false after login: %v", got)
	}
}

// O-11: prefix of the name: the name less its last character finds the
// user, the name with "zzz" does not (pycloudinary test_get_users_by_prefix;
// cloudinary_npm; cloudinary_gem; Java; .NET; PHP testGetUsersByPrefix).
func TestProvisioning_usersByPrefix(t *testing.T) {
	te := newTestEmulator(t, Options{})
	name := "Prefixed User"
	id := te.createUser(map[string]any{"name": name, "email": "pre@example.com", "role": "admin"})["id"].(string)
	for _, enc := range usersEncodings {
		if got := ids(items(t, te.prov(enc, http.MethodGet, "/users", map[string]any{"prefix": name[:len(name)-1], "ids": []string{id}}), "users"), "id"); len(got) != 1 {
			t.Errorf("%s: prefix less a character: %v", enc.name, got)
		}
		if got := items(t, te.prov(enc, http.MethodGet, "/users", map[string]any{"prefix": name + "zzz"}), "users"); len(got) != 0 {
			t.Errorf("%s: prefix+zzz: %v", enc.name, got)
		}
	}
}

// O-12: sub_account_id lists the users with access to every environment and
// those given it; an unknown one answers 404 "Cannot find sub account with
// id X" (pycloudinary test_get_users_by_sub_account_id,
// …nonexistent…; cloudinary_npm; cloudinary_gem; Java
// testGetUsersBySubAccountIds, …DoesntExist; .NET; PHP).
func TestProvisioning_usersBySubAccount(t *testing.T) {
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "filter_env"})["id"].(string)
	other := te.createEnvironment(map[string]any{"name": "other_env"})["id"].(string)
	all := te.createUser(map[string]any{"name": "All", "email": "all@example.com", "role": "admin"})["id"].(string)
	given := te.createUser(map[string]any{"name": "Given", "email": "given@example.com", "role": "admin", "sub_account_ids": []string{env}})["id"].(string)
	elsewhere := te.createUser(map[string]any{"name": "Else", "email": "else@example.com", "role": "admin", "sub_account_ids": []string{other}})["id"].(string)
	master := te.createUser(map[string]any{"name": "Master", "email": "m@example.com", "role": "master_admin", "sub_account_ids": []string{other}})["id"].(string)
	for _, enc := range usersEncodings {
		got := ids(items(t, te.prov(enc, http.MethodGet, "/users", map[string]any{"sub_account_id": env}), "users"), "id")
		want := []string{all, given, master}
		slices.Sort(want)
		if !slices.Equal(got, want) || slices.Contains(got, elsewhere) {
			t.Errorf("%s: users of the environment %v, want %v", enc.name, got, want)
		}
		r := te.prov(enc, http.MethodGet, "/users", map[string]any{"sub_account_id": "nope"})
		if r.status != http.StatusNotFound || r.errorMessage() != "Cannot find sub account with id nope" {
			t.Errorf("%s: unknown sub account: %d %s", enc.name, r.status, r.raw)
		}
	}
	// O-14: master_admin has every environment, whatever was sent.
	if m := te.prov(npmEncoding, http.MethodGet, "/users/"+master, nil).body; m["all_sub_accounts"] != true || m["sub_account_ids"] != "" {
		t.Errorf("master_admin: %v", m)
	}
	envs := items(t, te.prov(npmEncoding, http.MethodGet, "/users/"+given+"/sub_accounts", nil), "sub_accounts")
	if len(envs) != 1 || envs[0]["id"] != env || envs[0]["cloud_name"] != "filter-env" {
		t.Errorf("users/{id}/sub_accounts: %v", envs)
	}
	// Deleting an environment takes it from its users.
	expectStatus(t, te.prov(npmEncoding, http.MethodDelete, "/sub_accounts/"+env, nil), http.StatusOK)
	if g := te.prov(npmEncoding, http.MethodGet, "/users/"+given, nil).body; g["sub_account_ids"] != "" || g["all_sub_accounts"] != false {
		t.Errorf("after its environment went: %v", g)
	}
}

// O-13: last_login=true from today to today finds no new user,
// last_login=false finds it (pycloudinary test_get_users_by_login, dates
// as str(datetime); cloudinary_npm "Gets users by last login", yyyy-mm-dd;
// cloudinary_gem "last login true/false", dd-mm-yyyy).
func TestProvisioning_usersByLastLogin(t *testing.T) {
	now := time.Date(2026, 3, 4, 10, 11, 12, 0, time.UTC)
	te := newTestEmulator(t, Options{Now: func() time.Time { return now }})
	for i, tc := range []struct {
		enc       sdkEncoding
		from, to  string
		wantAfter int
	}{
		{pyUsersEncoding, "2026-03-04 00:00:00.000000", "2026-03-04 10:11:12.123456", 1},
		{npmEncoding, "2026-03-04", "2026-03-04", 1},
		{rubyEncoding, "04-03-2026", "04-03-2026", 1},
		{dotnetEncoding, "2026-03-04T00:00:00", "2026-03-04T00:00:00", 1},
		{phpEncoding, "2026-03-05", "2026-03-06", 0},
	} {
		id := te.createUser(map[string]any{"name": "Login", "email": string(rune('a'+i)) + "@example.com", "role": "admin"})["id"].(string)
		count := func(loggedIn bool) int {
			params := map[string]any{"ids": []string{id}, "last_login": loggedIn, "from": tc.from, "to": tc.to}
			r := te.prov(tc.enc, http.MethodGet, "/users", params)
			expectStatus(t, r, http.StatusOK)
			return len(items(t, r, "users"))
		}
		if count(true) != 0 || count(false) != 1 {
			t.Errorf("%s before login: true %d, false %d", tc.enc.name, count(true), count(false))
		}
		if err := te.MarkUserLoggedIn(id); err != nil {
			t.Fatal(err)
		}
		if got := count(true); got != tc.wantAfter {
			t.Errorf("%s after login, %s..%s: %d", tc.enc.name, tc.from, tc.to, got)
		}
	}
}

// O-14: enabled true and false are honoured on create and update; roles
// are accepted, master_admin among them; one sub_account_id comes back as
// itself (Java testCreateUserEnabled/Disabled, testUpdateUserEnabled/Disabled;
// .NET CreateUser; PHP testCreateUser). O-15: GET has the user's groups
// (PHP testGetUserById). O-16: delete answers {"message":"ok"} (PHP
// testDeleteUser; Java testDeleteUser).
func TestProvisioning_userLifecycle(t *testing.T) {
	te := newTestEmulator(t, Options{})
	env := te.createEnvironment(map[string]any{"name": "life_env"})["id"].(string)
	for i, enabled := range []bool{true, false} {
		email := []string{"on@example.com", "off@example.com"}[i]
		r := te.prov(javaEncoding, http.MethodPost, "/users", map[string]any{"name": "U", "email": email, "role": "media_library_user", "enabled": enabled, "sub_account_ids": []string{env}})
		expectStatus(t, r, http.StatusOK)
		if r.body["enabled"] != enabled || r.body["sub_account_ids"] != env || r.body["pending"] != true || r.body["status"] != "pending" {
			t.Errorf("created enabled=%v: %s", enabled, r.raw)
		}
		id := r.body["id"].(string)
		if u := te.prov(javaEncoding, http.MethodPut, "/users/"+id, map[string]any{"enabled": !enabled}).body; u["enabled"] != !enabled || u["sub_account_ids"] != env {
			t.Errorf("updated enabled=%v: %v", !enabled, u)
		}
	}
	for _, bad := range []map[string]any{
		{"email": "x@example.com", "role": "admin"},
		{"name": "x", "role": "admin"},
		{"name": "x", "email": "x@example.com", "role": "owner"},
	} {
		expectStatus(t, te.prov(npmEncoding, http.MethodPost, "/users", bad), http.StatusBadRequest)
	}
	expectStatus(t, te.prov(npmEncoding, http.MethodPost, "/users", map[string]any{"name": "x", "email": "x@example.com", "role": "admin", "sub_account_ids": []string{"nope"}}), http.StatusNotFound)
	dup := te.prov(npmEncoding, http.MethodPost, "/users", map[string]any{"name": "Dup", "email": "ON@example.com", "role": "admin"})
	expectStatus(t, dup, http.StatusConflict)

	u := te.createUser(map[string]any{"name": "Grouped", "email": "g@example.com", "role": "admin"})
	id := u["id"].(string)
	group := te.createGroup("Readers")
	expectStatus(t, te.prov(npmFormEncoding, http.MethodPost, "/user_groups/"+group+"/users/"+id, nil), http.StatusOK)
	got := te.prov(phpEncoding, http.MethodGet, "/users/"+id, nil)
	if gs := items(t, got, "groups"); len(gs) != 1 || gs[0]["id"] != group || gs[0]["name"] != "Readers" {
		t.Errorf("user's groups in GET: %s", got.raw)
	}
	if gs := items(t, te.prov(npmEncoding, http.MethodGet, "/users/"+id+"/groups", nil), "groups"); len(gs) != 1 || gs[0]["name"] != "Readers" {
		t.Errorf("users/{id}/groups: %v", gs)
	}
	del := te.prov(phpFormEncoding, http.MethodDelete, "/users/"+id, nil)
	if del.status != http.StatusOK || del.raw != "{\"message\":\"ok\"}\n" {
		t.Errorf("delete: %d %s", del.status, del.raw)
	}
	expectStatus(t, te.prov(npmEncoding, http.MethodGet, "/users/"+id, nil), http.StatusNotFound)
	if members := items(t, te.prov(npmEncoding, http.MethodGet, "/user_groups/"+group+"/users", nil), "users"); len(members) != 0 {
		t.Errorf("a deleted user stays in its group: %v", members)
	}
}

// An account at its user limit refuses another user with a message naming
// max_users (the Speakeasy SDK's live sanity script expects it); the control
// API changes the limit.
func TestProvisioning_maxUsers(t *testing.T) {
	te := newTestEmulator(t, Options{MaxUsers: 1})
	te.createUser(map[string]any{"name": "First", "email": "first@example.com", "role": "admin"})
	second := map[string]any{"name": "Second", "email": "second@example.com", "role": "admin"}
	r := te.prov(npmEncoding, http.MethodPost, "/users", second)
	if r.status != http.StatusBadRequest || !strings.Contains(r.errorMessage(), "max_users") {
		t.Errorf("past the limit: %d %s", r.status, r.raw)
	}
	req, _ := http.NewRequest(http.MethodPut, te.srv.URL+"/_emulator/provisioning", strings.NewReader(`{"max_users": 2}`))
	expectStatus(t, te.do(req), http.StatusNoContent)
	expectStatus(t, te.prov(npmEncoding, http.MethodPost, "/users", second), http.StatusOK)
}
