package emulator

import (
	"net/http"
	"slices"
	"testing"
)

// O-17: a renamed group keeps its ID and GET shows the new name
// (pycloudinary test_update_user_group; cloudinary_npm, a form body;
// cloudinary_gem; .NET; PHP testUpdatingUserGroup; Java, a form body).
// O-19: the list has the group (pycloudinary test_get_user_groups and the
// others). O-20: delete answers {"ok":true} (pycloudinary, cloudinary_npm
// and cloudinary_gem teardowns; Java testDeleteUserGroup; PHP
// testDeleteUserGroup).
func TestProvisioning_userGroupLifecycle(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for i, enc := range []sdkEncoding{pyEncoding, npmFormEncoding, rubyEncoding, dotnetEncoding, phpFormEncoding, javaFormEncoding} {
		t.Run(enc.name, func(t *testing.T) {
			suffix := string(rune('a' + i))
			created := te.prov(enc, http.MethodPost, "/user_groups", map[string]any{"name": "group " + suffix})
			expectStatus(t, created, http.StatusOK)
			id := created.body["id"].(string)
			r := te.prov(enc, http.MethodPut, "/user_groups/"+id, map[string]any{"name": "renamed " + suffix})
			if r.status != http.StatusOK || r.body["id"] != id || r.body["name"] != "renamed "+suffix {
				t.Errorf("update: %d %s", r.status, r.raw)
			}
			if got := te.prov(enc, http.MethodGet, "/user_groups/"+id, nil); got.body["name"] != "renamed "+suffix {
				t.Errorf("get after update: %s", got.raw)
			}
			if listed := ids(items(t, te.prov(enc, http.MethodGet, "/user_groups", nil), "user_groups"), "id"); !slices.Contains(listed, id) {
				t.Errorf("list %v lacks %s", listed, id)
			}
			del := te.prov(enc, http.MethodDelete, "/user_groups/"+id, nil)
			if del.status != http.StatusOK || del.raw != "{\"ok\":true}\n" {
				t.Errorf("delete: %d %s", del.status, del.raw)
			}
			expectStatus(t, te.prov(enc, http.MethodGet, "/user_groups/"+id, nil), http.StatusNotFound)
		})
	}
	expectStatus(t, te.prov(npmEncoding, http.MethodPost, "/user_groups", map[string]any{}), http.StatusBadRequest)
}

// O-18: adding a member answers every member (one), the members list has
// it with id, name and email, and removing it answers the rest (none)
// (pycloudinary test_add_remove_user_from_group; cloudinary_npm, form
// bodies; cloudinary_gem; .NET TestAddAndRemoveUserFromGroup; PHP
// testAddUserToGroup, testRemoveUserFromGroup, testUserGroupUsers; Java
// testListUsersInGroup, two members). extended_details adds the members to
// the group.
func TestProvisioning_groupMembers(t *testing.T) {
	te := newTestEmulator(t, Options{})
	for i, enc := range []sdkEncoding{pyEncoding, npmFormEncoding, rubyEncoding, dotnetEncoding, phpEncoding, javaEncoding} {
		t.Run(enc.name, func(t *testing.T) {
			suffix := string(rune('a' + i))
			group := te.createGroup("members " + suffix)
			u := te.createUser(map[string]any{"name": "Member " + suffix, "email": suffix + "@example.com", "role": "admin"})
			uid := u["id"].(string)
			added := te.prov(enc, http.MethodPost, "/user_groups/"+group+"/users/"+uid, nil)
			expectStatus(t, added, http.StatusOK)
			if users := items(t, added, "users"); len(users) != 1 || users[0]["id"] != uid {
				t.Errorf("add answered %s", added.raw)
			}
			expectStatus(t, te.prov(enc, http.MethodPost, "/user_groups/"+group+"/users/"+uid, nil), http.StatusOK)
			members := items(t, te.prov(enc, http.MethodGet, "/user_groups/"+group+"/users", nil), "users")
			if len(members) != 1 || members[0]["name"] != "Member "+suffix || members[0]["email"] != suffix+"@example.com" {
				t.Errorf("members %v", members)
			}
			extended := te.prov(enc, http.MethodGet, "/user_groups/"+group, map[string]any{"extended_details": true})
			if users := items(t, extended, "users"); len(users) != 1 || extended.body["created_at"] == nil {
				t.Errorf("extended details %s", extended.raw)
			}
			removed := te.prov(enc, http.MethodDelete, "/user_groups/"+group+"/users/"+uid, nil)
			if users := items(t, removed, "users"); removed.status != http.StatusOK || len(users) != 0 {
				t.Errorf("remove answered %d %s", removed.status, removed.raw)
			}
			expectStatus(t, te.prov(enc, http.MethodDelete, "/user_groups/"+group+"/users/"+uid, nil), http.StatusNotFound)
			expectStatus(t, te.prov(enc, http.MethodPost, "/user_groups/"+group+"/users/nobody", nil), http.StatusNotFound)
		})
	}
}
