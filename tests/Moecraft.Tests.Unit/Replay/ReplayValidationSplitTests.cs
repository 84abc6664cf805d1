using Moecraft.Experts.Replay;

namespace Moecraft.Tests.Replay;

/// <summary>The validation slice hyperparameters are chosen on (issue 14): train items only, chosen by a hash of the id.</summary>
public sealed class ReplayValidationSplitTests
{
    private static ReplayDataset Dataset(int items) => ReplayDataset.Create(Enumerable.Range(0, items).Select(i => new ReplayItem(
        $"q{i}", $"prompt {i}", i % 4 == 0 ? ReplaySplit.Test : ReplaySplit.Train,
        new Dictionary<string, ReplayOutcome> { ["cheap"] = new(i % 2, 1, 1, 0), ["premium"] = new(1, 1, 1, 0) })));

    [Fact]
    public void The_test_split_is_left_out_and_a_share_of_the_train_items_becomes_the_validation_slice()
    {
        var dataset = Dataset(2000);
        var split = ReplayValidationSplit.Of(dataset, 0.25);

        Assert.Equal(dataset.Train.Select(i => i.Id).Order(), split.Items.Select(i => i.Id).Order());
        Assert.InRange(split.Test.Count / (double)dataset.Train.Count, 0.2, 0.3);
        Assert.Equal(split.Items.Count, split.Train.Count + split.Test.Count);
    }

    [Fact]
    public void The_slice_depends_on_the_item_ids_not_on_their_order()
    {
        var dataset = Dataset(400);
        var reversed = ReplayDataset.Create(dataset.Items.Reverse());

        Assert.Equal(
            ReplayValidationSplit.Of(dataset, 0.3).Test.Select(i => i.Id).Order(),
            ReplayValidationSplit.Of(reversed, 0.3).Test.Select(i => i.Id).Order());
    }

    [Fact]
    public void A_share_outside_zero_to_one_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ReplayValidationSplit.Of(Dataset(10), 0));
        Assert.Throws<ArgumentException>(() => ReplayValidationSplit.Of(Dataset(10), 1));
    }
}
