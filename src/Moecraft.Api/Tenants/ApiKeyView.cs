using Moecraft.Tenants;

namespace Moecraft.Api.Tenants;

/// <summary>An API key as listed: id, name, limits, admin flag; never the key or its hash.</summary>
public sealed record ApiKeyView(string Id, string? Name, DateTimeOffset? CreatedAt, int RequestsPerMinute, int? TokensPerMinute, bool Admin)
{
    public static ApiKeyView From(ApiKeySettings key) =>
        new(key.Id, key.Name, key.CreatedAt == default ? null : key.CreatedAt, key.RequestsPerMinute, key.TokensPerMinute, key.Admin);
}
