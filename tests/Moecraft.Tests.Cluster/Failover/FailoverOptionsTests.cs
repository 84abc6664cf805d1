using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;
using Orleans.Configuration;

namespace Moecraft.Tests.Failover;

public sealed class FailoverOptionsTests
{
    [Fact]
    public void The_defaults_replace_Orleans_slow_death_declaration()
    {
        var (membership, messaging) = OrleansOptions(new MoecraftSiloOptions().Failover);

        Assert.Equal(TimeSpan.FromSeconds(1), membership.ProbeTimeout);
        Assert.Equal(2, membership.NumMissedProbesLimit);
        Assert.Equal(2, membership.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromSeconds(20), membership.DeathVoteExpirationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), membership.IAmAliveTablePublishTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), membership.TableRefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), messaging.ResponseTimeout);
    }

    [Fact]
    public void Settings_bound_from_the_Moecraft_Failover_section_reach_Orleans()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Moecraft:Failover:ProbeTimeout"] = "00:00:02",
            ["Moecraft:Failover:NumMissedProbesLimit"] = "3",
            ["Moecraft:Failover:NumVotesForDeathDeclaration"] = "3",
            ["Moecraft:Failover:NumProbedSilos"] = "4",
            ["Moecraft:Failover:DeathVoteExpirationTimeout"] = "00:01:00",
            ["Moecraft:Failover:IAmAliveTablePublishTimeout"] = "00:00:30",
            ["Moecraft:Failover:TableRefreshTimeout"] = "00:00:45",
            ["Moecraft:Failover:ResponseTimeout"] = "00:01:30",
        }).Build();
        var options = configuration.GetSection(MoecraftSiloOptions.SectionName).Get<MoecraftSiloOptions>()!;

        var (membership, messaging) = OrleansOptions(options.Failover);

        Assert.Equal(TimeSpan.FromSeconds(2), membership.ProbeTimeout);
        Assert.Equal(3, membership.NumMissedProbesLimit);
        Assert.Equal(3, membership.NumVotesForDeathDeclaration);
        Assert.Equal(4, membership.NumProbedSilos);
        Assert.Equal(TimeSpan.FromMinutes(1), membership.DeathVoteExpirationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), membership.IAmAliveTablePublishTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), membership.TableRefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), messaging.ResponseTimeout);
    }

    public static TheoryData<string, Action<MoecraftFailoverOptions>> Unworkable => new()
    {
        { "ProbeTimeout", o => o.ProbeTimeout = TimeSpan.FromMilliseconds(10) },
        { "NumMissedProbesLimit", o => o.NumMissedProbesLimit = 0 },
        { "NumProbedSilos", o => o.NumProbedSilos = 0 },
        { "NumVotesForDeathDeclaration", o => o.NumVotesForDeathDeclaration = 11 },
        { "DeathVoteExpirationTimeout", o => o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(1) },
        { "IAmAliveTablePublishTimeout", o => o.IAmAliveTablePublishTimeout = TimeSpan.Zero },
        { "TableRefreshTimeout", o => o.TableRefreshTimeout = TimeSpan.FromHours(1) },
        { "ResponseTimeout", o => o.ResponseTimeout = TimeSpan.FromMilliseconds(-1) },
    };

    [Theory]
    [MemberData(nameof(Unworkable))]
    public void A_setting_the_membership_protocol_cannot_work_with_is_refused_by_name(string setting, Action<MoecraftFailoverOptions> spoil)
    {
        var options = new MoecraftFailoverOptions();
        spoil(options);

        var error = Assert.Throws<ArgumentException>(() => OrleansOptions(options));
        Assert.Contains($"Moecraft:Failover:{setting}", error.Message);
    }

    // The silo's own Orleans options as the composition root leaves them (the host is built, not started).
    private static (ClusterMembershipOptions Membership, SiloMessagingOptions Messaging) OrleansOptions(MoecraftFailoverOptions failover)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().UseMoecraftFailover(failover));
        using var host = builder.Build();
        return (host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value,
            host.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value);
    }
}
