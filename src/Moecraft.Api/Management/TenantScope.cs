using System.Security.Claims;
using Moecraft.Api.Authentication;
using Moecraft.Tenants;

namespace Moecraft.Api.Management;

/// <summary>Which tenant a read concerns: the caller's own unless an operator names another.</summary>
public static class TenantScope
{
    /// <summary>The caller's tenant when <paramref name="requested"/> is empty or the same; another tenant only for an admin.</summary>
    /// <exception cref="ManagementProblem">403 when a non-admin names another tenant.</exception>
    public static string Resolve(ClaimsPrincipal user, string? requested)
    {
        var own = MoecraftClaims.RequireTenant(user);
        if (string.IsNullOrWhiteSpace(requested) || string.Equals(requested, own, StringComparison.Ordinal)) return own;
        return user.IsInRole(MoecraftClaims.AdminRole)
            ? TenantIds.Validate(requested, "tenant") // a 400 before any grain is called
            : throw ManagementProblem.Forbidden($"Only an operator may read another tenant's data; this key belongs to tenant '{own}'.");
    }

    /// <summary>Who a change is recorded as: the authenticated name, else the tenant, marked as made through the HTTP API.</summary>
    public static string Actor(ClaimsPrincipal user) =>
        $"{user.Identity?.Name ?? MoecraftClaims.TenantOf(user) ?? "anonymous"}@http";
}
