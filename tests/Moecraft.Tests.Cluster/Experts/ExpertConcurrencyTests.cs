using System.Diagnostics;
using Moecraft.Experts;
using Moecraft.Tests.Cluster;
using Xunit.Abstractions;

namespace Moecraft.Tests.Experts;

/// <summary>One expert serves many requests at once, up to its definition's limit, in the shared three-silo SQLite cluster.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ExpertConcurrencyTests(SqliteClusterFixture fixture, ITestOutputHelper output)
{
    private const int LatencyMs = 200;

    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task Sixty_four_concurrent_requests_to_one_expert_run_thirty_two_at_a_time()
    {
        var (expert, id) = await RegisterAsync("par64", latencyMs: LatencyMs, limit: 32, warmUp: true);
        using var probe = new InFlightProbe(id);

        var elapsed = await TimeConcurrentAsync(expert, 64);

        // Two waves of 32 (more than one latency: all 64 at once would take one); one at a time would take 64 (12.8 s).
        Assert.Equal(32, probe.Peak);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(1.5 * LatencyMs), TimeSpan.FromMilliseconds(64 * LatencyMs / 4));
        Assert.Equal(0, probe.Now);
        output.WriteLine($"64 concurrent calls, {LatencyMs} ms latency, limit 32: {elapsed.TotalMilliseconds:0} ms, peak in flight {probe.Peak}");
    }

    [Fact]
    public async Task Counters_stay_exact_under_concurrent_plain_and_streamed_calls()
    {
        var (expert, _) = await RegisterAsync("exact", latencyMs: 50, limit: 8);

        var answers = await Task.WhenAll(Enumerable.Range(0, 48).Select(i => i % 3 == 0
            ? StreamAsync(expert, new ExpertRequest($"r{i}", $"streamed question {i} about routing"))
            : expert.Invoke(new ExpertRequest($"r{i}", $"question {i} about routing"))));
        var counters = (await expert.GetSnapshot()).Counters;

        Assert.Equal(48, counters.Invocations);
        Assert.Equal(0, counters.Failures);
        Assert.Equal(0, counters.Saturated);
        Assert.Equal(answers.Sum(a => a.InputTokens), counters.InputTokens);
        Assert.Equal(answers.Sum(a => a.OutputTokens), counters.OutputTokens);
        Assert.Equal(answers.Sum(a => a.Cost), counters.Cost);
        Assert.Equal(answers.Sum(a => a.LatencyMs), counters.TotalLatencyMs);
    }

    [Fact]
    public async Task An_expert_at_its_limit_turns_the_next_call_away_as_saturated_after_its_queue_timeout_and_the_first_succeeds()
    {
        var (expert, id) = await RegisterAsync("sat", latencyMs: 1_000, limit: 1, queueTimeout: TimeSpan.FromMilliseconds(100));
        using var probe = new InFlightProbe(id);

        var first = expert.Invoke(new ExpertRequest("r1", "the first call takes the only slot"));
        await probe.WaitForAsync(1);
        var error = await Assert.ThrowsAsync<ExpertCallFailedException>(() => expert.Invoke(new ExpertRequest("r2", "the second finds it busy")));
        var answer = await first;
        var counters = (await expert.GetSnapshot()).Counters;

        Assert.True(error.Saturated);
        Assert.Equal(id, error.ExpertId);
        Assert.Contains("is saturated", error.Message);
        Assert.Contains("all 1 of its call slots", error.Message);
        Assert.False(string.IsNullOrEmpty(answer.Text));
        // A saturation is counted apart: the backend was never called, so it is neither an invocation nor a failure.
        Assert.Equal(1, counters.Invocations);
        Assert.Equal(0, counters.Failures);
        Assert.Equal(1, counters.Saturated);
    }

    [Fact]
    public async Task An_experts_snapshot_shows_the_calls_in_flight_against_its_limit_and_a_closed_circuit()
    {
        var (expert, id) = await RegisterAsync("activity", latencyMs: 1_000, limit: 3);
        using var probe = new InFlightProbe(id);

        var running = Enumerable.Range(0, 2).Select(i => expert.Invoke(new ExpertRequest($"r{i}", $"a slow question {i}"))).ToList();
        await probe.WaitForAsync(2);
        var during = (await expert.GetSnapshot()).Activity;
        await Task.WhenAll(running);
        var after = (await expert.GetSnapshot()).Activity;

        Assert.Equal(new ExpertActivity(InFlight: 2, Queued: 0, ConcurrencyLimit: 3, ExpertCircuit.Closed), during);
        Assert.Equal(new ExpertActivity(InFlight: 0, Queued: 0, ConcurrencyLimit: 3, ExpertCircuit.Closed), after);
    }

    [Fact]
    public async Task An_expert_whose_calls_keep_failing_shows_an_open_circuit()
    {
        var id = TestExperts.UniqueId("tripped");
        var expert = Client.GetGrain<IExpertGrain>(id);
        var policy = ExpertCallPolicy.Default with { MaxRetries = 0, FailuresToOpen = 2, OpenDuration = TimeSpan.FromHours(1) };
        await expert.Register(TestExperts.Simulated(id, failureRate: 1) with { CallPolicy = policy });
        Assert.Equal(ExpertCircuit.Closed, (await expert.GetSnapshot()).Activity!.Circuit);

        for (var i = 0; i < 2; i++)
            await Assert.ThrowsAsync<ExpertCallFailedException>(() => expert.Invoke(new ExpertRequest($"f{i}", $"a failing question {i}")));

        Assert.Equal(ExpertCircuit.Open, (await expert.GetSnapshot()).Activity!.Circuit);
    }

    [Fact]
    public async Task Counters_written_by_concurrent_calls_read_back_after_deactivation_equal_the_ones_in_memory()
    {
        var (expert, _) = await RegisterAsync("persist", latencyMs: 20, limit: 16);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => expert.Invoke(new ExpertRequest($"r{i}", $"stored question {i}"))));
        var inMemory = await expert.GetSnapshot();

        await fixture.Cluster.Cluster.DeactivateAsync(expert);
        var readBack = await expert.GetSnapshot();

        Assert.Equal(40, inMemory.Counters.Invocations);
        Assert.Equal(inMemory.Counters, readBack.Counters);
        Assert.Equal(inMemory.Definition, readBack.Definition);
    }

    [Fact]
    public async Task Re_registering_an_expert_while_its_calls_run_lets_them_finish_and_applies_the_new_limit()
    {
        var (expert, id) = await RegisterAsync("rereg", latencyMs: 500, limit: 8);
        var running = new List<Task<ExpertAnswer>>();
        using (var probe = new InFlightProbe(id))
        {
            running.AddRange(Enumerable.Range(0, 8).Select(i => expert.Invoke(new ExpertRequest($"r{i}", $"running question {i}"))));
            await probe.WaitForAsync(8);
        }

        var registered = await expert.Register(TestExperts.Simulated(id, latencyMs: 100) with { Model = "sim-new", MaxConcurrency = 2 });
        var answers = await Task.WhenAll(running);
        using var after = new InFlightProbe(id);
        var later = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => expert.Invoke(new ExpertRequest($"n{i}", $"a call under the new definition {i}"))));

        Assert.Equal(2, registered.Definition.MaxConcurrency);
        // The running calls finished on the old client (not disposed under them); later ones use the new definition.
        Assert.All(answers, a => Assert.StartsWith("[simulated sim-test]", a.Text));
        Assert.All(later, a => Assert.StartsWith("[simulated sim-new]", a.Text));
        Assert.Equal(2, after.Peak);
        Assert.Equal(14, (await expert.GetSnapshot()).Counters.Invocations);
    }

    [Fact]
    public async Task Wall_time_of_sixteen_and_sixty_four_concurrent_calls_one_at_a_time_and_thirty_two_at_a_time()
    {
        // One at a time (limit 1, a long queue timeout) is how every expert answered before calls interleaved.
        var (serial, _) = await RegisterAsync("serial", latencyMs: LatencyMs, limit: 1, TimeSpan.FromMinutes(1), warmUp: true);
        var (parallel, _) = await RegisterAsync("parallel", latencyMs: LatencyMs, limit: 32, warmUp: true);

        var serial16 = await TimeConcurrentAsync(serial, 16);
        var parallel16 = await TimeConcurrentAsync(parallel, 16);
        var serial64 = await TimeConcurrentAsync(serial, 64);
        var parallel64 = await TimeConcurrentAsync(parallel, 64);

        output.WriteLine($"{LatencyMs} ms simulated latency; one at a time vs limit 32:");
        output.WriteLine($"16 concurrent calls: {serial16.TotalMilliseconds:0} ms vs {parallel16.TotalMilliseconds:0} ms");
        output.WriteLine($"64 concurrent calls: {serial64.TotalMilliseconds:0} ms vs {parallel64.TotalMilliseconds:0} ms");
        Assert.True(serial16 >= TimeSpan.FromMilliseconds(12 * LatencyMs));
        // Loose bounds: three in-process silos share one SQLite file, and other tests' writes can stall a run by a second.
        Assert.True(parallel16 < serial16 / 2);
        Assert.True(parallel64 < serial64 / 4);
    }

    private async Task<(IExpertGrain Expert, string Id)> RegisterAsync(
        string prefix, int latencyMs, int limit, TimeSpan? queueTimeout = null, bool warmUp = false)
    {
        var id = TestExperts.UniqueId(prefix);
        var expert = Client.GetGrain<IExpertGrain>(id);
        await expert.Register(TestExperts.Simulated(id, latencyMs: latencyMs) with { MaxConcurrency = limit, QueueTimeout = queueTimeout });
        // Timed tests build the backend client (and warm the path) before the clock starts.
        if (warmUp) await expert.Invoke(new ExpertRequest("warm-up", "warm up"));
        return (expert, id);
    }

    private static async Task<TimeSpan> TimeConcurrentAsync(IExpertGrain expert, int calls)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, calls).Select(i => expert.Invoke(new ExpertRequest($"t{calls}-{i}", $"timed question {i}"))));
        return clock.Elapsed;
    }

    private static async Task<ExpertAnswer> StreamAsync(IExpertGrain expert, ExpertRequest request)
    {
        ExpertAnswer? final = null;
        await foreach (var chunk in expert.InvokeStreaming(request)) final = chunk.Final ?? final;
        return final ?? throw new InvalidOperationException("The stream ended without a final chunk.");
    }
}
