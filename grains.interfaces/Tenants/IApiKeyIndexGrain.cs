namespace Moecraft.Tenants;

/// <summary>
/// Which tenant owns an API key (key: the key's hash, <see cref="ApiKeys.Hash"/>), so a gateway holding only the raw key
/// finds its tenant. Maintained by <see cref="ITenantGrain.Configure"/>; a key belongs to at most one tenant.
/// </summary>
[Alias("moecraft.IApiKeyIndexGrain")]
public interface IApiKeyIndexGrain : IGrainWithStringKey
{
    /// <summary>The owning tenant, or null when the key is unknown.</summary>
    [Alias("GetTenant")]
    Task<string?> GetTenant();

    /// <summary>Records <paramref name="tenantId"/> as the owner; repeating it is harmless.</summary>
    /// <exception cref="InvalidOperationException">Another tenant owns the key.</exception>
    [Alias("Assign")]
    Task Assign(string tenantId);

    /// <summary>Forgets the owner if it is <paramref name="tenantId"/>; otherwise changes nothing.</summary>
    [Alias("Unassign")]
    Task Unassign(string tenantId);
}
