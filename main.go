// Command terraform-provider-cloudinary is the Terraform provider for
// Cloudinary: upload presets, mappings, named transformations, streaming
// profiles, assets, folders and triggers, and data sources to read them.
package main

import (
	"flag"
	"log"
	"os"
	"runtime/pprof"
	"strconv"

	"github.com/mediaops/terraform-provider-cloudinary/internal/provider"
)

// version is set at build time by goreleaser (-X main.version=...).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()

	// A CPU profile of one provider process, for performance work: Terraform
	// starts the provider, so it is asked for through the environment.
	stopProfile := func() {}
	if path := os.Getenv("CLOUDINARY_PROVIDER_CPUPROFILE"); path != "" {
		var err error
		if stopProfile, err = startCPUProfile(path); err != nil {
			log.Fatal(err)
		}
	}

	err := provider.Serve(provider.New(version), debug)
	stopProfile()
	if err != nil {
		log.Fatal(err)
	}
}

// startCPUProfile profiles the process into a new file named after path and
// the process ID (Terraform may start the provider more than once).
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path + "." + strconv.Itoa(os.Getpid()))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}, nil
}
