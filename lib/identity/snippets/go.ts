// Go: standard library only; the file runs as pasted (go run) and prints a token for the sample user.
import type { SnippetContext, SnippetStack } from "./types";
import { tokenFileStack } from "./token-file-stack";

function tokenFile({ audience }: SnippetContext): string {
  return `// reqio_token.go: mint Reqio identity tokens on your server (never in the browser).
// No dependency to install: standard library only. In your app, change the package name and drop main().
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

const reqioAudience = "${audience}"

type ReqioUser struct {
	ID              string
	Email           string // "" when the user has none: the claim is then left out
	Plan            string
	PlanAmount      int64  // recurring charge in cents (2900 = $29.00); yearly plans: the annual total
	BillingInterval string // "month" or "year"
}

func signedInUser() ReqioUser {
	// >>> YOUR APP: return the signed-in user from your session (e.g. from the request's context).
	return ReqioUser{ID: "user_123", Email: "ada@example.com", Plan: "pro", PlanAmount: 2900, BillingInterval: "month"}
}

type reqioTraits struct {
	Plan     string \`json:"plan"\`
	Amount   int64  \`json:"amount"\`
	Interval string \`json:"interval"\`
}

type reqioClaims struct {
	Sub    string      \`json:"sub"\`
	Email  string      \`json:"email,omitempty"\`
	Traits reqioTraits \`json:"traits"\`
	Aud    string      \`json:"aud"\`
	Iat    int64       \`json:"iat"\`
	Exp    int64       \`json:"exp"\`
}

func MintReqioToken(user ReqioUser) (string, error) {
	// TrimSpace: a secret pasted into .env with a stray space or newline would otherwise sign with the wrong key.
	secret := strings.TrimSpace(os.Getenv("REQIO_SECRET"))
	if secret == "" {
		return "", errors.New("REQIO_SECRET is not set: copy it from Reqio > Project > Settings > Identity")
	}
	now := time.Now().Unix()
	payload, err := json.Marshal(reqioClaims{
		Sub:    user.ID,
		Email:  user.Email,
		Traits: reqioTraits{Plan: user.Plan, Amount: user.PlanAmount, Interval: user.BillingInterval},
		Aud:    reqioAudience,
		Iat:    now,
		Exp:    now + 300,
	})
	if err != nil {
		return "", err
	}
	encode := base64.RawURLEncoding.EncodeToString
	signingInput := encode([]byte(\`{"alg":"HS256","typ":"JWT"}\`)) + "." + encode(payload)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(signingInput))
	return signingInput + "." + encode(mac.Sum(nil)), nil
}

// Try it: REQIO_SECRET=... go run reqio_token.go prints a token for the sample user.
func main() {
	token, err := MintReqioToken(signedInUser())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(token)
}
`;
}

export function goStack(context: SnippetContext): SnippetStack {
  const intro = "One file, standard library only; return your signed-in user from signedInUser(), the marked line.";
  return tokenFileStack({ id: "go", label: "Go", intro }, { path: "reqio_token.go", language: "go", code: tokenFile(context) });
}
