using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Moecraft.Governance;
using Moecraft.Journal;
using Moecraft.Ledger;

namespace Moecraft.Tenants;

/// <summary>
/// A tenant: budget reservations and settlements (<c>TenantGrain.Budget.cs</c>), API keys and their rate limits. The
/// money arithmetic lives in <see cref="BudgetAccount"/>; settings changes are validated, persisted and kept in step with
/// the API key index. Rate-limit buckets (<see cref="KeyLimiter"/> per key) live in memory only: a reactivated tenant starts with full
/// buckets. A tenant is one activation cluster-wide, so its keys' limits are cluster-wide.
/// </summary>
[GrainType("tenant")]
public sealed partial class TenantGrain(
    [PersistentState("tenant", MoecraftStorage.Name)] IPersistentState<TenantState> state,
    GovernanceCache governance,
    Journalist journalist,
    ILedger ledger,
    ReservationLease lease,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private readonly Dictionary<string, KeyLimiter> _limiters = new(StringComparer.Ordinal);

    private string TenantId => this.GetPrimaryKeyString();

    public Task<TenantSettings> Configure(TenantSettings settings) => ApplyAsync(settings);

    public async Task<TenantSettings> Create(TenantSettings settings)
    {
        TenantIds.Validate(TenantId, "key");
        if (state.State.Settings is not null) throw new InvalidOperationException($"Tenant '{TenantId}' already exists; change it instead.");
        return await ApplyAsync(settings);
    }

    public Task<TenantSettings> Change(TenantChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var settings = RequireSettings();
        return changes.IsEmpty ? Task.FromResult(settings) : ApplyAsync(changes.ApplyTo(settings));
    }

    public async Task<IssuedApiKey> IssueKey(ApiKeyRequest request)
    {
        ApiKeyRequestValidator.Validate(request);
        var settings = RequireSettings();
        // A new key never repeats an id of this tenant (a 48-bit prefix clash is unlikely, but cheap to rule out).
        string key;
        ApiKeySettings issued;
        do
        {
            key = ApiKeyGenerator.New();
            issued = new ApiKeySettings(ApiKeys.Hash(key), request.RequestsPerMinute, request.Name.Trim(), time.GetUtcNow(), request.TokensPerMinute, request.Admin);
        }
        while (settings.ApiKeys.Any(k => k.Id == issued.Id));

        await ApplyAsync(settings with { ApiKeys = settings.ApiKeys.Items.Add(issued) });
        LogKeyIssued(logger, TenantId, issued.Id, issued.RequestsPerMinute, issued.TokensPerMinute, issued.Admin);
        return new IssuedApiKey(TenantId, key, issued);
    }

    public async Task<ApiKeySettings?> RevokeKey(string keyId)
    {
        var settings = RequireSettings();
        var key = settings.ApiKeys.FirstOrDefault(k => k.Id == keyId);
        if (key is null) return null;
        await ApplyAsync(settings with { ApiKeys = settings.ApiKeys.Items.Remove(key) });
        LogKeyRevoked(logger, TenantId, key.Id);
        return key;
    }

    public Task<KeyAuthorization?> AuthorizeKeyWithLimits(string keyHash)
    {
        var settings = RequireSettings();
        if (!ApiKeys.IsHash(keyHash)) throw new ArgumentException("A key is named by its SHA-256 hash (ApiKeys.Hash).", nameof(keyHash));
        var key = settings.ApiKeys.FirstOrDefault(k => k.KeyHash == keyHash);
        if (key is null) return Task.FromResult<KeyAuthorization?>(null);

        var admission = Limiter(key).TryAdmit(time.GetUtcNow());
        if (!admission.Admitted)
            LogKeyRefused(logger, TenantId, key.Id, admission.Tokens is { Remaining: 0 } && admission.Requests.Remaining > 0 ? "tokens" : "requests", admission.RetryAfter);
        return Task.FromResult<KeyAuthorization?>(new KeyAuthorization(
            TenantId, key.Id, key.Name, key.Admin, admission.Admitted, admission.RetryAfter,
            ToState(admission.Requests), admission.Tokens is { } tokens ? ToState(tokens) : null));
    }

    public Task RecordTokens(string keyHash, long tokens)
    {
        var settings = RequireSettings();
        if (!ApiKeys.IsHash(keyHash)) throw new ArgumentException("A key is named by its SHA-256 hash (ApiKeys.Hash).", nameof(keyHash));
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        if (settings.ApiKeys.FirstOrDefault(k => k.KeyHash == keyHash) is { TokensPerMinute: not null } key)
            Limiter(key).RecordTokens(tokens, time.GetUtcNow());
        return Task.CompletedTask;
    }

    private async Task<TenantSettings> ApplyAsync(TenantSettings settings)
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

            await PersistAsync(settings);
            // The account follows the stored settings; its money comes from the ledger, not from this write.
            if (_account is null) _account = new BudgetAccount(settings.Budget, ToKind(settings.Period), now);
            else _account.Reconfigure(settings.Budget, ToKind(settings.Period), now);
            _account.RollOver(now);
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
            if (_limiters.TryGetValue(key.KeyHash, out var limiter) && !limiter.Enforces(key.RequestsPerMinute, key.TokensPerMinute)) _limiters.Remove(key.KeyHash);
        }
        foreach (var hash in _limiters.Keys.Where(h => !newHashes.Contains(h)).ToList()) _limiters.Remove(hash);

        // The directory lists tenants for operators; repeating the add is one cheap call that writes nothing.
        await GrainFactory.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Cluster).Add(TenantId);
        LogConfigured(logger, TenantId, settings.Budget, settings.Period, settings.ApiKeys.Length);
        return settings;
    }

    public Task<TenantSettings> GetSettings() => Task.FromResult(RequireSettings());

    public Task<bool> AuthorizeKey(string apiKey)
    {
        var settings = RequireSettings();
        var hash = ApiKeys.Hash(apiKey);
        var key = settings.ApiKeys.FirstOrDefault(k => k.KeyHash == hash);
        if (key is null) return Task.FromResult(false);

        var admission = Limiter(key).TryAdmit(time.GetUtcNow());
        if (!admission.Admitted)
        {
            LogRateLimited(logger, TenantId, key.RequestsPerMinute);
            throw new RateLimitExceededException(TenantId, key.RequestsPerMinute, admission.RetryAfter);
        }
        return Task.FromResult(true);
    }

    private KeyLimiter Limiter(ApiKeySettings key)
    {
        if (!_limiters.TryGetValue(key.KeyHash, out var limiter))
        {
            limiter = new KeyLimiter(key.RequestsPerMinute, key.TokensPerMinute, time.GetUtcNow());
            _limiters.Add(key.KeyHash, limiter);
        }
        return limiter;
    }

    private static RateLimitState ToState(LimitState limit) => new(limit.Limit, limit.Remaining, limit.Reset);

    private TenantSettings RequireSettings() => state.State.Settings ?? throw new TenantNotConfiguredException(TenantId);

    // Settings are stored whole; the money fields are a snapshot for readers of the row (the ledger is authoritative),
    // and open reservations are kept so a reactivated tenant reconciles them when their lease runs out.
    private Task PersistAsync(TenantSettings settings) =>
        state.WriteNextAsync(new TenantState
        {
            Settings = settings,
            PeriodStart = _account?.Window.Start ?? state.State.PeriodStart,
            Spent = _account?.Spent ?? state.State.Spent,
            Requests = _account?.Requests ?? state.State.Requests,
            Reservations = _account is null
                ? state.State.Reservations
                : [.. _account.Holds.Select(h => new TenantReservationRecord(h.RequestId, h.Amount, h.ReservedAt))],
            Finished = [],
        });

    private static BudgetPeriodKind ToKind(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Daily => BudgetPeriodKind.Daily,
        BudgetPeriod.Monthly => BudgetPeriodKind.Monthly,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown budget period."),
    };
}
