//go:build race

package client

// raceEnabled tells tests that the race detector slows this build.
const raceEnabled = true
