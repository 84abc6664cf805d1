using Microsoft.Extensions.AI;

namespace Moecraft.Experts.Calls;

/// <summary>
/// Admits one expert's concurrent calls: a slot under the definition's <see cref="ExpertDefinition.MaxConcurrency"/>
/// (waiting at most its <see cref="ExpertDefinition.QueueTimeout"/>), then the backend client built from the current
/// definition. A new definition retires the old client, which is disposed once the calls still using it have ended.
/// </summary>
/// <param name="slotsChanged">Told (expert id, +1 or -1) when a call takes or gives back a slot: the in-flight gauge.</param>
public sealed class ExpertCallGate(ExpertBackendFactory backends, TimeProvider? timeProvider = null, Action<string, int>? slotsChanged = null)
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private ConcurrencyLimiter? _limiter;
    private ExpertDefinition? _definition;
    private SharedChatClient? _client;

    /// <summary>Calls holding a slot now.</summary>
    public int InFlight => _limiter?.InFlight ?? 0;

    /// <summary>Calls waiting for a slot now.</summary>
    public int Queued => _limiter?.Queued ?? 0;

    /// <summary>The definition calls are admitted under; null before <see cref="Configure"/>.</summary>
    public ExpertDefinition? Definition
    {
        get { lock (_lock) return _definition; }
    }

    /// <summary>Takes a (new) definition: its limit applies at once, and a changed definition gets a new client.</summary>
    public void Configure(ExpertDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_lock)
        {
            if (_limiter is null) _limiter = new ConcurrencyLimiter(definition.EffectiveMaxConcurrency, _time);
            else _limiter.Limit = definition.EffectiveMaxConcurrency;
            if (_definition is not null && _definition.Equals(definition)) return;
            _definition = definition;
            _client?.Retire();
            _client = null;
        }
    }

    /// <summary>A slot for one call, or null when none freed within the queue timeout (the expert is saturated).</summary>
    public async Task<ExpertCall?> TryEnterAsync(CancellationToken cancellationToken = default)
    {
        ConcurrencyLimiter limiter;
        TimeSpan queueTimeout;
        lock (_lock)
        {
            limiter = _limiter ?? throw new InvalidOperationException("The gate has no definition yet.");
            queueTimeout = _definition!.EffectiveQueueTimeout;
        }
        if (!await limiter.TryEnterAsync(queueTimeout, cancellationToken)) return null;
        ExpertCall call;
        lock (_lock)
        {
            // The definition when the slot was granted: the client and the price of the answer both come from it.
            var definition = _definition!;
            var ended = Ended(limiter, definition.Id);
            try
            {
                _client ??= new SharedChatClient(backends.Create(definition));
                _client.Acquire();
                call = new ExpertCall(definition, _client, buildError: null, ended);
            }
            catch (Exception ex)
            {
                // A backend that cannot be built (no replay dataset, a missing API key) fails the call when it is used.
                call = new ExpertCall(definition, client: null, ex, ended);
            }
        }
        slotsChanged?.Invoke(call.Definition.Id, 1);
        return call;
    }

    private Action Ended(ConcurrencyLimiter limiter, string expertId) => () =>
    {
        limiter.Exit();
        slotsChanged?.Invoke(expertId, -1);
    };

    /// <summary>Deactivation: the client is disposed now, or when the calls still using it have ended.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _client?.Retire();
            _client = null;
        }
    }
}
