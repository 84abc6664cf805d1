namespace Moecraft.Routing;

/// <summary>
/// The generation options of a request. Part of a request's identity: the surrogate cache answers only from an
/// earlier answer given under identical options (SPEC 4.3).
/// </summary>
/// <param name="Temperature">Sampling temperature in [0, 2]; null: the backend's default.</param>
/// <param name="MaxOutputTokens">Upper bound on the answer's tokens; null: the backend's default.</param>
[GenerateSerializer, Immutable, Alias("moecraft.RequestOptions")]
public sealed record RequestOptions(double? Temperature = null, int? MaxOutputTokens = null)
{
    public static RequestOptions Default { get; } = new();

    /// <summary>A stable text form, equal for equal options (the cache's options key).</summary>
    public string Key => FormattableString.Invariant($"t={Temperature?.ToString("R") ?? "-"};max={MaxOutputTokens?.ToString() ?? "-"}");
}
