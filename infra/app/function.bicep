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
var baseSettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  Team__Name: teamName
  Team__TimeZone: teamTimeZone
  Storage__TableServiceUri: storage.properties.primaryEndpoints.table
  Drafting__Endpoint: draftingEndpoint
  Drafting__Deployment: draftingDeployment
  Smtp__Host: smtpHost
  Smtp__Port: '587'
  Smtp__Security: 'StartTls'
  Smtp__UserName: '@Microsoft.KeyVault(${secret}/smtp-username)'
  Smtp__Password: '@Microsoft.KeyVault(${secret}/smtp-password)'
  GitHub__Token: '@Microsoft.KeyVault(${secret}/github-token)'
  GitHub__WebhookSecret: '@Microsoft.KeyVault(${secret}/github-webhook-secret)'
  // Schedules are app settings (NCRONTAB, six fields), read by the timer triggers as %Schedules:Name%.
  Schedules__WeeklyDigest: '0 0 7 * * 1'
  Schedules__ProcessWebhooks: '0 */2 * * * *'
  Schedules__SyncGitHub: '0 15 * * * *'
  Schedules__ProcessDrafts: '0 */15 * * * *'
  Schedules__ReconcileWebhooks: '0 30 5 * * *'
}
var recipientSettings = toObject(range(0, length(digestRecipients)), i => 'Digest__Recipients__${i}', i => trim(digestRecipients[i]))
var repositorySettings = toObject(range(0, length(githubRepositories)), i => 'GitHub__Repositories__${i}', i => trim(githubRepositories[i]))

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
    properties: union(baseSettings, recipientSettings, repositorySettings)
  }
}

output name string = app.name
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
