targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment: part of every resource name and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Azure region of every resource.')
param location string

@secure()
@description('The telephony account\'s auth token, the key of its webhook signatures. Kept in Key Vault only.')
param telephonyAuthToken string

@description('Telephony account SID whose webhooks are accepted; empty accepts any account signed with the token.')
param telephonyAccountSid string = ''

@description('wss:// URL of the voice agents\' media stream that open locations hand calls to.')
param agentStreamUrl string

@description('OpenID Connect authority whose published keys sign the API\'s bearer tokens.')
param authAuthority string

@description('Issuer the API\'s bearer tokens must carry.')
param authIssuer string

@description('Audience the API\'s bearer tokens must carry.')
param authAudience string = 'multiphone-api'

@description('Region of the settings console (Static Web Apps run in a few regions only).')
@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
param webLocation string = 'eastus2'

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containers: [deploymentContainerName]
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    accountName: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    location: location
    tags: tags
  }
}

module signalR 'core/signalr/signalr.bicep' = {
  name: 'signalr'
  scope: rg
  params: {
    name: '${abbrs.signalRServiceSignalR}${resourceToken}'
    location: location
    tags: tags
    allowedOrigins: [web.outputs.uri]
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    // Not from resourceToken like the other names: `azd down` leaves the vault soft-deleted, holding its name for the
    // retention period, and `azd up` in the same environment would fail to create it again. The identity is new in
    // every resource group `azd up` creates and the same on every later provision, so the name is stable while the
    // environment lives (the Data Protection key ring stays) and new after `azd down`, with no purge needed.
    name: '${abbrs.keyVaultVaults}${take(uniqueString(identity.outputs.principalId), 13)}'
    location: location
    tags: tags
    telephonyAuthToken: telephonyAuthToken
  }
}

module web 'app/web.bicep' = {
  name: 'web'
  scope: rg
  params: {
    name: '${abbrs.webStaticSites}${resourceToken}'
    location: webLocation
    tags: tags
  }
}

module rbac 'rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    cosmosAccountName: cosmos.outputs.accountName
    signalRName: signalR.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    signalREndpoint: signalR.outputs.endpoint
    keyVaultUri: keyVault.outputs.uri
    telephonyAuthTokenSecretUri: keyVault.outputs.telephonyAuthTokenSecretUri
    telephonyAccountSid: telephonyAccountSid
    agentStreamUrl: agentStreamUrl
    authAuthority: authAuthority
    authIssuer: authIssuer
    authAudience: authAudience
    consoleOrigin: web.outputs.uri
  }
  // The app reads storage, Cosmos and Key Vault with its identity from its first start.
  dependsOn: [rbac]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output API_BASE_URL string = api.outputs.uri
output WEB_URL string = web.outputs.uri
// azd passes outputs to service builds as environment variables: the console is built to call the API.
output VITE_API_BASE_URL string = api.outputs.uri
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output SIGNALR_ENDPOINT string = signalR.outputs.endpoint
output KEY_VAULT_URI string = keyVault.outputs.uri
