namespace Moecraft.Tenants;

/// <summary>A call reached a tenant that was never configured; nothing was changed or charged.</summary>
[GenerateSerializer, Alias("moecraft.TenantNotConfiguredException")]
public sealed class TenantNotConfiguredException : Exception
{
    public TenantNotConfiguredException(string tenantId)
        : base($"Tenant '{tenantId}' is not configured.") => TenantId = tenantId;

    [Id(0)]
    public string TenantId { get; }
}
