// Provisions everything the Function App needs; split like the azd Functions quickstarts: main -> app/*.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to name resources.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
param location string

@description('Object id of the person running azd, granted access to read secrets and tables for troubleshooting.')
param principalId string = ''

@description('Team:Name of the app (digest subject, idempotency key).')
param teamName string

@description('Team:TimeZone, an IANA id such as Europe/Amsterdam.')
param teamTimeZone string = 'UTC'

@description('Comma-separated digest recipients.')
param digestRecipients string

@description('SMTP relay host (Azure Communication Services: smtp.azurecomm.net).')
param smtpHost string

@description('Comma-separated owner/name list of repositories to sync.')
param githubRepositories string = ''

@description('Azure OpenAI endpoint for drafting (empty: drafts are written without a language model). Grant the app Cognitive Services OpenAI User on it.')
param draftingEndpoint string = ''

@description('The model deployment name in that Azure OpenAI resource.')
param draftingDeployment string = ''

@description('True: provision an Azure OpenAI account (keys disabled) with one model deployment for drafting, and point the app at it; draftingEndpoint and draftingDeployment are then ignored.')
param draftingProvision bool = false

@description('The model deployed when draftingProvision is true.')
param draftingModel string = 'gpt-4.1-mini'

@description('The version of that model.')
param draftingModelVersion string = '2025-04-14'

@description('Thousands of tokens per minute for that deployment.')
param draftingCapacity int = 30

@description('Entra ID app registration (client id) for signing in to the dashboard and API, with the app role in infra/app/dashboard-app-roles.json; empty: no sign-in, and the dashboard, review and feedback routes are switched off (404).')
param dashboardClientId string = ''

@description('Comma-separated Entra object ids (GUIDs; sign-in names are refused) who may approve drafts without the Reviewer app role (empty: the role decides).')
param dashboardReviewers string = ''

@description('Send max_tokens instead of max_completion_tokens (older Azure OpenAI deployments, before the o-series and gpt-5).')
param draftingUseMaxTokens bool = false

@description('GitHub App id; when set, the app signs in as the App (Key Vault secret github-app-private-key) instead of with github-token.')
param githubAppId string = ''

@description('The GitHub App installation id (with githubAppId).')
param githubInstallationId string = ''

@description('True while rotating the webhook secret: github-webhook-previous-secret also verifies deliveries.')
param webhookSecretRotation bool = false

@description('Jira base URL, e.g. https://your-team.atlassian.net (empty: no Jira sync).')
param jiraBaseUrl string = ''

@description('Jira Cloud account e-mail, used with the Key Vault secret jira-api-token; empty for Jira Data Center (secret jira-personal-access-token).')
param jiraEmail string = ''

@description('Comma-separated Jira project keys to sync.')
param jiraProjects string = ''

@description('True when the Key Vault holds chat-teams-webhook-url: a Teams Workflows webhook for the weekly summary and agreement changes.')
param chatTeams bool = false

@description('True when the Key Vault holds chat-slack-webhook-url: a Slack incoming webhook for the same messages.')
param chatSlack bool = false

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: { name: 'appi-${token}', location: location, tags: tags }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: group
  params: { name: 'st${token}', location: location, tags: tags }
}

module vault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: group
  params: { name: 'kv-${token}', location: location, tags: tags }
}

module openai 'app/openai.bicep' = if (draftingProvision) {
  name: 'openai'
  scope: group
  params: {
    name: 'oai-${token}'
    location: location
    tags: tags
    modelName: draftingModel
    modelVersion: draftingModelVersion
    capacity: draftingCapacity
  }
}

module function 'app/function.bicep' = {
  name: 'function'
  scope: group
  params: {
    name: 'func-${token}'
    planName: 'plan-${token}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: vault.outputs.uri
    teamName: teamName
    teamTimeZone: teamTimeZone
    digestRecipients: split(digestRecipients, ',')
    smtpHost: smtpHost
    githubRepositories: empty(githubRepositories) ? [] : split(githubRepositories, ',')
    draftingEndpoint: draftingProvision ? openai!.outputs.endpoint : draftingEndpoint
    draftingDeployment: draftingProvision ? openai!.outputs.deploymentName : draftingDeployment
    draftingUseMaxTokens: draftingUseMaxTokens
    githubAppId: githubAppId
    githubInstallationId: githubInstallationId
    webhookSecretRotation: webhookSecretRotation
    jiraBaseUrl: jiraBaseUrl
    jiraEmail: jiraEmail
    jiraProjects: empty(jiraProjects) ? [] : split(jiraProjects, ',')
    dashboardSignIn: !empty(dashboardClientId)
    dashboardReviewers: empty(dashboardReviewers) ? [] : split(dashboardReviewers, ',')
    chatTeams: chatTeams
    chatSlack: chatSlack
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: group
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: vault.outputs.name
    applicationInsightsName: monitoring.outputs.name
    appPrincipalId: function.outputs.principalId
    userPrincipalId: principalId
    openAiAccountName: draftingProvision ? openai!.outputs.name : ''
  }
}

module auth 'app/auth.bicep' = if (!empty(dashboardClientId)) {
  name: 'auth'
  scope: group
  params: { appName: function.outputs.name, clientId: dashboardClientId }
}

output AZURE_FUNCTION_APP_NAME string = function.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
// The sign-in redirect URI is https://<this>/.auth/login/aad/callback, set by infra/hooks/postprovision.
output AZURE_FUNCTION_APP_HOST_NAME string = function.outputs.defaultHostName
output DASHBOARD_URL string = empty(dashboardClientId) ? 'switched off: deploy with dashboardClientId to sign people in (docs/security.md)' : 'https://${function.outputs.defaultHostName}/api/dashboard'
output GITHUB_WEBHOOK_URL string = 'https://${function.outputs.defaultHostName}/api/github/webhook'
