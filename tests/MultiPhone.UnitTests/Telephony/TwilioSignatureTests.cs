using MultiPhone.Telephony;

namespace MultiPhone.UnitTests.Telephony;

public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static KeyValuePair<string, string>[] ExampleParams(string caller) =>
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", caller),
        new("Digits", "1234"),
        new("From", caller),
        new("To", "+18005551212"),
    ];

    // The vector of Twilio's helper-library test suites (token 12345, caller +14158675309):
    // https://github.com/twilio/twilio-csharp/blob/041030fbeae6f1c5f5c739a09b1668099fed18d9/test/Twilio.Test/Security/RequestValidatorTest.cs
    // https://github.com/twilio/twilio-python/blob/30368b08ba580a6c18202ab20bfc68d59559ebd7/tests/unit/test_request_validator.py
    // https://github.com/twilio/twilio-go/blob/2f0eb52afdfcb28f336e30c9db9124b06cf5eaaf/client/request_validator_test.go
    private static readonly KeyValuePair<string, string>[] LibraryParams = ExampleParams("+14158675309");
    private const string LibrarySignature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    // The vector of Twilio's documentation code samples (same example, caller +14158675310):
    // https://github.com/TwilioDevEd/api-snippets/blob/415f6ce241634fe76e2af6a38be3f66d0f242b4a/security/signature_validation/signature_validation.3.x.js
    // https://github.com/TwilioDevEd/api-snippets/blob/cbd074940a57b09e5b76e0c896f9a29103ed23cc/security/signature_validation/signature_validation.5.x.php
    private static readonly KeyValuePair<string, string>[] DocsParams = ExampleParams("+14158675310");
    private const string DocsSignature = "GvWf1cFY/Q7PnoempGyD5oXAezc=";

    [Fact]
    public void ComputeReproducesTheHelperLibrariesTestVector() =>
        Assert.Equal(LibrarySignature, TwilioSignature.Compute(Url, LibraryParams, Token));

    [Fact]
    public void ComputeReproducesTheDocumentationSampleVector() =>
        Assert.Equal(DocsSignature, TwilioSignature.Compute(Url, DocsParams, Token));

    [Fact]
    public void PublishedSignaturesAreValid()
    {
        Assert.True(TwilioSignature.IsValid(LibrarySignature, Url, LibraryParams, Token));
        Assert.True(TwilioSignature.IsValid(DocsSignature, Url, DocsParams, Token));
    }

    // Real inbound voice and SMS webhooks (with empty values such as ToCity=""), from twilio-ruby's test suite:
    // https://github.com/twilio/twilio-ruby/blob/0537a158c0b3df305d9807a1cc2d8ae5f2fd2fc4/spec/util/request_validator_spec.rb
    [Fact]
    public void SignaturesOfRealInboundCallAndSmsWebhooksAreValid()
    {
        const string token = "2bd9e9638872de601313dc77410d3b23";
        var call = Form(
            "ToState=California", "CalledState=California", "Direction=inbound", "FromState=CA",
            "AccountSid=ACba8bc05eacf94afdae398e642c9cc32d", "Caller=+14153595711", "CallerZip=94108", "CallerCountry=US",
            "From=+14153595711", "FromCity=SAN FRANCISCO", "CallerCity=SAN FRANCISCO", "To=+14157669926", "FromZip=94108",
            "FromCountry=US", "ToCity=", "CallStatus=ringing", "CalledCity=", "CallerState=CA", "CalledZip=", "ToZip=",
            "ToCountry=US", "CallSid=CA136d09cd59a3c0ec8dbff44da5c03f31", "CalledCountry=US", "Called=+14157669926",
            "ApiVersion=2010-04-01", "ApplicationSid=AP44efecad51364e80b133bb7c07eb8204");
        var sms = Form(
            "ToState=CA", "FromState=CA", "AccountSid=ACba8bc05eacf94afdae398e642c9cc32d",
            "SmsMessageSid=SM2003cbd5e6a3701999aa3e5f20ff2787", "Body=Orly", "From=+14159354345", "FromCity=SAN FRANCISCO",
            "SmsStatus=received", "FromZip=94107", "FromCountry=US", "To=+14158141819", "ToCity=SAN FRANCISCO", "ToZip=94105",
            "ToCountry=US", "ApiVersion=2010-04-01", "SmsSid=SM2003cbd5e6a3701999aa3e5f20ff2787");

        Assert.Equal("oVb2kXoVy8GEfwBDjR8bk/ZZ6eA=", TwilioSignature.Compute("http://twiliotests.heroku.com/validate/voice", call, token));
        Assert.True(TwilioSignature.IsValid("oVb2kXoVy8GEfwBDjR8bk/ZZ6eA=", "http://twiliotests.heroku.com/validate/voice", call, token));
        Assert.True(TwilioSignature.IsValid("mxeiv65lEe0b8L6LdVw2jgJi8yw=", "http://twiliotests.heroku.com/validate/sms", sms, token));
    }

    // twilio-python's duplicate-name vector: each value of a repeated name counts, values sorted.
    // https://github.com/twilio/twilio-python/blob/30368b08ba580a6c18202ab20bfc68d59559ebd7/tests/unit/test_request_validator.py
    [Fact]
    public void RepeatedNamesContributeEveryValueInSortedOrder()
    {
        var parameters = Form("Sid=CA123", "SidAccount=AC123", "Digits=5678", "Digits=1234");

        Assert.Equal("IK+Dwps556ElfBT0I3Rgjkr1wJU=", TwilioSignature.Compute(Url, parameters, Token));
        Assert.Equal("IK+Dwps556ElfBT0I3Rgjkr1wJU=", TwilioSignature.Compute(Url, parameters.Reverse(), Token));
        Assert.NotEqual("IK+Dwps556ElfBT0I3Rgjkr1wJU=", TwilioSignature.Compute(Url, parameters[..3], Token));
    }

    [Fact]
    public void ParameterOrderDoesNotMatter()
    {
        var orders = new[]
        {
            LibraryParams.Reverse().ToArray(),
            [LibraryParams[3], LibraryParams[0], LibraryParams[4], LibraryParams[2], LibraryParams[1]],
            LibraryParams.OrderBy(p => p.Key.Length).ThenByDescending(p => p.Key, StringComparer.Ordinal).ToArray(),
        };
        foreach (var order in orders)
        {
            Assert.Equal(LibrarySignature, TwilioSignature.Compute(Url, order, Token));
            Assert.True(TwilioSignature.IsValid(LibrarySignature, Url, order, Token));
        }
    }

    [Fact]
    public void NamesAreSortedOrdinallySoUpperCaseComesFirst() =>
        Assert.Equal(
            TwilioSignature.Compute(Url, Form("Zeta=1", "alpha=2"), Token),
            TwilioSignature.Compute(Url, Form("alpha=2", "Zeta=1"), Token));

    [Theory]
    [InlineData("changed value")]
    [InlineData("emptied value")]
    [InlineData("renamed")]
    [InlineData("added")]
    [InlineData("removed")]
    [InlineData("repeated")]
    public void AnyChangeToTheParametersInvalidatesTheSignature(string change)
    {
        var parameters = LibraryParams.ToList();
        switch (change)
        {
            case "changed value": parameters[2] = new("Digits", "1235"); break;
            case "emptied value": parameters[2] = new("Digits", ""); break;
            case "renamed": parameters[2] = new("digits", "1234"); break;
            case "added": parameters.Add(new("Extra", "1")); break;
            case "removed": parameters.RemoveAt(4); break;
            case "repeated": parameters.Add(parameters[2]); break;
        }

        Assert.False(TwilioSignature.IsValid(LibrarySignature, Url, parameters, Token), change);
    }

    [Theory]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.org/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=3")]
    [InlineData("https://mycompany.com/myapp.php?bar=2&foo=1")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2/")]
    [InlineData("https://mycompany.com/MyApp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php")]
    public void AnyChangeToTheUrlInvalidatesTheSignature(string url) =>
        Assert.False(TwilioSignature.IsValid(LibrarySignature, url, LibraryParams, Token));

    [Theory]
    [InlineData("12346")]
    [InlineData("1234")]
    [InlineData("123456")]
    public void AnotherAuthTokenInvalidatesTheSignature(string token) =>
        Assert.False(TwilioSignature.IsValid(LibrarySignature, Url, LibraryParams, token));

    [Fact]
    public void BlankAuthTokenNeverValidatesEvenASignatureMadeWithIt()
    {
        var forged = TwilioSignature.Compute(Url, LibraryParams, "");
        Assert.False(TwilioSignature.IsValid(forged, Url, LibraryParams, ""));
    }

    // The port vectors of twilio-python and twilio-go (links above): Twilio may sign the URL with or without its port.
    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=")] // signed with :443
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")] // signed with :80
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")] // signed with :1234
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", LibrarySignature)] // signed without the port
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", LibrarySignature)] // signed without the default port
    public void SignaturesOfTheUrlWithOrWithoutItsPortAreBothAccepted(string url, string signature) =>
        Assert.True(TwilioSignature.IsValid(signature, url, LibraryParams, Token));

    [Fact]
    public void TheDefaultPortOfTheOtherSchemeIsNotAccepted()
    {
        var signedWithPort80 = TwilioSignature.Compute("https://mycompany.com:80/myapp.php?foo=1&bar=2", LibraryParams, Token);
        Assert.False(TwilioSignature.IsValid(signedWithPort80, Url, LibraryParams, Token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("not a signature")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8")] // padding dropped
    [InlineData(" RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8= ")]
    [InlineData("rsoydt4t1cutdk1pdd93/vvr8b8=")]
    [InlineData("NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8=RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B9=")]
    [InlineData("\0\0\0\0")]
    [InlineData("ÄÖÜ\uD800")] // lone surrogate
    public void MissingOrGarbageHeadersAreInvalidWithoutThrowing(string? header) =>
        Assert.False(TwilioSignature.IsValid(header, Url, LibraryParams, Token));

    [Fact]
    public void HugeGarbageHeaderIsInvalid() =>
        Assert.False(TwilioSignature.IsValid(new string('A', 100_000), Url, LibraryParams, Token));

    [Theory]
    [InlineData("not a url")]
    [InlineData("")]
    [InlineData("://")]
    [InlineData("https://")]
    [InlineData("https://[::1")]
    public void OddUrlsAreJustInvalid(string url) =>
        Assert.False(TwilioSignature.IsValid(LibrarySignature, url, LibraryParams, Token));

    [Fact]
    public void ComputeRejectsMissingArguments()
    {
        Assert.Throws<ArgumentNullException>(() => TwilioSignature.Compute(null!, LibraryParams, Token));
        Assert.Throws<ArgumentNullException>(() => TwilioSignature.Compute(Url, null!, Token));
        Assert.Throws<ArgumentNullException>(() => TwilioSignature.Compute(Url, LibraryParams, null!));
    }

    [Fact]
    public void IsValidIsFalseRatherThanThrowingForMissingArguments()
    {
        Assert.False(TwilioSignature.IsValid(LibrarySignature, null!, LibraryParams, Token));
        Assert.False(TwilioSignature.IsValid(LibrarySignature, Url, null!, Token));
        Assert.False(TwilioSignature.IsValid(LibrarySignature, Url, LibraryParams, null!));
    }

    [Theory]
    [InlineData("https://h.com/p?q=1", "https://h.com/p?q=1", "https://h.com:443/p?q=1")]
    [InlineData("http://h.com/p", "http://h.com/p", "http://h.com:80/p")]
    [InlineData("HTTPS://H.com/p", "HTTPS://H.com/p", "HTTPS://H.com:443/p")]
    [InlineData("https://h.com", "https://h.com", "https://h.com:443")]
    [InlineData("https://h.com?x=1", "https://h.com?x=1", "https://h.com:443?x=1")]
    [InlineData("https://h.com:8443/p", "https://h.com/p", "https://h.com:8443/p")]
    [InlineData("https://user:pw@h.com/p", "https://user:pw@h.com/p", "https://user:pw@h.com:443/p")]
    [InlineData("https://user:pw@h.com:444/p", "https://user:pw@h.com/p", "https://user:pw@h.com:444/p")]
    [InlineData("https://[::1]/p", "https://[::1]/p", "https://[::1]:443/p")]
    [InlineData("https://[::1]:8443/p", "https://[::1]/p", "https://[::1]:8443/p")]
    [InlineData("https://h.com/p?t=10:30&u=a%20b", "https://h.com/p?t=10:30&u=a%20b", "https://h.com:443/p?t=10:30&u=a%20b")]
    [InlineData("wss://h.com/p", "wss://h.com/p", "wss://h.com/p")]
    [InlineData("no scheme", "no scheme", "no scheme")]
    public void PortVariantsChangeOnlyThePort(string url, string withoutPort, string withPort) =>
        Assert.Equal((withoutPort, withPort), TwilioSignature.PortVariants(url));

    private static KeyValuePair<string, string>[] Form(params string[] pairs) =>
        [.. pairs.Select(p => p.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p[1]))];
}
