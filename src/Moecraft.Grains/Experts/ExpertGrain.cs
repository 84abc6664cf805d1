using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Moecraft.Diagnostics;

namespace Moecraft.Experts;

/// <summary>An expert: persisted definition, lifecycle and counters; calls its backend through <see cref="IChatClient"/>.</summary>
[GrainType("expert")]
public sealed partial class ExpertGrain(
    [PersistentState("expert", MoecraftStorage.Name)] IPersistentState<ExpertState> state,
    ExpertBackendFactory backends,
    TimeProvider time,
    ILogger<ExpertGrain> logger) : Grain, IExpertGrain
{
    private IChatClient? _client;

    public async Task<ExpertSnapshot> Register(ExpertDefinition definition)
    {
        ExpertDefinitionValidator.Validate(definition);
        var key = this.GetPrimaryKeyString();
        if (definition.Id != key)
            throw new ArgumentException($"Expert id '{definition.Id}' does not match the grain key '{key}'.", nameof(definition));

        state.State.Definition = definition;
        if (state.State.Status == ExpertStatus.Unregistered) state.State.Status = ExpertStatus.Active;
        await state.WriteStateAsync();

        _client?.Dispose();
        _client = null;
        LogRegistered(logger, definition.Id, definition.Backend, definition.Model);
        return Snapshot();
    }

    public Task<ExpertSnapshot> GetSnapshot()
    {
        RequireRegistered();
        return Task.FromResult(Snapshot());
    }

    public async Task<ExpertSnapshot> SetStatus(ExpertStatus status)
    {
        RequireRegistered();
        if (status == ExpertStatus.Unregistered || !Enum.IsDefined(status))
            throw new ArgumentException($"'{status}' is not a lifecycle status an expert can be moved to.", nameof(status));
        if (!ExpertLifecycle.CanMove(state.State.Status, status))
            throw new InvalidOperationException($"Expert '{this.GetPrimaryKeyString()}' cannot move from {state.State.Status} to {status}.");
        if (state.State.Status != status)
        {
            state.State.Status = status;
            await state.WriteStateAsync();
        }
        return Snapshot();
    }

    public async Task<ExpertAnswer> Invoke(ExpertRequest request)
    {
        var definition = RequireRegistered();
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt)) throw new ArgumentException("The prompt must not be empty.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.RequestId)) throw new ArgumentException("The request id must not be empty.", nameof(request));
        if (!ExpertLifecycle.Answers(state.State.Status))
            throw new InvalidOperationException($"Expert '{definition.Id}' is {state.State.Status} and takes no work.");

        _client ??= backends.Create(definition);
        var started = time.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, request.Prompt)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failedAfter = (long)time.GetElapsedTime(started).TotalMilliseconds;
            state.State.Counters = state.State.Counters.AddFailure(failedAfter);
            await state.WriteStateAsync();
            MoecraftDiagnostics.ExpertCalls.Add(1, new("expert", definition.Id), new("outcome", "failure"));
            LogCallFailed(logger, ex, definition.Id, request.RequestId);
            throw new ExpertCallFailedException(definition.Id, $"Expert '{definition.Id}' failed: {ex.Message}");
        }

        var latency = (long)time.GetElapsedTime(started).TotalMilliseconds;
        var input = response.Usage?.InputTokenCount ?? 0;
        var output = response.Usage?.OutputTokenCount ?? 0;
        var cost = definition.Pricing.CostOf(input, output);
        state.State.Counters = state.State.Counters.AddSuccess(input, output, cost, latency);
        await state.WriteStateAsync();

        MoecraftDiagnostics.ExpertCalls.Add(1, new("expert", definition.Id), new("outcome", "success"));
        MoecraftDiagnostics.ExpertLatency.Record(latency, new TagList { { "expert", definition.Id } });
        MoecraftDiagnostics.ExpertTokens.Add(input, new("expert", definition.Id), new("direction", "input"));
        MoecraftDiagnostics.ExpertTokens.Add(output, new("expert", definition.Id), new("direction", "output"));
        return new ExpertAnswer(definition.Id, response.Text, input, output, cost, latency, definition.IsSimulated);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _client?.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    private ExpertDefinition RequireRegistered() =>
        state.State.Definition ?? throw new InvalidOperationException($"Expert '{this.GetPrimaryKeyString()}' is not registered.");

    private ExpertSnapshot Snapshot() => new(state.State.Definition!, state.State.Status, state.State.Counters);
}
