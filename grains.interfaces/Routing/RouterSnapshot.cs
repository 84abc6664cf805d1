using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>A router layer as seen from outside: its shape, the occupied slots, epoch and how much it routed.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.RouterSnapshot")]
public sealed record RouterSnapshot(
    [Id(0)] string RouterId,
    [Id(1)] RouterConfiguration Configuration,
    [Id(2)] ImmutableArray<RosterSlot> Slots,
    [Id(3)] int Epoch,
    [Id(4)] long RoutedUnits)
{
    public int ActiveCount => Slots.Count(s => s.Active);
}
