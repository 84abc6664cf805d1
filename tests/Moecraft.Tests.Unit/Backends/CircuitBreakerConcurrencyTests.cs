using Microsoft.Extensions.Time.Testing;
using Moecraft.Experts.Resilience;

namespace Moecraft.Tests.Backends;

/// <summary>The circuit breaker under many concurrent callers of one expert (its calls interleave).</summary>
public sealed class CircuitBreakerConcurrencyTests
{
    private static readonly TimeSpan OpenDuration = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Many_concurrent_callers_of_a_half_open_circuit_let_exactly_one_probe_through()
    {
        var breaker = OpenedBreaker();
        _time.Advance(OpenDuration);

        var admitted = 0;
        var rejected = 0;
        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 32).Select(_ => Task.Run(() =>
        {
            start.Wait();
            try
            {
                breaker.Enter();
                Interlocked.Increment(ref admitted);
            }
            catch (ExpertUnavailableException)
            {
                Interlocked.Increment(ref rejected);
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(callers);

        Assert.Equal(1, admitted);
        Assert.Equal(31, rejected);
    }

    [Fact]
    public void A_call_admitted_before_the_circuit_opened_does_not_free_the_probes_place_when_it_ends()
    {
        var breaker = new ExpertCircuitBreaker("busy-expert", failuresToOpen: 2, OpenDuration, _time);
        var slow = breaker.Enter();
        breaker.OnFailure(breaker.Enter());
        breaker.OnFailure(breaker.Enter());
        _time.Advance(OpenDuration);
        var probe = breaker.Enter();

        // The slow call, admitted while the circuit was closed, ends without saying anything about the backend.
        breaker.OnNeutral(slow);

        Assert.NotEqual(0, probe);
        Assert.Equal(0, slow);
        Assert.Throws<ExpertUnavailableException>(() => breaker.Enter());
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
    }

    [Fact]
    public void A_failed_probe_opens_the_circuit_again_and_a_late_failure_after_it_closed_is_an_ordinary_one()
    {
        var breaker = new ExpertCircuitBreaker("busy-expert", failuresToOpen: 5, OpenDuration, _time);
        var slow = breaker.Enter();
        for (var i = 0; i < 5; i++) breaker.OnFailure(breaker.Enter());
        _time.Advance(OpenDuration);
        var probe = breaker.Enter();

        breaker.OnFailure(probe);

        Assert.Equal(CircuitState.Open, breaker.State);
        _time.Advance(OpenDuration);
        var nextProbe = breaker.Enter();
        breaker.OnSuccess(nextProbe);
        breaker.OnFailure(slow);
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public void A_success_while_the_probe_runs_closes_the_circuit_for_everyone()
    {
        var breaker = OpenedBreaker();
        var slow = 0L;
        _time.Advance(OpenDuration);
        var probe = breaker.Enter();

        breaker.OnSuccess(slow);

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(0, breaker.Enter());
        // The probe's late failure is then one ordinary failure, not a reason to open.
        breaker.OnFailure(probe);
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    private ExpertCircuitBreaker OpenedBreaker()
    {
        var breaker = new ExpertCircuitBreaker("busy-expert", failuresToOpen: 3, OpenDuration, _time);
        for (var i = 0; i < 3; i++) breaker.OnFailure(breaker.Enter());
        Assert.Equal(CircuitState.Open, breaker.State);
        return breaker;
    }
}
