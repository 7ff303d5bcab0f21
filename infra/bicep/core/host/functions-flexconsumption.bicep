@description('Name of the Function App.')
param name string

@description('Name of its Flex Consumption plan.')
param planName string

param location string
param tags object = {}

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Storage account holding the deployment package container.')
param storageAccountName string

@description('Blob container the deployment package is uploaded to.')
param deploymentContainerName string

@description('Language runtime and version.')
param runtimeName string = 'dotnet-isolated'
param runtimeVersion string = '10.0'

@description('Always-ready instances of the HTTP scale group (HTTP triggers and the hosted services running beside them).')
@minValue(0)
param alwaysReadyHttpInstances int = 0

@description('Always-ready instances of the Durable scale group (orchestration, activity and entity triggers).')
@minValue(0)
param alwaysReadyDurableInstances int = 0

param maximumInstanceCount int = 40

@description('Instance memory (MB): 512, 2048 or 4096.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Concurrent HTTP invocations per instance before Flex Consumption adds one.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('App settings (name/value pairs): never secrets, which are Key Vault references instead.')
param appSettings object = {}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: [
          { name: 'http', instanceCount: alwaysReadyHttpInstances }
          { name: 'durable', instanceCount: alwaysReadyDurableInstances }
        ]
        triggers: {
          http: { perInstanceConcurrency: httpPerInstanceConcurrency }
        }
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [for setting in items(appSettings): { name: setting.key, value: setting.value }]
    }
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
