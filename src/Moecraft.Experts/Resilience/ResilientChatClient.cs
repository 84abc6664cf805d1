using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Moecraft.Experts.Resilience;

/// <summary>
/// Calls an expert's backend under its <see cref="ExpertCallPolicy"/> (SPEC 4.5): a first-token timeout per attempt,
/// a total timeout per call, retries with exponential backoff for retryable failures only and only before any output
/// reached the caller (a backend's <c>Retry-After</c> is honoured when it fits in the call's budget, see
/// <see cref="RetryDelay"/>), an optional idle timeout between streamed updates after the first output, and the
/// expert's circuit breaker. Never reports a truncated answer as a success: a stream that
/// fails or ends without a finish reason after output was produced throws <see cref="TruncatedAnswerException"/>.
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private static readonly ResiliencePropertyKey<DateTimeOffset> DeadlineKey = new("moecraft.call-deadline");

    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;

    public ResilientChatClient(
        IChatClient innerClient, string expertId, ExpertCallPolicy policy, ExpertCircuitBreaker breaker, TimeProvider? timeProvider = null)
        : base(innerClient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expertId);
        ArgumentNullException.ThrowIfNull(breaker);
        ExpertId = expertId;
        Policy = ExpertDefinitionValidator.Validate(policy);
        Breaker = breaker;
        _time = timeProvider ?? TimeProvider.System;
        _retry = BuildRetry(Policy, _time);
    }

    public string ExpertId { get; }

    public ExpertCallPolicy Policy { get; }

    public ExpertCircuitBreaker Breaker { get; }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Materialised once: a retry sends the same messages again.
        var request = new Request(this, Materialise(messages), options);
        var ticket = Breaker.Enter();
        var outcome = Outcome.Neutral;
        using var deadline = new CancellationTokenSource(Policy.TotalTimeout, _time);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var response = await RetryAsync(
                static (r, token) => new ValueTask<ChatResponse>(r.Client.InnerGetResponseAsync(r.Messages, r.Options, token)), request, call.Token);
            outcome = Outcome.Success;
            return response;
        }
        catch (Exception ex)
        {
            outcome = OutcomeOf(ex, cancellationToken);
            if (IsDeadline(ex, deadline, cancellationToken)) throw TotalTimeout(ex);
            if (IsMalformed(ex)) throw Malformed(ex);
            throw;
        }
        finally
        {
            Report(outcome, ticket);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new Request(this, Materialise(messages), options);
        var ticket = Breaker.Enter();
        var outcome = Outcome.Neutral;
        using var deadline = new CancellationTokenSource(Policy.TotalTimeout, _time);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        StreamStart? start = null;
        try
        {
            try
            {
                start = await RetryAsync(static (r, token) => r.Client.StartStreamAsync(r, token), request, call.Token);
            }
            catch (Exception ex)
            {
                outcome = OutcomeOf(ex, cancellationToken);
                if (IsDeadline(ex, deadline, cancellationToken)) throw TotalTimeout(ex);
                if (IsMalformed(ex)) throw Malformed(ex);
                throw;
            }

            var finished = false;
            foreach (var update in start.Buffered)
            {
                finished |= update.FinishReason is not null;
                yield return update;
            }

            while (!start.Ended)
            {
                ChatResponseUpdate update;
                try
                {
                    start.Listen(Policy);
                    if (!await start.Updates.MoveNextAsync()) break;
                    update = start.Updates.Current;
                    start.Heard();
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    // Output already reached the caller: no retry, and the caller must not take the part for the whole.
                    outcome = Outcome.Failure;
                    var cause = IsDeadline(ex, deadline, cancellationToken) ? TotalTimeout(ex)
                        : start.FellSilent ? IdleTimeout(ex)
                        : IsMalformed(ex) ? Malformed(ex)
                        : ex;
                    throw new TruncatedAnswerException(ExpertId, $"Expert '{ExpertId}' broke off its answer: {cause.Message}", outputProduced: true, cause);
                }
                finished |= update.FinishReason is not null;
                yield return update;
            }

            if (!finished)
            {
                outcome = Outcome.Failure;
                throw new TruncatedAnswerException(ExpertId, $"Expert '{ExpertId}' ended its answer stream without finishing it.", outputProduced: true);
            }
            outcome = Outcome.Success;
        }
        finally
        {
            if (start is not null) await start.DisposeAsync();
            Report(outcome, ticket);
        }
    }

    /// <summary>True for an update that carries something the caller sees (text, a tool call...), not just metadata or usage.</summary>
    public static bool HasOutput(ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update.Contents.Any(c => c switch
        {
            TextContent text => !string.IsNullOrEmpty(text.Text),
            TextReasoningContent reasoning => !string.IsNullOrEmpty(reasoning.Text),
            UsageContent => false,
            _ => true,
        });
    }

    /// <summary>Runs the attempts of one call under the retry pipeline, which knows the call's deadline (a wait that outlasts it is not started).</summary>
    private async ValueTask<T> RetryAsync<T>(Func<Request, CancellationToken, ValueTask<T>> attempt, Request request, CancellationToken callToken)
    {
        var context = ResilienceContextPool.Shared.Get(callToken);
        context.Properties.Set(DeadlineKey, _time.GetUtcNow() + Policy.TotalTimeout);
        try
        {
            return await _retry.ExecuteAsync(static (ctx, state) => state.Attempt(state.Request, ctx.CancellationToken), context, (Attempt: attempt, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<ChatResponse> InnerGetResponseAsync(IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        base.GetResponseAsync(messages, options, cancellationToken);

    /// <summary>One attempt: opens the stream and reads until the first output, buffering what comes before it.</summary>
    private async ValueTask<StreamStart> StartStreamAsync(Request request, CancellationToken callToken)
    {
        // Before the first output it times the first token; after it, when the policy has an idle timeout, each silence.
        var firstToken = new CancellationTokenSource(Policy.FirstTokenTimeout, _time);
        // The attempt's token stays with the stream after the first output, so it is linked to the call, not owned by Polly.
        var attempt = CancellationTokenSource.CreateLinkedTokenSource(callToken, firstToken.Token);
        var updates = base.GetStreamingResponseAsync(request.Messages, request.Options, attempt.Token).GetAsyncEnumerator(attempt.Token);
        var buffered = new List<ChatResponseUpdate>();
        try
        {
            while (await updates.MoveNextAsync())
            {
                var update = updates.Current;
                buffered.Add(update);
                if (HasOutput(update) || update.FinishReason is not null)
                {
                    var silence = Policy.IdleTimeout is null ? null : firstToken;
                    if (silence is null) firstToken.Dispose();
                    else silence.CancelAfter(Timeout.InfiniteTimeSpan); // until the caller asks for more
                    return new StreamStart(updates, attempt, silence, buffered, Ended: false);
                }
            }
            if (firstToken.IsCancellationRequested && !callToken.IsCancellationRequested) throw FirstTokenTimeout(null);
            throw new TruncatedAnswerException(ExpertId, $"Expert '{ExpertId}' ended its answer stream before answering.", outputProduced: false);
        }
        catch (Exception ex)
        {
            await updates.DisposeAsync();
            attempt.Dispose();
            var timedOut = firstToken.IsCancellationRequested && !callToken.IsCancellationRequested;
            firstToken.Dispose();
            if (timedOut && ex is not ExpertTimeoutException) throw FirstTokenTimeout(ex);
            throw;
        }
    }

    private ExpertTimeoutException FirstTokenTimeout(Exception? inner) =>
        new(ExpertId, $"Expert '{ExpertId}' produced no output within its first-token timeout of {Policy.FirstTokenTimeout}.", inner);

    private ExpertTimeoutException IdleTimeout(Exception inner) =>
        new(ExpertId, $"Expert '{ExpertId}' sent nothing for its idle timeout of {Policy.IdleTimeout} in the middle of its answer.", inner);

    private ExpertTimeoutException TotalTimeout(Exception inner) =>
        new(ExpertId, $"Expert '{ExpertId}' did not finish within its total timeout of {Policy.TotalTimeout}.", inner);

    private ExpertProtocolException Malformed(Exception inner) =>
        new(ExpertId, $"Expert '{ExpertId}' answered with a body its protocol cannot read: {inner.Message}", inner);

    private static bool IsMalformed(Exception ex) => ex is System.Text.Json.JsonException || ex.InnerException is System.Text.Json.JsonException;

    private static bool IsDeadline(Exception ex, CancellationTokenSource deadline, CancellationToken caller) =>
        ex is OperationCanceledException && deadline.IsCancellationRequested && !caller.IsCancellationRequested;

    private static Outcome OutcomeOf(Exception ex, CancellationToken caller) =>
        ex is OperationCanceledException && caller.IsCancellationRequested ? Outcome.Neutral
        : ex is ExpertUnavailableException ? Outcome.Neutral
        : ExpertFaults.CountsAgainstCircuit(ex) ? Outcome.Failure
        : Outcome.Neutral;

    private void Report(Outcome outcome, long ticket)
    {
        switch (outcome)
        {
            case Outcome.Success: Breaker.OnSuccess(ticket); break;
            case Outcome.Failure: Breaker.OnFailure(ticket); break;
            default: Breaker.OnNeutral(ticket); break;
        }
    }

    private static IList<ChatMessage> Materialise(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages as IList<ChatMessage> ?? [.. messages];
    }

    private static ResiliencePipeline BuildRetry(ExpertCallPolicy policy, TimeProvider time)
    {
        if (policy.MaxRetries == 0) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = policy.MaxRetries,
                Delay = policy.BaseBackoff,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // Retryable, and the wait (a Retry-After may be long) ends before the call's budget does; otherwise fail now,
                // so the invoker can fail over instead of waiting out a deadline.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex
                    && ExpertFaults.IsRetryable(ex)
                    && RetryDelay.FitsIn(RetryDelay.For(ex, args.AttemptNumber, policy.BaseBackoff, time.GetUtcNow()), Remaining(args.Context, time))),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex ? RetryDelay.For(ex, args.AttemptNumber, policy.BaseBackoff, time.GetUtcNow()) : null),
            })
            .Build();
    }

    private static TimeSpan Remaining(ResilienceContext context, TimeProvider time) =>
        context.Properties.TryGetValue(DeadlineKey, out var deadline) ? deadline - time.GetUtcNow() : TimeSpan.MaxValue;

    private enum Outcome
    {
        Neutral,
        Success,
        Failure,
    }

    private sealed record Request(ResilientChatClient Client, IList<ChatMessage> Messages, ChatOptions? Options);

    /// <summary>An opened stream after its first output (or its end): what came so far, and the rest still to read.</summary>
    /// <param name="Silence">Cancels the attempt when the stream stays silent for the policy's idle timeout; null without one.</param>
    private sealed record StreamStart(
        IAsyncEnumerator<ChatResponseUpdate> Updates, CancellationTokenSource Attempt, CancellationTokenSource? Silence, List<ChatResponseUpdate> Buffered, bool Ended)
        : IAsyncDisposable
    {
        /// <summary>True when the attempt was cancelled because the stream fell silent.</summary>
        public bool FellSilent => Silence is { IsCancellationRequested: true };

        /// <summary>Waiting for the backend's next update: the idle timeout runs.</summary>
        public void Listen(ExpertCallPolicy policy)
        {
            if (Silence is not null && policy.IdleTimeout is { } idle) Silence.CancelAfter(idle);
        }

        /// <summary>An update arrived: the idle timeout stops while the caller takes it (a slow caller is not the backend's silence).</summary>
        public void Heard() => Silence?.CancelAfter(Timeout.InfiniteTimeSpan);

        public async ValueTask DisposeAsync()
        {
            await Updates.DisposeAsync();
            Attempt.Dispose();
            Silence?.Dispose();
        }
    }
}
