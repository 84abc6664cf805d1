namespace Moecraft.Tenants;

/// <summary>Money held for one request until it is settled or released.</summary>
/// <param name="TenantId">The tenant the money is held for.</param>
/// <param name="RequestId">The request the reservation belongs to (unique per tenant).</param>
/// <param name="Amount">The worst-case cost held.</param>
/// <param name="ReservedAt">When the reservation was made.</param>
/// <param name="Remaining">The budget left in the current period after this reservation.</param>
/// <param name="Repeated">
/// True when the request id was already settled or released: nothing was held (<paramref name="Amount"/> 0), and the
/// caller answers from the ledger instead of calling a model again.
/// </param>
[GenerateSerializer, Immutable, Alias("moecraft.BudgetReservation")]
public sealed record BudgetReservation([Id(0)] string TenantId, [Id(1)] string RequestId, [Id(2)] decimal Amount, [Id(3)] DateTimeOffset ReservedAt, [Id(4)] decimal Remaining, [Id(5)] bool Repeated = false);
