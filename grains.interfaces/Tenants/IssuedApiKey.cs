namespace Moecraft.Tenants;

/// <summary>
/// A key just issued: the only time the key itself exists outside its holder's hands. The cluster keeps its hash only,
/// so a lost key cannot be shown again; revoke it and issue another.
/// </summary>
/// <param name="TenantId">The tenant the key belongs to.</param>
/// <param name="Key">The key (<c>mc-</c> and 40 random base62 characters); show it once.</param>
/// <param name="Settings">The key as stored: hash, id, name, limits.</param>
[GenerateSerializer, Immutable, Alias("moecraft.IssuedApiKey")]
public sealed record IssuedApiKey([property: Id(0)] string TenantId, [property: Id(1)] string Key, [property: Id(2)] ApiKeySettings Settings);
