using Moecraft.Tenants;

namespace Moecraft.Tests.Tenants;

/// <summary>The plain validators behind key issue, tenant settings and tenant changes.</summary>
public sealed class ApiKeyValidationTests
{
    [Fact]
    public void A_sensible_key_request_passes()
    {
        var request = new ApiKeyRequest("ci pipeline", 120, 50_000, Admin: true);
        Assert.Same(request, ApiKeyRequestValidator.Validate(request));
        Assert.Equal(60, new ApiKeyRequest("default limits").RequestsPerMinute);
    }

    [Theory]
    [InlineData("", 60, null, "name")]
    [InlineData("   ", 60, null, "name")]
    [InlineData("tab\tname", 60, null, "control")]
    [InlineData("ok", 0, null, "requests per minute")]
    [InlineData("ok", 1_000_001, null, "requests per minute")]
    [InlineData("ok", 60, 0, "tokens per minute")]
    [InlineData("ok", 60, -5, "tokens per minute")]
    public void A_bad_key_request_is_refused_with_a_message_naming_the_problem(string name, int rpm, int? tpm, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ApiKeyRequestValidator.Validate(new ApiKeyRequest(name, rpm, tpm)));
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_overlong_key_name_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ApiKeyRequestValidator.Validate(new ApiKeyRequest(new string('n', 65))));
        Assert.Contains("at most 64", error.Message);
    }

    [Fact]
    public void Tenant_settings_check_the_new_key_members()
    {
        var key = new ApiKeySettings(ApiKeys.Hash(ApiKeyGenerator.New()), 60, "k", DateTimeOffset.UtcNow, 1000, Admin: true);
        var settings = TestTenants.Settings(10m, BudgetPeriod.Daily, key);
        TenantSettingsValidator.Validate(settings);

        Assert.Throws<ArgumentException>(() => TenantSettingsValidator.Validate(settings with { ApiKeys = [key with { TokensPerMinute = 0 }] }));
        Assert.Throws<ArgumentException>(() => TenantSettingsValidator.Validate(settings with { ApiKeys = [key with { Name = "" }] }));
        // Two hashes with one id prefix would make revoke by id ambiguous.
        var twin = key with { KeyHash = key.KeyHash[..12] + new string('0', 52) };
        var error = Assert.Throws<ArgumentException>(() => TenantSettingsValidator.Validate(settings with { ApiKeys = [key, twin] }));
        Assert.Contains("share the id", error.Message);
    }

    [Fact]
    public void Settings_with_the_new_key_members_are_equal_only_when_every_member_is()
    {
        var key = new ApiKeySettings(ApiKeys.Hash(ApiKeyGenerator.New()), 60, "k", DateTimeOffset.UnixEpoch, 1000, Admin: false);
        var a = TestTenants.Settings(10m, BudgetPeriod.Daily, key);

        Assert.Equal(a, TestTenants.Settings(10m, BudgetPeriod.Daily, key with { }));
        Assert.NotEqual(a, TestTenants.Settings(10m, BudgetPeriod.Daily, key with { Admin = true }));
        Assert.NotEqual(a, TestTenants.Settings(10m, BudgetPeriod.Daily, key with { TokensPerMinute = 999 }));
        Assert.NotEqual(a, TestTenants.Settings(10m, BudgetPeriod.Daily, key with { Name = "other" }));
    }

    [Fact]
    public void A_change_applies_only_the_settings_it_names()
    {
        var settings = TestTenants.Settings(10m, BudgetPeriod.Daily, TestTenants.Key(TestTenants.NewApiKey()));

        Assert.True(new TenantChanges().IsEmpty);
        var changed = new TenantChanges(Budget: 25m, Period: BudgetPeriod.Monthly).ApplyTo(settings);
        Assert.Equal(settings with { Budget = 25m, Period = BudgetPeriod.Monthly }, changed);
        Assert.Equal(settings.ApiKeys, changed.ApiKeys);
        Assert.Equal(settings with { RoutingPolicy = "cascade", QualityTarget = 0.5 }, new TenantChanges(QualityTarget: 0.5, RoutingPolicy: "cascade").ApplyTo(settings));
    }

    [Theory]
    [InlineData("daily", BudgetPeriod.Daily)]
    [InlineData(" Monthly ", BudgetPeriod.Monthly)]
    public void Budget_periods_are_read_from_their_words(string word, BudgetPeriod period)
    {
        Assert.Equal(period, BudgetPeriodNames.Parse(word));
        Assert.Equal(word.Trim().ToLowerInvariant(), BudgetPeriodNames.Format(period));
    }

    [Fact]
    public void An_unknown_budget_period_word_is_refused() =>
        Assert.Contains("'daily' or 'monthly'", Assert.Throws<ArgumentException>(() => BudgetPeriodNames.Parse("weekly")).Message);
}
