namespace Moecraft.Experts;

/// <summary>What an expert is: its backend, model and price. Persisted in the expert grain.</summary>
/// <param name="Id">Expert id, also the expert grain's key.</param>
/// <param name="Backend">Kind of model server that answers.</param>
/// <param name="Model">Model name at that backend.</param>
/// <param name="Endpoint">Backend base address (absolute http/https) for Ollama and OpenAI-compatible backends; null for the simulated backend.</param>
/// <param name="Pricing">Price per one million input and output tokens.</param>
/// <param name="Tier">Price class.</param>
/// <param name="Capabilities">Free-form capability tags such as "code" or "math".</param>
/// <param name="Simulation">Settings of the simulated backend; null there means <see cref="SimulationSettings.Default"/>.</param>
/// <param name="CallPolicy">Timeouts, retries and circuit breaker of backend calls; null means <see cref="ExpertCallPolicy.Default"/>.</param>
/// <param name="ApiKeyVariable">OpenAI-compatible backends only: name of the silo's environment variable holding the API key; null: no key.</param>
/// <param name="MaxConcurrency">Most calls the expert runs at once, cluster-wide (one activation per expert); null means <see cref="DefaultMaxConcurrency"/>.</param>
/// <param name="QueueTimeout">Longest a call waits for a free slot before it fails as saturated; null means <see cref="DefaultQueueTimeout"/>. Keep it, plus the call itself, well under the callers' response timeout for model calls (<see cref="ModelCalls.ResponseTimeout"/>, 10 minutes), or they give up first.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertDefinition")]
public sealed record ExpertDefinition(
    [Id(0)] string Id,
    [Id(1)] BackendKind Backend,
    [Id(2)] string Model,
    [Id(3)] string? Endpoint,
    [Id(4)] ExpertPricing Pricing,
    [Id(5)] ExpertTier Tier,
    [Id(6)] EquatableArray<string> Capabilities,
    [Id(7)] SimulationSettings? Simulation,
    [Id(8)] ExpertCallPolicy? CallPolicy = null,
    [Id(9)] string? ApiKeyVariable = null,
    [Id(10)] int? MaxConcurrency = null,
    [Id(11)] TimeSpan? QueueTimeout = null)
{
    public const int DefaultMaxConcurrency = 32;
    public const int MaxConcurrencyLimit = 1_024;

    public static readonly TimeSpan DefaultQueueTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Longest queue timeout: a caller waiting longer is better served by failing over to another expert.</summary>
    public static readonly TimeSpan LongestQueueTimeout = TimeSpan.FromMinutes(5);

    /// <summary>True for experts answered by the built-in simulated backend (shown as "simulated" everywhere).</summary>
    public bool IsSimulated => Backend == BackendKind.Simulated;

    /// <summary>The call policy in force: the configured one or the default.</summary>
    public ExpertCallPolicy EffectiveCallPolicy => CallPolicy ?? ExpertCallPolicy.Default;

    /// <summary>The concurrency limit in force: the configured one or the default.</summary>
    public int EffectiveMaxConcurrency => MaxConcurrency ?? DefaultMaxConcurrency;

    /// <summary>The queue timeout in force: the configured one or the default.</summary>
    public TimeSpan EffectiveQueueTimeout => QueueTimeout ?? DefaultQueueTimeout;
}
