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
		"routes":                    e.counters.Snapshot(),
		"admin":                     e.counters.Admin(),
		"upload":                    e.counters.Upload(),
		"provisioning":              e.counters.Provisioning(),
		"injected":                  e.faults.Injected(),
		"rate_limited":              e.counters.RateLimited(),
		"provisioning_rate_limited": e.counters.ProvisioningRateLimited(),
	})
}

// faultRequest is the JSON form of a Fault, with durations in milliseconds.
type faultRequest struct {
	Method        string  `json:"method"`
	Path          string  `json:"path"`
	After         int     `json:"after"`
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
	if err := decodeStrict(w, r, &req); err != nil {
		writeError(w, http.StatusBadRequest, "Invalid fault: "+err.Error())
		return
	}
	if problem := req.problem(); problem != "" {
		writeError(w, http.StatusBadRequest, "Invalid fault: "+problem)
		return
	}
	e.faults.Add(Fault{
		Method: req.Method, Path: req.Path, After: req.After, Times: req.Times, Fraction: req.Fraction,
		Delay: time.Duration(req.DelayMS) * time.Millisecond, Status: req.Status, Message: req.Message,
		ResetIn: time.Duration(req.ResetInMS) * time.Millisecond, HangUp: req.HangUp, AfterHandling: req.AfterHandling,
	})
	w.WriteHeader(http.StatusNoContent)
}

// problem says what is wrong with a fault, or "".
func (req faultRequest) problem() string {
	switch {
	case req.Times < 0 || req.After < 0:
		return "times and after must not be negative"
	case req.Fraction < 0 || req.Fraction > 1:
		return "fraction must be between 0 and 1"
	case req.Status != 0 && (req.Status < 400 || req.Status > 599):
		return "status must be between 400 and 599"
	case req.DelayMS < 0 || req.ResetInMS < 0:
		return "delay_ms and reset_in_ms must not be negative"
	case req.DelayMS > 10*60*1000:
		return "delay_ms must be at most 600000 (10 minutes)"
	case req.Status == 0 && !req.HangUp && req.DelayMS == 0:
		return "a fault must set status, hang_up or delay_ms"
	case req.Status != 0 && req.HangUp:
		return "status and hang_up exclude each other"
	}
	return ""
}

// setUsage serves PUT /_emulator/usage: the usage figures as of today.
func (e *Emulator) setUsage(w http.ResponseWriter, r *http.Request) {
	var f UsageFigures
	if err := decodeStrict(w, r, &f); err != nil {
		writeError(w, http.StatusBadRequest, "Invalid usage: "+err.Error())
		return
	}
	for _, v := range f.all() {
		if v < 0 {
			writeError(w, http.StatusBadRequest, "Invalid usage: figures must not be negative")
			return
		}
	}
	e.SetUsage(f)
	w.WriteHeader(http.StatusNoContent)
}

func (e *Emulator) setRateLimit(w http.ResponseWriter, r *http.Request) {
	var req struct {
		HourlyLimit int `json:"hourly_limit"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&req); err != nil || req.HourlyLimit < 0 {
		writeError(w, http.StatusBadRequest, "Invalid rate limit: want {\"hourly_limit\": N}")
		return
	}
	e.SetHourlyLimit(req.HourlyLimit)
	w.WriteHeader(http.StatusNoContent)
}

// latencySetting is the body of PUT and GET /_emulator/latency, in the
// syntax of ParseLatency (the command's -latency flag).
type latencySetting struct {
	Latency string `json:"latency"`
}

// setLatency serves PUT /_emulator/latency: the delay of the API calls that
// arrive from now on.
func (e *Emulator) setLatency(w http.ResponseWriter, r *http.Request) {
	var req latencySetting
	if err := decodeStrict(w, r, &req); err != nil {
		writeError(w, http.StatusBadRequest, "Invalid latency setting: "+err.Error()+`; want {"latency": "120ms"}`)
		return
	}
	l, err := ParseLatency(req.Latency)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	e.SetLatency(l)
	w.WriteHeader(http.StatusNoContent)
}

func (e *Emulator) getLatency(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, latencySetting{Latency: e.Latency().String()})
}

// decodeStrict reads a control API body of at most 64 KiB into v, refusing
// fields v does not have.
func decodeStrict(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// provisioningSettings is the body of PUT /_emulator/provisioning; fields
// left out keep their value.
type provisioningSettings struct {
	Access           *bool `json:"access"`
	MaxUsers         *int  `json:"max_users"`
	HourlyLimit      *int  `json:"hourly_limit"`
	MaskSecrets      *bool `json:"mask_secrets_on_read"`
	IgnoreKeyDisable *bool `json:"ignore_key_disable"`
}

// setProvisioning serves PUT /_emulator/provisioning: whether the account
// has Provisioning API access, its user limit, the Provisioning API's
// hourly budget and its quirks.
func (e *Emulator) setProvisioning(w http.ResponseWriter, r *http.Request) {
	var req provisioningSettings
	if err := decodeStrict(w, r, &req); err != nil {
		writeError(w, http.StatusBadRequest, "Invalid provisioning settings: "+err.Error())
		return
	}
	if (req.MaxUsers != nil && *req.MaxUsers < 0) || (req.HourlyLimit != nil && *req.HourlyLimit < 0) {
		writeError(w, http.StatusBadRequest, "Invalid provisioning settings: max_users and hourly_limit must not be negative")
		return
	}
	if req.Access != nil {
		e.SetProvisioningAccess(*req.Access)
	}
	if req.MaxUsers != nil {
		e.SetMaxUsers(*req.MaxUsers)
	}
	if req.HourlyLimit != nil {
		e.SetProvisioningHourlyLimit(*req.HourlyLimit)
	}
	e.account.changeQuirks(func(q *ProvisioningQuirks) {
		if req.MaskSecrets != nil {
			q.MaskSecretsOnRead = *req.MaskSecrets
		}
		if req.IgnoreKeyDisable != nil {
			q.IgnoreKeyDisable = *req.IgnoreKeyDisable
		}
	})
	w.WriteHeader(http.StatusNoContent)
}

// markLoggedIn serves POST /_emulator/provisioning/users/{id}/login.
func (e *Emulator) markLoggedIn(w http.ResponseWriter, r *http.Request) {
	if err := e.MarkUserLoggedIn(r.PathValue("id")); err != nil {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
