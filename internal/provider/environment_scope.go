package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Every resource and data source that acts inside a product environment is
// wrapped in a scope that adds product_environment: the wrapper reads it,
// points the wrapped object at that environment's providerData (in), and
// hands the wrapped object its plan, state and configuration without the
// attribute, so that the wrapped code, its models and its tests know nothing
// of it; the attribute goes back into what it answers. The framework makes a
// resource (and a data source) for each request, so pointing the wrapped one
// at an environment holds for that request only.

// scopedResource is what a wrapped resource offers.
type scopedResource interface {
	resource.ResourceWithConfigure
	resource.ResourceWithImportState
	resource.ResourceWithIdentity
	base() *resourceBase
}

func (b *resourceBase) base() *resourceBase { return b }

func (b *dataSourceBase) base() *dataSourceBase { return b }

// inProductEnvironment gives a resource type the product_environment
// attribute.
func inProductEnvironment(newResource func() resource.Resource) func() resource.Resource {
	return func() resource.Resource { return &environmentScope{inner: newResource().(scopedResource)} }
}

// environmentScope is a resource type with product_environment. It
// forwards the optional interfaces that the wrapped types implement
// (ModifyPlan, ValidateConfig, ConfigValidators); one that a wrapped type
// starts to implement (UpgradeState, MoveState) must be forwarded here too.
type environmentScope struct {
	inner scopedResource
	root  *providerData
}

var (
	_ resource.ResourceWithConfigure        = (*environmentScope)(nil)
	_ resource.ResourceWithImportState      = (*environmentScope)(nil)
	_ resource.ResourceWithIdentity         = (*environmentScope)(nil)
	_ resource.ResourceWithModifyPlan       = (*environmentScope)(nil)
	_ resource.ResourceWithValidateConfig   = (*environmentScope)(nil)
	_ resource.ResourceWithConfigValidators = (*environmentScope)(nil)
)

// Metadata lets the identity change in an update: its product_environment
// follows a rename of the environment (environment_rename.go).
func (s *environmentScope) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	s.inner.Metadata(ctx, req, resp)
	resp.ResourceBehavior.MutableIdentity = true
}

func (s *environmentScope) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	s.inner.Schema(ctx, req, resp)
	resp.Schema.Attributes[productEnvironmentAttribute] = schema.StringAttribute{
		Optional: true,
		MarkdownDescription: productEnvironmentDescription + " Changing it replaces the object, unless its product " +
			"environment was renamed: the same environment (by ID) under a new cloud name keeps the object in place.",
		PlanModifiers: []planmodifier.String{productEnvironmentPlanModifier()},
		Validators:    nameValidators(),
	}
}

func (s *environmentScope) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	s.inner.IdentitySchema(ctx, req, resp)
	resp.IdentitySchema.Attributes[productEnvironmentAttribute] = identityschema.StringAttribute{
		OptionalForImport: true,
		Description:       "The cloud name of the product environment that holds the object, when it is not the provider's own.",
	}
}

func (s *environmentScope) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	s.inner.Configure(ctx, req, resp)
	s.root = s.inner.base().data
}

// use points the wrapped resource at the product environment's data.
func (s *environmentScope) use(ctx context.Context, env types.String, diags *diag.Diagnostics) bool {
	data := s.root.in(ctx, env, diags)
	s.inner.base().data = data
	return data != nil
}

// useUnlessGone points the wrapped resource at the product environment's
// data, as use does, unless the environment is gone (environmentGone).
func (s *environmentScope) useUnlessGone(ctx context.Context, env types.String, diags *diag.Diagnostics) (gone, ok bool) {
	data, err := s.root.environmentData(ctx, env)
	switch {
	case environmentGone(ctx, err, env):
		return true, false
	case err != nil:
		addEnvironmentError(diags, err)
		return false, false
	}
	s.inner.base().data = data
	return false, true
}

func (s *environmentScope) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	config, _ := withoutEnvironment(ctx, tfsdk.Plan(req.Config), &resp.Diagnostics)
	plan, env := withoutEnvironment(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !s.use(ctx, env, &resp.Diagnostics) {
		return
	}
	req.Config, req.Plan = tfsdk.Config(config), plan
	answered(ctx, &resp.State, tfsdk.State(nullLike(ctx, plan)), env, &resp.Diagnostics, func() { s.inner.Create(ctx, req, resp) })
	setIdentityEnvironment(ctx, resp.Identity, resp.State, env, &resp.Diagnostics)
	s.recordEnvironmentID(ctx, resp.Private, env, &resp.Diagnostics)
}

// Read removes from the state an object whose product environment the
// account no longer has (environmentGone).
func (s *environmentScope) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, env := withoutEnvironment(ctx, tfsdk.Plan(req.State), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	gone, ok := s.useUnlessGone(ctx, env, &resp.Diagnostics)
	if gone {
		resp.State.RemoveResource(ctx)
		// The framework wants an identity after every read, even of an
		// object that is gone.
		if resp.Identity != nil {
			resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root(productEnvironmentAttribute), env)...)
		}
	}
	if !ok {
		return
	}
	req.State = tfsdk.State(state)
	answered(ctx, &resp.State, req.State, env, &resp.Diagnostics, func() { s.inner.Read(ctx, req, resp) })
	setIdentityEnvironment(ctx, resp.Identity, resp.State, env, &resp.Diagnostics)
	s.recordEnvironmentID(ctx, resp.Private, env, &resp.Diagnostics)
}

func (s *environmentScope) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	config, _ := withoutEnvironment(ctx, tfsdk.Plan(req.Config), &resp.Diagnostics)
	plan, env := withoutEnvironment(ctx, req.Plan, &resp.Diagnostics)
	state, prior := withoutEnvironment(ctx, tfsdk.Plan(req.State), &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !s.sameEnvironmentAfterRename(ctx, req.Private, prior, env, &resp.Diagnostics) ||
		!s.use(ctx, env, &resp.Diagnostics) {
		return
	}
	req.Config, req.Plan, req.State = tfsdk.Config(config), plan, tfsdk.State(state)
	answered(ctx, &resp.State, tfsdk.State(plan), env, &resp.Diagnostics, func() { s.inner.Update(ctx, req, resp) })
	setIdentityEnvironment(ctx, resp.Identity, resp.State, env, &resp.Diagnostics)
	s.recordEnvironmentID(ctx, resp.Private, env, &resp.Diagnostics)
}

// Delete succeeds at once when the object's product environment is gone:
// the object went with it.
func (s *environmentScope) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, env := withoutEnvironment(ctx, tfsdk.Plan(req.State), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if _, ok := s.useUnlessGone(ctx, env, &resp.Diagnostics); !ok {
		return
	}
	req.State = tfsdk.State(state)
	answered(ctx, &resp.State, req.State, env, &resp.Diagnostics, func() { s.inner.Delete(ctx, req, resp) })
}

// environmentGone tells whether err says that the account has no product
// environment by the object's cloud name: the Provisioning API answered, and
// the object went with its environment.
func environmentGone(ctx context.Context, err error, env types.String) bool {
	problem := (*environmentProblem)(nil)
	if !errors.As(err, &problem) || !problem.missing {
		return false
	}
	tflog.Warn(ctx, "the object's product environment is gone, and the object with it", map[string]any{"product_environment": env.ValueString()})
	return true
}

// ImportState takes the product environment from the identity, or from an
// import ID of the form "<ID>?product_environment=<cloud name>": a question
// mark is in no import ID of its own (names, external IDs and trigger IDs
// hold none, and Cloudinary refuses it in folder paths and public IDs), and
// the query names what it sets, as CLOUDINARY_URL's ?upload_prefix= does.
func (s *environmentScope) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	env := types.StringNull()
	if req.ID != "" {
		id, cloudName, err := splitImportID(req.ID)
		if err != nil {
			resp.Diagnostics.AddError("Invalid import ID", err.Error())
			return
		}
		req.ID = id
		if cloudName != "" {
			env = types.StringValue(cloudName)
		}
	} else if req.Identity != nil {
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(productEnvironmentAttribute), &env)...)
	}
	empty, _ := withoutEnvironment(ctx, tfsdk.Plan(resp.State), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	answered(ctx, &resp.State, tfsdk.State(empty), env, &resp.Diagnostics, func() { s.inner.ImportState(ctx, req, resp) })
	setIdentityEnvironment(ctx, resp.Identity, resp.State, env, &resp.Diagnostics)
	s.recordEnvironmentID(ctx, resp.Private, env, &resp.Diagnostics)
}

// importQuery is what an import ID adds to name a product environment.
const importQuery = "?" + productEnvironmentAttribute + "="

// splitImportID reads "<ID>?product_environment=<cloud name>", or a plain
// ID (cloudName is then "").
func splitImportID(raw string) (id, cloudName string, err error) {
	id, query, found := strings.Cut(raw, "?")
	if !found {
		return raw, "", nil
	}
	values, err := url.ParseQuery(query)
	cloudName = values.Get(productEnvironmentAttribute)
	if err != nil || len(values) != 1 || len(values[productEnvironmentAttribute]) != 1 || cloudName == "" || id == "" {
		return "", "", fmt.Errorf("the import ID %q must be the object's ID, optionally followed by %s<cloud name> for "+
			"an object in another product environment of the account", raw, importQuery)
	}
	return id, cloudName, nil
}

// keepsUnchangedPlans when the wrapped type does.
func (s *environmentScope) keepsUnchangedPlans() bool {
	return claimsUnchangedPlans(s.inner)
}

// modifiesPlans when the wrapped type has a ModifyPlan.
func (s *environmentScope) modifiesPlans() bool {
	_, ok := s.inner.(resource.ResourceWithModifyPlan)
	return ok
}

// ModifyPlan runs the wrapped resource's plan-time checks against the
// product environment, or skips them (checkedIn). An unchanged object has
// nothing to check against an account: its ModifyPlan gets no provider
// data, so the environment is neither looked up nor warned about, whether
// the framework or passthroughs (ownPlanKeeps) ask.
func (s *environmentScope) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	modifier, ok := s.inner.(resource.ResourceWithModifyPlan)
	if !ok {
		return
	}
	config, _ := withoutEnvironment(ctx, tfsdk.Plan(req.Config), &resp.Diagnostics)
	plan, env := withoutEnvironment(ctx, req.Plan, &resp.Diagnostics)
	state, prior := withoutEnvironment(ctx, tfsdk.Plan(req.State), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.Plan.Raw.IsNull() {
		env = prior
	}
	s.inner.base().data = nil
	if !req.Plan.Raw.Equal(req.State.Raw) {
		s.inner.base().data = s.root.checkedIn(ctx, env, &resp.Diagnostics)
	}
	req.Config, req.Plan, req.State = tfsdk.Config(config), plan, tfsdk.State(state)
	answered(ctx, &resp.Plan, plan, env, &resp.Diagnostics, func() { modifier.ModifyPlan(ctx, req, resp) })
}

func (s *environmentScope) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	validator, ok := s.inner.(resource.ResourceWithValidateConfig)
	if !ok {
		return
	}
	config, _ := withoutEnvironment(ctx, tfsdk.Plan(req.Config), &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		req.Config = tfsdk.Config(config)
		validator.ValidateConfig(ctx, req, resp)
	}
}

func (s *environmentScope) ConfigValidators(ctx context.Context) []resource.ConfigValidator {
	if validators, ok := s.inner.(resource.ResourceWithConfigValidators); ok {
		return validators.ConfigValidators(ctx)
	}
	return nil
}

// scopedDataSource is what a wrapped data source offers.
type scopedDataSource interface {
	datasource.DataSourceWithConfigure
	base() *dataSourceBase
}

// dataSourceInProductEnvironment gives a data source type the
// product_environment attribute.
func dataSourceInProductEnvironment(newDataSource func() datasource.DataSource) func() datasource.DataSource {
	return func() datasource.DataSource {
		return &dataSourceEnvironmentScope{inner: newDataSource().(scopedDataSource)}
	}
}

type dataSourceEnvironmentScope struct {
	inner scopedDataSource
	root  *providerData
}

var _ datasource.DataSourceWithConfigure = (*dataSourceEnvironmentScope)(nil)

func (s *dataSourceEnvironmentScope) Metadata(ctx context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	s.inner.Metadata(ctx, req, resp)
}

func (s *dataSourceEnvironmentScope) Schema(ctx context.Context, req datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	s.inner.Schema(ctx, req, resp)
	resp.Schema.Attributes[productEnvironmentAttribute] = dsschema.StringAttribute{
		Optional:            true,
		MarkdownDescription: productEnvironmentDescription,
		Validators:          nameValidators(),
	}
}

func (s *dataSourceEnvironmentScope) Configure(ctx context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	s.inner.Configure(ctx, req, resp)
	s.root = s.inner.base().data
}

func (s *dataSourceEnvironmentScope) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	config, env := withoutEnvironment(ctx, tfsdk.Plan(req.Config), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	data := s.root.in(ctx, env, &resp.Diagnostics)
	if data == nil {
		return
	}
	s.inner.base().data = data
	req.Config = tfsdk.Config(config)
	answered(ctx, &resp.State, tfsdk.State(nullLike(ctx, config)), env, &resp.Diagnostics, func() { s.inner.Read(ctx, req, resp) })
}

// answered runs call, the wrapped object's method, with the response's
// state (or plan) replaced by inner, of the wrapped schema; then it puts
// back what the method answered there as a value of the outer schema, with
// product_environment set to env.
func answered[T tfsdk.State | tfsdk.Plan](ctx context.Context, field *T, inner T, env types.String, diags *diag.Diagnostics, call func()) {
	outer := *field
	*field = inner
	call()
	*field = T(withEnvironment(ctx, tfsdk.Plan(outer), tfsdk.Plan(*field), env, diags))
}

// withoutEnvironment returns a plan, state or configuration (whole) as the
// wrapped object sees it: of the schema without product_environment; and the
// attribute's value.
func withoutEnvironment(ctx context.Context, whole tfsdk.Plan, diags *diag.Diagnostics) (tfsdk.Plan, types.String) {
	part := whole
	switch s := whole.Schema.(type) {
	case schema.Schema:
		s.Attributes = maps.Clone(s.Attributes)
		delete(s.Attributes, productEnvironmentAttribute)
		part.Schema = s
	case dsschema.Schema:
		s.Attributes = maps.Clone(s.Attributes)
		delete(s.Attributes, productEnvironmentAttribute)
		part.Schema = s
	default:
		diags.AddError("Unexpected schema", fmt.Sprintf("A schema of type %T cannot be scoped to a product environment. This is a bug in the provider; please report it.", whole.Schema))
		return part, types.StringNull()
	}
	innerType := part.Schema.Type().TerraformType(ctx)
	attrs, known := objectAttributes(whole.Raw, diags)
	if !known {
		if whole.Raw.Type() == nil || whole.Raw.IsNull() {
			part.Raw = tftypes.NewValue(innerType, nil)
		} else {
			part.Raw = tftypes.NewValue(innerType, tftypes.UnknownValue)
		}
		return part, types.StringNull()
	}
	env := stringOf(attrs[productEnvironmentAttribute])
	delete(attrs, productEnvironmentAttribute)
	part.Raw = tftypes.NewValue(innerType, attrs)
	return part, env
}

// withEnvironment returns what the wrapped object answered (part) as a
// value of the outer schema (that of like), with product_environment set
// to env.
func withEnvironment(ctx context.Context, like, part tfsdk.Plan, env types.String, diags *diag.Diagnostics) tfsdk.Plan {
	out := like
	outerType := like.Schema.Type().TerraformType(ctx)
	attrs, known := objectAttributes(part.Raw, diags)
	switch {
	case known:
		attrs[productEnvironmentAttribute] = tftypes.NewValue(tftypes.String, rawString(env))
		out.Raw = tftypes.NewValue(outerType, attrs)
	case part.Raw.Type() == nil || part.Raw.IsNull():
		out.Raw = tftypes.NewValue(outerType, nil)
	default:
		out.Raw = tftypes.NewValue(outerType, tftypes.UnknownValue)
	}
	return out
}

// nullLike is a null value of the schema of like.
func nullLike(ctx context.Context, like tfsdk.Plan) tfsdk.Plan {
	like.Raw = tftypes.NewValue(like.Schema.Type().TerraformType(ctx), nil)
	return like
}

// objectAttributes are the attributes of a known object; known is false
// for a null or unknown one.
func objectAttributes(raw tftypes.Value, diags *diag.Diagnostics) (map[string]tftypes.Value, bool) {
	if raw.Type() == nil || raw.IsNull() || !raw.IsKnown() {
		return nil, false
	}
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		diags.AddError("Unexpected value", "The provider cannot read an object's attributes: "+err.Error()+". This is a bug in the provider; please report it.")
		return nil, false
	}
	return maps.Clone(attrs), true // As shares the value's own map, which must not change
}

func stringOf(v tftypes.Value) types.String {
	var s string
	switch {
	case v.Type() == nil || v.IsNull():
		return types.StringNull()
	case !v.IsKnown():
		return types.StringUnknown()
	case v.As(&s) != nil:
		return types.StringNull()
	}
	return types.StringValue(s)
}

func rawString(v types.String) any {
	switch {
	case v.IsNull():
		return nil
	case v.IsUnknown():
		return tftypes.UnknownValue
	}
	return v.ValueString()
}

// setIdentityEnvironment records the product environment in an identity.
func setIdentityEnvironment(ctx context.Context, identity *tfsdk.ResourceIdentity, state tfsdk.State, env types.String, diags *diag.Diagnostics) {
	if identity == nil || state.Raw.IsNull() {
		return
	}
	diags.Append(identity.SetAttribute(ctx, path.Root(productEnvironmentAttribute), env)...)
}
