// App Service Authentication (Easy Auth v2) for the Function App: everyone must sign in with the tenant's Entra ID,
// except GitHub's webhook (its HMAC signature is the gate) and the health probe (times and counts only). The app
// believes the X-MS-CLIENT-PRINCIPAL headers only because this front end strips them from clients and sets them
// itself, and only while the platform reports it on (WEBSITE_AUTH_ENABLED=True); otherwise it answers 503.
// Approving drafts needs the app role 'Reviewer' declared in dashboard-app-roles.json on the app registration,
// assigned to people in Enterprise applications; the token's roles claim carries it to the app. azd's hooks
// (infra/hooks) create the registration, declare the role and assign it to the deployer.
@description('Name of the existing Function App.')
param appName string

@description('Application (client) id of the Entra ID app registration people sign in to (ID tokens enabled, redirect URI https://<app>.azurewebsites.net/.auth/login/aad/callback).')
param clientId string

@description('Client ids of automation (daemon) apps allowed to call the API with a token for api://<clientId>; empty: only signed-in people.')
param allowedApplications array = []

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true, runtimeVersion: '~1' }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [ '/api/github/webhook', '/api/health' ]
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: { convention: 'NoProxy' }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          // The tenant's own issuer: accounts from other tenants are refused before the app sees the request.
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
          clientId: clientId
        }
        validation: {
          allowedAudiences: [ 'api://${clientId}', clientId ]
          defaultAuthorizationPolicy: empty(allowedApplications) ? {} : { allowedApplications: union([ clientId ], allowedApplications) }
        }
      }
    }
    login: {
      tokenStore: { enabled: true }
      preserveUrlFragmentsForLogins: true
    }
  }
}
