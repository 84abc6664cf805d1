using Moecraft.Tenants;

namespace Moecraft.Tests.Tenants;

public sealed class ApiKeyGeneratorTests
{
    [Fact]
    public void A_generated_key_is_mc_dash_and_forty_base62_characters_and_a_valid_key()
    {
        var key = ApiKeyGenerator.New();

        Assert.Equal(43, key.Length);
        Assert.StartsWith("mc-", key);
        Assert.All(key[3..], c => Assert.Contains(c, ApiKeyGenerator.Alphabet));
        Assert.True(ApiKeyGenerator.HasFormat(key));
        ApiKeys.Validate(key);
        Assert.True(ApiKeys.IsHash(ApiKeys.Hash(key)));
    }

    [Fact]
    public void Generated_keys_do_not_repeat_and_use_the_whole_alphabet()
    {
        var keys = Enumerable.Range(0, 2000).Select(_ => ApiKeyGenerator.New()).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        var used = keys.SelectMany(k => k[3..]).ToHashSet();
        Assert.Equal(ApiKeyGenerator.Alphabet.Length, used.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("mc-short")]
    [InlineData("sk-0123456789012345678901234567890123456789")]
    [InlineData("mc-012345678901234567890123456789012345678!")]
    [InlineData("mc-0123456789012345678901234567890123456789x")]
    public void Other_strings_do_not_have_the_format_of_a_generated_key(string? value) => Assert.False(ApiKeyGenerator.HasFormat(value));

    [Fact]
    public void A_key_id_is_the_first_twelve_hex_digits_of_its_hash()
    {
        var key = ApiKeyGenerator.New();
        var settings = new ApiKeySettings(ApiKeys.Hash(key), 60);

        Assert.Equal(ApiKeys.Hash(key)[..12], settings.Id);
        Assert.True(ApiKeys.IsId(settings.Id));
        Assert.False(ApiKeys.IsId(ApiKeys.Hash(key)));
        Assert.False(ApiKeys.IsId("ABCDEF012345"));
    }
}
