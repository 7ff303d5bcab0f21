using MultiPhone.IntegrationTests.Infrastructure;

// One app and one Cosmos server for the tests that need nothing special; tests isolate themselves by business id.
[assembly: AssemblyFixture(typeof(ApiFactory))]
