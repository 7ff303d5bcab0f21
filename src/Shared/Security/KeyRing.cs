using System.Text.RegularExpressions;
using System.Xml.Linq;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;

namespace MultiPhone.Security;

/// <summary>
/// The Data Protection key ring (it encrypts integration secrets). Locally it lives in the user profile. In Azure
/// every instance must share it and keep it across restarts, so with <c>DataProtection:KeyVaultUri</c> set it is kept
/// in Key Vault, one secret per key: encrypted at rest by Key Vault and readable only by the app's identity.
/// </summary>
public static class KeyRing
{
    public const string KeyVaultUriSetting = "DataProtection:KeyVaultUri";

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("MultiPhone");
        if (configuration[KeyVaultUriSetting] is { Length: > 0 } vaultUri)
        {
            var secrets = new SecretClient(new Uri(vaultUri), new DefaultAzureCredential());
            services.Configure<KeyManagementOptions>(options => options.XmlRepository = new KeyVaultXmlRepository(secrets));
        }
        return services;
    }
}

/// <summary>Stores each key of the ring as a Key Vault secret named <c>dataprotection-{key name}</c>.</summary>
internal sealed partial class KeyVaultXmlRepository(SecretClient secrets) : IXmlRepository
{
    public const string Prefix = "dataprotection-";

    // The Data Protection API is synchronous; it reads the ring at start and when it refreshes (about daily).
    public IReadOnlyCollection<XElement> GetAllElements() =>
        secrets.GetPropertiesOfSecrets()
            .Where(secret => secret.Name.StartsWith(Prefix, StringComparison.Ordinal) && secret.Enabled != false)
            .Select(secret => XElement.Parse(secrets.GetSecret(secret.Name).Value.Value))
            .ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        secrets.SetSecret(new KeyVaultSecret(SecretName(friendlyName), element.ToString(SaveOptions.DisableFormatting))
        {
            Properties = { ContentType = "application/xml" },
        });

    /// <summary>Key Vault secret names allow letters, digits and dashes only.</summary>
    internal static string SecretName(string friendlyName) => Prefix + NotAllowed().Replace(friendlyName, "-");

    [GeneratedRegex("[^0-9A-Za-z-]")]
    private static partial Regex NotAllowed();
}
