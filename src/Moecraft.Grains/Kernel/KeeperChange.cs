namespace Moecraft.Kernel;

/// <summary>
/// A change <see cref="KeeperBook"/> decided, applied by the keeper grain to a copy of its state that it then writes:
/// the state changes only when the write succeeded.
/// </summary>
public abstract record KeeperChange
{
    private KeeperChange()
    {
    }

    public abstract void Apply(KeeperState state);

    /// <summary>A proposal taken onto the book, and the budget's bucket after paying for it.</summary>
    public sealed record Proposed(KernelProposal Proposal, KeeperBucketRecord Bucket) : KeeperChange
    {
        public override void Apply(KeeperState state)
        {
            state.Proposals.Add(Proposal);
            state.Bucket = Bucket;
        }
    }

    /// <summary>The final decision on a proposal and, when committed, its event on the append-only log.</summary>
    public sealed record Decided(CommitResult Result, IdentityEvent? Event) : KeeperChange
    {
        public override void Apply(KeeperState state)
        {
            state.Results.Add(Result);
            if (Event is not null) state.Events.Add(Event);
        }
    }

    /// <summary>An epoch entered at <paramref name="Tick"/>, where the clock re-bases; the mid keeper's boundary event.</summary>
    public sealed record EpochEntered(int Epoch, long Tick, IdentityEvent? Boundary) : KeeperChange
    {
        public override void Apply(KeeperState state)
        {
            (state.Tick, state.Epoch, state.EpochStartTick) = (Tick, Epoch, Tick);
            if (Boundary is not null) state.Events.Add(Boundary);
        }
    }
}
