using System.Globalization;
using System.Reflection;
using Moecraft.Client;
using Orleans.Runtime.Messaging;

namespace Moecraft.Tests.Failover;

public sealed class FailoverRetryTests
{
    private static readonly FailoverRetry Retry = new(TimeSpan.FromSeconds(10), TimeProvider.System);

    [Fact]
    public async Task A_read_lost_with_its_gateway_is_sent_again_until_it_is_answered()
    {
        var attempts = 0;
        var answer = await Retry.ReadAsync(() => ++attempts < 3 ? throw GatewayLost() : Task.FromResult(42));

        Assert.Equal(42, answer);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task An_ask_is_sent_again_only_when_it_was_lost_on_the_way()
    {
        var attempts = 0;
        Assert.Equal("answer", await Retry.AskAsync(() => ++attempts switch
        {
            1 => throw GatewayLost(),
            2 => throw new ConnectionFailedException("no gateway could be reached"),
            3 => throw UnableToConnect(),
            _ => Task.FromResult("answer"),
        }));
        Assert.Equal(4, attempts);

        // A silo the request needed died while the cluster worked on it: the cluster answered, and that answer stands.
        attempts = 0;
        await Assert.ThrowsAsync<SiloUnavailableException>(() => Retry.AskAsync<string>(() => { attempts++; throw new SiloUnavailableException("a silo died"); }));
        Assert.Equal(1, attempts);

        // A read is sent again after the same failure.
        attempts = 0;
        Assert.Equal("read", await Retry.ReadAsync(() => ++attempts < 2 ? throw new SiloUnavailableException("a silo died") : Task.FromResult("read")));
    }

    [Fact]
    public async Task A_failure_that_says_nothing_about_a_lost_silo_is_never_retried()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Retry.ReadAsync<int>(() => { attempts++; throw new InvalidOperationException("no such tenant"); }));
        await Assert.ThrowsAsync<TimeoutException>(() => Retry.ReadAsync<int>(() => { attempts++; throw new TimeoutException("slow"); }));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Retries_end_with_the_window_and_the_last_failure_stands()
    {
        var attempts = 0;
        var once = new FailoverRetry(TimeSpan.Zero, TimeProvider.System);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => once.ReadAsync<int>(() => { attempts++; throw GatewayLost(); }));
        Assert.Equal(1, attempts);

        attempts = 0;
        var brief = new FailoverRetry(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        var last = await Assert.ThrowsAsync<SiloUnavailableException>(() => brief.ReadAsync<int>(() => throw GatewayLost($"attempt {++attempts}")));
        Assert.InRange(attempts, 2, 4); // pauses of 100, 200, 400 ms fit the window only partly
        Assert.Contains($"attempt {attempts}", last.Message);
    }

    private static SiloUnavailableException GatewayLost(string message = "gateway lost")
    {
        var lost = new GatewayLostException(message);
        return new SiloUnavailableException(lost.Message, lost);
    }

    /// <summary>The rejection Orleans raises when a message cannot be sent on to a dead silo (its constructors are internal).</summary>
    private static OrleansMessageRejectionException UnableToConnect() =>
        (OrleansMessageRejectionException)Activator.CreateInstance(
            typeof(OrleansMessageRejectionException), BindingFlags.Instance | BindingFlags.NonPublic, null,
            ["Exception while sending message", new ConnectionFailedException("Unable to connect to a dead silo")], CultureInfo.InvariantCulture)!;
}
