namespace Moecraft.Tenants;

/// <summary>One API key of a tenant: only its SHA-256 hash (see <see cref="ApiKeys.Hash"/>) and its rate limit.</summary>
/// <param name="KeyHash">Lower-case hex SHA-256 of the key's UTF-8 bytes; the key itself is never stored.</param>
/// <param name="RequestsPerMinute">Requests the key may make per minute (a token bucket of that size, refilled evenly).</param>
[GenerateSerializer, Immutable, Alias("moecraft.ApiKeySettings")]
public sealed record ApiKeySettings(string KeyHash, int RequestsPerMinute);
