// One account: the Functions host (deployment package, timers' leases) and the product's tables.
param name string
param location string
param tags object

var deploymentContainerName = 'app-package'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // Identity-based access only: no keys in app settings.
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }

  resource blobs 'blobServices' = {
    name: 'default'
    resource deployment 'containers' = { name: deploymentContainerName }
  }
}

output name string = account.name
output deploymentContainerName string = deploymentContainerName
