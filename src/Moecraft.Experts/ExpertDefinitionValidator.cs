namespace Moecraft.Experts;

/// <summary>Checks an expert definition before anything is stored; the message names the bad field.</summary>
public static class ExpertDefinitionValidator
{
    public const int MaxIdLength = 128;

    public static void Validate(ExpertDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Id)) throw new ArgumentException("Expert id must not be empty.", nameof(definition));
        if (definition.Id.Length > MaxIdLength)
            throw new ArgumentException($"Expert id must be at most {MaxIdLength} characters.", nameof(definition));
        if (definition.Id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '/'))
            throw new ArgumentException($"Expert id '{definition.Id}' must not contain whitespace, control characters or '/'.", nameof(definition));
        if (!Enum.IsDefined(definition.Backend)) throw new ArgumentException($"Unknown backend '{definition.Backend}'.", nameof(definition));
        if (!Enum.IsDefined(definition.Tier)) throw new ArgumentException($"Unknown tier '{definition.Tier}'.", nameof(definition));
        if (string.IsNullOrWhiteSpace(definition.Model)) throw new ArgumentException("Expert model must not be empty.", nameof(definition));
        if (definition.Pricing is null || definition.Pricing.InputPerMillion < 0 || definition.Pricing.OutputPerMillion < 0)
            throw new ArgumentException("Expert pricing must be present and not negative.", nameof(definition));
        if (definition.Capabilities.IsDefault) throw new ArgumentException("Expert capabilities must be a list (it may be empty).", nameof(definition));
        if (definition.Backend == BackendKind.Simulated && definition.Simulation is { } simulation) Validate(simulation);
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
