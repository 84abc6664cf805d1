using Microsoft.Extensions.AI;
using Moecraft.Experts;
using Moecraft.Experts.Calls;

namespace Moecraft.Tests.Experts;

/// <summary>Admission of one expert's calls: slots, the definition a call runs under, and its client's lifetime.</summary>
public sealed class ExpertCallGateTests
{
    private static readonly ExpertDefinition Simulated =
        new("gate", BackendKind.Simulated, "sim-old", Endpoint: null, ExpertPricing.Free, ExpertTier.Local, ["chat"], SimulationSettings.Default,
            MaxConcurrency: 2, QueueTimeout: TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task A_call_runs_under_the_definition_it_was_admitted_with_and_a_new_definition_gets_a_new_client()
    {
        var changes = new List<int>();
        var gate = new ExpertCallGate(new ExpertBackendFactory(TimeProvider.System), slotsChanged: (_, change) => changes.Add(change));
        gate.Configure(Simulated);
        using var before = (await gate.TryEnterAsync())!;
        var oldClient = before.GetClient();

        gate.Configure(Simulated with { Model = "sim-new" });
        using var after = (await gate.TryEnterAsync())!;

        Assert.Equal("sim-old", before.Definition.Model);
        Assert.Equal("sim-new", after.Definition.Model);
        Assert.NotSame(oldClient, after.GetClient());
        // The retired client still answers the call admitted before the change.
        Assert.Contains("[simulated sim-old]", (await before.GetClient().GetResponseAsync([new ChatMessage(ChatRole.User, "still here")])).Text);
        Assert.Equal([1, 1], changes);
    }

    [Fact]
    public async Task A_full_gate_turns_a_call_away_after_the_queue_timeout_and_a_returned_slot_is_free_again()
    {
        var gate = new ExpertCallGate(new ExpertBackendFactory(TimeProvider.System));
        gate.Configure(Simulated);
        var first = (await gate.TryEnterAsync())!;
        using var second = (await gate.TryEnterAsync())!;

        Assert.Null(await gate.TryEnterAsync());
        first.Dispose();
        first.Dispose();
        Assert.Equal(1, gate.InFlight);
        using var third = await gate.TryEnterAsync();
        Assert.NotNull(third);
    }

    [Fact]
    public async Task A_backend_that_cannot_be_built_fails_when_the_call_uses_it_and_still_gives_the_slot_back()
    {
        var gate = new ExpertCallGate(new ExpertBackendFactory(TimeProvider.System));
        gate.Configure(Simulated with { Backend = BackendKind.Replay });
        var call = (await gate.TryEnterAsync())!;

        var error = Assert.Throws<InvalidOperationException>(() => call.GetClient());
        call.Dispose();

        Assert.Contains("no replay dataset", error.Message);
        Assert.Equal(0, gate.InFlight);
    }
}
