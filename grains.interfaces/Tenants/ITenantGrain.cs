namespace Moecraft.Tenants;

/// <summary>
/// A tenant's budget, API keys and rate limits (key: tenant id). Admission reserves a request's worst-case cost before
/// any model is called and settles the actual cost after; rejections change nothing. Every call but
/// <see cref="Configure"/> throws <see cref="TenantNotConfiguredException"/> for a tenant never configured.
/// </summary>
[Alias("moecraft.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant or replaces its settings; spend and open reservations carry over.</summary>
    /// <exception cref="ArgumentException">Invalid settings or tenant id.</exception>
    /// <exception cref="InvalidOperationException">An API key already belongs to another tenant.</exception>
    [Alias("Configure")]
    Task<TenantSettings> Configure(TenantSettings settings);

    [Alias("GetSettings")]
    Task<TenantSettings> GetSettings();

    /// <summary>
    /// Holds <paramref name="worstCaseCost"/> for the request. Repeating a reservation with the same amount returns it again.
    /// </summary>
    /// <exception cref="BudgetExceededException">Spent + reserved + worst case would exceed the budget.</exception>
    /// <exception cref="ArgumentException">Empty request id or negative cost.</exception>
    /// <exception cref="InvalidOperationException">The request id was already reserved with another amount, or already finished.</exception>
    [Alias("Reserve")]
    Task<BudgetReservation> Reserve(string requestId, decimal worstCaseCost);

    /// <summary>
    /// Charges the actual cost and returns the rest of the reservation to the budget. Idempotent per request id: repeating
    /// it with the same cost returns the first settlement and charges nothing more.
    /// </summary>
    /// <exception cref="InvalidOperationException">No reservation, already released, or already settled with another cost.</exception>
    [Alias("Settle")]
    Task<BudgetSettlement> Settle(string requestId, decimal actualCost);

    /// <summary>The call failed: frees the reservation and charges nothing. Repeating it is harmless.</summary>
    /// <exception cref="InvalidOperationException">No reservation, or the request was already settled.</exception>
    [Alias("Release")]
    Task<BudgetSettlement> Release(string requestId);

    [Alias("GetUsage")]
    Task<TenantUsage> GetUsage();

    /// <summary>
    /// False when the key is not one of this tenant's; otherwise takes one request from the key's rate limit and returns true.
    /// </summary>
    /// <exception cref="ArgumentException">The key is malformed.</exception>
    /// <exception cref="RateLimitExceededException">The key is over its per-minute limit.</exception>
    [Alias("AuthorizeKey")]
    Task<bool> AuthorizeKey(string apiKey);

    /// <summary>Creates the tenant with <paramref name="settings"/> (API keys are issued afterwards with <see cref="IssueKey"/>).</summary>
    /// <exception cref="ArgumentException">Invalid settings or tenant id.</exception>
    /// <exception cref="InvalidOperationException">The tenant already exists; nothing changed.</exception>
    [Alias("Create")]
    Task<TenantSettings> Create(TenantSettings settings);

    /// <summary>Changes the settings <paramref name="changes"/> names and keeps the rest, API keys included.</summary>
    /// <exception cref="ArgumentException">The result would be invalid; nothing changed.</exception>
    [Alias("Change")]
    Task<TenantSettings> Change(TenantChanges changes);

    /// <summary>
    /// Generates a new key with a CSPRNG, stores only its hash with the requested name and limits, and returns the key:
    /// the only time it is ever shown.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid name or limits, or the tenant already has the most keys it may have.</exception>
    [Alias("IssueKey")]
    Task<IssuedApiKey> IssueKey(ApiKeyRequest request);

    /// <summary>Removes the key with public id <paramref name="keyId"/>: from the next request on it authenticates nothing.</summary>
    /// <returns>The revoked key's settings, or null when the tenant has no key with that id (nothing changed).</returns>
    [Alias("RevokeKey")]
    Task<ApiKeySettings?> RevokeKey(string keyId);

    /// <summary>
    /// Null when <paramref name="keyHash"/> is not one of this tenant's keys. Otherwise admits one request if both of the
    /// key's limits allow it (taking one from its requests-per-minute bucket; a refused request takes nothing) and returns
    /// who the key is with the state of its limits. The one activation of a tenant holds the buckets, so limits are cluster-wide.
    /// </summary>
    /// <exception cref="ArgumentException">The hash is malformed.</exception>
    [Alias("AuthorizeKeyWithLimits")]
    Task<KeyAuthorization?> AuthorizeKeyWithLimits(string keyHash);

    /// <summary>
    /// Charges <paramref name="tokens"/> model tokens used by an answered request to the key's tokens-per-minute limit.
    /// The bucket may go below zero; the key's next requests are refused until it has refilled. A key without a token
    /// limit, or no longer the tenant's, is ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The hash is malformed or the token count negative.</exception>
    [Alias("RecordTokens")]
    Task RecordTokens(string keyHash, long tokens);
}
