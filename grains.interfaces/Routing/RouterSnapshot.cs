using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>A router layer as seen from outside: its shape, the occupied slots, epoch and how much it routed.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.RouterSnapshot")]
public sealed record RouterSnapshot(
    string RouterId,
    RouterConfiguration Configuration,
    ImmutableArray<RosterSlot> Slots,
    int Epoch,
    long RoutedUnits)
{
    public int ActiveCount => Slots.Count(s => s.Active);
}
