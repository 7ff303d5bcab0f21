using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiPhone.Cosmos;
using MultiPhone.Hours;
using MultiPhone.Migration;
using MultiPhone.Services;
using MultiPhone.Settings;
using PhoneNumbers;

namespace MultiPhone.DevData;

/// <summary>What the generator meant a business to be, so tests can compare the migration's outcome with it.</summary>
public enum LegacyKind
{
    /// <summary>A readable number, free: migrates.</summary>
    Valid,

    /// <summary>The number of the business before it, typed differently; the legacy routing sent its calls here.</summary>
    SameNumberAsPrevious,

    /// <summary>No number, a blank one, or the field missing.</summary>
    NoNumber,

    /// <summary>Not a usable number, a field of the wrong type, or a local number with no country to read it in.</summary>
    Invalid,

    /// <summary>Migrated by an earlier run.</summary>
    AlreadyMigrated,
}

/// <summary>One generated legacy business: its document, its routing entry (if calls reached it) and its services.</summary>
public sealed record GeneratedBusiness(
    string Id,
    LegacyKind Kind,
    MigrationOutcomeKind Expected,
    JsonObject Document,
    LegacyNumberRoute? Route,
    IReadOnlyList<Service> Services);

/// <summary>
/// Realistic and hostile legacy data, the same for the same seed: many countries and number formats (national,
/// international, 00-prefixed, dotted, with extensions, vanity letters), missing, Windows and made-up time zones,
/// invalid numbers, the same number on two businesses, businesses without a number, some already migrated, tiny and
/// very large settings, names in many scripts. Each business depends only on the seed and its index, so any slice can
/// be generated on its own.
/// </summary>
public static class LegacyDataGenerator
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Where businesses are: country, its zone there, and area prefixes with the national number's length.</summary>
    private static readonly (string Country, string Zone, string[] Prefixes, int Length)[] Countries =
    [
        ("US", "America/Los_Angeles", ["323", "310", "619"], 10),
        ("US", "America/New_York", ["718", "646", "404"], 10),
        ("US", "America/Chicago", ["773", "630", "214"], 10),
        ("US", "America/Denver", ["720", "801"], 10),
        ("CA", "America/Toronto", ["416", "613"], 10),
        ("CA", "America/Vancouver", ["604"], 10),
        ("GB", "Europe/London", ["207", "1614"], 10),
        ("DE", "Europe/Berlin", ["3012", "8921"], 10),
        ("FR", "Europe/Paris", ["142", "491"], 9),
        ("AU", "Australia/Sydney", ["29"], 9),
        ("IN", "Asia/Kolkata", ["222", "804"], 10),
        ("JP", "Asia/Tokyo", ["33"], 10),
    ];

    /// <summary>The countries businesses are placed in.</summary>
    internal static IEnumerable<string> CountryCodes => Countries.Select(c => c.Country).Distinct();

    /// <summary>What an invalid business has for a number: no number in any of <see cref="CountryCodes"/>.</summary>
    internal static readonly string[] HostileNumbers =
    [
        "555-01", "123", "call us", "N/A", "+999 1234567", "415-555-0134-5678-9012", "1-900-FLOWERS-NOW", "(000) 000-0000",
        "+1 (415) 55", "0", "tel:", "++44 20", "+44 20 7946 0958 0958 0958", "☎ ask for Bob", "see website",
    ];

    private static readonly string[] BadZones = ["PST", "GMT+2", "America/Nowhere", "Eastern", "local", "UTC-5:30"];

    private static readonly string[] WindowsZones =
        ["Pacific Standard Time", "Eastern Standard Time", "Central Standard Time", "W. Europe Standard Time", "GMT Standard Time"];

    private static readonly string[] NameStarts =
    [
        "Harbor", "Maple Street", "Sunrise", "Bayview", "Oak & Ivy", "Café Lumière", "Zahnarztpraxis Müller", "Smith & Sons",
        "東京", "Saint-Étienne", "O'Brien's", "Ñandú", "Åsgård", "Kraków", "🍕 Pizza", "Dr. Patel's", "Łódź", "Ελληνική",
    ];

    private static readonly string[] NameEnds =
        ["Dental", "Plumbing", "Auto Repair", "Hair Studio", "Veterinary Clinic", "Law Office", "Bakery", "Physiotherapy", "歯科", "Yoga"];

    private static readonly string[] ServiceNames =
        ["Consultation", "Cleaning", "Check-up", "Emergency visit", "Haircut", "Oil change", "Deep tissue massage", "Puppy vaccination"];

    /// <summary>Generated times count back from here, so the same seed gives the same documents on any day.</summary>
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string IdOf(int seed, int index) => $"legacy-{seed}-{index:D6}";

    public static GeneratedBusiness Generate(int seed, int index, int count)
    {
        var kind = KindOf(seed, index);
        var random = RandomFor(seed, index, salt: 1);
        var id = IdOf(seed, index);
        var place = PlaceOf(seed, kind == LegacyKind.SameNumberAsPrevious ? index - 1 : index);
        var document = new JsonObject
        {
            ["id"] = id,
            ["businessId"] = id,
            ["name"] = NameOf(random),
            ["version"] = 1,
            ["createdAt"] = Epoch.AddDays(-random.Next(30, 3000)).ToString("O", CultureInfo.InvariantCulture),
            ["updatedAt"] = Epoch.AddDays(-random.Next(0, 30)).ToString("O", CultureInfo.InvariantCulture),
        };
        // Most say their country; some only through their address; some not at all (then only + numbers read).
        var countryMode = kind == LegacyKind.Invalid && random.Next(4) == 0 ? 9 : random.Next(10);
        document["companyProfile"] = new JsonObject
        {
            ["legalName"] = document["name"]!.GetValue<string>() + " LLC",
            ["defaultCountry"] = countryMode < 8 ? place.Country : null,
        };
        if (countryMode < 9 || random.Next(2) == 0)
        {
            document["address"] = AddressOf(random, place.Country, withCountry: countryMode < 9);
        }
        WriteNumber(document, kind, place, random, countryKnown: countryMode < 9);
        WriteTimezone(document, place, random);
        WriteSettings(document, kind, place, random);

        var nextIsCopy = index + 1 < count && KindOf(seed, index + 1) == LegacyKind.SameNumberAsPrevious;
        var answersCalls = kind is LegacyKind.Valid or LegacyKind.SameNumberAsPrevious or LegacyKind.AlreadyMigrated;
        var route = answersCalls && !nextIsCopy ? new LegacyNumberRoute { Id = place.E164, BusinessId = id } : null;
        var expected = kind switch
        {
            LegacyKind.NoNumber => MigrationOutcomeKind.SkippedNoNumber,
            LegacyKind.Invalid => MigrationOutcomeKind.Invalid,
            LegacyKind.AlreadyMigrated => MigrationOutcomeKind.AlreadyMigrated,
            _ when nextIsCopy => MigrationOutcomeKind.Conflict,
            _ => MigrationOutcomeKind.Migrated,
        };
        return new GeneratedBusiness(id, kind, expected, document, route, ServicesOf(id, random));
    }

    /// <summary>The kind depends on the seed and index only, so a business knows whether the next one copies its number.</summary>
    public static LegacyKind KindOf(int seed, int index)
    {
        var roll = RandomFor(seed, index, salt: 0).Next(100);
        return roll switch
        {
            < 5 => LegacyKind.NoNumber,
            < 12 => LegacyKind.Invalid,
            < 16 when index > 0 && RawValid(seed, index - 1) => LegacyKind.SameNumberAsPrevious,
            < 21 => LegacyKind.AlreadyMigrated,
            _ => LegacyKind.Valid,
        };
    }

    private static bool RawValid(int seed, int index) => RandomFor(seed, index, salt: 0).Next(100) >= 21;

    /// <summary>A stable generator per business (System.Random with a seed gives the same sequence on every run).</summary>
    private static Random RandomFor(int seed, int index, int salt) => new(unchecked((seed * 1_000_003) ^ (index * 7919) ^ (salt * 104_729)));

    /// <summary>Where a business is and its unique number there (index-derived, checked valid).</summary>
    private sealed record Place(string Country, string Zone, PhoneNumber Number, string E164);

    /// <summary>
    /// The business's country and number: the index (shifted by the seed) fills the number's last six digits, so the
    /// numbers of one seed never repeat by accident and two seeds rarely share one. A prefix whose number is not valid,
    /// or spans several time zones, gives way to the next one.
    /// </summary>
    private static Place PlaceOf(int seed, int index)
    {
        var random = RandomFor(seed, index, salt: 2);
        var first = random.Next(100) < 55 ? random.Next(4) : random.Next(Countries.Length);
        var serial = ((index + (long)seed * 104_729) % 1_000_000 + 1_000_000) % 1_000_000;
        var digits = serial.ToString("D6", CultureInfo.InvariantCulture);
        for (var c = 0; c < Countries.Length; c++)
        {
            var (country, zone, prefixes, length) = Countries[(first + c) % Countries.Length];
            foreach (var prefix in prefixes.Skip(random.Next(prefixes.Length)).Concat(prefixes))
            {
                var middle = length - prefix.Length - digits.Length;
                // North American exchanges start with 2-9; elsewhere a 2 keeps the number off special ranges.
                var national = prefix + (middle > 0 ? "2" + new string('0', middle - 1) : "") + digits[Math.Max(0, -middle)..];
                var number = Util.Parse(national, country);
                if (Util.IsValidNumber(number) && Util.CanBeInternationallyDialled(number) && SingleZone(number))
                {
                    return new Place(country, zone, number, Util.Format(number, PhoneNumberFormat.E164));
                }
            }
        }
        throw new InvalidOperationException($"No valid number for business {index} of seed {seed}.");
    }

    private static bool SingleZone(PhoneNumber number) => PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(number).Count == 1;

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    private static void WriteNumber(JsonObject document, LegacyKind kind, Place place, Random random, bool countryKnown)
    {
        switch (kind)
        {
            case LegacyKind.NoNumber:
                var blank = random.Next(3);
                if (blank > 0)
                {
                    document["phoneNumber"] = blank == 1 ? "" : "   ";
                }
                return;
            case LegacyKind.Invalid when !countryKnown && random.Next(2) == 0:
                // Written locally, with nothing saying which country: unreadable.
                document["phoneNumber"] = Util.Format(place.Number, PhoneNumberFormat.NATIONAL);
                return;
            case LegacyKind.Invalid when random.Next(5) == 0:
                // The legacy app stored whatever came: a setting of the wrong type.
                document["phoneNumber"] = Util.Format(place.Number, PhoneNumberFormat.E164);
                document["voiceSettings"] = new JsonObject { ["speakingRate"] = "fast", ["recordCalls"] = "yes" };
                return;
            case LegacyKind.Invalid:
                document["phoneNumber"] = HostileNumbers[random.Next(HostileNumbers.Length)];
                return;
        }
        document["phoneNumber"] = Formatted(place, random, countryKnown);
    }

    /// <summary>The number the way someone typed it; a local format only when the business says which country it is in.</summary>
    private static string Formatted(Place place, Random random, bool countryKnown)
    {
        var international = Util.Format(place.Number, PhoneNumberFormat.INTERNATIONAL);
        var national = Util.Format(place.Number, PhoneNumberFormat.NATIONAL);
        var e164 = place.E164;
        var styles = new List<string> { international, e164, international.Replace(' ', '.'), e164 + " ext. " + random.Next(10, 999) };
        if (countryKnown)
        {
            styles.AddRange([national, national.Replace(" ", ""), " " + national + " ", Digits(national)]);
            if (Util.GetMetadataForRegion(place.Country).InternationalPrefix == "00")
            {
                // As dialled from abroad where 00 dials out, which reads back only in such a country.
                styles.Add("00" + e164[1..]);
            }
            if (place.Country is "US" or "CA")
            {
                var d = Digits(national);
                styles.AddRange([$"{d[..3]}-{d[3..6]}-{d[6..]}", $"{d[..3]}.{d[3..6]}.{d[6..]}", $"1 ({d[..3]}) {d[3..6]}-{d[6..]}"]);
            }
        }
        return styles[random.Next(styles.Count)];
    }

    private static void WriteTimezone(JsonObject document, Place place, Random random)
    {
        var roll = random.Next(100);
        document["timezone"] = roll switch
        {
            < 10 => null,
            < 14 => WindowsZones[random.Next(WindowsZones.Length)] is var windows && Zone(windows) == place.Zone ? windows : place.Zone,
            < 20 => BadZones[random.Next(BadZones.Length)],
            < 22 => "",
            _ => place.Zone,
        };
        if (roll < 10 && random.Next(2) == 0)
        {
            document.Remove("timezone");
        }
    }

    private static string? Zone(string windows) =>
        NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping.TryGetValue(windows, out var zone) ? zone : null;

    private static JsonObject AddressOf(Random random, string country, bool withCountry) => new()
    {
        ["line1"] = $"{random.Next(1, 9999)} {new[] { "Main St", "Rue de la Paix", "Hauptstraße", "High Street", "Market St" }[random.Next(5)]}",
        ["line2"] = random.Next(3) == 0 ? $"Suite {random.Next(1, 900)}" : null,
        ["city"] = new[] { "Springfield", "Lyon", "München", "Leeds", "Ōsaka" }[random.Next(5)],
        ["postalCode"] = random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture),
        ["country"] = withCountry ? (random.Next(5) == 0 ? country.ToLowerInvariant() : country) : null,
    };

    private static string NameOf(Random random)
    {
        var name = $"{NameStarts[random.Next(NameStarts.Length)]} {NameEnds[random.Next(NameEnds.Length)]}";
        return random.Next(50) == 0 ? (name + " " + string.Concat(Enumerable.Repeat("& Associates ", 20)))[..200].TrimEnd() : name;
    }

    private static void WriteSettings(JsonObject document, LegacyKind kind, Place place, Random random)
    {
        var size = random.Next(10);
        if (size < 2)
        {
            // Tiny: nothing configured beyond perhaps a greeting; the system defaults apply.
            if (size == 1 && !document.ContainsKey("voiceSettings"))
            {
                document["voiceSettings"] = new JsonObject { ["greeting"] = "Hi, thanks for calling!" };
            }
            return;
        }
        var large = size == 9;
        var other = Util.Format(place.Number, PhoneNumberFormat.E164);
        if (kind != LegacyKind.Invalid || !document.ContainsKey("voiceSettings"))
        {
            document["voiceSettings"] = Node(new VoiceSettings
            {
                AgentName = new[] { "Ava", "Max", "Sofía", "Léa", "Yuki" }[random.Next(5)],
                Greeting = $"Thank you for calling {document["name"]}. How can I help?",
                Language = new[] { "en-US", "en-GB", "fr-FR", "de-DE", "es-MX" }[random.Next(5)],
                VoiceProvider = (VoiceProvider)random.Next(6),
                SpeakingRate = Math.Round(0.8 + random.NextDouble() * 0.6, 2),
                Instructions = large ? string.Concat(Enumerable.Repeat("Be warm and precise; confirm names and dates back to the caller. ", 140)) : "Keep calls short.",
                TransferNumber = random.Next(2) == 0 ? other : null,
                RecordCalls = random.Next(2) == 0,
                MaxCallMinutes = random.Next(5, 120),
            });
        }
        document["conversationRules"] = Node(new ConversationRules
        {
            Rules = [.. Enumerable.Range(0, large ? ConversationRules.MaxRules : random.Next(0, 4)).Select(i => (i % 3) switch
            {
                0 => new ConversationRule { When = $"the caller asks about topic {i}", Action = RuleAction.Answer, Answer = "We can help with that; let me explain." },
                1 => new ConversationRule { When = $"the caller wants a person ({i})", Action = RuleAction.Transfer, TransferTo = other },
                _ => new ConversationRule { When = $"the caller wants to book ({i})", Action = RuleAction.TakeMessage },
            })],
            EscalationContacts = [.. Enumerable.Range(0, large ? ConversationRules.MaxContacts : random.Next(0, 2))
                .Select(i => new EscalationContact { Name = $"Manager {i}", Email = $"manager{i}@example.com" })],
            RefusedTopics = [.. Enumerable.Range(0, large ? ConversationRules.MaxRefusedTopics : random.Next(0, 3)).Select(i => $"topic {i}")],
            AfterHours = new AfterHoursRule { Action = AfterHoursAction.TakeMessage, Message = "We're closed; please leave a message." },
        });
        document["smsSettings"] = Node(new SmsSettings
        {
            Enabled = random.Next(4) > 0,
            AutoReply = large ? new string('x', SmsSettings.MaxReplyLength) : "Thanks! We'll text you back soon.",
            Signature = random.Next(2) == 0 ? "- The team" : null,
        });
        document["operatingHours"] = Node(HoursOf(random, large));
    }

    private static OperatingHours HoursOf(Random random, bool large)
    {
        if (random.Next(15) == 0)
        {
            return new OperatingHours { AlwaysOpen = true };
        }
        var days = large ? Enum.GetValues<DayOfWeek>() : [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        var opens = $"{random.Next(6, 10):D2}:{(random.Next(2) == 0 ? "00" : "30")}";
        var weekly = days.SelectMany(day => large
            ? new[] { new WeeklyPeriod { Day = day, Open = opens, Close = "12:00" }, new WeeklyPeriod { Day = day, Open = "13:00", Close = "18:00" } }
            : [new WeeklyPeriod { Day = day, Open = opens, Close = $"{random.Next(16, 21)}:00" }]);
        var start = new DateOnly(2027, 1, 1);
        return new OperatingHours
        {
            Weekly = [.. weekly],
            Holidays = [.. Enumerable.Range(0, large ? 30 : random.Next(0, 3)).Select(i => new SpecialDay
                { Date = start.AddDays(i * 11).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Label = $"Holiday {i}", Closed = true })],
            SpecialDays = [.. Enumerable.Range(0, large ? 60 : random.Next(0, 2)).Select(i => new SpecialDay
            {
                Date = start.AddDays(i * 5 + 2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Label = $"Event {i}",
                Periods = [new TimePeriod { Open = "10:00", Close = "14:00" }],
            })],
        };
    }

    private static List<Service> ServicesOf(string businessId, Random random) =>
        [.. Enumerable.Range(0, random.Next(0, 5)).Select(i => new Service
        {
            Id = DeterministicGuid($"{businessId}/service/{i}"),
            BusinessId = businessId,
            Name = ServiceNames[(i + random.Next(ServiceNames.Length)) % ServiceNames.Length],
            DurationMinutes = 15 * random.Next(1, 8),
            Price = random.Next(3) == 0 ? null : new Price { Amount = random.Next(20, 400), Currency = "USD" },
            Bookable = random.Next(2) == 0,
            Version = 1,
            CreatedAt = Epoch,
            UpdatedAt = Epoch,
        })];

    private static string DeterministicGuid(string name) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToString();

    private static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, CosmosJson.Options)!;
}
