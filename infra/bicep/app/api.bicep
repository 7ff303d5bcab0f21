// The MultiPhone Functions app and the settings it reads (README.md, "Configuration"). Every service is reached with
// the app's user-assigned managed identity; the only secret, the telephony auth token, is a Key Vault reference.

param name string
param planName string
param location string
param tags object = {}
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param cosmosEndpoint string
param cosmosDatabaseName string
param signalREndpoint string
param keyVaultUri string
param telephonyAuthTokenSecretUri string
param telephonyAccountSid string
param agentStreamUrl string
param authAuthority string
param authIssuer string
param authAudience string

@description('Origin of the settings console (the Static Web App), allowed to call the API from browsers.')
param consoleOrigin string

// From three runs of `scripts/bench.sh concurrency` (2026-12-07, the shared 2-core development machine, the app
// standalone without the Functions host, the client on the same cores): figures 128, 256, 256. At 256 p99 was 39-66 ms,
// at 128 it was 22-25 ms in every run, so 128. A 2,048 MB Flex instance has 1 core and the Functions host in front:
// re-measure on Azure (README, Measuring).
@description('Concurrent HTTP requests per instance before Flex Consumption adds one.')
param httpPerInstanceConcurrency int = 128

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

module functionApp '../core/host/functions-flexconsumption.bicep' = {
  name: 'functionapp'
  params: {
    name: name
    planName: planName
    location: location
    tags: tags
    identityId: identityId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    // Two, not one: the change feed listener runs in-process beside the HTTP functions and stops when the HTTP group
    // scales to zero (no trigger tells the scale controller about a feed backlog), so realtime delivery needs an
    // instance that is always running. The second keeps realtime going when one instance is lost or replaced: the
    // change feed processor on the other takes over its leases.
    alwaysReadyHttpInstances: 2
    // The Durable docs' advice for Flex Consumption: one always-ready instance in the durable group, so migrations
    // start without waiting for a cold start.
    alwaysReadyDurableInstances: 1
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    appSettings: {
      // Azure.Identity's DefaultAzureCredential and the host's identity-based connections use this identity.
      AZURE_CLIENT_ID: identityClientId
      // The host and Durable Functions (Azure Storage provider) reach blobs, queues and tables by these service URIs
      // with the identity, as the Durable Functions identity-based connection settings name them.
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      DurableTask__HubName: 'multiphone'
      // No Cosmos__Key: the app signs in to Cosmos with its identity.
      Cosmos__Endpoint: cosmosEndpoint
      Cosmos__Database: cosmosDatabaseName
      Cosmos__ConnectionMode: 'Direct'
      Auth__Authority: authAuthority
      Auth__Issuer: authIssuer
      Auth__Audience: authAudience
      DataProtection__KeyVaultUri: keyVaultUri
      SignalR__Endpoint: signalREndpoint
      Telephony__AuthToken: '@Microsoft.KeyVault(SecretUri=${telephonyAuthTokenSecretUri})'
      Telephony__AccountSid: telephonyAccountSid
      Telephony__AgentStreamUrl: agentStreamUrl
      Telephony__PublicBaseUrl: 'https://${name}.azurewebsites.net'
      Console__AllowedOrigins__0: consoleOrigin
      // A 64 MB gen-0 budget for the GC, as scripts/run.sh gives the app (an environment variable only: the runtime
      // has no runtimeconfig name for it). The default follows what the machine reports of its caches, 2-6 MB, and the
      // app allocates 100-130 MB/s during a migration: 15-21 collections a second with the app paused a third of the
      // time, against about 2 with this budget (docs/migration.md, "Where a run's CPU goes").
      DOTNET_GCgen0size: '0x4000000'
    }
  }
}

// Flex Consumption has no platform health check: a standard availability test calls readiness every 5 minutes from
// three regions and records failures in Application Insights, where alerts can watch them.
resource readiness 'Microsoft.Insights/webtests@2022-06-15' = {
  name: 'readiness-${name}'
  location: location
  tags: union(tags, { 'hidden-link:${applicationInsights.id}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: 'readiness-${name}'
    Name: 'API readiness'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      { Id: 'us-va-ash-azr' }
      { Id: 'us-ca-sjc-azr' }
      { Id: 'emea-nl-ams-azr' }
    ]
    Request: {
      RequestUrl: '${functionApp.outputs.uri}/api/health/ready'
      HttpVerb: 'GET'
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

output name string = functionApp.outputs.name
output uri string = functionApp.outputs.uri
