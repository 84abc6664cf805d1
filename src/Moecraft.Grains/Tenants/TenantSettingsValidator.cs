namespace Moecraft.Tenants;

/// <summary>Checks tenant settings before anything is stored; the message names the bad field.</summary>
public static class TenantSettingsValidator
{
    public const int MaxPolicyLength = 64;

    public const int MaxApiKeys = 100;

    public const int MaxRequestsPerMinute = 1_000_000;

    public const int MaxTokensPerMinute = 1_000_000_000;

    public const int MaxKeyNameLength = 64;

    public static TenantSettings Validate(TenantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Budget <= 0m) throw new ArgumentException($"The budget must be greater than zero; got {settings.Budget}.", nameof(settings));
        if (!Enum.IsDefined(settings.Period)) throw new ArgumentException($"Unknown budget period '{settings.Period}'.", nameof(settings));
        if (!(settings.QualityTarget is >= 0 and <= 1))
            throw new ArgumentException($"The quality target must be within [0, 1]; got {settings.QualityTarget}.", nameof(settings));
        if (string.IsNullOrWhiteSpace(settings.RoutingPolicy)) throw new ArgumentException("The routing policy must not be empty.", nameof(settings));
        if (settings.RoutingPolicy.Length > MaxPolicyLength || settings.RoutingPolicy.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException($"The routing policy must be a name of at most {MaxPolicyLength} characters without whitespace.", nameof(settings));
        Routing.RoutingPolicyNames.Parse(settings.RoutingPolicy);
        if (settings.ApiKeys.IsDefault) throw new ArgumentException("The API keys must be a list (it may be empty).", nameof(settings));
        if (settings.ApiKeys.Length > MaxApiKeys) throw new ArgumentException($"A tenant has at most {MaxApiKeys} API keys.", nameof(settings));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in settings.ApiKeys)
        {
            if (key is null) throw new ArgumentException("An API key entry must not be null.", nameof(settings));
            if (!ApiKeys.IsHash(key.KeyHash))
                throw new ArgumentException(
                    "API keys are stored as their SHA-256 hash (64 lower-case hex digits, see ApiKeys.Hash), never in clear.", nameof(settings));
            if (!seen.Add(key.KeyHash)) throw new ArgumentException($"API key hash {key.KeyHash[..8]}... is listed twice.", nameof(settings));
            if (!ids.Add(key.Id)) throw new ArgumentException($"Two API keys share the id {key.Id}; issue another key.", nameof(settings));
            ValidateLimits(key.RequestsPerMinute, key.TokensPerMinute, nameof(settings));
            if (key.Name is not null) ValidateKeyName(key.Name, nameof(settings));
        }
        return settings;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the limits are 1 to 1,000,000 requests and 1 to 1,000,000,000 tokens (or none) per minute.</summary>
    public static void ValidateLimits(int requestsPerMinute, int? tokensPerMinute, string parameterName)
    {
        if (requestsPerMinute is < 1 or > MaxRequestsPerMinute)
            throw new ArgumentException($"A rate limit is 1 to {MaxRequestsPerMinute} requests per minute; got {requestsPerMinute}.", parameterName);
        if (tokensPerMinute is < 1 or > MaxTokensPerMinute)
            throw new ArgumentException($"A token limit is 1 to {MaxTokensPerMinute} tokens per minute (or none); got {tokensPerMinute}.", parameterName);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the name is 1-64 characters of well-formed text (<see cref="Identifiers"/>), not blank.</summary>
    public static void ValidateKeyName(string? name, string parameterName) =>
        Identifiers.Validate(name, "key name", parameterName, MaxKeyNameLength);
}
