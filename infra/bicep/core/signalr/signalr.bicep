@description('Name of the Azure SignalR Service.')
param name string
param location string
param tags object = {}

@description('Browser origins allowed to connect (https://host, no trailing slash).')
param allowedOrigins string[]

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: {
    name: 'Standard_S1'
    capacity: 1
  }
  properties: {
    // Serverless: no app server keeps connections; the app talks to the service through its REST API.
    features: [
      { flag: 'ServiceMode', value: 'Serverless' }
      { flag: 'EnableConnectivityLogs', value: 'True' }
    ]
    // Only the settings console connects from a browser (voice agents are not browsers): no other site may use it.
    cors: { allowedOrigins: allowedOrigins }
    // Entra ID (the app's identity) only: no access keys.
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = signalR.name
output endpoint string = 'https://${signalR.properties.hostName}'
