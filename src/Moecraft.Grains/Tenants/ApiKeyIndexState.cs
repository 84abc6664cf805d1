namespace Moecraft.Tenants;

/// <summary>Persisted state of an API key index entry. Ids are a persisted contract: never reorder or reuse them.</summary>
[GenerateSerializer, Alias("moecraft.ApiKeyIndexState")]
public sealed class ApiKeyIndexState
{
    [Id(0)] public string? TenantId { get; set; }
}
