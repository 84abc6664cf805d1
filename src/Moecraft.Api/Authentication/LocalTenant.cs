using Microsoft.Extensions.Options;
using Moecraft.Tenants;

namespace Moecraft.Api.Authentication;

/// <summary>The built-in tenant of open local access: configured with its budget the first time it is used.</summary>
public sealed class LocalTenant(IGrainFactory grains, IOptions<MoecraftApiOptions> options)
{
    private Task<string>? _ensured;

    public Task<string> EnsureAsync(CancellationToken cancellationToken)
    {
        var ensured = _ensured ??= EnsureOnceAsync();
        // A failed attempt (a silo still starting) is tried again on the next request.
        if (ensured.IsFaulted) _ensured = null;
        return ensured.WaitAsync(cancellationToken);
    }

    private async Task<string> EnsureOnceAsync()
    {
        var id = options.Value.LocalTenant;
        var tenant = grains.Reference<ITenantGrain>(id);
        try
        {
            await tenant.GetSettings();
        }
        catch (TenantNotConfiguredException)
        {
            await tenant.Configure(new TenantSettings(options.Value.LocalTenantBudget, BudgetPeriod.Monthly, 0.7, "cheapest", []));
        }
        return id;
    }
}
