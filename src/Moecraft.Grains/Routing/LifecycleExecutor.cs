using Moecraft.Experts;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>
/// Executes a chosen lifecycle edit on a router layer state (SPEC 3.6): prune and merge move the retired slot to
/// cooling (no new routing, kept and restorable); split and spawn take the free slot the candidate named. Returns the
/// slots whose statistics must start afresh.
/// </summary>
public static class LifecycleExecutor
{
    /// <summary>
    /// Executes decision <paramref name="index"/>'s <paramref name="edit"/> on the next state and log a grain is about to
    /// write: the slots it filled start their statistics afresh, every other proposal is superseded and the decision is
    /// marked applied. The caller starts the epoch the edit begins; returns the applied decision.
    /// </summary>
    public static LifecycleDecisionRecord Apply(RouterLayerState next, LifecycleDecisionLog log, int index, LifecycleCandidateReport edit)
    {
        RouterEngines.ResetSlots(next, Execute(next, edit, next.Epoch + 1));
        log.SupersedeProposals();
        var applied = log.Decisions[index] with { Status = LifecycleDecisionStatus.Applied };
        log.Decisions[index] = applied;
        return applied;
    }

    public static IReadOnlyList<int> Execute(RouterLayerState state, LifecycleCandidateReport edit, int newEpoch)
    {
        var slots = edit.Slots;
        switch (edit.Edit)
        {
            case LifecycleEdit.Prune:
                RouterRoster.Move(state, slots[0], ExpertStatus.Cooling);
                return [];
            case LifecycleEdit.Merge:
                RouterRoster.Move(state, slots[1], ExpertStatus.Cooling);
                return [];
            case LifecycleEdit.Split:
                RequireNewSlot(edit, 2);
                AddSlot(state, slots[1], $"{state.SlotExperts[slots[0]]}.split{newEpoch}", copyOf: slots[0], newEpoch);
                return [slots[1]];
            case LifecycleEdit.Spawn:
                RequireNewSlot(edit, 1);
                AddSlot(state, slots[0], $"spawn{newEpoch}-{slots[0]}", copyOf: null, newEpoch);
                return [slots[0]];
            default:
                throw new ArgumentOutOfRangeException(nameof(edit), edit.Edit, "Unknown lifecycle edit.");
        }
    }

    private static void RequireNewSlot(LifecycleCandidateReport edit, int length)
    {
        if (edit.Slots.Length < length) throw new InvalidOperationException($"The {edit.Edit} proposal names no free slot.");
    }

    /// <summary>
    /// A split copies the parent's gating row with a small seeded perturbation, so parent and child start together and
    /// separate as they learn; a spawn starts from a fresh seeded row.
    /// </summary>
    private static void AddSlot(RouterLayerState state, int slot, string expertId, int? copyOf, int seed)
    {
        RouterRoster.Occupy(state, slot, expertId);
        var d = state.Configuration!.InputDimension;
        var row = state.Weights.AsSpan(slot * d, d);
        var fresh = Gating.GatingWeights.InitialWeights(1, d, seed * 7919 + slot);
        if (copyOf is { } parent)
        {
            state.Weights.AsSpan(parent * d, d).CopyTo(row);
            for (var i = 0; i < d; i++) row[i] += 0.01f * fresh[i];
            state.Bias[slot] = state.Bias[parent];
        }
        else
        {
            fresh.CopyTo(row);
            state.Bias[slot] = 0;
        }
    }
}
