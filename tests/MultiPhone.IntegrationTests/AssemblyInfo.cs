using MultiPhone.IntegrationTests.Infrastructure;
using MultiPhone.IntegrationTests.Realtime;

// One app and one Cosmos server for the tests that need nothing special; tests isolate themselves by business id.
[assembly: AssemblyFixture(typeof(ApiFactory))]

// The same app with its change feed on, for the realtime tests.
[assembly: AssemblyFixture(typeof(RealtimeFactory))]
