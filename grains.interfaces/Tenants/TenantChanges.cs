namespace Moecraft.Tenants;

/// <summary>A change to some of a tenant's settings; null members keep their value. API keys change only by issue and revoke.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.TenantChanges")]
public sealed record TenantChanges([property: Id(0)] decimal? Budget = null, [property: Id(1)] BudgetPeriod? Period = null, [property: Id(2)] double? QualityTarget = null, [property: Id(3)] string? RoutingPolicy = null)
{
    /// <summary>True when the change names no setting.</summary>
    public bool IsEmpty => Budget is null && Period is null && QualityTarget is null && RoutingPolicy is null;

    /// <summary>The settings with this change applied.</summary>
    public TenantSettings ApplyTo(TenantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with
        {
            Budget = Budget ?? settings.Budget,
            Period = Period ?? settings.Period,
            QualityTarget = QualityTarget ?? settings.QualityTarget,
            RoutingPolicy = RoutingPolicy ?? settings.RoutingPolicy,
        };
    }
}
