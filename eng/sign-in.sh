#!/usr/bin/env bash
# Signs a demo account in through the gateway with the real authorization-code flow (login page + PKCE) and prints
# its access token:   TOKEN=$(eng/sign-in.sh clerk.north)
# Options: eng/sign-in.sh <user> [password] [client]   (defaults: Demo-Pass-2026, web-console; owners use owner-app)
# GATEWAY overrides http://localhost:8080.
set -euo pipefail
user="${1:?usage: eng/sign-in.sh <user name or phone> [password] [client]}"
password="${2:-Demo-Pass-2026}"
client="${3:-web-console}"
gateway="${GATEWAY:-http://localhost:8080}"
case "$client" in
  owner-app) redirect="propertyplatform://signin-callback" ;;
  *) redirect="http://localhost:8080/signin-callback" ;;
esac
scope="openid profile offline_access reception maintenance billing security-gate hr-training identity"

jar="$(mktemp)"; trap 'rm -f "$jar"' EXIT
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
urlencode() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$1"; }
verifier="$(openssl rand 32 | b64url)"
challenge="$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | b64url)"
authorize="/connect/authorize?client_id=$client&redirect_uri=$(urlencode "$redirect")&response_type=code&scope=$(urlencode "$scope")&state=cli&code_challenge=$challenge&code_challenge_method=S256"
location() { curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" "$@"; }

login_url="$(location "$gateway$authorize")"
form="$(curl -s -b "$jar" -c "$jar" "$login_url")"
antiforgery_name="$(grep -o 'name="__RequestVerificationToken[^"]*"' <<<"$form" | head -1 | cut -d'"' -f2)"
antiforgery_value="$(grep -o "name=\"$antiforgery_name\" type=\"hidden\" value=\"[^\"]*\"" <<<"$form" | head -1 | sed 's/.*value="//; s/"$//')"
return_url="$(grep -o 'name="ReturnUrl" type="hidden" value="[^"]*"' <<<"$form" | sed 's/.*value="//; s/"$//; s/&amp;/\&/g')"
back="$(location -X POST "$gateway/account/login" \
  --data-urlencode "$antiforgery_name=$antiforgery_value" --data-urlencode "ReturnUrl=$return_url" \
  --data-urlencode "UserName=$user" --data-urlencode "Password=$password")"
[ -n "$back" ] || { echo "sign-in refused for $user (wrong password, locked, or disabled)" >&2; exit 1; }
case "$back" in http*) ;; *) back="$gateway$back" ;; esac
callback="$(location "$back")"
code="$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$callback")"
[ -n "$code" ] || { echo "no authorization code: $callback" >&2; exit 1; }
curl -s "$gateway/connect/token" -d grant_type=authorization_code -d "client_id=$client" \
  --data-urlencode "redirect_uri=$redirect" -d "code=$code" -d "code_verifier=$verifier" \
  | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["access_token"]) if "access_token" in r else sys.exit(json.dumps(r))'
