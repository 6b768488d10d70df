package emulator

// store is the emulated account. Every access holds Emulator.mu.
type store struct {
	presets         map[string]*preset
	mappings        map[string]*mapping
	transformations map[string]*transformation // by canonical name: "t_<name>" or the string
	profiles        map[string]*streamingProfile
	assets          map[assetKey]*asset
	placeholders    map[assetKey]*asset // deleted assets that have a backup
	folders         map[string]folder   // created with the Admin API (or moved), by path
	triggers        map[string]*trigger
	chunks          map[string]*chunkedUpload // by X-Unique-Upload-Id
	finishedChunks  []string                  // IDs of finished chunked uploads, oldest first
	nextID          int
	invalidated     []string // delivery URLs purged from the CDN (derived.go)

	metadataFields map[string]*metadataField
	fieldOrder     []string        // external IDs of the fields, in display order
	takenFieldIDs  map[string]bool // every field external ID ever used: they are never reused
	metadataRules  map[string]*metadataRule
}

func newStore() *store {
	s := &store{
		presets:         map[string]*preset{},
		mappings:        map[string]*mapping{},
		transformations: map[string]*transformation{},
		profiles:        map[string]*streamingProfile{},
		assets:          map[assetKey]*asset{},
		placeholders:    map[assetKey]*asset{},
		folders:         map[string]folder{},
		triggers:        map[string]*trigger{},
		chunks:          map[string]*chunkedUpload{},
		metadataFields:  map[string]*metadataField{},
		takenFieldIDs:   map[string]bool{},
		metadataRules:   map[string]*metadataRule{},
	}
	for _, p := range builtinProfiles() {
		s.profiles[p.name] = p
	}
	return s
}
