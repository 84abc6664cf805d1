using Moecraft.Governance;
using Moecraft.Lifecycle;

namespace Moecraft.Tests.Governance;

public sealed class LifecycleAutonomyRuleTests
{
    [Theory]
    [InlineData(LifecycleAutonomy.DryRun, LifecycleEdit.Prune, false)]
    [InlineData(LifecycleAutonomy.DryRun, LifecycleEdit.Spawn, false)]
    [InlineData(LifecycleAutonomy.ApplyPrune, LifecycleEdit.Prune, true)]
    [InlineData(LifecycleAutonomy.ApplyPrune, LifecycleEdit.Merge, false)]
    [InlineData(LifecycleAutonomy.ApplyPrune, LifecycleEdit.Split, false)]
    [InlineData(LifecycleAutonomy.ApplyPrune, LifecycleEdit.Spawn, false)]
    [InlineData(LifecycleAutonomy.ApplyAll, LifecycleEdit.Prune, true)]
    [InlineData(LifecycleAutonomy.ApplyAll, LifecycleEdit.Split, true)]
    [InlineData(LifecycleAutonomy.ApplyAll, LifecycleEdit.Spawn, true)]
    public void An_opted_in_router_executes_what_the_autonomy_allows(LifecycleAutonomy autonomy, LifecycleEdit edit, bool executes) =>
        Assert.Equal(executes, LifecycleAutonomyRule.ExecutesAutomatically(optedIn: true, autonomy, edit));

    [Theory]
    [InlineData(LifecycleAutonomy.ApplyPrune)]
    [InlineData(LifecycleAutonomy.ApplyAll)]
    public void Governance_only_restricts_a_router_that_did_not_opt_in_never_executes(LifecycleAutonomy autonomy) =>
        Assert.False(LifecycleAutonomyRule.ExecutesAutomatically(optedIn: false, autonomy, LifecycleEdit.Prune));
}
