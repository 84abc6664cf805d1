using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Moecraft.Experts.Ollama;
using Moecraft.Experts.OpenAi;
using Moecraft.Experts.Replay;
using Moecraft.Experts.Resilience;
using Moecraft.Experts.Simulated;

namespace Moecraft.Experts;

/// <summary>
/// Builds the <see cref="IChatClient"/> that answers for an expert definition: the backend's client wrapped in a
/// <see cref="ResilientChatClient"/> under the expert's call policy. One circuit breaker per expert id, shared by
/// every client built for that expert in this process (a re-registered or re-activated expert keeps its breaker).
/// </summary>
/// <param name="federated">Builds the client of a <see cref="BackendKind.Federated"/> expert (it calls the peer's grain); null where federation is not wired.</param>
public sealed class ExpertBackendFactory(
    TimeProvider timeProvider, IReplayChatClientSource? replay = null, Func<ExpertDefinition, IChatClient>? federated = null)
{
    private readonly ConcurrentDictionary<string, ExpertCircuitBreaker> _breakers = new(StringComparer.Ordinal);

    public IChatClient Create(ExpertDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ExpertDefinitionValidator.Validate(definition);
        var policy = definition.EffectiveCallPolicy;
        var backend = CreateBackend(definition, policy);
        return new ResilientChatClient(backend, definition.Id, policy, BreakerFor(definition.Id, policy), timeProvider);
    }

    /// <summary>The circuit state of an expert in this process; closed for an expert never called here.</summary>
    public CircuitState CircuitStateOf(string expertId)
    {
        ArgumentNullException.ThrowIfNull(expertId);
        return _breakers.TryGetValue(expertId, out var breaker) ? breaker.State : CircuitState.Closed;
    }

    private IChatClient CreateBackend(ExpertDefinition definition, ExpertCallPolicy policy) => definition.Backend switch
    {
        BackendKind.Simulated => new SimulatedChatClient(definition.Model, definition.Simulation ?? SimulationSettings.Default, timeProvider),
        BackendKind.Ollama => OllamaBackend.CreateChatClient(definition.Endpoint!, definition.Model, policy.ConnectTimeout),
        BackendKind.OpenAiCompatible => OpenAiCompatibleBackend.CreateChatClient(
            definition.Endpoint!, definition.Model, OpenAiCompatibleBackend.ApiKeyOf(definition), policy.ConnectTimeout, policy.TotalTimeout),
        BackendKind.Replay => (replay ?? throw new InvalidOperationException(
                $"Expert '{definition.Id}' uses the replay backend, but no replay dataset is loaded in this silo.")).Create(definition),
        BackendKind.Federated => (federated ?? throw new InvalidOperationException(
                $"Expert '{definition.Id}' is offered by peer '{definition.Endpoint}', but federation is not wired in this process.")).Invoke(definition),
        _ => throw new ArgumentException($"Backend '{definition.Backend}' is not supported.", nameof(definition)),
    };

    private ExpertCircuitBreaker BreakerFor(string expertId, ExpertCallPolicy policy) =>
        // A changed policy starts a fresh breaker with the new thresholds; an unchanged one keeps its state.
        _breakers.AddOrUpdate(
            expertId,
            static (id, arg) => new ExpertCircuitBreaker(id, arg.Policy.FailuresToOpen, arg.Policy.OpenDuration, arg.Time),
            static (id, existing, arg) =>
                existing.FailuresToOpen == arg.Policy.FailuresToOpen && existing.OpenDuration == arg.Policy.OpenDuration
                    ? existing
                    : new ExpertCircuitBreaker(id, arg.Policy.FailuresToOpen, arg.Policy.OpenDuration, arg.Time),
            (Policy: policy, Time: timeProvider));
}
