namespace Moecraft.Experts;

/// <summary>Checks an expert definition before anything is stored; the message names the bad field.</summary>
public static class ExpertDefinitionValidator
{
    public const int MaxIdLength = ExpertIds.MaxLength;

    public static void Validate(ExpertDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ExpertIds.Validate(definition.Id, nameof(definition));
        if (!Enum.IsDefined(definition.Backend)) throw new ArgumentException($"Unknown backend '{definition.Backend}'.", nameof(definition));
        if (!Enum.IsDefined(definition.Tier)) throw new ArgumentException($"Unknown tier '{definition.Tier}'.", nameof(definition));
        if (string.IsNullOrWhiteSpace(definition.Model)) throw new ArgumentException("Expert model must not be empty.", nameof(definition));
        if (definition.Pricing is null || definition.Pricing.InputPerMillion < 0 || definition.Pricing.OutputPerMillion < 0)
            throw new ArgumentException("Expert pricing must be present and not negative.", nameof(definition));
        if (definition.Capabilities.IsDefault) throw new ArgumentException("Expert capabilities must be a list (it may be empty).", nameof(definition));
        if (definition.Backend == BackendKind.Simulated && definition.Simulation is { } simulation) Validate(simulation);
        ValidateEndpoint(definition);
        ValidateApiKeyVariable(definition);
        if (definition.CallPolicy is { } policy) Validate(policy);
        ValidateConcurrency(definition);
    }

    private static void ValidateConcurrency(ExpertDefinition definition)
    {
        if (definition.MaxConcurrency is { } limit && limit is < 1 or > ExpertDefinition.MaxConcurrencyLimit)
            throw new ArgumentException(
                $"Max concurrency must be within [1, {ExpertDefinition.MaxConcurrencyLimit}] calls (got {limit}).", nameof(definition));
        if (definition.QueueTimeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > ExpertDefinition.LongestQueueTimeout))
            throw new ArgumentException(
                $"The queue timeout must be positive and at most {ExpertDefinition.LongestQueueTimeout} (got {timeout}).", nameof(definition));
    }

    public static ExpertCallPolicy Validate(ExpertCallPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        RequirePositive(policy.ConnectTimeout, "connect timeout");
        RequirePositive(policy.FirstTokenTimeout, "first-token timeout");
        RequirePositive(policy.TotalTimeout, "total timeout");
        RequirePositive(policy.OpenDuration, "circuit open duration");
        // Connecting is part of waiting for the first token, which is part of the whole call.
        if (policy.ConnectTimeout > policy.FirstTokenTimeout)
            throw new ArgumentException("The connect timeout must not exceed the first-token timeout.", nameof(policy));
        if (policy.FirstTokenTimeout > policy.TotalTimeout)
            throw new ArgumentException("The first-token timeout must not exceed the total timeout.", nameof(policy));
        if (policy.IdleTimeout is { } idle)
        {
            RequirePositive(idle, "idle timeout");
            if (idle > policy.TotalTimeout) throw new ArgumentException("The idle timeout must not exceed the total timeout.", nameof(policy));
        }
        if (policy.MaxRetries is < 0 or > ExpertCallPolicy.MaxRetriesLimit)
            throw new ArgumentException($"Max retries must be within [0, {ExpertCallPolicy.MaxRetriesLimit}].", nameof(policy));
        if (policy.BaseBackoff < TimeSpan.Zero || policy.BaseBackoff > ExpertCallPolicy.LongestBaseBackoff)
            throw new ArgumentException($"The base backoff must be within [0, {ExpertCallPolicy.LongestBaseBackoff}].", nameof(policy));
        if (policy.FailuresToOpen is < 1 or > ExpertCallPolicy.FailuresToOpenLimit)
            throw new ArgumentException($"Failures to open the circuit must be within [1, {ExpertCallPolicy.FailuresToOpenLimit}].", nameof(policy));
        return policy;
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > ExpertCallPolicy.LongestDuration)
            throw new ArgumentException($"The {name} must be positive and at most {ExpertCallPolicy.LongestDuration}.", "policy");
    }

    private static void ValidateEndpoint(ExpertDefinition definition)
    {
        switch (definition.Backend)
        {
            case BackendKind.Ollama or BackendKind.OpenAiCompatible:
                if (!Uri.TryCreate(definition.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    throw new ArgumentException(
                        $"Expert endpoint must be an absolute http or https address for the {definition.Backend} backend (got '{definition.Endpoint}').",
                        nameof(definition));
                break;
            case BackendKind.Federated when string.IsNullOrWhiteSpace(definition.Endpoint) || definition.Endpoint.Contains('/'):
                throw new ArgumentException(
                    $"A federated expert's endpoint is the peer's node name (no '/'), got '{definition.Endpoint}'.", nameof(definition));
            case BackendKind.Simulated when definition.Endpoint is not null:
                throw new ArgumentException("The simulated backend takes no endpoint; leave it null.", nameof(definition));
        }
    }

    private static void ValidateApiKeyVariable(ExpertDefinition definition)
    {
        if (definition.ApiKeyVariable is not { } variable) return;
        if (definition.Backend != BackendKind.OpenAiCompatible)
            throw new ArgumentException("An API key variable is only used by OpenAI-compatible backends.", nameof(definition));
        // The name of an environment variable, never the key itself: keys must not be stored with the definition.
        if (variable.Length is 0 or > 128 || char.IsAsciiDigit(variable[0]) || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException(
                $"The API key variable must be an environment variable name (letters, digits, '_'; not starting with a digit), got '{variable}'.",
                nameof(definition));
    }

    public static SimulationSettings Validate(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.LatencyMs < 0) throw new ArgumentException("Simulated latency must not be negative.", nameof(settings));
        if (settings.OutputTokens < 1) throw new ArgumentException("Simulated output tokens must be at least 1.", nameof(settings));
        if (!(settings.FailureRate >= 0 && settings.FailureRate <= 1))
            throw new ArgumentException("Simulated failure rate must be within [0, 1].", nameof(settings));
        return settings;
    }
}
