using System.Globalization;

namespace MultiPhone.Bench;

/// <summary>
/// Valid US numbers in E.164, distinct within a run and unlikely to collide with other runs against the same data:
/// each block of 10,000 sequential line numbers gets its own random area code and exchange.
/// </summary>
internal sealed class UsNumbers
{
    private const int LinesPerBlock = 10_000;

    // Real geographic area codes in which libphonenumber accepts every exchange from 234 to 899.
    private static readonly int[] AreaCodes =
    [
        201, 202, 203, 205, 206, 212, 213, 214, 215, 216, 217, 301, 302, 303, 305, 310, 312, 313, 314, 404, 407, 408,
        410, 412, 415, 502, 503, 504, 512, 602, 608, 612, 614, 615, 617, 646, 702, 704, 713, 716, 718, 801, 813, 816,
        817, 832, 901, 917,
    ];

    private readonly (int Area, int Exchange)[] blocks;

    public UsNumbers(int count)
    {
        var needed = (count + LinesPerBlock - 1) / LinesPerBlock;
        var distinct = new HashSet<(int, int)>();
        while (distinct.Count < needed)
        {
            distinct.Add((AreaCodes[Random.Shared.Next(AreaCodes.Length)], RandomExchange()));
        }
        blocks = [.. distinct];
    }

    public string Get(int sequence)
    {
        var (area, exchange) = blocks[sequence / LinesPerBlock];
        return string.Create(CultureInfo.InvariantCulture, $"+1{area}{exchange}{sequence % LinesPerBlock:D4}");
    }

    private static int RandomExchange()
    {
        while (true)
        {
            var exchange = Random.Shared.Next(234, 900);
            // N11 exchanges are service codes, not subscriber numbers; 555 holds the fictional numbers the demo data uses.
            if (exchange % 100 != 11 && exchange != 555)
            {
                return exchange;
            }
        }
    }
}
