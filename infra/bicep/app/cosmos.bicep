@description('Name of the Cosmos DB account.')
param accountName string
param location string
param tags object = {}

@description('Name of the database the app uses (Cosmos__Database).')
param databaseName string = 'multiphone'

// Every container the app registers (ContainerDefinition in src/Shared), with its partition key and whether items
// may carry their own TTL (those that keep history need it: revisions expire).
// A test compares this list with the app's. leases holds the change feed processor's leases.
var containers = [
  { name: 'businesses', partitionKey: '/businessId', perItemTtl: true }
  { name: 'phoneNumbers', partitionKey: '/businessId', perItemTtl: true }
  { name: 'phoneNumberIndex', partitionKey: '/id', perItemTtl: false }
  { name: 'settings', partitionKey: '/businessId', perItemTtl: true }
  { name: 'staff', partitionKey: '/businessId', perItemTtl: true }
  { name: 'staffAssignments', partitionKey: '/businessId', perItemTtl: true }
  { name: 'services', partitionKey: '/businessId', perItemTtl: true }
  { name: 'phoneServiceSelections', partitionKey: '/businessId', perItemTtl: true }
  { name: 'scheduledChanges', partitionKey: '/businessId', perItemTtl: false }
  { name: 'bulkEdits', partitionKey: '/businessId', perItemTtl: false }
  { name: 'integrations', partitionKey: '/businessId', perItemTtl: false }
  { name: 'idempotency', partitionKey: '/businessId', perItemTtl: true }
  { name: 'webhookReceipts', partitionKey: '/id', perItemTtl: true }
  { name: 'legacyNumberRoutes', partitionKey: '/id', perItemTtl: false }
  { name: 'migrationReports', partitionKey: '/runId', perItemTtl: false }
  { name: 'leases', partitionKey: '/id', perItemTtl: false }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    capabilities: [{ name: 'EnableServerless' }]
    // Data is reached with Entra ID (the app's managed identity) only; account keys are switched off.
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }

  resource database 'sqlDatabases' = {
    name: databaseName
    properties: {
      resource: { id: databaseName }
    }

    resource container 'containers' = [for container in containers: {
      name: container.name
      properties: {
        resource: {
          id: container.name
          partitionKey: { paths: [container.partitionKey], kind: 'Hash', version: 2 }
          // -1: items expire only when they say so (their own ttl); absent: TTL off.
          defaultTtl: container.perItemTtl ? -1 : null
        }
      }
    }]
  }
}

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = databaseName
