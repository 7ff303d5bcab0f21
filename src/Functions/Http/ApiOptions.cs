using System.ComponentModel.DataAnnotations;

namespace MultiPhone.Functions.Http;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body accepted; bigger ones get 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
