// The settings console (src/Web) as an Azure Static Web App. azd builds it with VITE_API_BASE_URL (an output of
// main.bicep) so it calls the Function App, which allows this origin through Console__AllowedOrigins.

@description('Name of the Static Web App.')
param name string

@description('Static Web Apps run in a few regions only.')
@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
param location string

param tags object = {}

resource web 'Microsoft.Web/staticSites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // Built and uploaded by azd, not by a linked repository.
    provider: 'None'
  }
}

output name string = web.name
output uri string = 'https://${web.properties.defaultHostname}'
