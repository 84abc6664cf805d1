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
    public async Task An_ask_is_sent_again_while_a_silo_or_gateway_it_needed_is_gone()
    {
        var attempts = 0;
        Assert.Equal("answer", await Retry.AskAsync(() => ++attempts switch
        {
            1 => throw GatewayLost(),
            2 => throw new ConnectionFailedException("no gateway could be reached"),
            3 => throw UnableToConnect(),
            // What a gateway silo answers when it cannot send the call on to a dead silo: the inner failure arrives as text.
            4 => throw Rejection("Exception while sending message: Orleans.Runtime.Messaging.ConnectionFailedException: Unable to connect", inner: null),
            // The silo that held the call died with it: the first attempt may have been charged, and a repeat gets its answer.
            5 => throw new SiloUnavailableException("a silo died"),
            _ => Task.FromResult("answer"),
        }));
        Assert.Equal(6, attempts);
    }

    [Fact]
    public async Task An_ask_the_cluster_answered_with_a_failure_is_not_sent_again()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Retry.AskAsync<string>(() =>
        {
            attempts++;
            throw new InvalidOperationException("Request 'r1' already ended without an answer (nothing was charged)");
        }));
        Assert.Equal(1, attempts);
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

    /// <summary>The rejection Orleans raises when a message cannot be sent on to a dead silo.</summary>
    private static OrleansMessageRejectionException UnableToConnect() =>
        Rejection("Exception while sending message", new ConnectionFailedException("Unable to connect to a dead silo"));

    /// <summary>An Orleans message rejection (its constructors are internal).</summary>
    private static OrleansMessageRejectionException Rejection(string message, Exception? inner) =>
        (OrleansMessageRejectionException)Activator.CreateInstance(
            typeof(OrleansMessageRejectionException), BindingFlags.Instance | BindingFlags.NonPublic, null,
            inner is null ? [message] : [message, inner], CultureInfo.InvariantCulture)!;
}
