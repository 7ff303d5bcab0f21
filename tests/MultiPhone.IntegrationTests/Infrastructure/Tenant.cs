using MultiPhone.Functions.Auth;

namespace MultiPhone.IntegrationTests.Infrastructure;

/// <summary>A business owned by one test, with a client per role.</summary>
public sealed class Tenant(ApiFactory factory, string businessId) : IDisposable
{
    private readonly Dictionary<BusinessRole, HttpClient> _clients = [];

    public string BusinessId { get; } = businessId;

    public HttpClient Admin => Client(BusinessRole.Admin);

    public HttpClient Editor => Client(BusinessRole.Editor);

    public HttpClient Viewer => Client(BusinessRole.Viewer);

    public string Path(string suffix = "") => $"/api/v2/businesses/{BusinessId}{suffix}";

    public string Token(BusinessRole role) => factory.Token($"{role}-of-{BusinessId}", [(BusinessId, role)]);

    public HttpClient Client(BusinessRole role)
    {
        if (!_clients.TryGetValue(role, out var client))
        {
            _clients[role] = client = factory.ClientWithToken(Token(role));
        }
        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
