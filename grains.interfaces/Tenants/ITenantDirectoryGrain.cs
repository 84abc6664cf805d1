using System.Collections.Immutable;

namespace Moecraft.Tenants;

/// <summary>
/// Every tenant ever configured (key: <see cref="Cluster"/>), so operators can list them. <see cref="ITenantGrain"/>
/// adds itself whenever it is configured; there is no removal because tenants are never deleted.
/// </summary>
[Alias("moecraft.ITenantDirectoryGrain")]
public interface ITenantDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The one directory of a cluster.</summary>
    public const string Cluster = "cluster";

    /// <summary>Records <paramref name="tenantId"/>; repeating it is harmless.</summary>
    [Alias("Add")]
    Task Add(string tenantId);

    /// <summary>Every recorded tenant id, in ordinal order.</summary>
    [Alias("List")]
    Task<ImmutableArray<string>> List();
}
