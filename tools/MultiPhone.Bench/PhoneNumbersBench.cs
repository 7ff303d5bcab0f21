using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace MultiPhone.Bench;

/// <summary>
/// Creating and reading phone numbers, in a business of the bench's own so that other data is never touched and the
/// created phones do not change what other runs measure.
/// </summary>
internal static class PhoneNumbersBench
{
    public const string Command = "phone-numbers";

    public static async Task<int> RunAsync(HttpClient client, BenchOptions options)
    {
        var businessId = $"bench-{Guid.NewGuid():N}";
        if (!await CreateBusinessAsync(client, businessId, options.Warmup + options.Requests))
        {
            return ExitCodes.UnexpectedStatus;
        }
        Report.PrintColumns();
        var phonesPath = $"api/v2/businesses/{businessId}/phone-numbers";
        var numbers = new UsNumbers(options.Warmup + options.Requests);
        var created = new ConcurrentQueue<string>();

        var post = new Scenario(
            "POST phone-number",
            sequence => new HttpRequestMessage(HttpMethod.Post, phonesPath)
            {
                Content = JsonBody.Create(new
                {
                    phoneNumber = numbers.Get(sequence),
                    displayName = $"Bench {sequence}",
                    timezone = "America/New_York",
                }),
            },
            HttpStatusCode.Created,
            async response => created.Enqueue((await response.Content.ReadFromJsonAsync<CreatedPhone>())!.Id));
        var ok = await ScenarioRunner.RunAsync(client, post, options);

        string[] phoneIds = [.. created];
        if (phoneIds.Length == 0)
        {
            Report.PrintNote("No phone was created, so there is nothing to GET.");
            return ExitCodes.UnexpectedStatus;
        }
        var get = new Scenario(
            "GET phone-number",
            sequence => new HttpRequestMessage(HttpMethod.Get, $"{phonesPath}/{phoneIds[sequence % phoneIds.Length]}"),
            HttpStatusCode.OK);
        ok &= await ScenarioRunner.RunAsync(client, get, options);

        return ok ? ExitCodes.Ok : ExitCodes.UnexpectedStatus;
    }

    /// <summary>A business of the bench's own, on an enterprise plan (set by ops) that fits <paramref name="maxPhoneNumbers"/>.</summary>
    public static async Task<bool> CreateBusinessAsync(HttpClient client, string businessId, int maxPhoneNumbers)
    {
        using var response = await client.PutAsync(
            $"api/v2/businesses/{businessId}",
            JsonBody.Create(new { name = $"Bench {businessId}", companyProfile = new { defaultCountry = "US" } }));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Console.Error.WriteLine(
                $"Creating business {businessId} gave {(int)response.StatusCode}, not 201 (does the token carry platform role ops?): "
                + await response.Content.ReadAsStringAsync());
            return false;
        }
        using var plan = new HttpRequestMessage(HttpMethod.Put, $"api/v2/businesses/{businessId}/subscription")
        {
            Content = JsonBody.Create(new { plan = "enterprise", maxPhoneNumbers }),
        };
        plan.Headers.TryAddWithoutValidation("If-Match", "*");
        using var planned = await client.SendAsync(plan);
        if (!planned.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"Setting the plan of {businessId} gave {(int)planned.StatusCode}: {await planned.Content.ReadAsStringAsync()}");
            return false;
        }
        Console.WriteLine($"# business {businessId}");
        return true;
    }

    private sealed record CreatedPhone(string Id);
}
