using System.Collections.Immutable;
using Moecraft.Kernel;
using Moecraft.Routing;

namespace Moecraft.Api.Management;

/// <summary>
/// What a router knows of one expert: the gate's recent predicted success (null until the gate offered it since the
/// router was activated) over how many gate calls, and the committed scars and reflexes that name it (SPEC 5.3).
/// </summary>
public sealed record ExpertRoutingView(
    string Router, double? PredictedSuccess, long GateCalls, IReadOnlyList<RegionView> Scars, IReadOnlyList<RegionView> Reflexes)
{
    /// <summary>A router's view of its experts, read once for a whole roster.</summary>
    public sealed record Source(string Router, ImmutableArray<PredictedSuccess> Predicted, ImmutableArray<RegionClaim> Scars, ImmutableArray<RegionClaim> Reflexes)
    {
        public static async Task<Source> ReadAsync(IGrainFactory grains, string routerId)
        {
            var router = grains.GetGrain<IRouterLayerGrain>(routerId);
            var (predicted, scars, reflexes) = (router.GetPredictedSuccess(), router.GetScars(), router.GetReflexes());
            return new Source(routerId, await predicted, await scars, await reflexes);
        }

        public ExpertRoutingView For(string expertId)
        {
            var predicted = Predicted.IsDefault ? null : Predicted.FirstOrDefault(p => p.ExpertId == expertId);
            return new ExpertRoutingView(
                Router, predicted?.Mean, predicted?.GateCalls ?? 0,
                [.. (Scars.IsDefault ? [] : Scars).Where(s => s.ExpertId == expertId).Select(s => new RegionView(s.Sequence, s.Radius))],
                [.. (Reflexes.IsDefault ? [] : Reflexes).Where(r => r.ExpertId == expertId).Select(r => new RegionView(r.Sequence, r.Radius))]);
        }
    }
}

/// <summary>A scar's or reflex's region as the API shows it: the keeper event that committed it and its radius.</summary>
public sealed record RegionView(long Sequence, double Radius);

/// <summary>An expert's calls right now: in flight, waiting, the concurrency limit and the circuit (closed, open, half-open).</summary>
public sealed record ExpertActivityView(int InFlight, int Queued, int ConcurrencyLimit, string Circuit)
{
    public static ExpertActivityView? From(Moecraft.Experts.ExpertActivity? activity) => activity is null
        ? null
        : new(activity.InFlight, activity.Queued, activity.ConcurrencyLimit, QueryParsing.Name(activity.Circuit));
}
