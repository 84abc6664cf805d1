using System.Collections.Immutable;

namespace Moecraft.Kernel;

/// <summary>
/// An operator's way to one keeper (key: the keeper's, <c>{routerId}/{fast|mid|slow}</c>): what the HTTP API, the CLI and
/// the SDK do with a keeper. It reads the router's evidence first and sends it with the call, then hands what was committed
/// to the router, so a keeper never calls its router: calls go one way (operator to router and keeper, router to keeper).
/// Stateless; its calls are the keeper's calls of the same name without the router's evidence.
/// </summary>
[Alias("moecraft.IKeeperOperatorGrain")]
public interface IKeeperOperatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Advances the keeper's clock to <paramref name="routerStep"/> (a step at or below it is ignored), commits its
    /// self-committing proposals that fell due, and hands the router what it lacks. Returns the clock.
    /// </summary>
    /// <exception cref="ArgumentException">A negative step; nothing changed.</exception>
    [Alias("Tick")]
    Task<long> Tick(long routerStep);

    /// <summary>Proposes an identity event (see <see cref="IKeeperGrain.Propose(IdentityEventKind, string, ScarEvidence, RouterEvidence, bool)"/>) against the router's evidence read now.</summary>
    /// <exception cref="ArgumentException">A kind the keeper does not own, a bad subject, or evidence that does not hold; nothing changed.</exception>
    /// <exception cref="KeeperBudgetExhaustedException">The budget is spent; nothing changed.</exception>
    /// <exception cref="KernelUnavailableException">The router or expert could not be reached to check the evidence; nothing changed.</exception>
    [Alias("Propose")]
    Task<string> Propose(IdentityEventKind kind, string subject, ScarEvidence evidence, bool commitWhenDue = false);

    /// <summary>Proposes a reflex (fast keeper, SPEC 5.3) against the router's counters for its region read now.</summary>
    /// <exception cref="ArgumentException">Not the fast keeper, a bad expert or region, or a gate that does not pass; nothing changed.</exception>
    /// <exception cref="KeeperBudgetExhaustedException">The budget is spent; nothing changed.</exception>
    [Alias("ProposeReflex")]
    Task<string> ProposeReflex(string expertId, ReflexEvidence evidence, bool commitWhenDue = false);

    /// <summary>
    /// Decides a proposal once its dwell has passed, against the router's evidence read now, and hands the router what was
    /// committed. The first decision is final: repeated calls return it.
    /// </summary>
    /// <exception cref="ArgumentException">No such proposal.</exception>
    /// <exception cref="InvalidOperationException">The dwell has not passed yet; nothing changed, commit again later.</exception>
    /// <exception cref="KernelUnavailableException">The router or expert could not be reached; nothing decided, commit again later.</exception>
    [Alias("Commit")]
    Task<CommitResult> Commit(string proposalId);

    /// <summary>Proposes cancelling committed event <paramref name="sequence"/> (see <see cref="IKeeperGrain.ProposeCompensation"/>).</summary>
    /// <exception cref="ArgumentException">No such event, not a scar or reflex, already cancelled, or an empty reason; nothing changed.</exception>
    /// <exception cref="KeeperBudgetExhaustedException">The budget is spent; nothing changed.</exception>
    [Alias("ProposeCompensation")]
    Task<string> ProposeCompensation(long sequence, string reason);

    /// <summary>The keeper's snapshot (see <see cref="IKeeperGrain.GetSnapshot"/>).</summary>
    [Alias("GetSnapshot")]
    Task<KeeperSnapshot> GetSnapshot();

    /// <summary>The committed scars still in force (the slow keeper's; empty for the others).</summary>
    [Alias("GetScars")]
    Task<ImmutableArray<RegionClaim>> GetScars();
}
