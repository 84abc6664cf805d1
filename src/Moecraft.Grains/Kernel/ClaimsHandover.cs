using Moecraft.Routing;

namespace Moecraft.Kernel;

/// <summary>Hands a router what a keeper's answer says it lacks: the slow keeper's scars or the fast keeper's reflexes.</summary>
internal static class ClaimsHandover
{
    public static Task HandAsync(IRouterLayerGrain router, KeeperClock clock, KeeperTickReport report) => report.Sequence == 0
        ? Task.CompletedTask
        : clock switch
        {
            KeeperClock.Slow => router.ApplyScars(report.Sequence, report.Scars),
            KeeperClock.Fast => router.ApplyReflexes(report.Sequence, report.Reflexes),
            _ => Task.CompletedTask,
        };
}
