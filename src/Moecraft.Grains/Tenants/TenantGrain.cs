using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Moecraft.Governance;
using Moecraft.Journal;

namespace Moecraft.Tenants;

/// <summary>
/// A tenant: budget reservations and settlements, API keys and their rate limits. The money arithmetic lives in
/// <see cref="BudgetAccount"/>; this grain validates, persists after every change and keeps the API key index in step.
/// Rate-limit buckets live in memory only: a reactivated tenant starts with full buckets.
/// </summary>
[GrainType("tenant")]
public sealed partial class TenantGrain(
    [PersistentState("tenant", MoecraftStorage.Name)] IPersistentState<TenantState> state,
    GovernanceCache governance,
    Journalist journalist,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private BudgetAccount? _account;

    // The budget period whose exhaustion is already in the journal: one entry per period, not one per refused request.
    private DateTimeOffset? _exhaustionJournaled;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<TenantSettings> Configure(TenantSettings settings)
    {
        TenantIds.Validate(TenantId, "key");
        TenantSettingsValidator.Validate(settings);
        TenantPolicyCheck.Validate(settings, (await governance.GetAsync(GovernanceIds.Cluster)).Policy);
        var now = time.GetUtcNow();
        var previous = state.State.Settings;
        var oldHashes = previous?.ApiKeys.Select(k => k.KeyHash).ToHashSet(StringComparer.Ordinal) ?? [];
        var newHashes = settings.ApiKeys.Select(k => k.KeyHash).ToHashSet(StringComparer.Ordinal);

        // Claim new keys first: a key owned by another tenant fails the whole call before anything here changes.
        var claimed = new List<string>();
        try
        {
            foreach (var hash in newHashes.Where(h => !oldHashes.Contains(h)))
            {
                await GrainFactory.GetGrain<IApiKeyIndexGrain>(hash).Assign(TenantId);
                claimed.Add(hash);
            }

            var account = previous is null ? new BudgetAccount(settings.Budget, ToKind(settings.Period), now) : Account(previous);
            account.Reconfigure(settings.Budget, ToKind(settings.Period), now);
            account.RollOver(now);
            await PersistAsync(settings, account);
        }
        catch
        {
            foreach (var hash in claimed) await GrainFactory.GetGrain<IApiKeyIndexGrain>(hash).Unassign(TenantId);
            throw;
        }

        foreach (var hash in oldHashes.Where(h => !newHashes.Contains(h)))
            await GrainFactory.GetGrain<IApiKeyIndexGrain>(hash).Unassign(TenantId);
        foreach (var key in settings.ApiKeys)
        {
            if (_buckets.TryGetValue(key.KeyHash, out var bucket) && bucket.RequestsPerMinute != key.RequestsPerMinute) _buckets.Remove(key.KeyHash);
        }
        foreach (var hash in _buckets.Keys.Where(h => !newHashes.Contains(h)).ToList()) _buckets.Remove(hash);

        LogConfigured(logger, TenantId, settings.Budget, settings.Period, settings.ApiKeys.Length);
        return settings;
    }

    public Task<TenantSettings> GetSettings() => Task.FromResult(RequireSettings());

    public async Task<BudgetReservation> Reserve(string requestId, decimal worstCaseCost)
    {
        var settings = RequireSettings();
        var account = Account(settings);
        var now = time.GetUtcNow();
        var before = account.Version;
        var hold = account.TryReserve(requestId, worstCaseCost, now);
        if (hold is null)
        {
            LogBudgetExceeded(logger, TenantId, requestId, worstCaseCost, account.Remaining);
            if (_exhaustionJournaled != account.Window.Start)
            {
                _exhaustionJournaled = account.Window.Start;
                journalist.Record(JournalKinds.BudgetExhausted,
                    $"Tenant '{TenantId}' ran out of budget: {account.Remaining} of {account.Budget} left until {account.Window.End:u}; request '{requestId}' needed up to {worstCaseCost}.");
            }
            throw new BudgetExceededException(TenantId, worstCaseCost, account.Remaining, account.Window.End);
        }
        if (account.Version != before) await PersistAsync(settings, account);
        return new BudgetReservation(TenantId, hold.RequestId, hold.Amount, hold.ReservedAt, account.Remaining);
    }

    public async Task<BudgetSettlement> Settle(string requestId, decimal actualCost)
    {
        var settings = RequireSettings();
        var account = Account(settings);
        var before = account.Version;
        var finished = account.Settle(requestId, actualCost, time.GetUtcNow());
        if (account.Version != before)
        {
            await PersistAsync(settings, account);
            if (finished.Charged > finished.Reserved) LogOverrun(logger, TenantId, requestId, finished.Reserved, finished.Charged);
        }
        return ToSettlement(finished);
    }

    public async Task<BudgetSettlement> Release(string requestId)
    {
        var settings = RequireSettings();
        var account = Account(settings);
        var before = account.Version;
        var finished = account.Release(requestId, time.GetUtcNow());
        if (account.Version != before) await PersistAsync(settings, account);
        return ToSettlement(finished);
    }

    public Task<TenantUsage> GetUsage()
    {
        var settings = RequireSettings();
        var account = Account(settings);
        // Reading across a period boundary shows the new period; the change is persisted with the next write.
        account.RollOver(time.GetUtcNow());
        return Task.FromResult(new TenantUsage(
            settings.Period, account.Window.Start, account.Window.End, account.Budget, account.Spent, account.Reserved,
            account.Remaining, account.Requests, account.Holds.Count));
    }

    public Task<bool> AuthorizeKey(string apiKey)
    {
        var settings = RequireSettings();
        var hash = ApiKeys.Hash(apiKey);
        var key = settings.ApiKeys.FirstOrDefault(k => k.KeyHash == hash);
        if (key is null) return Task.FromResult(false);

        var now = time.GetUtcNow();
        if (!_buckets.TryGetValue(hash, out var bucket))
        {
            bucket = new TokenBucket(key.RequestsPerMinute, now);
            _buckets.Add(hash, bucket);
        }
        if (!bucket.TryTake(now, out var retryAfter))
        {
            LogRateLimited(logger, TenantId, key.RequestsPerMinute);
            throw new RateLimitExceededException(TenantId, key.RequestsPerMinute, retryAfter);
        }
        return Task.FromResult(true);
    }

    private TenantSettings RequireSettings() => state.State.Settings ?? throw new TenantNotConfiguredException(TenantId);

    private BudgetAccount Account(TenantSettings settings) =>
        _account ??= new BudgetAccount(
            settings.Budget,
            ToKind(settings.Period),
            BudgetWindow.Containing(ToKind(settings.Period), state.State.PeriodStart),
            state.State.Spent,
            state.State.Requests,
            state.State.Reservations.Select(r => new BudgetHold(r.RequestId, r.Amount, r.ReservedAt)),
            state.State.Finished.Select(f => new FinishedRequest(f.RequestId, f.Reserved, f.Charged, f.Released)));

    // The account changes before the write; if the write fails, state and account go back to what storage holds.
    private async Task PersistAsync(TenantSettings settings, BudgetAccount account)
    {
        var next = new TenantState
        {
            Settings = settings,
            PeriodStart = account.Window.Start,
            Spent = account.Spent,
            Requests = account.Requests,
            Reservations = [.. account.Holds.Select(h => new TenantReservationRecord(h.RequestId, h.Amount, h.ReservedAt))],
            Finished = [.. account.Finished.Select(f => new TenantFinishedRecord(f.RequestId, f.Reserved, f.Charged, f.Released))],
        };
        try
        {
            await state.WriteNextAsync(next);
            _account = account;
        }
        catch
        {
            _account = null;
            throw;
        }
    }

    private BudgetSettlement ToSettlement(FinishedRequest finished) =>
        new(TenantId, finished.RequestId, finished.Reserved, finished.Charged, finished.Released);

    private static BudgetPeriodKind ToKind(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Daily => BudgetPeriodKind.Daily,
        BudgetPeriod.Monthly => BudgetPeriodKind.Monthly,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown budget period."),
    };
}
