using System.Net;
using Microsoft.Extensions.Time.Testing;
using Moecraft.Client;

namespace Moecraft.Tests.Failover;

public sealed class GatewayAffinityTests
{
    private static readonly Uri[] Gateways = [Gateway(30001), Gateway(30002), Gateway(30003)];

    [Fact]
    public void The_client_keeps_one_gateway_while_the_cluster_lists_it()
    {
        var affinity = new GatewayAffinity(new FakeTimeProvider());

        var chosen = Assert.Single(affinity.Choose(Gateways));
        for (var i = 0; i < 20; i++) Assert.Equal(chosen, Assert.Single(affinity.Choose([.. Gateways.Reverse()])));
        Assert.Equal(EndPoint(chosen), affinity.Current);
        Assert.False(affinity.CurrentLost.IsCancellationRequested);
    }

    [Fact]
    public void Losing_the_connection_to_the_current_gateway_fails_its_calls_and_the_next_choice_avoids_it()
    {
        var affinity = new GatewayAffinity(new FakeTimeProvider());
        var first = Assert.Single(affinity.Choose(Gateways));
        var callsOnFirst = affinity.CurrentLost;

        affinity.OnConnectionClosed(EndPoint(first));

        Assert.True(callsOnFirst.IsCancellationRequested);
        Assert.Null(affinity.Current);
        var callsOnNext = affinity.CurrentLost;
        Assert.False(callsOnNext.IsCancellationRequested);
        var next = Assert.Single(affinity.Choose(Gateways));
        Assert.NotEqual(first, next);
        Assert.False(callsOnNext.IsCancellationRequested);
    }

    [Fact]
    public void A_connection_to_another_gateway_closing_changes_nothing()
    {
        var affinity = new GatewayAffinity(new FakeTimeProvider());
        var chosen = Assert.Single(affinity.Choose(Gateways));
        var calls = affinity.CurrentLost;

        affinity.OnConnectionClosed(EndPoint(Gateways.First(g => g != chosen)));
        affinity.OnConnectionClosed(null);

        Assert.False(calls.IsCancellationRequested);
        Assert.Equal(EndPoint(chosen), affinity.Current);
    }

    [Fact]
    public void A_connection_reported_by_its_IPv4_mapped_address_is_the_same_gateway()
    {
        var affinity = new GatewayAffinity(new FakeTimeProvider());
        var chosen = EndPoint(Assert.Single(affinity.Choose(Gateways)));
        var calls = affinity.CurrentLost;

        affinity.OnConnectionClosed(new IPEndPoint(chosen.Address.MapToIPv6(), chosen.Port));

        Assert.True(calls.IsCancellationRequested);
    }

    [Fact]
    public void A_gateway_that_leaves_the_cluster_s_list_is_given_up_with_its_calls()
    {
        var affinity = new GatewayAffinity(new FakeTimeProvider());
        var chosen = Assert.Single(affinity.Choose(Gateways));
        var calls = affinity.CurrentLost;

        var next = Assert.Single(affinity.Choose([.. Gateways.Where(g => g != chosen)]));

        Assert.True(calls.IsCancellationRequested);
        Assert.NotEqual(chosen, next);
        Assert.Equal(EndPoint(next), affinity.Current);
    }

    [Fact]
    public void An_empty_list_says_nothing_about_the_current_gateway()
    {
        var affinity = new GatewayAffinity(new FakeTimeProvider());
        var chosen = Assert.Single(affinity.Choose(Gateways));
        var calls = affinity.CurrentLost;

        Assert.Empty(affinity.Choose([]));

        Assert.False(calls.IsCancellationRequested);
        Assert.Equal(EndPoint(chosen), affinity.Current);
    }

    [Fact]
    public void A_lost_gateway_is_passed_over_while_others_are_listed_and_taken_again_when_it_is_the_only_one()
    {
        var time = new FakeTimeProvider();
        var affinity = new GatewayAffinity(time);
        var lost = Assert.Single(affinity.Choose(Gateways[..2]));
        affinity.OnConnectionClosed(EndPoint(lost));
        var other = Gateways[..2].Single(g => g != lost);

        Assert.Equal(other, Assert.Single(affinity.Choose(Gateways[..2])));
        affinity.OnConnectionClosed(EndPoint(other));
        // Both were lost lately: any listed gateway beats none.
        Assert.Single(affinity.Choose([lost]));
        Assert.Equal(EndPoint(lost), affinity.Current);
    }

    private static Uri Gateway(int port) => new($"gwy.tcp://127.0.0.1:{port}/0");

    private static IPEndPoint EndPoint(Uri gateway) => new(IPAddress.Loopback, gateway.Port);
}
