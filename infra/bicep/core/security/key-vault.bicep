@description('Name of the Key Vault.')
param name string
param location string
param tags object = {}

@secure()
@description('The telephony account\'s auth token.')
param telephonyAuthToken string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    // Access by Azure RBAC role assignments (rbac.bicep), not vault access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }

  resource telephonyToken 'secrets' = {
    name: 'telephony-auth-token'
    properties: {
      value: telephonyAuthToken
      contentType: 'text/plain'
    }
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
output telephonyAuthTokenSecretUri string = vault::telephonyToken.properties.secretUri
