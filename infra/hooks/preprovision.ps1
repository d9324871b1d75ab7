# azd preprovision hook (Windows, PowerShell 7.2+): the same steps as preprovision.sh, which documents them.
# The dashboard's Entra ID app registration (ID tokens, api://<appId>, the Reviewer role from
# infra/app/dashboard-app-roles.json), its service principal, the Reviewer role for the person running azd, and
# DASHBOARD_CLIENT_ID in the azd environment. Idempotent: each change only when a read shows it missing.
# DASHBOARD_SIGN_IN=false: nothing in Entra ID is touched.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$rolesFile = Join-Path $PSScriptRoot '..' 'app' 'dashboard-app-roles.json'

function Fail([string] $message) { [Console]::Error.WriteLine("preprovision: $message"); exit 1 }

# Runs az; a non-zero exit stops the hook (native commands do not throw by themselves).
function Invoke-Az {
  $output = & az @args
  if ($LASTEXITCODE -ne 0) { Fail "az $($args[0..2] -join ' ') failed (exit $LASTEXITCODE)." }
  return $output
}

# azd passes its environment's values to hooks as variables; the .env is read when one is missing.
function EnvValue([string] $name) {
  $value = [Environment]::GetEnvironmentVariable($name)
  if ($value) { return $value }
  $value = & azd env get-value $name 2>$null
  if ($LASTEXITCODE -eq 0 -and $value) { return "$value".Trim() }
  return ''
}

$signIn = (EnvValue 'DASHBOARD_SIGN_IN').ToLowerInvariant()
if ($signIn -eq 'false') {
  if (EnvValue 'DASHBOARD_CLIENT_ID') {
    Write-Host 'DASHBOARD_SIGN_IN=false: Entra ID left alone; the app registration in DASHBOARD_CLIENT_ID is used as it is.'
  } else {
    Write-Host 'DASHBOARD_SIGN_IN=false: no app registration; the dashboard, review and feedback routes stay off.'
  }
  exit 0
}
if ($signIn -and $signIn -ne 'true') { Fail "DASHBOARD_SIGN_IN must be true or false, not '$signIn'." }

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
  Fail 'the Azure CLI (az) is needed to create the dashboard''s app registration: https://aka.ms/installazurecli, or set DASHBOARD_SIGN_IN=false.'
}
if (-not (Test-Path $rolesFile)) { Fail "$rolesFile is missing." }
$roleId = (Get-Content $rolesFile -Raw | ConvertFrom-Json)[0].id
if (-not $roleId) { Fail "$rolesFile declares no role id." }

$envName = EnvValue 'AZURE_ENV_NAME'
if (-not $envName) { Fail 'AZURE_ENV_NAME is not set: run this through azd (azd up / azd provision).' }
$displayName = "TechLead dashboard ($envName)"

$storedClientId = EnvValue 'DASHBOARD_CLIENT_ID'
$clientId = $storedClientId
if ($clientId) {
  & az ad app show --id $clientId --query appId -o tsv | Out-Null
  if ($LASTEXITCODE -ne 0) {
    Fail "DASHBOARD_CLIENT_ID=$clientId is not an app registration this account can read. Unset it to create one, or set DASHBOARD_SIGN_IN=false to use it without these checks."
  }
} else {
  $clientId = Invoke-Az ad app list --filter "displayName eq '$displayName'" --query '[0].appId' -o tsv
  if (-not $clientId) {
    $clientId = Invoke-Az ad app create --display-name $displayName --sign-in-audience AzureADMyOrg `
      --enable-id-token-issuance true --app-roles "@$rolesFile" --query appId -o tsv
    if (-not $clientId) { Fail 'az ad app create returned no appId.' }
    Write-Host "Created the app registration '$displayName' ($clientId)."
  } else {
    Write-Host "Reusing the app registration '$displayName' ($clientId)."
  }
}

$identifier = "api://$clientId"
$identifierUris = @(Invoke-Az ad app show --id $clientId --query identifierUris -o tsv | Where-Object { $_ })
if ($identifierUris -notcontains $identifier) {
  Invoke-Az ad app update --id $clientId --identifier-uris @($identifierUris + $identifier) | Out-Null
  Write-Host "Set the Application ID URI $identifier."
}

$idTokens = Invoke-Az ad app show --id $clientId --query web.implicitGrantSettings.enableIdTokenIssuance -o tsv
if ("$idTokens".ToLowerInvariant() -ne 'true') {
  Invoke-Az ad app update --id $clientId --enable-id-token-issuance true | Out-Null
  Write-Host 'Enabled ID token issuance (App Service Authentication signs people in with an ID token).'
}

$declared = Invoke-Az ad app show --id $clientId --query "appRoles[?id=='$roleId'].value" -o tsv
if (-not $declared) {
  Invoke-Az ad app update --id $clientId --app-roles "@$rolesFile" | Out-Null
  Write-Host 'Declared the Reviewer app role.'
}

$spId = Invoke-Az ad sp list --filter "appId eq '$clientId'" --query '[0].id' -o tsv
if (-not $spId) {
  $spId = Invoke-Az ad sp create --id $clientId --query id -o tsv
  if (-not $spId) { Fail 'az ad sp create returned no id.' }
  Write-Host "Created the service principal (enterprise application) $spId."
}

# A pipeline signed in as a service principal has no signed-in user: assignments are then made by hand.
$userId = & az ad signed-in-user show --query id -o tsv 2>$null
if ($LASTEXITCODE -eq 0 -and $userId) {
  $assignments = "https://graph.microsoft.com/v1.0/servicePrincipals/$spId/appRoleAssignedTo"
  $assigned = @(Invoke-Az rest --method GET --url $assignments --query "value[?appRoleId=='$roleId'].principalId" -o tsv)
  if ($assigned -notcontains $userId) {
    # The body goes through a file: PowerShell's quoting of JSON for native commands differs between versions.
    $body = New-TemporaryFile
    try {
      @{ principalId = $userId; resourceId = $spId; appRoleId = $roleId } | ConvertTo-Json -Compress | Set-Content $body -NoNewline
      Invoke-Az rest --method POST --url $assignments --headers 'Content-Type=application/json' --body "@$body" -o none | Out-Null
    } finally { Remove-Item $body -Force }
    Write-Host "Gave you ($userId) the Reviewer role."
  }
} else {
  Write-Host 'No signed-in user (a service principal runs azd): assign the Reviewer role to people in Enterprise applications.'
}

if ($storedClientId -ne $clientId) {
  & azd env set DASHBOARD_CLIENT_ID $clientId
  if ($LASTEXITCODE -ne 0) { Fail 'azd env set DASHBOARD_CLIENT_ID failed.' }
}
