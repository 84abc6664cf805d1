namespace Moecraft.Tests.Failover;

/// <summary>
/// Tests that measure how long the cluster takes (a failover gap) run with no other test beside them: on a machine of
/// two cores a parallel test would be part of what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = nameof(RunsAlone);
}
