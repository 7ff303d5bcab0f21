using System.Text.Json;
using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.History;

/// <summary>History calls the history tests make over and over, read as JSON (the contract, not the server's types).</summary>
internal static class HistoryCalls
{
    public static async Task<List<JsonElement>> HistoryAsync(this Tenant tenant, string query = "", string? phoneId = null)
    {
        var path = phoneId is null ? tenant.Path($"/history{query}") : tenant.Path($"/phone-numbers/{phoneId}/history{query}");
        var page = await (await tenant.Viewer.GetAsync(path, TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>The entries the business's history gained since <paramref name="known"/> (ids read before), oldest first.</summary>
    public static async Task<List<JsonElement>> NewEntriesAsync(this Tenant tenant, IReadOnlyCollection<string> known)
    {
        var entries = await tenant.HistoryAsync("?pageSize=200");
        return [.. entries.Where(e => !known.Contains(Id(e))).Reverse()];
    }

    public static async Task<HashSet<string>> KnownIdsAsync(this Tenant tenant) =>
        [.. (await tenant.HistoryAsync("?pageSize=200")).Select(Id)];

    public static string Id(JsonElement entry) => entry.GetProperty("id").GetString()!;

    public static string Kind(JsonElement entry) => entry.GetProperty("target").GetProperty("kind").GetString()!;

    public static string[] Paths(JsonElement entry) => [.. entry.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()!)];

    public static string? After(JsonElement entry, string path) =>
        entry.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("path").GetString() == path) is var change
            && change.TryGetProperty("after", out var after) ? after.GetRawText() : null;

    public static string[] Strings(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out var values) ? [.. values.EnumerateArray().Select(v => v.GetString()!)] : [];
}
