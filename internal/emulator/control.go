package emulator

import (
	"encoding/json"
	"net/http"
	"time"
)

// The control API lets tests that run the emulator as a separate process do
// what in-process tests do through Faults, Counters and SetHourlyLimit.

func (e *Emulator) getCounters(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"routes":       e.counters.Snapshot(),
		"admin":        e.counters.Admin(),
		"upload":       e.counters.Upload(),
		"injected":     e.faults.Injected(),
		"rate_limited": e.counters.RateLimited(),
	})
}

// faultRequest is the JSON form of a Fault, with durations in milliseconds.
type faultRequest struct {
	Method        string  `json:"method"`
	Path          string  `json:"path"`
	Times         int     `json:"times"`
	Fraction      float64 `json:"fraction"`
	DelayMS       int     `json:"delay_ms"`
	Status        int     `json:"status"`
	Message       string  `json:"message"`
	ResetInMS     int     `json:"reset_in_ms"`
	HangUp        bool    `json:"hang_up"`
	AfterHandling bool    `json:"after_handling"`
}

func (e *Emulator) addFault(w http.ResponseWriter, r *http.Request) {
	var req faultRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "Invalid fault: "+err.Error())
		return
	}
	if req.Fraction < 0 || req.Fraction > 1 || req.Times < 0 || (req.Status != 0 && (req.Status < 400 || req.Status > 599)) {
		writeError(w, http.StatusBadRequest, "Invalid fault: times >= 0, 0 <= fraction <= 1, status 400-599")
		return
	}
	e.faults.Add(Fault{
		Method: req.Method, Path: req.Path, Times: req.Times, Fraction: req.Fraction,
		Delay: time.Duration(req.DelayMS) * time.Millisecond, Status: req.Status, Message: req.Message,
		ResetIn: time.Duration(req.ResetInMS) * time.Millisecond, HangUp: req.HangUp, AfterHandling: req.AfterHandling,
	})
	w.WriteHeader(http.StatusNoContent)
}

func (e *Emulator) setRateLimit(w http.ResponseWriter, r *http.Request) {
	var req struct {
		HourlyLimit int `json:"hourly_limit"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.HourlyLimit < 0 {
		writeError(w, http.StatusBadRequest, "Invalid rate limit: want {\"hourly_limit\": N}")
		return
	}
	e.SetHourlyLimit(req.HourlyLimit)
	w.WriteHeader(http.StatusNoContent)
}
