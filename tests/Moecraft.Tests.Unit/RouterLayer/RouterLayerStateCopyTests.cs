using Moecraft.Experts;
using Moecraft.Kernel;
using Moecraft.Routing;

namespace Moecraft.Tests.RouterLayer;

public sealed class RouterLayerStateCopyTests
{
    private static RouterLayerState Configured()
    {
        var state = new RouterLayerState();
        RouterEpochs.Configure(state, new RouterConfiguration(Width: 3, InputDimension: 2, TopK: 1, Temperature: 1, Seed: 7), DateTimeOffset.UnixEpoch);
        RouterRoster.Register(state, "a");
        return state;
    }

    [Fact]
    public void Edits_of_a_copy_leave_the_original_as_it_was()
    {
        var original = Configured();
        var copy = original.Copy();

        RouterRoster.Register(copy, "b");
        RouterRoster.Move(copy, 0, ExpertStatus.Cooling);
        copy.Weights[0] = 99;
        copy.Bias[0] = 99;
        copy.Feedback["a"] = new ExpertFeedbackRecord(1, 1);
        copy.Scars.Add(new RegionClaim(1, "a", [0, 1], 0.1));
        copy.Reflexes.Add(new RegionClaim(1, "a", [0, 1], 0.1));
        RouterEpochs.Start(copy, "an edit", DateTimeOffset.UnixEpoch);

        Assert.Equal(new string?[] { "a", null, null }, original.SlotExperts.AsEnumerable());
        Assert.Equal([true, false, false], original.Active);
        Assert.Equal(ExpertStatus.Active, original.SlotStatus[0]);
        Assert.NotEqual(99, original.Weights[0]);
        Assert.Equal(0, original.Bias[0]);
        Assert.Empty(original.Feedback);
        Assert.Empty(original.Scars);
        Assert.Empty(original.Reflexes);
        Assert.Equal(0, original.Epoch);
        Assert.Single(original.Epochs);
    }

    [Fact]
    public void A_copy_holds_every_member_of_the_original()
    {
        var original = Configured();
        original.RoutedUnits = 5;
        original.ScarSequence = 3;
        original.ReflexSequence = 4;
        original.EpochPolicyVersion = 2;
        original.EmbedderEpoch = 1;
        original.Feedback["a"] = new ExpertFeedbackRecord(2, 0.5);
        RouterEpochs.Start(original, "joined", DateTimeOffset.UnixEpoch);

        var copy = original.Copy();

        Assert.Equal(
            Serialize(original),
            Serialize(copy));
    }

    private static string Serialize(RouterLayerState state) =>
        string.Join("|", typeof(RouterLayerState).GetProperties().Select(p => p.GetValue(state) switch
        {
            System.Collections.IEnumerable items and not string => string.Join(",", items.Cast<object?>()),
            var value => value?.ToString() ?? "null",
        }));
}
