using MultiPhone.Security;

namespace MultiPhone.UnitTests;

public sealed class KeyRingTests
{
    [Theory]
    [InlineData("key-6f2a3c1e-0b4d-4e7f-9a21-3c5d7e9f1b2a", "dataprotection-key-6f2a3c1e-0b4d-4e7f-9a21-3c5d7e9f1b2a")]
    [InlineData("key_with.dots and spaces", "dataprotection-key-with-dots-and-spaces")]
    public void KeyNamesBecomeValidKeyVaultSecretNames(string friendlyName, string secretName) =>
        Assert.Equal(secretName, KeyVaultXmlRepository.SecretName(friendlyName));
}
