using System.Net.Http.Json;

namespace MultiPhone.Bench;

/// <summary>
/// A business shaped like a real one, so the configuration measured has a realistic size and every source:
/// defaults in all four sections, staff who take transfers, services, and phones with some overrides of their own.
/// </summary>
internal static class AgentConfigSetup
{
    /// <summary>Creates the data and returns the phones' numbers (E.164), or null after printing what failed.</summary>
    public static async Task<string[]?> CreateAsync(HttpClient client, string businessId, int phones)
    {
        var business = $"api/v2/businesses/{businessId}";
        try
        {
            await SendAsync(client, HttpMethod.Put, $"{business}/settings/defaults/voice", "\"v0\"", new
            {
                agentName = "Ava",
                greeting = "Thanks for calling Harbor Dental, this is Ava. How can I help you today?",
                instructions = "You are the receptionist of a family dental practice. Be warm and brief. Never give medical advice; "
                    + "offer an appointment instead. Confirm names and phone numbers by repeating them back.",
                transferNumber = "+14155550100",
            });
            await SendAsync(client, HttpMethod.Put, $"{business}/settings/defaults/rules", "\"v0\"", new
            {
                rules = new object[]
                {
                    new { when = "the caller reports severe pain, swelling or bleeding", action = "transfer", transferTo = "+14155550101" },
                    new { when = "the caller asks about prices", action = "answer", answer = "A check-up with cleaning is $120 without insurance." },
                    new { when = "the caller wants an appointment", action = "book" },
                    new { when = "the caller asks for a specific dentist", action = "takeMessage" },
                },
                escalationContacts = new[] { new { name = "Office manager", phone = "+14155550102", email = "office@harbor-dental.example" } },
                refusedTopics = new[] { "medical diagnosis", "insurance disputes" },
                afterHours = new { action = "takeMessage", message = "We're closed. Leave a message and we'll call you back first thing." },
            });
            await SendAsync(client, HttpMethod.Put, $"{business}/settings/defaults/hours", "\"v0\"", new
            {
                weekly = Enum.GetNames<DayOfWeek>().Where(d => d is not "Sunday").Select(d => new
                {
                    day = d.ToLowerInvariant(),
                    open = d == "Saturday" ? "09:00" : "08:00",
                    close = d == "Saturday" ? "13:00" : "18:00",
                }),
                holidays = new[]
                {
                    new { date = "2026-12-24", endDate = (string?)"2026-12-26", label = "Christmas", closed = true },
                    new { date = "2027-01-01", endDate = (string?)null, label = "New Year's Day", closed = true },
                },
            });
            await SendAsync(client, HttpMethod.Put, $"{business}/settings/defaults/sms", "\"v0\"", new { signature = "Harbor Dental" });
            var staff = new List<string>();
            foreach (var (name, phone) in new[] { ("Dr. Maya Lee", "+14155550110"), ("Dr. Sam Ortiz", "+14155550111"), ("Priya Shah", "+14155550112") })
            {
                staff.Add(await CreateAsync(client, $"{business}/staff", new { name, phone, email = $"{name.Split(' ')[^1].ToLowerInvariant()}@harbor-dental.example" }));
            }
            foreach (var (name, minutes, price) in new[] { ("Check-up and cleaning", 60, 120m), ("Whitening", 90, 350m), ("Filling", 45, 180m), ("Emergency visit", 30, 95m) })
            {
                await CreateAsync(client, $"{business}/services", new { name, durationMinutes = minutes, price = new { amount = price, currency = "USD" }, bookable = true });
            }
            var numbers = new UsNumbers(phones);
            var created = new string[phones];
            for (var i = 0; i < phones; i++)
            {
                created[i] = numbers.Get(i);
                var phoneId = await CreateAsync(client, $"{business}/phone-numbers",
                    new { phoneNumber = created[i], displayName = $"Harbor Dental - Location {i + 1}", timezone = "America/Los_Angeles" });
                await SendAsync(client, HttpMethod.Put, $"{business}/phone-numbers/{phoneId}/staff", "\"v0\"", new
                {
                    assignments = staff.Select((id, n) => new { staffId = id, role = n < 2 ? "Dentist" : "Hygienist", acceptsTransfers = n < 2 }),
                });
                if (i % 4 == 0)
                {
                    await SendAsync(client, HttpMethod.Put, $"{business}/phone-numbers/{phoneId}/settings/voice", "\"v0\"",
                        new { greeting = $"Thanks for calling Harbor Dental, location {i + 1}. How can I help?" });
                }
            }
            return created;
        }
        catch (SetupFailed e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }
    }

    private static async Task<string> CreateAsync(HttpClient client, string path, object body)
    {
        var response = await SendAsync(client, HttpMethod.Post, path, ifMatch: null, body);
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? ifMatch, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonBody.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        var response = await client.SendAsync(request);
        return response.IsSuccessStatusCode
            ? response
            : throw new SetupFailed($"Setting up: {method} {path} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private sealed record Created(string Id);

    private sealed class SetupFailed(string message) : Exception(message);
}
