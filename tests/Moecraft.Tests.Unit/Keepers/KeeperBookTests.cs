using System.Collections.Immutable;
using Moecraft.Governance;
using Moecraft.Kernel;

namespace Moecraft.Tests.Keepers;

/// <summary>A keeper's decisions without a cluster (SPEC 5.2, 5.3): proposals taken or refused, commit rules, epochs, what the log adds up to.</summary>
public sealed class KeeperBookTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly KeeperWriteBudget OneWrite = new(1, 10_000);

    private static readonly KeeperBook Slow = new("r/slow");
    private static readonly KeeperBook Mid = new("r/mid");
    private static readonly KeeperBook Fast = new("r/fast");

    private static ScarEvidence Scar(long failures = 1) => new(ImmutableArray.Create(1f, 0f, 0f), 0.1, failures);

    private static ReflexEvidence Reflex(int stableSteps = 10) => new(ImmutableArray.Create(0f, 1f, 0f), 0.05, stableSteps, 50);

    /// <summary>Proposes and applies <paramref name="draft"/> at the state's clock with an open budget.</summary>
    private static KernelProposal Take(KeeperBook book, KeeperState state, KernelProposal draft, int routerEpoch = 0)
    {
        var proposed = book.Accept(state, draft, null, routerEpoch, new KeeperWriteBudget(100, 100), Now);
        proposed.Apply(state);
        return proposed.Proposal;
    }

    /// <summary>A committed event on <paramref name="state"/>'s log for <paramref name="draft"/>, proposed and decided at once.</summary>
    private static IdentityEvent Commit(KeeperBook book, KeeperState state, KernelProposal draft)
    {
        var proposal = Take(book, state, draft);
        var decided = book.Decide(state, proposal, null, 0, Now);
        decided.Apply(state);
        return Assert.IsType<IdentityEvent>(decided.Event);
    }

    /// <summary>A fast keeper's reflex proposals: one self-committing and waiting, one not self-committing, one self-committing and decided.</summary>
    private static (KeeperState State, KernelProposal Waiting) FastWithThreeReflexes()
    {
        var state = new KeeperState();
        var waiting = Take(Fast, state, Fast.DraftReflex("a", Reflex(), commitWhenDue: true));
        Take(Fast, state, Fast.DraftReflex("b", Reflex(), commitWhenDue: false));
        var decided = Take(Fast, state, Fast.DraftReflex("c", Reflex(), commitWhenDue: true));
        Fast.Decide(state, decided, null, 0, Now).Apply(state);
        return (state, waiting);
    }

    [Fact]
    public void A_key_that_is_not_a_keeper_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new KeeperBook("r/hourly"));
        Assert.Equal(("r", KeeperClock.Slow, 1_000L), (Slow.RouterId, Slow.Clock, Slow.Dwell));
    }

    [Fact]
    public void A_kind_with_its_own_call_or_kept_by_another_keeper_is_refused_with_the_reason()
    {
        Assert.Contains("use ProposeReflex", Assert.Throws<ArgumentException>(() => Fast.Draft(IdentityEventKind.Reflex, "e", Scar(), false)).Message);
        Assert.Contains("use EnterEpoch", Assert.Throws<ArgumentException>(() => Mid.Draft(IdentityEventKind.Epoch, "e", Scar(), false)).Message);
        Assert.Contains("use ProposeCompensation", Assert.Throws<ArgumentException>(() => Slow.Draft(IdentityEventKind.Compensation, "e", Scar(), false)).Message);
        Assert.Contains("Unknown identity event kind", Assert.Throws<ArgumentException>(() => Slow.Draft((IdentityEventKind)9, "e", Scar(), false)).Message);
        Assert.Contains("kept by the slow keeper, not by 'r/fast'", Assert.Throws<ArgumentException>(() => Fast.Draft(IdentityEventKind.Scar, "e", Scar(), false)).Message);
        Assert.Contains("kept by the fast keeper, not by 'r/slow'", Assert.Throws<ArgumentException>(() => Slow.DraftReflex("e", Reflex(), false)).Message);
    }

    [Fact]
    public void Evidence_without_a_subject_centroid_or_failure_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Slow.Draft(IdentityEventKind.Scar, " ", Scar(), false));
        Assert.Throws<ArgumentException>(() => Slow.Draft(IdentityEventKind.Scar, "e", Scar() with { Centroid = default }, false));
        Assert.Contains("at least one recorded failure", Assert.Throws<ArgumentException>(() => Slow.Draft(IdentityEventKind.Scar, "e", Scar(0), false)).Message);
        Assert.Throws<ArgumentException>(() => Fast.DraftReflex("", Reflex(), false));
        Assert.Throws<ArgumentException>(() => Fast.DraftReflex("e", Reflex() with { Centroid = default }, false));
        Assert.Contains("not negative", Assert.Throws<ArgumentException>(() => Fast.DraftReflex("e", Reflex(-1), false)).Message);
    }

    [Fact]
    public void A_draft_is_named_by_its_content_so_the_same_content_is_proposed_once()
    {
        var state = new KeeperState();
        var draft = Slow.Draft(IdentityEventKind.Scar, "e", Scar(2), commitWhenDue: true);
        Assert.Equal(KernelPayloads.ProposalId(IdentityEventKind.Scar, "e", Scar(2)), draft.Id);
        Assert.True(draft.CommitWhenDue);
        Assert.False(KeeperBook.IsProposed(state, draft.Id));

        Take(Slow, state, draft);

        Assert.True(KeeperBook.IsProposed(state, Slow.Draft(IdentityEventKind.Scar, "e", Scar(2), commitWhenDue: true).Id));
        Assert.False(KeeperBook.IsProposed(state, Slow.Draft(IdentityEventKind.Scar, "e", Scar(3), commitWhenDue: true).Id));
    }

    [Fact]
    public void An_accepted_proposal_is_stamped_with_the_clock_and_the_newer_epoch_and_pays_one_token()
    {
        var state = new KeeperState { Tick = 40, Epoch = 2 };
        var draft = Slow.Draft(IdentityEventKind.Scar, "e", Scar(), false);

        var proposed = Slow.Accept(state, draft, null, routerEpoch: 3, OneWrite, Now);

        Assert.Equal((draft.Id, 40L, Now, 3), (proposed.Proposal.Id, proposed.Proposal.ProposedAt, proposed.Proposal.At, proposed.Proposal.Epoch));
        Assert.Equal(new KeeperBucketRecord(0, 40), proposed.Bucket);
        Assert.Empty(state.Proposals);
        proposed.Apply(state);
        Assert.Equal([proposed.Proposal], state.Proposals);
        Assert.Equal(proposed.Bucket, state.Bucket);
        Assert.Equal(2, Slow.Accept(new KeeperState { Epoch = 2 }, draft, null, routerEpoch: 1, OneWrite, Now).Proposal.Epoch);
    }

    [Fact]
    public void Evidence_that_does_not_hold_is_refused_before_the_budget_is_paid()
    {
        var state = new KeeperState { Bucket = new KeeperBucketRecord(0, 0) };
        var draft = Slow.Draft(IdentityEventKind.Scar, "e", Scar(), false);

        var refused = Assert.Throws<ArgumentException>(() => Slow.Accept(state, draft, "expert 'e' is Archived and takes no work", 0, OneWrite, Now));

        Assert.StartsWith("The evidence does not hold: expert 'e' is Archived and takes no work. Nothing was proposed.", refused.Message);
    }

    [Fact]
    public void A_spent_budget_refuses_the_proposal_and_says_when_the_next_write_is_possible()
    {
        var state = new KeeperState { Tick = 2_500, Bucket = new KeeperBucketRecord(0, 0) };
        var draft = Slow.Draft(IdentityEventKind.Scar, "e", Scar(), false);

        var spent = Assert.Throws<KeeperBudgetExhaustedException>(() => Slow.Accept(state, draft, null, 0, OneWrite, Now));

        Assert.Equal(("r/slow", 7_500L), (spent.Keeper, spent.TicksUntilToken));
        var later = new KeeperState { Tick = 10_000, Bucket = new KeeperBucketRecord(0, 0) };
        Assert.Equal(new KeeperBucketRecord(0, 10_000), Slow.Accept(later, draft, null, 0, OneWrite, Now).Bucket);
    }

    [Fact]
    public void A_decision_waits_for_the_dwell_and_says_how_many_ticks_are_left()
    {
        var state = new KeeperState { Tick = 40 };
        var proposal = Take(Slow, state, Slow.Draft(IdentityEventKind.Scar, "e", Scar(), false));
        state.Tick = 1_039;

        var early = Assert.Throws<InvalidOperationException>(() => Slow.RequireDwellOver(state, proposal));

        Assert.Contains("the slow keeper's dwell is 1000 ticks and its clock is at 1039: commit again in 1 tick(s)", early.Message);
        state.Tick = 1_040;
        Slow.RequireDwellOver(state, proposal);
    }

    [Fact]
    public void A_proposal_whose_evidence_holds_is_committed_as_the_next_event_of_the_log()
    {
        var state = new KeeperState();
        Commit(Slow, state, Slow.Draft(IdentityEventKind.Scar, "a", Scar(), false));
        var proposal = Take(Slow, state, Slow.Draft(IdentityEventKind.Scar, "b", Scar(), false));
        (state.Tick, state.Epoch) = (1_000, 0);

        var decided = Slow.Decide(state, proposal, null, routerEpoch: 0, Now);

        Assert.Equal(new CommitResult(proposal.Id, CommitOutcome.Committed, 2, 1_000, "scar of 'b' committed as event 2", 0), decided.Result);
        var committed = Assert.IsType<IdentityEvent>(decided.Event);
        Assert.Equal((2L, IdentityEventKind.Scar, "b", proposal.Id, 1_000L, Now), (committed.Sequence, committed.Kind, committed.Subject, committed.ProposalId, committed.CommittedAt, committed.At));
        Assert.Null(KeeperBook.DecisionOf(state, proposal.Id));
        decided.Apply(state);
        Assert.Equal(decided.Result, KeeperBook.DecisionOf(state, proposal.Id));
        Assert.Equal(committed, state.Events[^1]);
    }

    [Fact]
    public void A_proposal_is_rejected_for_good_when_its_evidence_no_longer_holds_or_it_is_from_an_older_epoch()
    {
        var state = new KeeperState { Epoch = 1 };
        var proposal = Take(Slow, state, Slow.Draft(IdentityEventKind.Scar, "e", Scar(), false), routerEpoch: 1);

        var decided = Slow.Decide(state, proposal, "expert 'e' is Archived and takes no work", routerEpoch: 2, Now);

        Assert.Null(decided.Event);
        Assert.Equal((CommitOutcome.Rejected, (long?)null, 1), (decided.Result.Outcome, decided.Result.Sequence, decided.Result.Epoch));
        Assert.Equal(
            "the evidence no longer holds: expert 'e' is Archived and takes no work; it was proposed in epoch 1 and the router is now in epoch 2: " +
            "evidence from before a roster or policy change no longer holds",
            decided.Result.Reason);
        decided.Apply(state);
        Assert.Empty(state.Events);
        Assert.Equal([decided.Result], state.Results);
    }

    [Fact]
    public void A_compensation_cancels_a_scar_across_epochs_once_and_the_scar_leaves_the_projection()
    {
        var state = new KeeperState();
        var scar = Commit(Slow, state, Slow.Draft(IdentityEventKind.Scar, "e", Scar(), false));
        Assert.Equal([scar.Sequence], KeeperBook.Scars(state.Events).Select(s => s.Sequence));
        state.Epoch = 4;

        var draft = Slow.DraftCompensation(state, scar.Sequence, "false alarm");
        Assert.Null(KeeperBook.CompensationFailure(state, scar.Sequence));
        var proposal = Take(Slow, state, draft);
        var decided = Slow.Decide(state, proposal, null, routerEpoch: 5, Now);
        decided.Apply(state);

        Assert.Equal(CommitOutcome.Committed, decided.Result.Outcome);
        Assert.Equal($"compensation of event {scar.Sequence} ('e') committed as event 2", decided.Result.Reason);
        Assert.Equal((scar.Sequence, "false alarm"), (decided.Event!.Supersedes, decided.Event.Reason));
        Assert.Empty(KeeperBook.Scars(state.Events));
        Assert.Equal("event 1 is already compensated", KeeperBook.CompensationFailure(state, scar.Sequence));
    }

    [Fact]
    public void Only_a_committed_scar_or_reflex_with_a_reason_can_be_compensated()
    {
        var state = new KeeperState();
        Assert.Contains("has no committed event 7", Assert.Throws<ArgumentException>(() => Mid.DraftCompensation(state, 7, "why")).Message);
        Mid.Enter(state, new EpochMark(1, 10, "roster edit"), Now)!.Apply(state);
        Assert.Contains("only a scar or a reflex", Assert.Throws<ArgumentException>(() => Mid.DraftCompensation(state, 1, "why")).Message);
        Assert.Throws<ArgumentException>(() => Mid.DraftCompensation(state, 1, ""));
        Assert.Throws<ArgumentException>(() => Mid.DraftCompensation(state, 1, new string('x', KeeperBook.MaxReasonLength + 1)));
    }

    [Fact]
    public void Only_undecided_self_committing_proposals_past_their_dwell_are_due()
    {
        var (state, due) = FastWithThreeReflexes();
        state.Tick = 5;
        Take(Fast, state, Fast.DraftReflex("d", Reflex(), commitWhenDue: true));
        state.Tick = 10;

        Assert.Equal([due.Id], Fast.Due(state));
    }

    [Fact]
    public void The_mid_keeper_records_an_epoch_boundary_and_every_keeper_re_bases_its_clock()
    {
        var state = new KeeperState { Tick = 70 };
        var mark = new EpochMark(2, 50, "expert 'x' joined slot 3");

        var mid = Mid.Enter(state, mark, Now)!;
        var fast = Fast.Enter(state, mark, Now)!;

        Assert.Null(fast.Boundary);
        Assert.Equal((2, 70L), (mid.Epoch, mid.Tick));
        var boundary = Assert.IsType<IdentityEvent>(mid.Boundary);
        Assert.Equal((1L, IdentityEventKind.Epoch, "epoch 2", "epoch-2", 2, "expert 'x' joined slot 3"),
            (boundary.Sequence, boundary.Kind, boundary.Subject, boundary.ProposalId, boundary.Epoch, boundary.Reason));
        mid.Apply(state);
        Assert.Equal((70L, 2, 70L), (state.Tick, state.Epoch, state.EpochStartTick));
        Assert.Equal([boundary], state.Events);
        Assert.Null(Mid.Enter(state, mark, Now));
        Assert.Null(Mid.Enter(state, mark with { Epoch = 1 }, Now));
        Assert.Equal(120, Mid.Enter(state, new EpochMark(3, 120, "policy change"), Now)!.Tick);
    }

    [Fact]
    public void An_epoch_mark_with_negative_numbers_or_no_reason_is_refused()
    {
        var state = new KeeperState();
        Assert.Throws<ArgumentException>(() => Mid.Enter(state, new EpochMark(-1, 0, "why"), Now));
        Assert.Throws<ArgumentException>(() => Mid.Enter(state, new EpochMark(1, -5, "why"), Now));
        Assert.Contains("needs a reason of 1 to 500 characters", Assert.Throws<ArgumentException>(() => Mid.Enter(state, new EpochMark(1, 0, " "), Now)).Message);
    }

    [Fact]
    public void The_fast_keeper_projects_its_reflexes_and_hands_the_router_only_what_it_has_not_acknowledged()
    {
        var state = new KeeperState();
        Assert.Equal(0, Fast.Report(state, heldSequence: 0).Sequence);
        var reflex = Commit(Fast, state, Fast.DraftReflex("e", Reflex(), false));

        var projected = Assert.Single(KeeperBook.Reflexes(state.Events));
        Assert.Equal(new RegionClaim(reflex.Sequence, "e", Reflex().Centroid, 0.05, 0), projected);
        Assert.Empty(KeeperBook.Scars(state.Events));
        Assert.Equal(reflex.Sequence, Fast.Report(state, heldSequence: 0).Sequence);
        Assert.Equal(0, Fast.Report(state, heldSequence: reflex.Sequence).Sequence);

        var mid = new KeeperState();
        Mid.Enter(mid, new EpochMark(1, 0, "roster edit"), Now)!.Apply(mid);
        Assert.Equal(0, Mid.Report(mid, heldSequence: 0).Sequence);
    }

    [Fact]
    public void A_tick_answer_carries_the_scars_only_when_the_router_holds_an_older_sequence()
    {
        var state = new KeeperState { Tick = 30 };
        Assert.Equal(new KeeperTickReport(30, 0, [], [], []), Slow.Report(state, heldSequence: 0), ReportComparer.Instance);
        var scar = Commit(Slow, state, Slow.Draft(IdentityEventKind.Scar, "e", Scar(), false));

        var behind = Slow.Report(state, heldSequence: 0);
        var current = Slow.Report(state, heldSequence: scar.Sequence);

        Assert.Equal(scar.Sequence, behind.Sequence);
        Assert.Equal([scar.Sequence], behind.Scars.Select(s => s.Sequence));
        Assert.Empty(behind.Reflexes);
        Assert.Equal((0L, 0), (current.Sequence, current.Scars.Length));
        Assert.Empty(behind.WaitingReflexes);
    }

    [Fact]
    public void A_fast_tick_answer_names_the_self_committing_reflexes_it_waits_to_decide()
    {
        var (state, waiting) = FastWithThreeReflexes();

        var report = Fast.Report(state, heldSequence: 0);

        Assert.Equal([waiting.Id], report.WaitingReflexes.Select(p => p.Id));
        Assert.Equal(["c"], report.Reflexes.Select(r => r.ExpertId));
        Assert.Empty(report.Scars);
        Assert.Equal(0, Mid.Report(state, heldSequence: 0).Sequence);
    }

    [Fact]
    public void Each_keeper_spends_its_own_clocks_budget_of_the_policy()
    {
        var budgets = new KeeperWriteBudgets(new(10, 100), new(3, 1_000), new(1, 10_000));
        var policy = new PolicyVersion(1, GovernancePolicy.Default with { KeeperBudgets = budgets }, "test", Now);
        var governed = new GovernanceSnapshot(GovernanceIds.Cluster, 1, policy, HaltState.Running);

        Assert.Equal((budgets.Fast, budgets.Mid, budgets.Slow), (Fast.BudgetIn(governed), Mid.BudgetIn(governed), Slow.BudgetIn(governed)));
    }

    private sealed class ReportComparer : IEqualityComparer<KeeperTickReport>
    {
        public static readonly ReportComparer Instance = new();

        public bool Equals(KeeperTickReport? x, KeeperTickReport? y) =>
            x is not null && y is not null && (x.Tick, x.Sequence) == (y.Tick, y.Sequence)
            && x.Scars.SequenceEqual(y.Scars) && x.Reflexes.SequenceEqual(y.Reflexes) && x.WaitingReflexes.SequenceEqual(y.WaitingReflexes);

        public int GetHashCode(KeeperTickReport obj) => HashCode.Combine(obj.Tick, obj.Sequence);
    }

    [Fact]
    public void The_snapshot_shows_the_tokens_the_budget_allows_at_the_clock()
    {
        var state = new KeeperState { Tick = 5_000, Bucket = new KeeperBucketRecord(0, 0), Epoch = 1, EpochStartTick = 4_000 };

        var snapshot = Slow.Snapshot(state, OneWrite);

        Assert.Equal(("r", KeeperClock.Slow, 5_000L, 0.5, 1, 10_000L, 1_000L, 1, 4_000L),
            (snapshot.RouterId, snapshot.Clock, snapshot.Tick, snapshot.Tokens, snapshot.Capacity, snapshot.RefillTicks, snapshot.Dwell, snapshot.Epoch, snapshot.EpochStartTick));
        Assert.Equal(1, Slow.Snapshot(new KeeperState(), OneWrite).Tokens);
    }
}
