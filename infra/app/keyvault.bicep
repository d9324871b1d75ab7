// Secrets the app reads through Key Vault references: github-token or github-app-private-key, github-webhook-secret
// (and github-webhook-previous-secret while rotating), smtp-username, smtp-password, jira-api-token or jira-personal-access-token,
// chat-teams-webhook-url and chat-slack-webhook-url (when chatTeams / chatSlack).
param name string
param location string
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
