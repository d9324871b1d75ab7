# azd postprovision hook (Windows, PowerShell 7.2+): the same steps as postprovision.sh, which documents them.
# 1. The sign-in redirect URI https://<AZURE_FUNCTION_APP_HOST_NAME>/.auth/login/aad/callback on the app registration.
# 2. github-webhook-secret in Key Vault, generated when absent (32 random bytes, hex) and never replaced; the value goes
#    to a private file and `az keyvault secret set --file`, never to the screen, the azd .env or a command line.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Fail([string] $message) { [Console]::Error.WriteLine("postprovision: $message"); exit 1 }

function EnvValue([string] $name) {
  $value = [Environment]::GetEnvironmentVariable($name)
  if ($value) { return $value }
  $value = & azd env get-value $name 2>$null
  if ($LASTEXITCODE -eq 0 -and $value) { return "$value".Trim() }
  return ''
}

# Right after provisioning, the deployer's Key Vault role may take a minute to apply: only "forbidden" is retried.
$retrySeconds = if ($env:TECHLEAD_HOOK_RETRY_SECONDS) { [int] $env:TECHLEAD_HOOK_RETRY_SECONDS } else { 15 }
function RetryForbidden([string[]] $arguments) {
  for ($attempt = 1; ; $attempt++) {
    $output = (& az @arguments 2>&1 | Out-String)
    if ($LASTEXITCODE -eq 0) { return @{ Ok = $true; Output = $output } }
    if ($attempt -ge 8 -or $output -notmatch 'Forbidden|does not have secrets') { return @{ Ok = $false; Output = $output } }
    Start-Sleep -Seconds $retrySeconds
  }
}

$signIn = (EnvValue 'DASHBOARD_SIGN_IN').ToLowerInvariant()
$clientId = EnvValue 'DASHBOARD_CLIENT_ID'
if ($signIn -ne 'false' -and $clientId) {
  $appHost = EnvValue 'AZURE_FUNCTION_APP_HOST_NAME'
  if (-not $appHost) { Fail 'AZURE_FUNCTION_APP_HOST_NAME is not set: provisioning did not finish.' }
  $redirect = "https://$appHost/.auth/login/aad/callback"
  $redirects = @(& az ad app show --id $clientId --query web.redirectUris -o tsv | Where-Object { $_ })
  if ($LASTEXITCODE -ne 0) { Fail "could not read the app registration $clientId." }
  if ($redirects -notcontains $redirect) {
    & az ad app update --id $clientId --web-redirect-uris @($redirects + $redirect)
    if ($LASTEXITCODE -ne 0) { Fail "could not add the redirect URI $redirect." }
    Write-Host "Added the sign-in redirect URI $redirect."
  }
}

$vault = EnvValue 'AZURE_KEY_VAULT_NAME'
if (-not $vault) { Fail 'AZURE_KEY_VAULT_NAME is not set: provisioning did not finish.' }
$secretName = 'github-webhook-secret'
$shown = RetryForbidden @('keyvault', 'secret', 'show', '--vault-name', $vault, '--name', $secretName, '--query', 'id', '-o', 'tsv')
if ($shown.Ok) {
  Write-Host "Key Vault $vault already holds ${secretName}: kept."
  exit 0
}
# Only a secret that is certainly absent is generated: replacing one would break the webhook GitHub already has.
if ($shown.Output -notmatch 'SecretNotFound') { Fail "could not read $secretName from Key Vault ${vault}: $($shown.Output)" }

$secretFile = New-TemporaryFile
try {
  $bytes = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)
  [System.IO.File]::WriteAllText($secretFile, [System.Convert]::ToHexString($bytes).ToLowerInvariant())
  $stored = RetryForbidden @('keyvault', 'secret', 'set', '--vault-name', $vault, '--name', $secretName, '--file', $secretFile,
    '--encoding', 'utf-8', '--content-type', 'text/plain', '--query', 'id', '-o', 'tsv')
  if (-not $stored.Ok) {
    Fail "could not store $secretName in Key Vault $vault (a deleted secret of that name must be purged or recovered first): $($stored.Output)"
  }
} finally { Remove-Item $secretFile -Force }
Write-Host "Generated $secretName into Key Vault $vault; GitHub's webhook must use the same value (setup github-app, or docs/github-webhook.md)."
