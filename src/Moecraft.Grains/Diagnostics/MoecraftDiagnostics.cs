using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Moecraft.Diagnostics;

/// <summary>Moecraft's own activity source and meter (names start with "Moecraft"); the silo exports both.</summary>
public static class MoecraftDiagnostics
{
    public const string SourceName = "Moecraft";

    public static readonly ActivitySource ActivitySource = new(SourceName);

    public static readonly Meter Meter = new(SourceName);

    public static readonly Counter<long> RoutedUnits =
        Meter.CreateCounter<long>("moecraft.routing.units", "{unit}", "Units of work routed by router layers.");

    public static readonly Counter<long> ExpertCalls =
        Meter.CreateCounter<long>("moecraft.expert.calls", "{call}", "Expert backend calls, tagged by expert and outcome.");

    public static readonly Histogram<double> ExpertLatency =
        Meter.CreateHistogram<double>("moecraft.expert.duration", "ms", "Time an expert backend took to answer.");

    public static readonly Counter<long> ExpertTokens =
        Meter.CreateCounter<long>("moecraft.expert.tokens", "{token}", "Tokens used by expert calls, tagged by direction.");

    public static readonly UpDownCounter<long> ExpertCallsInFlight =
        Meter.CreateUpDownCounter<long>("moecraft.expert.in_flight", "{call}", "Expert calls holding one of the expert's concurrency slots, tagged by expert.");

    public static readonly Counter<long> CacheLookups =
        Meter.CreateCounter<long>("moecraft.cache.lookups", "{lookup}", "Surrogate cache lookups, tagged by outcome (hit, miss).");

    public static readonly Counter<double> RequestCost =
        Meter.CreateCounter<double>("moecraft.request.cost", "{currency}", "What answered requests cost, tagged by tenant.");

    public static readonly Counter<double> RequestSavings =
        Meter.CreateCounter<double>("moecraft.request.savings", "{currency}", "Savings against the always-premium baseline, tagged by tenant.");

    public static readonly Histogram<double> RoutingDecisionLatency =
        Meter.CreateHistogram<double>("moecraft.routing.decision.duration", "ms", "Admission, embedding, cache and gate: the time before an expert is called.");
}
