using System.Collections.Immutable;
using Moecraft.Routing;

namespace Moecraft.Kernel;

/// <summary>
/// One of a router's three temporal keepers (SPEC 5; key: <c>{routerId}/{fast|mid|slow}</c>, see <see cref="KeeperClocks"/>).
/// Its clock advances with the router's steps; identity writes go through a two-step commit paid from a persisted write
/// budget; committed events form an append-only log. Every proposal and decision goes to the cluster audit log.
/// </summary>
[Alias("moecraft.IKeeperGrain")]
public interface IKeeperGrain : IGrainWithStringKey
{
    /// <summary>
    /// Decides a proposal once its dwell has passed: re-checks the evidence (the <paramref name="router"/>'s as sent, the
    /// expert's read now) and commits the event, or rejects it when the evidence no longer holds. The first decision is
    /// final: repeated calls return it.
    /// </summary>
    /// <exception cref="ArgumentException">No such proposal.</exception>
    /// <exception cref="InvalidOperationException">The dwell has not passed yet; nothing changed, commit again later.</exception>
    /// <exception cref="KernelUnavailableException">The expert could not be reached, or a reflex's counters were not sent; nothing decided, commit again later.</exception>
    [Alias("CommitWithEvidence")]
    Task<CommitResult> Commit(string proposalId, RouterEvidence router);

    /// <summary>
    /// Enters the router's epoch <paramref name="mark"/> (SPEC 5.3): the clock re-bases at the boundary, proposals of older
    /// epochs can no longer commit, and the mid keeper records the boundary as an identity event. A boundary records a
    /// change governance or an operator already made, so it needs no dwell or budget. Idempotent: an epoch at or below the
    /// keeper's is ignored. Returns the keeper's epoch.
    /// </summary>
    /// <exception cref="ArgumentException">A negative epoch or step, or an empty reason; nothing changed.</exception>
    [Alias("EnterEpoch")]
    Task<int> EnterEpoch(EpochMark mark);

    /// <summary>
    /// Proposes cancelling committed event <paramref name="sequence"/> (a scar or a reflex on this keeper's log). The event
    /// stays on the log; once the compensation commits (after the dwell, budget paid) it no longer takes effect.
    /// Idempotent by content like <see cref="Propose"/>. The <paramref name="router"/> evidence names its governance.
    /// </summary>
    /// <exception cref="ArgumentException">No such event, not a scar or reflex, already cancelled, or an empty reason; nothing changed.</exception>
    /// <exception cref="KeeperBudgetExhaustedException">The budget is spent; nothing changed.</exception>
    [Alias("ProposeCompensationWithEvidence")]
    Task<string> ProposeCompensation(long sequence, string reason, RouterEvidence router);

    /// <summary>The keeper now; its budget under the governance its router last named.</summary>
    [Alias("GetSnapshot")]
    Task<KeeperSnapshot> GetSnapshot();

    /// <summary>
    /// The router's tick: advances the clock to the router's step (a step at or below it is ignored) and commits the self-committing proposals that
    /// fell due against the evidence the tick carries, without calling the router back (calls go one way). Returns what
    /// the router should hold (the scars or reflexes when it holds an older sequence) and the reflexes still waiting.
    /// </summary>
    /// <exception cref="ArgumentException">A negative step; nothing changed.</exception>
    [Alias("TickWithEvidence")]
    Task<KeeperTickReport> Tick(KeeperTick tick);

    /// <summary>
    /// Proposes an identity event and returns its id, the hash of its content: proposing the same content again returns
    /// the same id and spends nothing. A new proposal spends one token of the write budget. The evidence is checked against
    /// the <paramref name="router"/>'s as sent (by the router's scar sentinel, or by <see cref="IKeeperOperatorGrain"/>)
    /// and the expert's read now. With <paramref name="commitWhenDue"/> the keeper commits it itself on the first tick
    /// after the dwell (evidence re-checked).
    /// </summary>
    /// <exception cref="ArgumentException">A kind this keeper does not own, a bad subject, or evidence that does not hold; nothing changed.</exception>
    /// <exception cref="KeeperBudgetExhaustedException">The budget is spent; nothing changed.</exception>
    /// <exception cref="KernelUnavailableException">The expert could not be reached to check the evidence; nothing changed.</exception>
    [Alias("ProposeWithEvidence")]
    Task<string> Propose(IdentityEventKind kind, string subject, ScarEvidence evidence, RouterEvidence router, bool commitWhenDue = false);

    /// <summary>
    /// Proposes a reflex (SPEC 5.3, fast keeper): <paramref name="expertId"/> answers first, without the policy, for prompts
    /// inside the region. Gates 1-4 are checked against the region's <paramref name="statistics"/> and the
    /// <paramref name="router"/> evidence as sent, and again at commit; gate 5 is the budget. Idempotent by content like
    /// <see cref="Propose"/>. With <paramref name="commitWhenDue"/> the keeper commits it itself on the first tick after the dwell.
    /// </summary>
    /// <exception cref="ArgumentException">Not the fast keeper, a bad expert or region, or a gate that does not pass; nothing changed.</exception>
    /// <exception cref="KeeperBudgetExhaustedException">The budget is spent; nothing changed.</exception>
    [Alias("ProposeReflexWithEvidence")]
    Task<string> ProposeReflex(string expertId, ReflexEvidence evidence, ReflexStatistics statistics, RouterEvidence router, bool commitWhenDue = false);

    /// <summary>The committed scars still in force (the slow keeper's; empty for the others).</summary>
    [Alias("GetScars")]
    Task<ImmutableArray<RegionClaim>> GetScars();
}
