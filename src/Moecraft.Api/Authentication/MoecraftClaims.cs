using System.Security.Claims;

namespace Moecraft.Api.Authentication;

/// <summary>The claims and policies the API's endpoints rely on; authentication sets them, endpoints only read them.</summary>
public static class MoecraftClaims
{
    /// <summary>The tenant a request belongs to: it comes only from the credential, never from the body.</summary>
    public const string Tenant = "moecraft:tenant";

    /// <summary>The hash of the API key that authenticated the request (rate limits are per key).</summary>
    public const string KeyHash = "moecraft:key";

    /// <summary>The role of operators: management endpoints need it.</summary>
    public const string AdminRole = "moecraft-admin";

    /// <summary>Authorization policy: a request with a tenant.</summary>
    public const string TenantPolicy = "moecraft-tenant";

    /// <summary>Authorization policy: an operator.</summary>
    public const string AdminPolicy = "moecraft-admin";

    public static string? TenantOf(ClaimsPrincipal user) => user.FindFirst(Tenant)?.Value;

    public static string RequireTenant(ClaimsPrincipal user) =>
        TenantOf(user) ?? throw new InvalidOperationException("The request was authorized without a tenant claim.");
}
