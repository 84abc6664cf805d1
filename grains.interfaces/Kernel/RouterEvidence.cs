using System.Collections.Immutable;
using Moecraft.Routing;

namespace Moecraft.Kernel;

/// <summary>
/// What a router sends its keepers with its tick and its own proposals (SPEC 5.2), so a keeper checks the evidence
/// without calling the router back: calls between a router and its keepers go one way.
/// </summary>
/// <param name="Router">The router's roster, input width and epoch now.</param>
/// <param name="GovernanceId">The governance whose policy sets the keepers' budgets and halts them.</param>
/// <param name="Reflexes">The router's counters for the reflex proposals the keeper waits to commit (see <see cref="KeeperTickReport.WaitingReflexes"/>).</param>
[GenerateSerializer, Immutable, Alias("moecraft.RouterEvidence")]
public sealed record RouterEvidence(
    [Id(0)] RouterSnapshot Router,
    [Id(1)] string GovernanceId,
    [Id(2)] ImmutableArray<ReflexReading> Reflexes);
