namespace Moecraft.Tenants;

/// <summary>A tenant's spending in the current budget period.</summary>
/// <param name="Period">Daily or monthly.</param>
/// <param name="PeriodStart">Start of the current period (inclusive, UTC).</param>
/// <param name="PeriodEnd">End of the current period (exclusive, UTC): the budget starts afresh then.</param>
/// <param name="Budget">The budget of the period.</param>
/// <param name="Spent">Charged by settled requests in this period.</param>
/// <param name="Reserved">Held by open reservations.</param>
/// <param name="Remaining">Budget minus spent minus reserved, never below zero.</param>
/// <param name="Requests">Requests settled (charged) in this period.</param>
/// <param name="OpenReservations">Reservations neither settled nor released yet.</param>
[GenerateSerializer, Immutable, Alias("moecraft.TenantUsage")]
public sealed record TenantUsage(
    [Id(0)] BudgetPeriod Period,
    [Id(1)] DateTimeOffset PeriodStart,
    [Id(2)] DateTimeOffset PeriodEnd,
    [Id(3)] decimal Budget,
    [Id(4)] decimal Spent,
    [Id(5)] decimal Reserved,
    [Id(6)] decimal Remaining,
    [Id(7)] long Requests,
    [Id(8)] int OpenReservations);
