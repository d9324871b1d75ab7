// Azure OpenAI for drafting, when DRAFTING_PROVISION=true: one account reached only with Entra ID (no keys exist to
// leak) and one model deployment. The app's identity gets Cognitive Services OpenAI User in rbac.bicep.
param name string
param location string
param tags object

@description('The model to deploy, e.g. gpt-4.1-mini.')
param modelName string

@description('The model version, e.g. 2025-04-14 for gpt-4.1-mini.')
param modelVersion string

@description('Thousands of tokens per minute for the deployment (GlobalStandard).')
param capacity int

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    // A custom subdomain is what lets Entra ID tokens reach the account; keys are switched off.
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  // The deployment is named after the model, so Drafting__Deployment reads as what it runs.
  name: modelName
  sku: { name: 'GlobalStandard', capacity: capacity }
  properties: {
    model: { format: 'OpenAI', name: modelName, version: modelVersion }
    versionUpgradeOption: 'OnceNewDefaultVersionAvailable'
  }
}

output name string = account.name
output endpoint string = account.properties.endpoint
output deploymentName string = deployment.name
