
namespace Moecraft.Hosting.Configuration;

/// <summary>Tenant budgets ("Moecraft:Tenants").</summary>
public sealed class MoecraftTenantOptions
{
    /// <summary>How long a reservation may stay open before it is closed against the ledger (longer than any request).</summary>
    public TimeSpan ReservationLease { get; set; } = Moecraft.Tenants.ReservationLease.Default.Duration;

    public Moecraft.Tenants.ReservationLease ToLease() => new Moecraft.Tenants.ReservationLease(ReservationLease).Validate();
}
