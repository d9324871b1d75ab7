// The Function App: Flex Consumption, .NET 10 isolated, system-assigned identity, settings from parameters and Key Vault.
param name string
param planName string
param location string
param tags object
param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string
param keyVaultUri string
param teamName string
param teamTimeZone string
param digestRecipients array
param smtpHost string
param githubRepositories array
param draftingEndpoint string
param draftingDeployment string
param draftingUseMaxTokens bool
param githubAppId string
param githubInstallationId string
param webhookSecretRotation bool
param jiraBaseUrl string
param jiraEmail string
param jiraProjects array
@description('True only when App Service Authentication is configured (auth.bicep): the dashboard, review and feedback routes are on. False: they answer 404.')
param dashboardSignIn bool
@description('Entra object ids (GUIDs, never sign-in names) who may approve drafts where the Entra app role Reviewer is not assigned.')
param dashboardReviewers array = []
param chatTeams bool
param chatSlack bool

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

var secret = 'SecretUri=${keyVaultUri}secrets'
var jira = !empty(jiraBaseUrl)
// Every key is always present (empty when unused), so the settings a deployment gets are visible in one place;
// secrets are Key Vault references only when the deployment uses them (an unresolved reference would be read as text).
var baseSettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  Team__Name: teamName
  Team__TimeZone: teamTimeZone
  Storage__TableServiceUri: storage.properties.primaryEndpoints.table
  // The app's folder is read-only in Flex Consumption; the digest's HTML copy goes to the instance's temp space.
  Digest__OutputDirectory: '/tmp/techlead/digests'
  Drafting__Endpoint: draftingEndpoint
  Drafting__Deployment: draftingDeployment
  Drafting__UseMaxTokens: draftingUseMaxTokens ? 'true' : 'false'
  Smtp__Host: smtpHost
  Smtp__Port: '587'
  Smtp__Security: 'StartTls'
  Smtp__UserName: '@Microsoft.KeyVault(${secret}/smtp-username)'
  Smtp__Password: '@Microsoft.KeyVault(${secret}/smtp-password)'
  // A personal access token, or a GitHub App (id, installation, private key) when githubAppId is set.
  GitHub__Token: empty(githubAppId) ? '@Microsoft.KeyVault(${secret}/github-token)' : ''
  GitHub__AppId: githubAppId
  GitHub__InstallationId: githubInstallationId
  GitHub__PrivateKey: empty(githubAppId) ? '' : '@Microsoft.KeyVault(${secret}/github-app-private-key)'
  GitHub__WebhookSecret: '@Microsoft.KeyVault(${secret}/github-webhook-secret)'
  // During a rotation both secrets verify deliveries.
  GitHub__WebhookPreviousSecret: webhookSecretRotation ? '@Microsoft.KeyVault(${secret}/github-webhook-previous-secret)' : ''
  // Jira Cloud signs in with an e-mail and API token; Jira Data Center with a personal access token (no e-mail).
  Jira__BaseUrl: jiraBaseUrl
  Jira__Email: jiraEmail
  Jira__ApiToken: jira && !empty(jiraEmail) ? '@Microsoft.KeyVault(${secret}/jira-api-token)' : ''
  Jira__PersonalAccessToken: jira && empty(jiraEmail) ? '@Microsoft.KeyVault(${secret}/jira-personal-access-token)' : ''
  // Schedules are app settings (NCRONTAB, six fields), read by the timer triggers as %Schedules:Name%.
  Schedules__WeeklyDigest: '0 0 7 * * 1'
  Schedules__ProcessWebhooks: '0 */2 * * * *'
  Schedules__SyncGitHub: '0 15 * * * *'
  Schedules__SyncJira: '0 15 * * * *'
  Schedules__ProcessDrafts: '0 */15 * * * *'
  Schedules__ReconcileWebhooks: '0 30 5 * * *'
  Schedules__ExpireFeedback: '0 45 4 * * *'
  // Never an open dashboard: without sign-in the dashboard, review and feedback routes are switched off (404).
  Dashboard__Enabled: dashboardSignIn ? 'true' : 'false'
  // Always the platform's sign-in, never decided by which variables a plan happens to set: Local (no sign-in) would
  // make every caller a reviewer. Without App Service Authentication people get 503, never an open dashboard.
  Dashboard__Authentication: 'AppService'
  // Chat: the team's Teams Workflows and Slack webhook addresses are secrets (anyone holding one can post).
  Team__Chat__TeamsWebhookUrl: chatTeams ? '@Microsoft.KeyVault(${secret}/chat-teams-webhook-url)' : ''
  Team__Chat__SlackWebhookUrl: chatSlack ? '@Microsoft.KeyVault(${secret}/chat-slack-webhook-url)' : ''
  Schedules__Notify: '0 30 * * * *'
}
var recipientSettings = toObject(range(0, length(digestRecipients)), i => 'Digest__Recipients__${i}', i => trim(digestRecipients[i]))
var repositorySettings = toObject(range(0, length(githubRepositories)), i => 'GitHub__Repositories__${i}', i => trim(githubRepositories[i]))
var jiraProjectSettings = toObject(range(0, length(jiraProjects)), i => 'Jira__Projects__${i}', i => trim(jiraProjects[i]))
var reviewerSettings = toObject(range(0, length(dashboardReviewers)), i => 'Dashboard__Reviewers__${i}', i => trim(dashboardReviewers[i]))

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: { minTlsVersion: '1.2' }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    // The digest links definitions, drafts and "all on the dashboard" to this app's dashboard, when it is on.
    properties: union(baseSettings, { Digest__DashboardUrl: dashboardSignIn ? 'https://${app.properties.defaultHostName}/api/dashboard' : '' }, recipientSettings, repositorySettings, jiraProjectSettings, reviewerSettings)
  }
}

output name string = app.name
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
