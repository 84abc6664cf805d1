namespace Moecraft.Tenants;

/// <summary>Checks an operator's request for a new key before anything is generated or stored.</summary>
public static class ApiKeyRequestValidator
{
    /// <exception cref="ArgumentException">The name or a limit is invalid; the message names it.</exception>
    public static ApiKeyRequest Validate(ApiKeyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        TenantSettingsValidator.ValidateKeyName(request.Name, nameof(request));
        TenantSettingsValidator.ValidateLimits(request.RequestsPerMinute, request.TokensPerMinute, nameof(request));
        return request;
    }
}
