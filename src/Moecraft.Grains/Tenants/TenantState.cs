namespace Moecraft.Tenants;

/// <summary>Persisted state of a tenant grain. Ids are a persisted contract: never reorder or reuse them.</summary>
[GenerateSerializer, Alias("moecraft.TenantState")]
public sealed class TenantState
{
    /// <summary>Null until the tenant is configured.</summary>
    [Id(0)] public TenantSettings? Settings { get; set; }

    /// <summary>Start of the budget period <see cref="Spent"/> and <see cref="Requests"/> belong to.</summary>
    [Id(1)] public DateTimeOffset PeriodStart { get; set; }

    [Id(2)] public decimal Spent { get; set; }

    [Id(3)] public long Requests { get; set; }

    [Id(4)] public List<TenantReservationRecord> Reservations { get; set; } = [];

    /// <summary>Recently finished requests, oldest first, so repeated settles and releases are not charged twice.</summary>
    [Id(5)] public List<TenantFinishedRecord> Finished { get; set; } = [];
}

/// <summary>An open reservation as persisted.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.TenantReservationRecord")]
public sealed record TenantReservationRecord([Id(0)] string RequestId, [Id(1)] decimal Amount, [Id(2)] DateTimeOffset ReservedAt);

/// <summary>A finished request as persisted.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.TenantFinishedRecord")]
public sealed record TenantFinishedRecord([Id(0)] string RequestId, [Id(1)] decimal Reserved, [Id(2)] decimal Charged, [Id(3)] bool Released);
