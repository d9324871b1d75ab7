#!/usr/bin/env bash
# azd postprovision hook: what needs the provisioned resources.
# 1. The sign-in redirect URI on the dashboard's app registration, now that the app's host name is known
#    (AZURE_FUNCTION_APP_HOST_NAME, an output of infra/main.bicep).
# 2. The GitHub webhook secret in Key Vault (github-webhook-secret, read by GitHub__WebhookSecret), generated when
#    absent and never replaced: the value goes from openssl to a private file to `az keyvault secret set --file`,
#    never to the screen, the azd .env or a command line.
# Idempotent: a second run reads, finds everything in place, and writes nothing.
set -euo pipefail

fail() { echo "postprovision: $*" >&2; exit 1; }

env_value() {
  local name="$1"
  if [ -n "${!name:-}" ]; then printf '%s' "${!name}"; else azd env get-value "$name" 2>/dev/null || true; fi
}

# Right after provisioning, the deployer's Key Vault role may take a minute to apply: only "forbidden" is retried.
retry_seconds="${TECHLEAD_HOOK_RETRY_SECONDS:-15}"
retry_forbidden() {
  local attempt output
  for attempt in 1 2 3 4 5 6 7 8; do
    if output="$("$@" 2>&1)"; then printf '%s' "$output"; return 0; fi
    case "$output" in
      *Forbidden* | *"does not have secrets"*) [ "$attempt" -lt 8 ] && sleep "$retry_seconds" ;;
      *) printf '%s' "$output"; return 1 ;;
    esac
  done
  printf '%s' "$output"; return 1
}

sign_in="$(env_value DASHBOARD_SIGN_IN | tr '[:upper:]' '[:lower:]')"
client_id="$(env_value DASHBOARD_CLIENT_ID)"
if [ "$sign_in" != false ] && [ -n "$client_id" ]; then
  host="$(env_value AZURE_FUNCTION_APP_HOST_NAME)"
  [ -n "$host" ] || fail "AZURE_FUNCTION_APP_HOST_NAME is not set: provisioning did not finish."
  redirect="https://$host/.auth/login/aad/callback"
  redirects="$(az ad app show --id "$client_id" --query web.redirectUris -o tsv)"
  if ! grep -qxF "$redirect" <<<"$redirects"; then
    # shellcheck disable=SC2086 # one URI per line: each becomes its own argument, the existing ones are kept.
    az ad app update --id "$client_id" --web-redirect-uris $redirects "$redirect"
    echo "Added the sign-in redirect URI $redirect."
  fi
fi

vault="$(env_value AZURE_KEY_VAULT_NAME)"
[ -n "$vault" ] || fail "AZURE_KEY_VAULT_NAME is not set: provisioning did not finish."
secret_name=github-webhook-secret
if shown="$(retry_forbidden az keyvault secret show --vault-name "$vault" --name "$secret_name" --query id -o tsv)"; then
  echo "Key Vault $vault already holds $secret_name: kept."
else
  # Only a secret that is certainly absent is generated: replacing one would break the webhook GitHub already has.
  case "$shown" in
    *SecretNotFound*) ;;
    *) fail "could not read $secret_name from Key Vault $vault: $shown" ;;
  esac
  secret_file="$(mktemp)"
  trap 'rm -f "$secret_file"' EXIT
  chmod 600 "$secret_file"
  # 32 random bytes as 64 hex characters, without a newline (the file's content is the secret as GitHub will see it).
  openssl rand -hex 32 | tr -d '\n' >"$secret_file"
  [ -s "$secret_file" ] || fail "openssl produced no random bytes."
  stored="$(retry_forbidden az keyvault secret set --vault-name "$vault" --name "$secret_name" --file "$secret_file" \
    --encoding utf-8 --content-type text/plain --query id -o tsv)" \
    || fail "could not store $secret_name in Key Vault $vault (a deleted secret of that name must be purged or recovered first): $stored"
  echo "Generated $secret_name into Key Vault $vault; GitHub's webhook must use the same value (setup github-app, or docs/github-webhook.md)."
fi
