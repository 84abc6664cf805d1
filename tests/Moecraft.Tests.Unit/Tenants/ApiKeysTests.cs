using System.Security.Cryptography;
using System.Text;
using Moecraft.Tenants;

namespace Moecraft.Tests.Tenants;

public sealed class ApiKeysTests
{
    [Fact]
    public void A_key_is_stored_as_its_lower_case_sha256()
    {
        const string key = "mc_live_0123456789abcdef";
        var hash = ApiKeys.Hash(key);

        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant(), hash);
        Assert.True(ApiKeys.IsHash(hash));
        Assert.False(ApiKeys.IsHash(hash.ToUpperInvariant()));
        Assert.False(ApiKeys.IsHash(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short-key")]
    [InlineData("has a space in the middle")]
    [InlineData("control\tcharacter-in-key")]
    [InlineData("non-ascii-key-é-0123456")]
    public void Malformed_keys_are_rejected(string key) => Assert.Throws<ArgumentException>(() => ApiKeys.Hash(key));

    [Fact]
    public void An_overlong_key_is_rejected() => Assert.Throws<ArgumentException>(() => ApiKeys.Hash(new string('k', ApiKeys.MaxLength + 1)));
}
