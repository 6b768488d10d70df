package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/querycheck"
)

// Folders at every depth come from the folder search, not a listing per
// parent.
func TestAccFolderList(t *testing.T) {
	env := newTestEnv(t)
	for _, p := range []string{"products/shoes/red", "products/hats", "brand"} {
		_, err := env.client.CreateFolder(bg, p)
		must(t, err)
	}
	queryTest(t, env, listBlock("cloudinary_folder", "all", "")+listBlock("cloudinary_folder", "products", `path_prefix = "products/"`),
		querycheck.ExpectLength("cloudinary_folder.all", 5),
		querycheck.ExpectLength("cloudinary_folder.products", 3),
		querycheck.ExpectIdentity("cloudinary_folder.products", identity("path", "products/shoes/red")),
	)
	if env.emu != nil && env.emu.Counters().Route("GET /folders/{path...}") != 0 {
		t.Fatalf("folders were listed per parent: %v", env.emu.Counters().Routes())
	}
}
