using System.Security.Claims;

namespace Moecraft.Api.Authentication;

/// <summary>The claims and policies the API's endpoints rely on; authentication sets them, endpoints only read them.</summary>
public static class MoecraftClaims
{
    /// <summary>The tenant a request belongs to: it comes only from the credential, never from the body.</summary>
    public const string Tenant = "moecraft:tenant";

    /// <summary>The hash of the API key that authenticated the request (rate limits are per key).</summary>
    public const string KeyHash = "moecraft:key";

    /// <summary>The public id of the API key that authenticated the request (safe to show and log).</summary>
    public const string KeyId = "moecraft:key-id";

    /// <summary>How the request authenticated: <see cref="ApiKeyMethod"/>, <see cref="JwtMethod"/> or <see cref="LocalMethod"/>.</summary>
    public const string Method = "moecraft:auth";

    public const string ApiKeyMethod = "api-key";

    public const string JwtMethod = "jwt";

    public const string LocalMethod = "local";

    /// <summary>The role of operators: management endpoints need it.</summary>
    public const string AdminRole = "moecraft-admin";

    /// <summary>Authorization policy: a request with a tenant.</summary>
    public const string TenantPolicy = "moecraft-tenant";

    /// <summary>Authorization policy: an operator.</summary>
    public const string AdminPolicy = "moecraft-admin";

    public static string? TenantOf(ClaimsPrincipal user) => user.FindFirst(Tenant)?.Value;

    public static string RequireTenant(ClaimsPrincipal user) =>
        TenantOf(user) ?? throw new InvalidOperationException("The request was authorized without a tenant claim.");

    /// <summary>The hash of the API key behind the request, or null (open local access, JWT).</summary>
    public static string? KeyHashOf(ClaimsPrincipal user) => user.FindFirst(KeyHash)?.Value;

    /// <summary>A principal with Moecraft's claims; roles are read from <see cref="ClaimTypes.Role"/>.</summary>
    public static ClaimsPrincipal Principal(string authenticationType, string method, string tenant, bool admin, string name, string? keyHash = null, string? keyId = null)
    {
        var claims = new List<Claim> { new(Tenant, tenant), new(Method, method), new(ClaimTypes.Name, name) };
        if (admin) claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        if (keyHash is not null) claims.Add(new Claim(KeyHash, keyHash));
        if (keyId is not null) claims.Add(new Claim(KeyId, keyId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
