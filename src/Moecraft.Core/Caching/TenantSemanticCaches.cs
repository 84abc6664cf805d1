using System.Collections.Concurrent;

namespace Moecraft.Caching;

/// <summary>
/// One <see cref="SemanticCache{TAnswer}"/> per tenant, made on first use with shared options (capacity is per tenant).
/// Tenants never see each other's entries: each has its own cache object, keyed by the exact tenant id.
/// </summary>
public sealed class TenantSemanticCaches<TAnswer>(SemanticCacheOptions? options = null, TimeProvider? timeProvider = null)
    where TAnswer : notnull
{
    private readonly ConcurrentDictionary<string, SemanticCache<TAnswer>> _caches = new(StringComparer.Ordinal);
    private readonly SemanticCacheOptions _options = options ?? SemanticCacheOptions.Default;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public SemanticCacheOptions Options => _options;

    public int TenantCount => _caches.Count;

    /// <summary>The tenant's cache, made on first use.</summary>
    public SemanticCache<TAnswer> For(string tenantId)
    {
        Check(tenantId);
        return _caches.GetOrAdd(tenantId, static (_, registry) => new SemanticCache<TAnswer>(registry._options, registry._time), this);
    }

    /// <summary>Forgets a tenant's cache (for example when the tenant is deleted); false when it had none.</summary>
    public bool Remove(string tenantId)
    {
        Check(tenantId);
        return _caches.TryRemove(tenantId, out _);
    }

    private static void Check(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (string.IsNullOrWhiteSpace(tenantId)) throw new ArgumentException("The tenant id must not be empty.", nameof(tenantId));
    }
}
