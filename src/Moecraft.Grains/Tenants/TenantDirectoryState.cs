namespace Moecraft.Tenants;

/// <summary>Persisted state of the tenant directory. Ids are a persisted contract: never reorder or reuse them.</summary>
[GenerateSerializer, Alias("moecraft.TenantDirectoryState")]
public sealed class TenantDirectoryState
{
    /// <summary>Tenant ids in ordinal order, each once.</summary>
    [Id(0)] public List<string> TenantIds { get; set; } = [];
}
