using Moecraft.Experts;

namespace Moecraft.Routing;

/// <summary>
/// Roster edits on a router layer state: slot lookup, registration, lifecycle moves and new slots. The active mask
/// follows the slot status: a slot routes exactly when it is active.
/// </summary>
public static class RouterRoster
{
    public static int SlotOf(RouterLayerState state, string expertId) => Array.IndexOf(state.SlotExperts, expertId);

    public static int RequireSlot(RouterLayerState state, string expertId)
    {
        var slot = SlotOf(state, expertId);
        return slot >= 0 ? slot : throw new ArgumentException($"Expert '{expertId}' is not on this router's roster.", nameof(expertId));
    }

    public static int FreeSlot(RouterLayerState state) => Array.IndexOf(state.SlotExperts, null);

    /// <summary>Puts the expert in its existing slot (restoring it to active) or the first free one; returns the slot and whether anything changed.</summary>
    public static (int Slot, bool Changed) Register(RouterLayerState state, string expertId)
    {
        var slot = SlotOf(state, expertId);
        if (slot >= 0) return (slot, Move(state, slot, ExpertStatus.Active));

        slot = FreeSlot(state);
        if (slot < 0)
            throw new InvalidOperationException($"The router has no free slot: all {state.SlotExperts.Length} slots are taken.");
        Occupy(state, slot, expertId);
        return (slot, true);
    }

    /// <summary>Takes a free slot for a new expert (lifecycle split or spawn).</summary>
    public static void Occupy(RouterLayerState state, int slot, string expertId)
    {
        if (state.SlotExperts[slot] is not null) throw new InvalidOperationException($"Slot {slot} is taken by '{state.SlotExperts[slot]}'.");
        state.SlotExperts[slot] = expertId;
        state.SlotStatus[slot] = ExpertStatus.Active;
        state.Active[slot] = true;
    }

    /// <summary>Moves a slot along the lifecycle; returns whether anything changed. Invalid moves are rejected.</summary>
    public static bool Move(RouterLayerState state, int slot, ExpertStatus status)
    {
        var current = state.SlotStatus[slot];
        if (status == ExpertStatus.Unregistered || !Enum.IsDefined(status))
            throw new ArgumentException($"'{status}' is not a lifecycle status a slot can be moved to.", nameof(status));
        if (!ExpertLifecycle.CanMove(current, status))
            throw new InvalidOperationException($"Expert '{state.SlotExperts[slot]}' cannot move from {current} to {status}.");
        if (current == status) return false;
        state.SlotStatus[slot] = status;
        state.Active[slot] = status == ExpertStatus.Active;
        return true;
    }

    /// <summary>Masks the expert's slot out of routing (active -> cooling); returns whether anything changed.</summary>
    public static bool Deactivate(RouterLayerState state, string expertId)
    {
        var slot = RequireSlot(state, expertId);
        return state.SlotStatus[slot] == ExpertStatus.Active && Move(state, slot, ExpertStatus.Cooling);
    }

    public static void Validate(RouterConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.Width is < 1 or > 4096) throw new ArgumentException("Router width must be between 1 and 4096 slots.", nameof(configuration));
        if (configuration.InputDimension is < 1 or > 65536)
            throw new ArgumentException("Router input dimension must be between 1 and 65536.", nameof(configuration));
        if (configuration.TopK < 1 || configuration.TopK > configuration.Width)
            throw new ArgumentException("Router top-k must be at least 1 and at most the width.", nameof(configuration));
        if (!(configuration.Temperature > 0) || double.IsInfinity(configuration.Temperature))
            throw new ArgumentException("Router temperature must be a positive finite number.", nameof(configuration));
        if (configuration.Embedder is { } embedder)
        {
            EmbedderIdentity.Validate(embedder, nameof(configuration));
            if (embedder.Dimension != configuration.InputDimension)
                throw new ArgumentException(
                    $"The router's embedder {embedder} makes vectors of {embedder.Dimension} values; its input dimension is {configuration.InputDimension}.",
                    nameof(configuration));
        }
    }

    public static void Validate(RouterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Enum.IsDefined(settings.Kind)) throw new ArgumentException($"Unknown router kind '{settings.Kind}'.", nameof(settings));
        if (settings.LifecycleInterval < 0)
            throw new ArgumentException("The lifecycle interval must be 0 (never evaluate) or a positive number of steps.", nameof(settings));
        if (settings.GovernanceId is { } governanceId) Governance.GovernanceIds.Validate(governanceId, nameof(settings));
        try
        {
            RouterEngineOptions.For(settings).Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Invalid router calibration: {e.Message}", nameof(settings), e);
        }
    }
}
