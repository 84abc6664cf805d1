namespace Moecraft.Routing;

/// <summary>Roster edits on a router layer state: slot lookup, registration and deactivation.</summary>
public static class RouterRoster
{
    public static int SlotOf(RouterLayerState state, string expertId) => Array.IndexOf(state.SlotExperts, expertId);

    /// <summary>Puts the expert in its existing slot or the first free one; returns the slot and whether anything changed.</summary>
    public static (int Slot, bool Changed) Register(RouterLayerState state, string expertId)
    {
        var slot = SlotOf(state, expertId);
        if (slot >= 0)
        {
            if (state.Active[slot]) return (slot, false);
            state.Active[slot] = true;
            return (slot, true);
        }

        slot = Array.IndexOf(state.SlotExperts, null);
        if (slot < 0)
            throw new InvalidOperationException($"The router has no free slot: all {state.SlotExperts.Length} slots are taken.");
        state.SlotExperts[slot] = expertId;
        state.Active[slot] = true;
        return (slot, true);
    }

    /// <summary>Masks the expert's slot out; returns whether anything changed.</summary>
    public static bool Deactivate(RouterLayerState state, string expertId)
    {
        var slot = SlotOf(state, expertId);
        if (slot < 0) throw new ArgumentException($"Expert '{expertId}' is not on this router's roster.", nameof(expertId));
        if (!state.Active[slot]) return false;
        state.Active[slot] = false;
        return true;
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
    }
}
