package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// testFunctions runs acceptance steps that call the provider's functions
// offline: with no provider block and no account, as the functions need
// none.
func testFunctions(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   functionsCheck,
		Steps:                    steps,
	})
}

// callFunction runs a provider function as the framework does, with a
// result of the type its definition declares.
func callFunction(t *testing.T, f function.Function, args ...attr.Value) (attr.Value, *function.FuncError) {
	t.Helper()
	var def function.DefinitionResponse
	f.Definition(bg, function.DefinitionRequest{}, &def)
	if def.Diagnostics.HasError() {
		t.Fatalf("definition: %v", def.Diagnostics)
	}
	result, funcErr := def.Definition.Return.NewResultData(bg)
	if funcErr != nil {
		t.Fatalf("result data: %v", funcErr)
	}
	resp := function.RunResponse{Result: result}
	f.Run(bg, function.RunRequest{Arguments: function.NewArgumentsData(args)}, &resp)
	return resp.Result.Value(), resp.Error
}

// callStringFunction runs a function that returns a string.
func callStringFunction(t *testing.T, f function.Function, args ...attr.Value) (string, *function.FuncError) {
	t.Helper()
	got, funcErr := callFunction(t, f, args...)
	if funcErr != nil {
		return "", funcErr
	}
	s, ok := got.(types.String)
	if !ok {
		t.Fatalf("result %v is not a string", got)
	}
	return s.ValueString(), nil
}
