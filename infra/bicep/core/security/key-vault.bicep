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
    // Soft delete is always on (Azure no longer lets it be turned off); a deleted vault stays recoverable for 7 days.
    // No purge protection (enablePurgeProtection is omitted: it accepts only true, and true can never be undone). It
    // guards keys that encrypt data at rest, whose loss loses the data; this vault holds app settings only, the
    // telephony token and the Data Protection key ring, and a deleted one may still be purged at once when wanted.
    // `azd down` then `azd up` needs no purge either way: the vault's name changes with the environment (main.bicep).
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
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
