using System.Net;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace MultiPhone.Cosmos;

public static class CosmosRegistration
{
    public static IServiceCollection AddCosmos(this IServiceCollection services)
    {
        services.AddOptions<CosmosOptions>()
            .BindConfiguration(CosmosOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp => CreateClient(
            sp.GetRequiredService<IOptions<CosmosOptions>>().Value,
            sp.GetServices<RequestHandler>()));
        services.AddSingleton(sp => sp.GetRequiredService<CosmosClient>()
            .GetDatabase(sp.GetRequiredService<IOptions<CosmosOptions>>().Value.Database));
        services.AddHostedService<CosmosInitializer>();
        return services;
    }

    public static IServiceCollection AddCosmosContainer(this IServiceCollection services, ContainerDefinition definition) =>
        services.AddSingleton(definition);

    internal static CosmosClient CreateClient(CosmosOptions options, IEnumerable<RequestHandler> handlers)
    {
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "multiphone",
            ConnectionMode = options.ConnectionMode,
            UseSystemTextJsonSerializerWithOptions = CosmosJson.Options,
            // Talk only to the configured endpoint: the local server advertises no usable regional endpoints.
            LimitToEndpoint = true,
        };
        // First, so the deadline covers what every other handler (and the SDK's retries below them) spends.
        clientOptions.CustomHandlers.Add(new CosmosDeadline.Handler(options.RequestDeadline));
        foreach (var handler in handlers)
        {
            clientOptions.CustomHandlers.Add(handler);
        }
        var endpoint = new Uri(options.Endpoint);
        if (options.AcceptLoopbackSelfSignedCertificate && IsLoopback(endpoint))
        {
            clientOptions.HttpClientFactory = () => new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        }
        return string.IsNullOrEmpty(options.Key)
            ? new CosmosClient(options.Endpoint, new DefaultAzureCredential(), clientOptions)
            : new CosmosClient(options.Endpoint, options.Key, clientOptions);
    }

    internal static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out var address) && IPAddress.IsLoopback(address));
}
