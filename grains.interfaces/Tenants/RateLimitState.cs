namespace Moecraft.Tenants;

/// <summary>One limit of a key at one moment, as OpenAI's <c>x-ratelimit-*</c> headers report it.</summary>
/// <param name="Limit">Requests or tokens per minute.</param>
/// <param name="Remaining">What the key may still use now (never below zero).</param>
/// <param name="Reset">How long until the limit is back to its full size.</param>
[GenerateSerializer, Immutable, Alias("moecraft.RateLimitState")]
public sealed record RateLimitState([property: Id(0)] long Limit, [property: Id(1)] long Remaining, [property: Id(2)] TimeSpan Reset);
