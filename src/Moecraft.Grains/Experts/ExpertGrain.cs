using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Moecraft.Audit;
using Moecraft.Diagnostics;
using Moecraft.Experts.Calls;
using Moecraft.Experts.Conversations;
using Moecraft.Journal;
using Moecraft.Routing;

namespace Moecraft.Experts;

/// <summary>
/// An expert: persisted definition, lifecycle and counters; calls its backend through <see cref="IChatClient"/>.
/// Calls interleave (one activation per expert, so its limit is cluster-wide): <see cref="ExpertCallGate"/> admits up to
/// the definition's limit at once and queues the rest; every state write goes through one <see cref="CoalescingStateWriter"/>.
/// </summary>
[GrainType("expert")]
public sealed partial class ExpertGrain(
    [PersistentState("expert", MoecraftStorage.Name)] IPersistentState<ExpertState> state,
    ExpertBackendFactory backends,
    Journalist journalist,
    TimeProvider time,
    ILogger<ExpertGrain> logger) : Grain, IExpertGrain
{
    private ExpertCallGate? _calls;
    private CoalescingStateWriter? _writer;
    private AuditOutbox _audit = null!;

    // Built on first use: field initialisers reading parameters the methods also capture would be CS9124.
    private ExpertCallGate Calls => _calls ??= new ExpertCallGate(
        backends, time, static (expertId, change) => MoecraftDiagnostics.ExpertCallsInFlight.Add(change, new KeyValuePair<string, object?>("expert", expertId)));

    private CoalescingStateWriter Writer => _writer ??= new CoalescingStateWriter(state.WriteStateAsync);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Definition is { } definition) Calls.Configure(definition);
        _audit = AuditOutbox.ForGrain(this, GrainFactory, () => state.State.Audit, WriteAuditAsync, logger);
        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<ExpertSnapshot> Register(ExpertDefinition definition)
    {
        ExpertDefinitionValidator.Validate(definition);
        var key = this.GetPrimaryKeyString();
        if (definition.Id != key)
            throw new ArgumentException($"Expert id '{definition.Id}' does not match the grain key '{key}'.", nameof(definition));

        state.State.Definition = definition;
        if (state.State.Status == ExpertStatus.Unregistered) state.State.Status = ExpertStatus.Active;
        // Calls admitted from now on use the new definition; running ones finish on the old client, disposed after them.
        Calls.Configure(definition);
        await Writer.WriteAsync();

        LogRegistered(logger, definition.Id, definition.Backend, definition.Model);
        return Snapshot();
    }

    public Task<ExpertSnapshot> GetSnapshot()
    {
        RequireRegistered();
        return Task.FromResult(Snapshot());
    }

    public async Task<ExpertAnswer> Invoke(ExpertRequest request)
    {
        var options = ConversationMapping.OptionsOf(request.Options, RequireCallable(request).Backend);
        using var call = await EnterAsync(request.RequestId);
        var definition = call.Definition;
        var started = time.GetTimestamp();
        ChatResponse response;
        try
        {
            // Inside the try: a backend that cannot be built (no replay dataset, a missing API key) is a failed call.
            var client = call.GetClient();
            response = await client.GetResponseAsync(ConversationMapping.MessagesOf(request.Conversation), options);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            call.Dispose();
            throw await FailedAsync(definition, request.RequestId, started, ex);
        }

        // The slot is the backend's: it is free again before the counters are stored.
        call.Dispose();
        var calls = ConversationMapping.ToolCallsOf(response.Messages.SelectMany(m => m.Contents));
        return await SucceededAsync(
            definition, request.RoutingText, response.Text, response.Usage, started, ConversationMapping.FinishReasonOf(response.FinishReason, calls.Length > 0), calls);
    }

    public async IAsyncEnumerable<ExpertAnswerChunk> InvokeStreaming(ExpertRequest request)
    {
        var options = ConversationMapping.OptionsOf(request.Options, RequireCallable(request).Backend);
        var call = await EnterAsync(request.RequestId);
        var definition = call.Definition;
        var started = time.GetTimestamp();
        var text = new StringBuilder();
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        List<AIContent> calls = [];
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    var client = call.GetClient();
                    updates ??= client.GetStreamingResponseAsync(ConversationMapping.MessagesOf(request.Conversation), options).GetAsyncEnumerator();
                    if (!await updates.MoveNextAsync()) break;
                    update = updates.Current;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (text.Length > 0) LogStreamBrokenOff(logger, ex, definition.Id, request.RequestId, text.Length);
                    // Slot and client back before the failure is stored; the finally below then has nothing left to end.
                    await EndAsync(call, updates);
                    updates = null;
                    throw await FailedAsync(definition, request.RequestId, started, ex);
                }

                finish = update.FinishReason ?? finish;
                calls.AddRange(update.Contents.OfType<FunctionCallContent>());
                foreach (var reported in update.Contents.OfType<UsageContent>())
                {
                    usage ??= new UsageDetails();
                    usage.Add(reported.Details);
                }
                var delta = update.Text;
                if (delta.Length == 0) continue;
                text.Append(delta);
                yield return new ExpertAnswerChunk(definition.Id, delta);
            }
        }
        finally
        {
            // Also when the caller stops reading early: the slot and the client are given back exactly once.
            await EndAsync(call, updates);
        }

        var toolCalls = ConversationMapping.ToolCallsOf(calls);
        var answer = await SucceededAsync(
            definition, request.RoutingText, text.ToString(), usage, started, ConversationMapping.FinishReasonOf(finish, toolCalls.Length > 0), toolCalls);
        yield return new ExpertAnswerChunk(definition.Id, Delta: "", answer);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _calls?.Close();
        // The last counters go out with the write in flight or a pending one; deactivation waits for them.
        if (_writer is not null) await _writer.IdleAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>A slot for the call, or a saturated failure (counted apart: the backend was never called).</summary>
    private async Task<ExpertCall> EnterAsync(string requestId)
    {
        if (await Calls.TryEnterAsync() is { } call) return call;

        var definition = Calls.Definition!;
        state.State.Counters = state.State.Counters.AddSaturation();
        MoecraftDiagnostics.ExpertCalls.Add(1, new("expert", definition.Id), new("outcome", "saturated"));
        LogSaturated(logger, definition.Id, requestId, definition.EffectiveMaxConcurrency, definition.EffectiveQueueTimeout);
        StoreCounters(definition.Id);
        throw new ExpertCallFailedException(
            definition.Id,
            $"Expert '{definition.Id}' is saturated: all {definition.EffectiveMaxConcurrency} of its call slots stayed busy "
            + $"for its queue timeout of {definition.EffectiveQueueTimeout}; try another expert.",
            saturated: true);
    }

    private static async ValueTask EndAsync(ExpertCall call, IAsyncEnumerator<ChatResponseUpdate>? updates)
    {
        if (updates is not null) await updates.DisposeAsync();
        call.Dispose();
    }

    /// <summary>
    /// Stores the counters with the next write, without holding the call: counters are statistics, exact in memory and
    /// stored within a write or two (deactivation waits for the last); a failed write loses no answer (the next carries them).
    /// </summary>
    private void StoreCounters(string expertId) => _ = StoreCountersAsync(expertId);

    private async Task StoreCountersAsync(string expertId)
    {
        try
        {
            await Writer.WriteAsync();
        }
        catch (Exception ex)
        {
            LogCountersNotStored(logger, ex, expertId);
        }
    }

    /// <summary>Checks a request and that the expert takes work; throws before anything is called or counted.</summary>
    private ExpertDefinition RequireCallable(ExpertRequest request)
    {
        var definition = RequireRegistered();
        ArgumentNullException.ThrowIfNull(request);
        if (request.Conversation.All(t => string.IsNullOrWhiteSpace(t.Content) && t.Calls.IsEmpty))
            throw new ArgumentException("The prompt must not be empty.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.RequestId)) throw new ArgumentException("The request id must not be empty.", nameof(request));
        if (!ExpertLifecycle.Answers(state.State.Status))
            throw new InvalidOperationException($"Expert '{definition.Id}' is {state.State.Status} and takes no work.");
        // A request needing tools or a response format this backend cannot honour is refused, never silently degraded.
        BackendFeatures.Require(definition, request.Options);
        return definition;
    }

    private async Task<ExpertCallFailedException> FailedAsync(ExpertDefinition definition, string requestId, long started, Exception ex)
    {
        var failedAfter = (long)time.GetElapsedTime(started).TotalMilliseconds;
        state.State.Counters = state.State.Counters.AddFailure(failedAfter);
        StoreCounters(definition.Id);
        MoecraftDiagnostics.ExpertCalls.Add(1, new("expert", definition.Id), new("outcome", "failure"));
        LogCallFailed(logger, ex, definition.Id, requestId);
        // The provider's status and code travel with the failure, so a refused request (too long, filtered) reaches the caller as such.
        return new ExpertCallFailedException(
            definition.Id, $"Expert '{definition.Id}' failed: {ex.Message}", Resilience.ExpertFaults.StatusOf(ex), Resilience.ProviderErrorCode.Of(ex));
    }

    private async Task<ExpertAnswer> SucceededAsync(
        ExpertDefinition definition, string prompt, string text, UsageDetails? usage, long started, string finishReason, ImmutableArray<ToolCall> toolCalls)
    {
        var latency = (long)time.GetElapsedTime(started).TotalMilliseconds;
        // A backend that reports no usage (some OpenAI-compatible servers) is charged by estimate, never for free.
        var input = usage?.InputTokenCount ?? TokenEstimate.Of(prompt);
        var output = usage?.OutputTokenCount ?? (text.Length == 0 ? 0 : TokenEstimate.Of(text));
        var cost = definition.Pricing.CostOf(input, output);
        state.State.Counters = state.State.Counters.AddSuccess(input, output, cost, latency);
        StoreCounters(definition.Id);

        MoecraftDiagnostics.ExpertCalls.Add(1, new("expert", definition.Id), new("outcome", "success"));
        MoecraftDiagnostics.ExpertLatency.Record(latency, new TagList { { "expert", definition.Id } });
        MoecraftDiagnostics.ExpertTokens.Add(input, new("expert", definition.Id), new("direction", "input"));
        MoecraftDiagnostics.ExpertTokens.Add(output, new("expert", definition.Id), new("direction", "output"));
        return new ExpertAnswer(definition.Id, text, input, output, cost, latency, definition.IsSimulated, finishReason, toolCalls);
    }

    private ExpertDefinition RequireRegistered() =>
        state.State.Definition ?? throw new InvalidOperationException($"Expert '{this.GetPrimaryKeyString()}' is not registered.");

    private ExpertSnapshot Snapshot()
    {
        var definition = state.State.Definition!;
        var circuit = backends.CircuitStateOf(definition.Id) switch
        {
            Resilience.CircuitState.Open => ExpertCircuit.Open,
            Resilience.CircuitState.HalfOpen => ExpertCircuit.HalfOpen,
            _ => ExpertCircuit.Closed,
        };
        var activity = new ExpertActivity(Calls.InFlight, Calls.Queued, definition.EffectiveMaxConcurrency, circuit);
        return new(definition, state.State.Status, state.State.Counters, activity);
    }
}
