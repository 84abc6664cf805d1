namespace Moecraft.Tenants;

/// <summary>The one rule for tenant ids, shared by the tenant grain and the ledger.</summary>
public static class TenantIds
{
    public const int MaxLength = 128;

    /// <summary>Throws <see cref="ArgumentException"/> unless the id is 1-128 characters with no whitespace, control characters or '/'.</summary>
    public static string Validate(string? tenantId, string parameterName = "tenantId")
    {
        if (string.IsNullOrWhiteSpace(tenantId)) throw new ArgumentException("The tenant id must not be empty.", parameterName);
        if (tenantId.Length > MaxLength) throw new ArgumentException($"The tenant id must be at most {MaxLength} characters.", parameterName);
        if (tenantId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '/'))
            throw new ArgumentException($"The tenant id '{tenantId}' must not contain whitespace, control characters or '/'.", parameterName);
        return tenantId;
    }
}
