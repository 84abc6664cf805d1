using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>
/// A router layer's lifecycle decisions, proposed or not, kept apart from the per-step state so that a training step
/// does not rewrite the whole history. Ids are a persisted contract: never reorder or reuse them.
/// </summary>
[GenerateSerializer, Alias("moecraft.LifecycleDecisionLog")]
public sealed class LifecycleDecisionLog
{
    public const int Kept = 512;

    /// <summary>The most recent <see cref="Kept"/> decisions, oldest first.</summary>
    [Id(0)] public List<LifecycleDecisionRecord> Decisions { get; set; } = [];

    [Id(1)] public long NextId { get; set; } = 1;

    /// <summary>A copy to build the next log on; the decision records themselves are immutable and shared.</summary>
    public LifecycleDecisionLog Copy() => new() { Decisions = [.. Decisions], NextId = NextId };

    public void Add(LifecycleDecisionRecord decision) => Bounded.Append(Decisions, decision, Kept);

    /// <summary>A proposal was computed on the roster it saw; after any roster change it no longer applies. Returns whether any changed.</summary>
    public bool SupersedeProposals()
    {
        var changed = false;
        for (var i = 0; i < Decisions.Count; i++)
        {
            if (Decisions[i].Status != LifecycleDecisionStatus.Proposed) continue;
            Decisions[i] = Decisions[i] with { Status = LifecycleDecisionStatus.Superseded };
            changed = true;
        }
        return changed;
    }
}
