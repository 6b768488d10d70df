package provider

import (
	"reflect"
	"testing"

	"github.com/mediaops/terraform-provider-cloudinary/internal/client"
)

// A named transformation's derived assets become one deletion per resource
// type and delivery type (the delete endpoint's path holds both), each
// public ID and transformation once, with the transformations as Cloudinary
// listed them ("t_card/jpg" too).
func TestUnitGroupDerived(t *testing.T) {
	derived := []client.DerivedResource{
		{PublicID: "a", ResourceType: "image", Type: "upload", Transformation: "t_card"},
		{PublicID: "a", ResourceType: "image", Type: "upload", Transformation: "t_card/jpg"},
		{PublicID: "b", ResourceType: "image", Type: "upload", Transformation: "t_card"},
		{PublicID: "a", ResourceType: "image", Type: "private", Transformation: "t_card"},
		{PublicID: "v", ResourceType: "video", Type: "upload", Transformation: "t_card"},
	}
	want := []client.DeleteDerivedOptions{
		{ResourceType: "image", Type: "upload", PublicIDs: []string{"a", "b"}, Transformations: []string{"t_card", "t_card/jpg"}, Invalidate: true},
		{ResourceType: "image", Type: "private", PublicIDs: []string{"a"}, Transformations: []string{"t_card"}, Invalidate: true},
		{ResourceType: "video", Type: "upload", PublicIDs: []string{"v"}, Transformations: []string{"t_card"}, Invalidate: true},
	}
	if got := groupDerived(derived, true); !reflect.DeepEqual(got, want) {
		t.Fatalf("groupDerived:\n got %+v\nwant %+v", got, want)
	}
	if got := groupDerived(nil, true); len(got) != 0 {
		t.Fatalf("no derived assets gave %+v", got)
	}
}
