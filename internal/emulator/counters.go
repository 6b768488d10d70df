package emulator

import (
	"sort"
	"strings"
	"sync"
)

// counterTable counts requests per route ("GET /upload_presets/{name}"), so
// that tests and benchmarks can assert how many API calls an operation made.
type counterTable struct {
	mu          sync.Mutex
	routes      map[string]int
	rateLimited int
	// provisioningRateLimited counts the Provisioning API's 420s.
	provisioningRateLimited int
	isAdminPath             func(path string) bool // tells the Admin API's paths from the Upload API's
}

func newCounterTable(isAdminPath func(path string) bool) *counterTable {
	return &counterTable{routes: map[string]int{}, isAdminPath: isAdminPath}
}

func (c *counterTable) add(route string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.routes[route]++
}

func (c *counterTable) addRateLimited() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rateLimited++
}

func (c *counterTable) addProvisioningRateLimited() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.provisioningRateLimited++
}

// ProvisioningRateLimited is how many Provisioning API requests were refused
// with 420 because its hourly budget was spent.
func (c *counterTable) ProvisioningRateLimited() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.provisioningRateLimited
}

// RateLimited is how many Admin API requests were refused with 420 because
// the hourly budget was spent (injected faults not included).
func (c *counterTable) RateLimited() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rateLimited
}

// Route is the number of requests served by one route pattern, for example
// "GET /upload_presets/{name}".
func (c *counterTable) Route(route string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.routes[route]
}

// Snapshot copies every route's count.
func (c *counterTable) Snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.routes))
	for k, v := range c.routes {
		out[k] = v
	}
	return out
}

// Admin is the number of Admin API requests served (those that count against
// the hourly budget).
func (c *counterTable) Admin() int {
	return c.sum(c.isAdminRoute)
}

// Upload is the number of Upload API requests served.
func (c *counterTable) Upload() int {
	return c.sum(func(route string) bool { return !c.isAdminRoute(route) && !isProvisioningRoute(route) })
}

// Provisioning is the number of Provisioning API requests served (on
// every cloud of the account, like Admin and Upload: the clouds share
// their counters).
func (c *counterTable) Provisioning() int {
	return c.sum(isProvisioningRoute)
}

// isProvisioningRoute tells a Provisioning API route, counted under its
// path from /provisioning/ on.
func isProvisioningRoute(route string) bool {
	_, path, _ := strings.Cut(route, " ")
	return strings.HasPrefix(path, "/provisioning/")
}

func (c *counterTable) sum(match func(string) bool) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	total := 0
	for route, n := range c.routes {
		if match(route) {
			total += n
		}
	}
	return total
}

// Routes lists the counted routes in order, for readable test failures.
func (c *counterTable) Routes() []string {
	snap := c.Snapshot()
	out := make([]string, 0, len(snap))
	for k := range snap {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Reset sets every count back to zero.
func (c *counterTable) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.routes = map[string]int{}
	c.rateLimited, c.provisioningRateLimited = 0, 0
}

func (c *counterTable) isAdminRoute(route string) bool {
	_, path, _ := strings.Cut(route, " ")
	return c.isAdminPath(path)
}
