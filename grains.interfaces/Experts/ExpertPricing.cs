namespace Moecraft.Experts;

/// <summary>Price of an expert in currency units per one million input and output tokens.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertPricing")]
public sealed record ExpertPricing([Id(0)] decimal InputPerMillion, [Id(1)] decimal OutputPerMillion)
{
    public static ExpertPricing Free { get; } = new(0m, 0m);

    /// <summary>The cost of one call that used the given token counts.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        (inputTokens * InputPerMillion + outputTokens * OutputPerMillion) / 1_000_000m;
}
