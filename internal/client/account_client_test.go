package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const testAccountID = "16a8ff3b-736b-49a6-85c0-03b69d5a357b"

// scriptedAccountClient is an account client of a server that answers
// with script (see scriptedServer).
func scriptedAccountClient(t *testing.T, script ...http.HandlerFunc) *AccountClient {
	t.Helper()
	srvURL, _ := scriptedServer(t, script...)
	c, err := NewAccountClient(AccountConfig{AccountID: testAccountID, APIKey: "acct-key", APISecret: "acct-s3cr3t", BaseURL: srvURL,
		UserAgent: "tests/1", MinRetryWait: time.Millisecond, MaxRetryWait: 10 * time.Millisecond, MaxRateLimitWait: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// answerStatus answers with a status and a body.
func answerStatus(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_, _ = io.WriteString(w, body)
	}
}

// sentRequest is what a recorder saw of one request.
type sentRequest struct {
	Method, Path, ContentType, UserAgent, User, Password string
	Query                                                url.Values
	Body                                                 map[string]any
}

// recorder records the requests it answers with body.
type recorder struct {
	mu   sync.Mutex
	sent []sentRequest
	body string
}

func (rec *recorder) handle(w http.ResponseWriter, r *http.Request) {
	s := sentRequest{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), ContentType: r.Header.Get("Content-Type"), UserAgent: r.UserAgent()}
	s.User, s.Password, _ = r.BasicAuth()
	if raw, _ := io.ReadAll(r.Body); len(raw) > 0 {
		if err := json.Unmarshal(raw, &s.Body); err != nil {
			s.Body = map[string]any{"<not JSON>": string(raw)}
		}
	}
	rec.mu.Lock()
	rec.sent = append(rec.sent, s)
	rec.mu.Unlock()
	answer(rec.body)(w, r)
}

func (rec *recorder) last(t *testing.T) sentRequest {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.sent) == 0 {
		t.Fatal("no request was sent")
	}
	return rec.sent[len(rec.sent)-1]
}

func recordingAccountClient(t *testing.T, body string) (*AccountClient, *recorder) {
	t.Helper()
	rec := &recorder{body: body}
	return scriptedAccountClient(t, rec.handle), rec
}

func TestNewAccountClientNamesWhatIsMissing(t *testing.T) {
	_, err := NewAccountClient(AccountConfig{APISecret: "acct-s3cr3t"})
	if err == nil || !strings.Contains(err.Error(), "account ID is empty") || !strings.Contains(err.Error(), "account API key is empty") ||
		strings.Contains(err.Error(), "secret is empty") || strings.Contains(err.Error(), "acct-s3cr3t") {
		t.Fatalf("error %v", err)
	}
	c, err := NewAccountClient(AccountConfig{AccountID: "a", APIKey: "k", APISecret: "s", BaseURL: "https://api-eu.cloudinary.com"})
	if err != nil || c.BaseURL() != "https://api-eu.cloudinary.com/v1_1" || c.AccountID() != "a" {
		t.Fatalf("client %+v, %v", c, err)
	}
	if _, err := NewAccountClient(AccountConfig{AccountID: "a", APIKey: "k", APISecret: "s", BaseURL: "http://api.example.com"}); err == nil {
		t.Fatal("plain http to a remote host was accepted")
	}
}

// Requests as the SDK generated from Cloudinary's OpenAPI sends them: JSON
// bodies with real booleans, Basic authentication with the account key,
// filters in the query with arrays as repeated keys.
func TestProductEnvironmentRequests(t *testing.T) {
	ctx := context.Background()
	c, rec := recordingAccountClient(t, `{"id":"e1","sub_accounts":[]}`)
	base := "/v1_1/provisioning/accounts/" + testAccountID

	_, err := c.CreateProductEnvironment(ctx, ProductEnvironmentParams{Name: "Shop", CloudName: "shop", Enabled: ptr(false),
		CustomAttributes: map[string]string{"team": "web"}, BaseProductEnvironmentID: "base1"})
	want := sentRequest{Method: http.MethodPost, Path: base + "/sub_accounts", ContentType: "application/json", UserAgent: "tests/1",
		User: "acct-key", Password: "acct-s3cr3t", Query: url.Values{},
		Body: map[string]any{"name": "Shop", "cloud_name": "shop", "enabled": false, "custom_attributes": map[string]any{"team": "web"}, "base_sub_account_id": "base1"}}
	if got := rec.last(t); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("create sent %+v (%v), want %+v", got, err, want)
	}

	// An update sends only what is set, never a base; an empty map clears
	// the attributes, a nil one leaves them.
	_, err = c.UpdateProductEnvironment(ctx, "e1", ProductEnvironmentParams{CustomAttributes: map[string]string{}, BaseProductEnvironmentID: "base1"})
	if got := rec.last(t); err != nil || got.Method != http.MethodPut || got.Path != base+"/sub_accounts/e1" ||
		!reflect.DeepEqual(got.Body, map[string]any{"custom_attributes": map[string]any{}}) {
		t.Fatalf("update sent %+v (%v)", got, err)
	}
	_, err = c.UpdateProductEnvironment(ctx, "e1", ProductEnvironmentParams{Name: "Store"})
	if got := rec.last(t); err != nil || !reflect.DeepEqual(got.Body, map[string]any{"name": "Store"}) {
		t.Fatalf("update sent %+v (%v)", got, err)
	}

	_, err = c.ListProductEnvironments(ctx, ProductEnvironmentFilter{Enabled: ptr(true), IDs: []string{"a", "b"}, CloudNames: []string{"c"}, Prefix: "sh"})
	wantQuery := url.Values{"enabled": {"true"}, "ids": {"a", "b"}, "cloud_names": {"c"}, "prefix": {"sh"}}
	if got := rec.last(t); err != nil || got.Method != http.MethodGet || !reflect.DeepEqual(got.Query, wantQuery) || got.Body != nil {
		t.Fatalf("list sent %+v (%v)", got, err)
	}
	_, err = c.ListProductEnvironments(ctx, ProductEnvironmentFilter{})
	if got := rec.last(t); err != nil || len(got.Query) != 0 {
		t.Fatalf("unfiltered list sent %+v (%v)", got, err)
	}

	err = c.DeleteProductEnvironment(ctx, "e/1")
	if got := rec.last(t); err != nil || got.Method != http.MethodDelete || got.Path != base+"/sub_accounts/e/1" || got.Body != nil {
		t.Fatalf("delete sent %+v (%v)", got, err)
	}
}

func TestAccessKeyRequests(t *testing.T) {
	ctx := context.Background()
	c, rec := recordingAccountClient(t, `{"api_key":"814","api_secret":"sec"}`)
	keys := "/v1_1/provisioning/accounts/" + testAccountID + "/sub_accounts/e1/access_keys"

	_, err := c.CreateAccessKey(ctx, "e1", AccessKeyParams{Name: "ci", Enabled: ptr(false)})
	if got := rec.last(t); err != nil || got.Method != http.MethodPost || got.Path != keys ||
		!reflect.DeepEqual(got.Body, map[string]any{"name": "ci", "enabled": false}) {
		t.Fatalf("create sent %+v (%v)", got, err)
	}
	// dedicated_for is a string in the OpenAPI's AccessKeyUpdateRequest.
	_, err = c.UpdateAccessKey(ctx, "e1", "814", AccessKeyParams{Enabled: ptr(true), DedicatedFor: []string{"webhooks"}})
	if got := rec.last(t); err != nil || got.Method != http.MethodPut || got.Path != keys+"/814" ||
		!reflect.DeepEqual(got.Body, map[string]any{"enabled": true, "dedicated_for": "webhooks"}) {
		t.Fatalf("update sent %+v (%v)", got, err)
	}
	err = c.DeleteAccessKey(ctx, "e1", "814")
	if got := rec.last(t); err != nil || got.Method != http.MethodDelete || got.Path != keys+"/814" || len(got.Query) != 0 || got.Body != nil {
		t.Fatalf("delete sent %+v (%v)", got, err)
	}
	if err := c.DeleteAccessKey(ctx, "e1", ""); err == nil || !strings.Contains(err.Error(), "API key must not be empty") {
		t.Fatalf("delete without a key: %v", err)
	}
}

// The API takes dedicated_for only on update: a create with one updates
// the key it made, and keeps its secret from the create's answer.
func TestCreateAccessKeyDedicatesItAfterwards(t *testing.T) {
	c := scriptedAccountClient(t,
		answer(`{"name":"hooks","api_key":"814","api_secret":"sec","enabled":true}`),
		answer(`{"name":"hooks","api_key":"814","api_secret":"*****sec","enabled":true,"dedicated_for":["webhooks"]}`),
	)
	key, err := c.CreateAccessKey(context.Background(), "e1", AccessKeyParams{Name: "hooks", DedicatedFor: []string{"webhooks"}})
	if err != nil || key.APISecret != "sec" || !reflect.DeepEqual(key.DedicatedFor, []string{"webhooks"}) {
		t.Fatalf("key %+v, %v", key, err)
	}
	failing := scriptedAccountClient(t,
		answer(`{"name":"hooks","api_key":"814","api_secret":"sec","enabled":true}`),
		answerStatus(http.StatusBadRequest, `{"error":{"message":"bad dedicated_for"}}`),
	)
	key, err = failing.CreateAccessKey(context.Background(), "e1", AccessKeyParams{Name: "hooks", DedicatedFor: []string{"webhooks"}})
	if err == nil || key.APIKey != "814" || key.APISecret != "sec" || !strings.Contains(err.Error(), "created the access key 814") {
		t.Fatalf("key %+v, %v", key, err)
	}
}

// The keys listing pages with page, page_size and total (Cloudinary's
// OpenAPI getAccessKeys; the official SDKs' list tests): every page is
// read, and the listing also ends with a server that caps the page size or
// ignores paging.
func TestListAccessKeysReadsEveryPage(t *testing.T) {
	cases := map[string]struct {
		keys, pageCap int
		ignorePaging  bool
		omitTotal     bool
		wantCalls     int
	}{
		"one page":           {keys: 3, pageCap: 1000, wantCalls: 1},
		"three pages":        {keys: 250, pageCap: 1000, wantCalls: 3},
		"exact pages":        {keys: 200, pageCap: 1000, wantCalls: 2},
		"capped page size":   {keys: 120, pageCap: 50, wantCalls: 3},
		"paging ignored":     {keys: 150, pageCap: 1000, ignorePaging: true, wantCalls: 1},
		"no total":           {keys: 150, pageCap: 1000, omitTotal: true, wantCalls: 2},
		"no total, all once": {keys: 150, pageCap: 1000, omitTotal: true, ignorePaging: true, wantCalls: 2},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var mu sync.Mutex
			var pages []string
			c := scriptedAccountClient(t, func(w http.ResponseWriter, r *http.Request) {
				q := r.URL.Query()
				mu.Lock()
				pages = append(pages, q.Get("page"))
				mu.Unlock()
				page, _ := strconv.Atoi(q.Get("page"))
				size, _ := strconv.Atoi(q.Get("page_size"))
				size = min(size, tc.pageCap)
				from, to := (page-1)*size, page*size
				if tc.ignorePaging {
					from, to = 0, tc.keys
				}
				var items []string
				for i := from; i < min(to, tc.keys); i++ {
					items = append(items, fmt.Sprintf(`{"name":"k%d","api_key":"%05d","api_secret":"s%d","enabled":true}`, i, i, i))
				}
				total := fmt.Sprintf(`,"total":%d`, tc.keys)
				if tc.omitTotal {
					total = ""
				}
				answer(`{"access_keys":[`+strings.Join(items, ",")+`]`+total+`}`)(w, r)
			})
			keys, err := c.ListAccessKeys(context.Background(), "e1")
			if err != nil || len(keys) != tc.keys {
				t.Fatalf("%d keys, %v", len(keys), err)
			}
			for i, k := range keys {
				if k.APIKey != fmt.Sprintf("%05d", i) || k.APISecret != fmt.Sprintf("s%d", i) {
					t.Fatalf("key %d is %+v", i, k)
				}
			}
			if len(pages) != tc.wantCalls || pages[0] != "1" {
				t.Fatalf("asked for pages %v, want %d calls from page 1", pages, tc.wantCalls)
			}
		})
	}
}

// Answers as Cloudinary's OpenAPI examples and the official SDKs' tests
// show them, in every form seen.
func TestProductEnvironmentAnswers(t *testing.T) {
	c := scriptedAccountClient(t, answer(`{"cloud_name":"product1","name":"Product1","enabled":"true","id":"abc",
		"api_access_keys":[{"key":"123","secret":"asdf1JKL","enabled":true},{"key":"456","secret":"*****reT","enabled":"0"},{"key":"789"}],
		"created_at":"2016-09-27T08:00:16Z","updated_at":"2016-09-28T08:00:16Z","custom_attributes":{"k":"v","n":3}}`))
	env, err := c.GetProductEnvironment(context.Background(), "abc")
	want := ProductEnvironment{ID: "abc", Name: "Product1", CloudName: "product1", Enabled: true,
		CustomAttributes: map[string]string{"k": "v", "n": "3"},
		AccessKeys:       []EnvironmentKey{{Key: "123", Secret: "asdf1JKL", Enabled: true}, {Key: "456"}, {Key: "789"}},
		CreatedAt:        "2016-09-27T08:00:16Z", UpdatedAt: "2016-09-28T08:00:16Z"}
	if err != nil || !reflect.DeepEqual(env, want) {
		t.Fatalf("got %+v, %v\nwant %+v", env, err, want)
	}
	for _, attrs := range []string{``, `,"custom_attributes":null`, `,"custom_attributes":{}`} {
		c := scriptedAccountClient(t, answer(`{"sub_accounts":[{"id":"a","enabled":1`+attrs+`}]}`))
		envs, err := c.ListProductEnvironments(context.Background(), ProductEnvironmentFilter{})
		if err != nil || len(envs) != 1 || envs[0].CustomAttributes != nil || !envs[0].Enabled {
			t.Fatalf("%s: %+v, %v", attrs, envs, err)
		}
	}
}

func TestAccessKeyAnswers(t *testing.T) {
	cases := map[string]struct {
		body string
		want AccessKey
	}{
		"OpenAPI example": {
			body: `{"name":"main_key","api_key":"814814814814814","api_secret":"QcsQcs","created_at":"2022-03-15T11:44:48Z","updated_at":"2023-08-10T09:23:45Z","enabled":true,"root":false}`,
			want: AccessKey{Name: "main_key", APIKey: "814814814814814", APISecret: "QcsQcs", Enabled: true, CreatedAt: "2022-03-15T11:44:48Z", UpdatedAt: "2023-08-10T09:23:45Z"},
		},
		// cloudinary_npm access_keys_spec: dedicated_for comes back as an array.
		"dedicated array": {
			body: `{"api_key":"1","dedicated_for":["webhooks"],"root":"true","enabled":"false"}`,
			want: AccessKey{APIKey: "1", DedicatedFor: []string{"webhooks"}, Root: true},
		},
		"dedicated string": {body: `{"api_key":"1","dedicated_for":"webhooks"}`, want: AccessKey{APIKey: "1", DedicatedFor: []string{"webhooks"}}},
		"masked secret":    {body: `{"api_key":"1","api_secret":"*****secret","enabled":1}`, want: AccessKey{APIKey: "1", Enabled: true}},
	}
	for name, tc := range cases {
		c := scriptedAccountClient(t, answer(tc.body))
		got, err := c.UpdateAccessKey(context.Background(), "e1", "1", AccessKeyParams{})
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %+v, %v; want %+v", name, got, err, tc.want)
		}
	}
}

// pycloudinary's execute_request raises on any answer holding "error",
// whatever its status: so does the account client.
func TestAccountAnswerWithAnErrorIsAFailure(t *testing.T) {
	for body, wantMsg := range map[string]string{
		`{"error":{"message":"Customers is invalid"}}`: "Customers is invalid",
		`{"error":"Name exists"}`:                      "Name exists",
	} {
		c := scriptedAccountClient(t, answer(body))
		_, err := c.CreateProductEnvironment(context.Background(), ProductEnvironmentParams{Name: "x", CloudName: "x"})
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Message != wantMsg || !strings.Contains(err.Error(), "200 OK with an error: "+wantMsg) {
			t.Errorf("%s: %v", body, err)
		}
	}
	c := scriptedAccountClient(t, answer(`{"id":"e1","error":null}`))
	if env, err := c.GetProductEnvironment(context.Background(), "e1"); err != nil || env.ID != "e1" {
		t.Fatalf("a null error failed the call: %+v, %v", env, err)
	}
}

// Errors repeat the start of an answer that is not Cloudinary's error
// shape; the secrets in it never reach the error (or the log that shows it).
func TestAccountErrorsMaskSecrets(t *testing.T) {
	long := strings.Repeat("x", 170)
	for _, body := range []string{
		`{"access_keys":[{"api_key":"1","api_secret":"Qcs\"Qcs"}],"note":"half done"}`,
		`{"api_access_keys":[{"key":"1","secret":"QcsQcs"}]}`,
		`{"pad":"` + long + `","api_secret":"QcsQcsQcs`, // cut at 200 bytes, mid-secret
	} {
		c := scriptedAccountClient(t, answerStatus(http.StatusInternalServerError, body))
		c.retry.RetryMax = 0
		_, err := c.GetProductEnvironment(context.Background(), "e1")
		if err == nil || strings.Contains(err.Error(), "Qcs") || !strings.Contains(err.Error(), `*****`) {
			t.Errorf("%s: %v", body, err)
		}
	}
}

// The account client shares the product environment client's predicates,
// retries and rate-limit waits.
func TestAccountClientErrorsAndRetries(t *testing.T) {
	ctx := context.Background()
	forbidden := scriptedAccountClient(t, answerStatus(http.StatusForbidden, `{"error":{"message":"actions=[\"update\"]"}}`))
	if _, err := forbidden.ListProductEnvironments(ctx, ProductEnvironmentFilter{}); !IsForbidden(err) || IsUnauthorized(err) || IsNotFound(err) {
		t.Fatalf("403: %v", err)
	}
	gone := scriptedAccountClient(t, answerStatus(http.StatusNotFound, `{"error":{"message":"not found"}}`))
	if _, err := gone.GetProductEnvironment(ctx, "e1"); !IsNotFound(err) || IsForbidden(err) {
		t.Fatalf("404: %v", err)
	}
	reset := time.Now().Add(50 * time.Millisecond).UTC().Format(http.TimeFormat)
	limited := scriptedAccountClient(t, status(420, "X-FeatureRateLimit-Reset", reset), answer(`{"sub_accounts":[{"id":"a"}]}`))
	if envs, err := limited.ListProductEnvironments(ctx, ProductEnvironmentFilter{}); err != nil || len(envs) != 1 {
		t.Fatalf("after a near reset: %+v, %v", envs, err)
	}
	far := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	tooLong := scriptedAccountClient(t, status(420, "X-FeatureRateLimit-Reset", far))
	if _, err := tooLong.ListProductEnvironments(ctx, ProductEnvironmentFilter{}); !IsRateLimited(err) || !strings.Contains(err.Error(), "the Provisioning API rate limit resets at") {
		t.Fatalf("far reset: %v", err)
	}
	// A create without a unique name is not repeated after a server error:
	// it may have made the environment.
	var calls int
	var mu sync.Mutex
	once := scriptedAccountClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		mu.Unlock()
		status(http.StatusBadGateway)(w, r)
	})
	if _, err := once.CreateProductEnvironment(ctx, ProductEnvironmentParams{Name: "x"}); !MayHaveTakenEffect(err) || calls != 1 {
		t.Fatalf("create after 502: %v, %d calls", err, calls)
	}
}

// The transport logs method, path and attempt of every request: never a
// body, a query or a credential.
func TestAccountClientLogsNoSecret(t *testing.T) {
	var logged bytes.Buffer
	srvURL, _ := scriptedServer(t, status(http.StatusBadGateway), answer(`{"access_keys":[{"api_key":"1","api_secret":"key-s3cr3t"}],"total":1}`))
	c, err := NewAccountClient(AccountConfig{AccountID: testAccountID, APIKey: "acct-key", APISecret: "acct-s3cr3t", BaseURL: srvURL,
		MinRetryWait: time.Millisecond, MaxRetryWait: time.Millisecond, Logger: bufferLogger{&logged}})
	if err != nil {
		t.Fatal(err)
	}
	keys, err := c.ListAccessKeys(context.Background(), "e1")
	if err != nil || len(keys) != 1 {
		t.Fatalf("%+v, %v", keys, err)
	}
	if !strings.Contains(logged.String(), "attempt=2") || strings.Contains(logged.String(), "s3cr3t") {
		t.Fatalf("log:\n%s", logged.String())
	}
}

// bufferLogger writes the client's debug messages to a buffer.
type bufferLogger struct{ out *bytes.Buffer }

func (l bufferLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	fmt.Fprintf(l.out, "%s", msg)
	for k, v := range fields {
		fmt.Fprintf(l.out, " %s=%v", k, v)
	}
	fmt.Fprintln(l.out)
}
