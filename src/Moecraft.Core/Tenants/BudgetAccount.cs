namespace Moecraft.Tenants;

/// <summary>
/// A tenant's money in one budget period: reserve the worst case before a call, settle the actual cost (or release)
/// after. The invariant <c>spent + reserved &lt;= budget</c> holds for every admitted reservation, so a tenant never
/// spends more than its budget unless a call costs more than its own reservation. Plain data, no I/O: the tenant grain
/// persists it after every change (<see cref="Version"/> tells it when).
/// </summary>
public sealed class BudgetAccount
{
    /// <summary>Finished requests remembered so a repeated settle or release is answered, not charged twice.</summary>
    public const int RememberedRequests = 1024;

    public const int MaxRequestIdLength = 200;

    private readonly Dictionary<string, BudgetHold> _holds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FinishedRequest> _finished = new(StringComparer.Ordinal);

    // Requests finished before this account was restored (the ledger's recent lines): kept whole, not bounded like
    // _finished, because a settle delayed by a failover must find its request however many others finished since.
    private readonly Dictionary<string, FinishedRequest> _restored = new(StringComparer.Ordinal);
    private readonly Queue<string> _finishedOrder = new();

    /// <summary>A fresh account whose period contains <paramref name="now"/>.</summary>
    public BudgetAccount(decimal budget, BudgetPeriodKind period, DateTimeOffset now)
        : this(budget, period, BudgetWindow.Containing(period, now), 0m, 0, [], [])
    {
    }

    /// <summary>An account restored from storage.</summary>
    public BudgetAccount(
        decimal budget,
        BudgetPeriodKind period,
        BudgetWindow window,
        decimal spent,
        long requests,
        IEnumerable<BudgetHold> holds,
        IEnumerable<FinishedRequest> finished)
    {
        ValidateBudget(budget);
        ArgumentNullException.ThrowIfNull(holds);
        ArgumentNullException.ThrowIfNull(finished);
        Budget = budget;
        Period = period;
        Window = window;
        Spent = spent;
        Requests = requests;
        foreach (var hold in holds) _holds.Add(hold.RequestId, hold);
        foreach (var request in finished) _restored.TryAdd(request.RequestId, request);
    }

    public decimal Budget { get; private set; }

    public BudgetPeriodKind Period { get; private set; }

    public BudgetWindow Window { get; private set; }

    /// <summary>Charged in the current period.</summary>
    public decimal Spent { get; private set; }

    /// <summary>Requests settled in the current period.</summary>
    public long Requests { get; private set; }

    /// <summary>Held by open reservations (which carry over a period change: their calls are still in flight).</summary>
    public decimal Reserved => _holds.Values.Sum(h => h.Amount);

    /// <summary>What a new reservation may still take, never below zero.</summary>
    public decimal Remaining => Math.Max(0m, Budget - Spent - Reserved);

    public IReadOnlyCollection<BudgetHold> Holds => _holds.Values;

    /// <summary>Requests finished since the account was made or restored, oldest first (at most <see cref="RememberedRequests"/>).</summary>
    public IEnumerable<FinishedRequest> Finished => _finishedOrder.Select(id => _finished[id]);

    /// <summary>Grows with every change, so a caller persists only when something changed.</summary>
    public long Version { get; private set; }

    /// <summary>Starts a new period (spent and request count back to zero) once <paramref name="now"/> has left the current one.</summary>
    public bool RollOver(DateTimeOffset now)
    {
        if (now < Window.End) return false;
        Window = BudgetWindow.Containing(Period, now);
        Spent = 0m;
        Requests = 0;
        Version++;
        return true;
    }

    /// <summary>New budget or period kind; spend, requests and reservations carry over into the period containing <paramref name="now"/>.</summary>
    public void Reconfigure(decimal budget, BudgetPeriodKind period, DateTimeOffset now)
    {
        ValidateBudget(budget);
        if (budget == Budget && period == Period) return;
        Budget = budget;
        if (period != Period)
        {
            Period = period;
            Window = BudgetWindow.Containing(period, now);
        }
        Version++;
    }

    /// <summary>
    /// Holds <paramref name="worstCase"/> for <paramref name="requestId"/>, or returns null (changing nothing) when it
    /// does not fit the budget. Repeating a reservation with the same amount returns the existing hold.
    /// </summary>
    public BudgetHold? TryReserve(string requestId, decimal worstCase, DateTimeOffset now)
    {
        ValidateRequestId(requestId);
        ValidateCost(worstCase, nameof(worstCase));
        RollOver(now);

        if (_holds.TryGetValue(requestId, out var existing))
        {
            return existing.Amount == worstCase
                ? existing
                : throw new InvalidOperationException(
                    $"Request '{requestId}' already holds a reservation of {existing.Amount}; it cannot be reserved again with {worstCase}.");
        }
        if (FinishedOf(requestId) is not null)
            throw new InvalidOperationException($"Request '{requestId}' was already settled or released; use a new request id.");

        if (Spent + Reserved + worstCase > Budget) return null;

        var hold = new BudgetHold(requestId, worstCase, now);
        _holds.Add(requestId, hold);
        Version++;
        return hold;
    }

    /// <summary>
    /// Charges <paramref name="actualCost"/> and frees the reservation. The actual cost is charged in full even when it
    /// exceeds the reservation: that money was spent. A request without a hold is charged too: its reservation was lost
    /// with an earlier activation of the tenant, and the ledger already holds the charge. Repeating a settle with the
    /// same cost returns the first result.
    /// </summary>
    public FinishedRequest Settle(string requestId, decimal actualCost, DateTimeOffset now)
    {
        ValidateRequestId(requestId);
        ValidateCost(actualCost, nameof(actualCost));

        if (FinishedOf(requestId) is { } finished)
        {
            if (finished.Released)
                throw new InvalidOperationException($"Request '{requestId}' was released (its call failed); it cannot be charged.");
            return finished.Charged == actualCost
                ? finished
                : throw new InvalidOperationException(
                    $"Request '{requestId}' was already settled with {finished.Charged}; it cannot be settled again with {actualCost}.");
        }

        RollOver(now);
        var reserved = _holds.Remove(requestId, out var hold) ? hold.Amount : 0m;
        Spent += actualCost;
        Requests++;
        var result = new FinishedRequest(requestId, reserved, actualCost, Released: false);
        Remember(result);
        Version++;
        return result;
    }

    /// <summary>
    /// Frees the reservation and charges nothing (the call failed). Repeating a release returns the first result; a
    /// request already settled keeps its charge and its settlement is returned; a request without a hold (lost with an
    /// earlier activation) has nothing to free.
    /// </summary>
    public FinishedRequest Release(string requestId, DateTimeOffset now)
    {
        ValidateRequestId(requestId);
        if (FinishedOf(requestId) is { } finished) return finished;

        RollOver(now);
        var reserved = _holds.Remove(requestId, out var hold) ? hold.Amount : 0m;
        var result = new FinishedRequest(requestId, reserved, 0m, Released: true);
        Remember(result);
        Version++;
        return result;
    }

    /// <summary>The settled or released request of that id, when it is still remembered.</summary>
    public FinishedRequest? FinishedOf(string requestId) => _finished.GetValueOrDefault(requestId) ?? _restored.GetValueOrDefault(requestId);

    /// <summary>Holds reserved at or before <paramref name="now"/> minus <paramref name="lease"/>: their requests took too long and are reconciled.</summary>
    public IReadOnlyList<BudgetHold> Expired(DateTimeOffset now, TimeSpan lease) =>
        [.. _holds.Values.Where(h => h.ReservedAt + lease <= now).OrderBy(h => h.ReservedAt)];

    private void Remember(FinishedRequest request)
    {
        if (!_finished.TryAdd(request.RequestId, request)) return;
        _finishedOrder.Enqueue(request.RequestId);
        while (_finishedOrder.Count > RememberedRequests) _finished.Remove(_finishedOrder.Dequeue());
    }

    private static void ValidateBudget(decimal budget)
    {
        if (budget <= 0m) throw new ArgumentException($"The budget must be greater than zero; got {budget}.", nameof(budget));
    }

    private static void ValidateCost(decimal cost, string parameterName)
    {
        if (cost < 0m) throw new ArgumentException($"A cost must not be negative; got {cost}.", parameterName);
    }

    private static void ValidateRequestId(string requestId)
    {
        if (string.IsNullOrWhiteSpace(requestId)) throw new ArgumentException("The request id must not be empty.", nameof(requestId));
        if (requestId.Length > MaxRequestIdLength)
            throw new ArgumentException($"The request id must be at most {MaxRequestIdLength} characters.", nameof(requestId));
    }
}
