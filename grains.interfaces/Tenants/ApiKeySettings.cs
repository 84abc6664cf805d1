namespace Moecraft.Tenants;

/// <summary>
/// One API key of a tenant: only its SHA-256 hash (see <see cref="ApiKeys.Hash"/>), its limits and what describes it.
/// A persisted contract: members are only ever added at the end.
/// </summary>
/// <param name="KeyHash">Lower-case hex SHA-256 of the key's UTF-8 bytes; the key itself is never stored.</param>
/// <param name="RequestsPerMinute">Requests the key may make per minute (a token bucket of that size, refilled evenly).</param>
/// <param name="Name">What the operator calls the key (null for keys made before keys had names).</param>
/// <param name="CreatedAt">When the key was issued (default for keys made before keys had a date).</param>
/// <param name="TokensPerMinute">Model tokens (prompt + completion) the key may use per minute; null: no token limit.</param>
/// <param name="Admin">True when the key authenticates with the operator's (admin) role.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ApiKeySettings")]
public sealed record ApiKeySettings(
    [Id(0)] string KeyHash,
    [Id(1)] int RequestsPerMinute,
    [Id(2)] string? Name = null,
    [Id(3)] DateTimeOffset CreatedAt = default,
    [Id(4)] int? TokensPerMinute = null,
    [Id(5)] bool Admin = false)
{
    /// <summary>The key's short public id (the first <see cref="ApiKeys.IdLength"/> hex digits of its hash): safe to show and log.</summary>
    public string Id => ApiKeys.IdOf(KeyHash);
}
