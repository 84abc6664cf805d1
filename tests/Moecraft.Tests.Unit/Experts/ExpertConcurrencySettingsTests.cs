using Moecraft.Experts;

namespace Moecraft.Tests.Experts;

/// <summary>An expert definition's concurrency limit and queue timeout: defaults, validation, equality.</summary>
public sealed class ExpertConcurrencySettingsTests
{
    private static readonly ExpertDefinition Simulated =
        new("sim", BackendKind.Simulated, "sim-model", Endpoint: null, ExpertPricing.Free, ExpertTier.Local, ["chat"], SimulationSettings.Default);

    [Fact]
    public void A_definition_without_settings_runs_thirty_two_calls_at_once_and_queues_for_five_seconds()
    {
        Assert.Equal(32, Simulated.EffectiveMaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(5), Simulated.EffectiveQueueTimeout);
        Assert.Equal(7, (Simulated with { MaxConcurrency = 7 }).EffectiveMaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(1), (Simulated with { QueueTimeout = TimeSpan.FromSeconds(1) }).EffectiveQueueTimeout);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1024)]
    public void Limits_from_one_to_one_thousand_and_twenty_four_are_accepted(int limit) =>
        ExpertDefinitionValidator.Validate(Simulated with { MaxConcurrency = limit, QueueTimeout = TimeSpan.FromMinutes(5) });

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1025)]
    public void A_limit_outside_one_to_one_thousand_and_twenty_four_is_refused_with_a_message_naming_it(int limit)
    {
        var error = Assert.Throws<ArgumentException>(() => ExpertDefinitionValidator.Validate(Simulated with { MaxConcurrency = limit }));
        Assert.Contains("Max concurrency must be within [1, 1024]", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    [InlineData(300_001)]
    public void A_queue_timeout_that_is_not_positive_or_longer_than_five_minutes_is_refused(int milliseconds)
    {
        var error = Assert.Throws<ArgumentException>(
            () => ExpertDefinitionValidator.Validate(Simulated with { QueueTimeout = TimeSpan.FromMilliseconds(milliseconds) }));
        Assert.Contains("queue timeout must be positive and at most 00:05:00", error.Message);
    }

    [Fact]
    public void Definitions_differing_only_in_concurrency_settings_are_not_equal()
    {
        Assert.Equal(Simulated, Simulated with { Capabilities = ["chat"] });
        Assert.NotEqual(Simulated, Simulated with { MaxConcurrency = 8 });
        Assert.NotEqual(Simulated, Simulated with { QueueTimeout = TimeSpan.FromSeconds(1) });
        Assert.Equal((Simulated with { MaxConcurrency = 8 }).GetHashCode(), (Simulated with { MaxConcurrency = 8, Capabilities = ["chat"] }).GetHashCode());
    }
}
