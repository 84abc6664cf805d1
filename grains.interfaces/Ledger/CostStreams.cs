namespace Moecraft.Ledger;

/// <summary>The live cost stream's timing: how long a subscription lives and how often a subscriber renews it.</summary>
public static class CostStreams
{
    /// <summary>A subscription not renewed within this time is dropped by the stream grain.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Subscribers renew this often, well within the lifetime (also re-creating a subscription a restarted grain lost).</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);
}
