using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Moecraft.Hosting.Health;

/// <summary>Healthy when this silo is an active member of its cluster.</summary>
public sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var data = new Dictionary<string, object>
        {
            ["silo"] = silo.Name,
            ["address"] = silo.SiloAddress.ToString(),
            ["status"] = status.ToString(),
            ["activeSilos"] = active,
        };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.Name} is active in a cluster of {active}.", data)
            : HealthCheckResult.Unhealthy($"Silo {silo.Name} is {status}.", data: data));
    }
}
