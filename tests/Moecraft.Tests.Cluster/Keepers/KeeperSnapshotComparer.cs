using Moecraft.Kernel;

namespace Moecraft.Tests.Keepers;

/// <summary>Compares keeper snapshots by content (their arrays compare by reference otherwise).</summary>
internal sealed class KeeperSnapshotComparer : IEqualityComparer<KeeperSnapshot>
{
    public static readonly KeeperSnapshotComparer Instance = new();

    public bool Equals(KeeperSnapshot? x, KeeperSnapshot? y) =>
        x is not null && y is not null
        && (x.RouterId, x.Clock, x.Tick, x.Tokens, x.Epoch, x.EpochStartTick) == (y.RouterId, y.Clock, y.Tick, y.Tokens, y.Epoch, y.EpochStartTick)
        && x.Proposals.SequenceEqual(y.Proposals, ProposalComparer.Instance)
        && x.Results.SequenceEqual(y.Results)
        && x.Events.Select(e => (e.Sequence, e.Kind, e.Subject, e.ProposalId)).SequenceEqual(y.Events.Select(e => (e.Sequence, e.Kind, e.Subject, e.ProposalId)));

    public int GetHashCode(KeeperSnapshot obj) => HashCode.Combine(obj.RouterId, obj.Tick, obj.Events.Length);

    private sealed class ProposalComparer : IEqualityComparer<KernelProposal>
    {
        public static readonly ProposalComparer Instance = new();

        public bool Equals(KernelProposal? x, KernelProposal? y) => x?.Id == y?.Id && x?.ProposedAt == y?.ProposedAt;

        public int GetHashCode(KernelProposal obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
