#!/usr/bin/env bash
# azd preprovision hook: the dashboard's Entra ID app registration, before Bicep needs its client id.
# Creates or reuses the registration (ID tokens, api://<appId>, the Reviewer role from infra/app/dashboard-app-roles.json),
# its service principal, gives the person running azd the Reviewer role, and stores DASHBOARD_CLIENT_ID in the azd
# environment. Idempotent: every change is made only when a read shows it missing. The redirect URI needs the app's
# host name, known only after provisioning: postprovision.sh adds it.
# DASHBOARD_SIGN_IN=false: nothing in Entra ID is touched (DASHBOARD_CLIENT_ID, if set by hand, is used as is).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
roles_file="$here/../app/dashboard-app-roles.json"

fail() { echo "preprovision: $*" >&2; exit 1; }

# azd passes its environment's values to hooks as variables; the .env is read when one is missing.
env_value() {
  local name="$1"
  if [ -n "${!name:-}" ]; then printf '%s' "${!name}"; else azd env get-value "$name" 2>/dev/null || true; fi
}

sign_in="$(env_value DASHBOARD_SIGN_IN | tr '[:upper:]' '[:lower:]')"
case "$sign_in" in
  "" | true) ;;
  false)
    if [ -n "$(env_value DASHBOARD_CLIENT_ID)" ]; then
      echo "DASHBOARD_SIGN_IN=false: Entra ID left alone; the app registration in DASHBOARD_CLIENT_ID is used as it is."
    else
      echo "DASHBOARD_SIGN_IN=false: no app registration; the dashboard, review and feedback routes stay off."
    fi
    exit 0 ;;
  *) fail "DASHBOARD_SIGN_IN must be true or false, not '$sign_in'." ;;
esac

command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is needed to create the dashboard's app registration: https://aka.ms/installazurecli, or set DASHBOARD_SIGN_IN=false."
[ -f "$roles_file" ] || fail "$roles_file is missing."
role_id="$(sed -n 's/.*"id": *"\([0-9a-fA-F-]\{36\}\)".*/\1/p' "$roles_file" | head -n 1)"
[ -n "$role_id" ] || fail "$roles_file declares no role id."

env_name="$(env_value AZURE_ENV_NAME)"
[ -n "$env_name" ] || fail "AZURE_ENV_NAME is not set: run this through azd (azd up / azd provision)."
display_name="TechLead dashboard ($env_name)"

client_id="$(env_value DASHBOARD_CLIENT_ID)"
if [ -n "$client_id" ]; then
  az ad app show --id "$client_id" --query appId -o tsv >/dev/null \
    || fail "DASHBOARD_CLIENT_ID=$client_id is not an app registration this account can read. Unset it to create one, or set DASHBOARD_SIGN_IN=false to use it without these checks."
else
  client_id="$(az ad app list --filter "displayName eq '$display_name'" --query "[0].appId" -o tsv)"
  if [ -z "$client_id" ]; then
    client_id="$(az ad app create --display-name "$display_name" --sign-in-audience AzureADMyOrg \
      --enable-id-token-issuance true --app-roles "@$roles_file" --query appId -o tsv)"
    [ -n "$client_id" ] || fail "az ad app create returned no appId."
    echo "Created the app registration '$display_name' ($client_id)."
  else
    echo "Reusing the app registration '$display_name' ($client_id)."
  fi
fi

# Each setting is read first and written only when it differs, so a second run changes nothing.
identifier="api://$client_id"
identifier_uris="$(az ad app show --id "$client_id" --query identifierUris -o tsv)"
if ! grep -qxF "$identifier" <<<"$identifier_uris"; then
  # shellcheck disable=SC2086 # one URI per line: each becomes its own argument, the existing ones are kept.
  az ad app update --id "$client_id" --identifier-uris $identifier_uris "$identifier"
  echo "Set the Application ID URI $identifier."
fi

id_tokens="$(az ad app show --id "$client_id" --query web.implicitGrantSettings.enableIdTokenIssuance -o tsv)"
if [ "$(tr '[:upper:]' '[:lower:]' <<<"$id_tokens")" != true ]; then
  az ad app update --id "$client_id" --enable-id-token-issuance true
  echo "Enabled ID token issuance (App Service Authentication signs people in with an ID token)."
fi

declared="$(az ad app show --id "$client_id" --query "appRoles[?id=='$role_id'].value" -o tsv)"
if [ -z "$declared" ]; then
  az ad app update --id "$client_id" --app-roles "@$roles_file"
  echo "Declared the Reviewer app role."
fi

sp_id="$(az ad sp list --filter "appId eq '$client_id'" --query "[0].id" -o tsv)"
if [ -z "$sp_id" ]; then
  sp_id="$(az ad sp create --id "$client_id" --query id -o tsv)"
  [ -n "$sp_id" ] || fail "az ad sp create returned no id."
  echo "Created the service principal (enterprise application) $sp_id."
fi

# A pipeline signed in as a service principal has no signed-in user: assignments are then made by hand.
if user_id="$(az ad signed-in-user show --query id -o tsv 2>/dev/null)" && [ -n "$user_id" ]; then
  assignments="https://graph.microsoft.com/v1.0/servicePrincipals/$sp_id/appRoleAssignedTo"
  assigned="$(az rest --method GET --url "$assignments" --query "value[?appRoleId=='$role_id'].principalId" -o tsv)"
  if ! grep -qxF "$user_id" <<<"$assigned"; then
    az rest --method POST --url "$assignments" --headers "Content-Type=application/json" \
      --body "{\"principalId\":\"$user_id\",\"resourceId\":\"$sp_id\",\"appRoleId\":\"$role_id\"}" -o none
    echo "Gave you ($user_id) the Reviewer role."
  fi
else
  echo "No signed-in user (a service principal runs azd): assign the Reviewer role to people in Enterprise applications."
fi

if [ "$(env_value DASHBOARD_CLIENT_ID)" != "$client_id" ]; then
  azd env set DASHBOARD_CLIENT_ID "$client_id"
fi
