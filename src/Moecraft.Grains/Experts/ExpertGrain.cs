using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Moecraft.Diagnostics;
using Moecraft.Experts.Conversations;
using Moecraft.Routing;

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
        var definition = RequireCallable(request);
        var options = ExpertCall.OptionsOf(request.Options, definition.Backend);
        var started = time.GetTimestamp();
        ChatResponse response;
        try
        {
            // Built inside the try: a backend that cannot be built (no replay dataset, a missing API key) is a failed call.
            _client ??= backends.Create(definition);
            response = await _client.GetResponseAsync(ExpertCall.MessagesOf(request.Conversation), options);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw await FailedAsync(definition, request.RequestId, started, ex);
        }

        var calls = ExpertCall.ToolCallsOf(response.Messages.SelectMany(m => m.Contents));
        return await SucceededAsync(definition, request.RoutingText, response.Text, response.Usage, started, ExpertCall.FinishReasonOf(response.FinishReason, calls.Length > 0), calls);
    }

    public async IAsyncEnumerable<ExpertAnswerChunk> InvokeStreaming(ExpertRequest request)
    {
        var definition = RequireCallable(request);
        var options = ExpertCall.OptionsOf(request.Options, definition.Backend);
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
                    _client ??= backends.Create(definition);
                    updates ??= _client.GetStreamingResponseAsync(ExpertCall.MessagesOf(request.Conversation), options).GetAsyncEnumerator();
                    if (!await updates.MoveNextAsync()) break;
                    update = updates.Current;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (text.Length > 0) LogStreamBrokenOff(logger, ex, definition.Id, request.RequestId, text.Length);
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
            if (updates is not null) await updates.DisposeAsync();
        }

        var toolCalls = ExpertCall.ToolCallsOf(calls);
        var answer = await SucceededAsync(definition, request.RoutingText, text.ToString(), usage, started, ExpertCall.FinishReasonOf(finish, toolCalls.Length > 0), toolCalls);
        yield return new ExpertAnswerChunk(definition.Id, Delta: "", answer);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _client?.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
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
        await state.WriteStateAsync();
        MoecraftDiagnostics.ExpertCalls.Add(1, new("expert", definition.Id), new("outcome", "failure"));
        LogCallFailed(logger, ex, definition.Id, requestId);
        // The provider's status and code travel with the failure, so a refused request (too long, filtered) reaches the caller as such.
        return new ExpertCallFailedException(
            definition.Id, $"Expert '{definition.Id}' failed: {ex.Message}", Resilience.ExpertFaults.StatusOf(ex), Resilience.ProviderErrorCode.Of(ex));
    }

    private async Task<ExpertAnswer> SucceededAsync(
        ExpertDefinition definition, string prompt, string text, UsageDetails? usage, long started, string finishReason, System.Collections.Immutable.ImmutableArray<Routing.ToolCall> toolCalls)
    {
        var latency = (long)time.GetElapsedTime(started).TotalMilliseconds;
        // A backend that reports no usage (some OpenAI-compatible servers) is charged by estimate, never for free.
        var input = usage?.InputTokenCount ?? TokenEstimate.Of(prompt);
        var output = usage?.OutputTokenCount ?? (text.Length == 0 ? 0 : TokenEstimate.Of(text));
        var cost = definition.Pricing.CostOf(input, output);
        state.State.Counters = state.State.Counters.AddSuccess(input, output, cost, latency);
        await state.WriteStateAsync();

        MoecraftDiagnostics.ExpertCalls.Add(1, new("expert", definition.Id), new("outcome", "success"));
        MoecraftDiagnostics.ExpertLatency.Record(latency, new TagList { { "expert", definition.Id } });
        MoecraftDiagnostics.ExpertTokens.Add(input, new("expert", definition.Id), new("direction", "input"));
        MoecraftDiagnostics.ExpertTokens.Add(output, new("expert", definition.Id), new("direction", "output"));
        return new ExpertAnswer(definition.Id, text, input, output, cost, latency, definition.IsSimulated, finishReason, toolCalls);
    }

    private ExpertDefinition RequireRegistered() =>
        state.State.Definition ?? throw new InvalidOperationException($"Expert '{this.GetPrimaryKeyString()}' is not registered.");

    private ExpertSnapshot Snapshot() => new(state.State.Definition!, state.State.Status, state.State.Counters);
}
