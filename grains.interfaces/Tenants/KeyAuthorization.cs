namespace Moecraft.Tenants;

/// <summary>
/// The tenant grain's answer for a key of its own: who the key is, whether this request was admitted, and the state of
/// the key's limits after it (for the <c>x-ratelimit-*</c> headers). A refused request took nothing from either limit.
/// </summary>
/// <param name="TenantId">The tenant that owns the key.</param>
/// <param name="KeyId">The key's public id (<see cref="ApiKeySettings.Id"/>).</param>
/// <param name="KeyName">The key's name, if it has one.</param>
/// <param name="Admin">True when the key carries the admin role.</param>
/// <param name="Admitted">False when a limit refused the request.</param>
/// <param name="RetryAfter">When refused: how long until the refusing limit admits one more request; zero when admitted.</param>
/// <param name="Requests">The requests-per-minute limit.</param>
/// <param name="Tokens">The tokens-per-minute limit, or null when the key has none.</param>
[GenerateSerializer, Immutable, Alias("moecraft.KeyAuthorization")]
public sealed record KeyAuthorization(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string KeyId,
    [property: Id(2)] string? KeyName,
    [property: Id(3)] bool Admin,
    [property: Id(4)] bool Admitted,
    [property: Id(5)] TimeSpan RetryAfter,
    [property: Id(6)] RateLimitState Requests,
    [property: Id(7)] RateLimitState? Tokens);
