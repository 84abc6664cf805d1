namespace Moecraft.Experts.Replay;

/// <summary>
/// A validation split for choosing hyperparameters without looking at the test split: the train items only, a share of
/// them (chosen by a hash of the item id, so the slice does not depend on file order or seed) relabelled as test.
/// </summary>
public static class ReplayValidationSplit
{
    /// <exception cref="ArgumentException">A share outside (0, 1).</exception>
    public static ReplayDataset Of(ReplayDataset dataset, double share)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!(share > 0 && share < 1)) throw new ArgumentException($"The validation share must be in (0, 1), got {share}.", nameof(share));
        return ReplayDataset.Create(dataset.Train.Select(item => item with
        {
            Split = StableHash.Of(item.Id, "validation") % 10_000 < share * 10_000 ? ReplaySplit.Test : ReplaySplit.Train,
        }));
    }
}
