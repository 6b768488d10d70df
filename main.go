// Command terraform-provider-cloudinary is the Terraform provider for
// Cloudinary: upload presets, mappings, named transformations, streaming
// profiles, assets, folders and triggers, and data sources to read them.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/mediaops/terraform-provider-cloudinary/internal/provider"
)

// version is set at build time by goreleaser (-X main.version=...).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/mediaops/cloudinary",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	if err != nil {
		log.Fatal(err)
	}
}
