using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MultiPhone.Functions.Http;

/// <summary>
/// Proxies whose X-Forwarded-For/-Proto/-Host headers are believed, so the app sees the scheme and host the caller
/// used (telephony signatures cover that URL, realtime negotiation answers with it). Nothing is trusted unless
/// configured, loopback included, in every environment.
/// </summary>
public sealed class TrustedProxiesOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. 10.0.0.4.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. 10.0.0.0/16.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var trusted = configuration.GetSection(TrustedProxiesOptions.Section).Get<TrustedProxiesOptions>() ?? new();
        // Under the Functions host the worker's own web server runs UseForwardedHeaders with these options too, and the
        // middleware believes every sender when no proxy is listed: with none configured it must apply no header at all.
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = trusted.Any
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost
                : ForwardedHeaders.None;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in trusted.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    /// <summary>Applies the forwarded headers of trusted proxies; with none configured, the request is taken as it came.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var trusted = app.ApplicationServices.GetRequiredService<IConfiguration>().GetSection(TrustedProxiesOptions.Section).Get<TrustedProxiesOptions>() ?? new();
        if (trusted.Any)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }
}
