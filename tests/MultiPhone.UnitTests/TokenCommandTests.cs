using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MultiPhone.Functions.Auth;

namespace MultiPhone.UnitTests;

public sealed class TokenCommandTests
{
    private static readonly TokenIssuer Issuer = new(
        Options.Create(new AuthOptions { Issuer = "https://issuer.test", Audience = "multiphone-api", SigningKey = new string('k', 40) }),
        TimeProvider.System);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TokenCommand.Run(args, Issuer, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static JsonElement Part(string token, int index)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var base64 = parts[index].Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64))).RootElement.Clone();
    }

    private static JsonElement Payload(string token) => Part(token, 1);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static string IssueToken(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var token = output.Trim();
        Assert.Equal(output, token + Environment.NewLine);
        return token;
    }

    [Fact]
    public void GoodArgumentsPrintASignedJwtWithSubjectBusinessesAndRoles()
    {
        var token = IssueToken("--sub", "alice", "--business", "acme:admin", "--business", "globex:Viewer", "--platform-role", "ops");

        var header = Part(token, 0);
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        var payload = Payload(token);
        Assert.Equal("alice", payload.GetProperty("sub").GetString());
        Assert.Equal(["acme:admin", "globex:viewer"], Strings(payload.GetProperty("businesses")));
        Assert.Equal(["ops"], Strings(payload.GetProperty("roles")));
        Assert.Equal("https://issuer.test", payload.GetProperty("iss").GetString());
        Assert.Equal("multiphone-api", payload.GetProperty("aud").GetString());
    }

    [Fact]
    public void SingleBusinessIsStillAnArray()
    {
        var payload = Payload(IssueToken("--sub", "bob", "--business", "acme:editor"));

        Assert.Equal(JsonValueKind.Array, payload.GetProperty("businesses").ValueKind);
        Assert.Equal(["acme:editor"], Strings(payload.GetProperty("businesses")));
    }

    [Fact]
    public void BusinessIdWithColonsKeepsThemInTheToken()
    {
        var payload = Payload(IssueToken("--sub", "bob", "--business", "eu:acme:admin"));

        Assert.Equal(["eu:acme:admin"], Strings(payload.GetProperty("businesses")));
    }

    [Fact]
    public void SubjectAloneGivesEmptyBusinessesAndRoles()
    {
        var payload = Payload(IssueToken("--sub", "carol"));

        Assert.Empty(Strings(payload.GetProperty("businesses")));
        Assert.Empty(Strings(payload.GetProperty("roles")));
    }

    [Fact]
    public void BothPlatformRolesCanBeGiven()
    {
        var payload = Payload(IssueToken("--sub", "svc", "--platform-role", "voice-agent", "--platform-role", "ops"));

        Assert.Equal(["voice-agent", "ops"], Strings(payload.GetProperty("roles")));
    }

    [Fact]
    public void DefaultLifetimeIsTheConfiguredOne()
    {
        var payload = Payload(IssueToken("--sub", "dave"));

        var lifetime = payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64();
        Assert.Equal((long)new AuthOptions().TokenLifetime.TotalSeconds, lifetime);
        Assert.Equal(payload.GetProperty("iat").GetInt64(), payload.GetProperty("nbf").GetInt64());
    }

    [Theory]
    [InlineData("2", 2 * 3600)]
    [InlineData("0.5", 1800)]
    public void HoursSetTheLifetime(string hours, long seconds)
    {
        var payload = Payload(IssueToken("--sub", "dave", "--hours", hours));

        Assert.Equal(seconds, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public void TokenIsIssuedNow()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var issuedAt = Payload(IssueToken("--sub", "erin")).GetProperty("iat").GetInt64();

        Assert.InRange(issuedAt, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
    }

    [Theory]
    [InlineData]
    [InlineData("--sub")]
    [InlineData("--sub", " ")]
    [InlineData("--business", "acme:admin")]
    [InlineData("--sub", "alice", "--business", "acme:owner")]
    [InlineData("--sub", "alice", "--business", "acme:3")]
    [InlineData("--sub", "alice", "--business", "acme")]
    [InlineData("--sub", "alice", "--business")]
    [InlineData("--sub", "alice", "--platform-role", "root")]
    [InlineData("--sub", "alice", "--platform-role", "OPS")]
    [InlineData("--sub", "alice", "--hours", "0")]
    [InlineData("--sub", "alice", "--hours", "-1")]
    [InlineData("--sub", "alice", "--hours", "soon")]
    [InlineData("--sub", "alice", "--hours", "NaN")]
    [InlineData("--sub", "alice", "--hours")]
    [InlineData("--sub", "alice", "--verbose", "yes")]
    [InlineData("--sub", "alice", "extra")]
    [InlineData("-s", "alice")]
    public void BadArgumentsExitWithCode2AndPrintUsage(params string[] args)
    {
        var (code, output, error) = Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("usage: token --sub USER", error);
    }

    [Fact]
    public void UnexpectedArgumentIsNamedInTheError()
    {
        var (_, _, error) = Run("--sub", "alice", "--business", "acme:owner");

        Assert.Contains("unexpected '--business' acme:owner", error);
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("1e300")]
    [InlineData("100000000")] // 11 000 years: past the last representable date
    public void HoursTooLargeForADateExitWithCode2(string hours)
    {
        var (code, output, error) = Run("--sub", "alice", "--hours", hours);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("usage: token --sub USER", error);
    }

    [Fact]
    public void IssuerWithoutSigningKeyRefusesToMint()
    {
        var azure = new TokenIssuer(
            Options.Create(new AuthOptions { Issuer = "i", Audience = "a", Authority = "https://login.example" }),
            TimeProvider.System);

        Assert.Throws<InvalidOperationException>(() => azure.Issue("alice", [], []));
    }

    [Fact]
    public void CommandWithoutALocalSigningKeyExitsWithCode1AndSaysWhy()
    {
        var azure = new TokenIssuer(
            Options.Create(new AuthOptions { Issuer = "i", Audience = "a", Authority = "https://login.example" }),
            TimeProvider.System);
        var output = new StringWriter();
        var error = new StringWriter();

        var code = TokenCommand.Run(["--sub", "alice"], azure, output, error);

        Assert.Equal((1, ""), (code, output.ToString()));
        Assert.Contains("Auth:SigningKey", error.ToString());
    }
}
