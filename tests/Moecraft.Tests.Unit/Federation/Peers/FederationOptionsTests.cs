using Moecraft.Federation;
using Moecraft.Hosting.Configuration;

namespace Moecraft.Tests.Federation.Peers;

public sealed class FederationOptionsTests
{
    [Fact]
    public void Defaults_make_valid_settings()
    {
        var settings = new MoecraftFederationOptions().ToSettings();
        Assert.True(settings.Enabled);
        Assert.True(settings.HeartbeatTimer);
        Assert.Equal(TimeSpan.FromDays(1), settings.ManifestValidity);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.HeartbeatInterval);
        Assert.Equal(3, settings.SuspectAfter);
        Assert.Equal(10, settings.DeadAfter);
        Assert.Equal(TrustTier.Core, settings.RequestedTier);
        Assert.Equal(["heartbeat", "manifest", "sync"], settings.Capabilities.ToArray());
        Assert.Empty(settings.ExpertsOffered);
        Assert.False(string.IsNullOrWhiteSpace(settings.SoftwareVersion));
    }

    [Fact]
    public void Configured_lists_are_normalized_and_protocol_capabilities_kept()
    {
        var settings = new MoecraftFederationOptions
        {
            ExpertsOffered = ["gpt-b", "gpt-a", "gpt-b"],
            Capabilities = ["query"],
            RequestedTier = "sandbox",
        }.ToSettings();
        Assert.Equal(["gpt-a", "gpt-b"], settings.ExpertsOffered.ToArray());
        Assert.Equal(["heartbeat", "manifest", "query", "sync"], settings.Capabilities.ToArray());
        Assert.Equal(TrustTier.Sandbox, settings.RequestedTier);
    }

    [Theory]
    [InlineData("RequestedTier")]
    [InlineData("ManifestValidity")]
    [InlineData("HeartbeatInterval")]
    [InlineData("DeadAfter")]
    [InlineData("ExpertsOffered")]
    public void Bad_values_are_refused_naming_the_setting(string setting)
    {
        var options = new MoecraftFederationOptions();
        switch (setting)
        {
            case "RequestedTier": options.RequestedTier = "GOLD"; break;
            case "ManifestValidity": options.ManifestValidity = TimeSpan.FromDays(8); break;
            case "HeartbeatInterval": options.HeartbeatInterval = TimeSpan.Zero; break;
            case "DeadAfter": options.DeadAfter = 2; break;
            case "ExpertsOffered": options.ExpertsOffered = [""]; break;
        }
        var error = Assert.Throws<ArgumentException>(options.ToSettings);
        Assert.Contains("Moecraft:Federation", error.Message);
    }
}
