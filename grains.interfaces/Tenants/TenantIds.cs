using System.Diagnostics.CodeAnalysis;

namespace Moecraft.Tenants;

/// <summary>The one rule for tenant ids, shared by the tenant grain, the ledger, the HTTP API and the client SDK.</summary>
public static class TenantIds
{
    public const int MaxLength = Identifiers.MaxLength;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless the id is 1-128 characters of well-formed text (<see cref="Identifiers"/>:
    /// no lone surrogates, no control characters) without whitespace or '/'.
    /// </summary>
    public static string Validate([NotNull] string? tenantId, string parameterName = "tenantId") =>
        Identifiers.ValidateKeySegment(tenantId, "tenant id", parameterName, MaxLength);
}
