using Moecraft.Governance;

namespace Moecraft.Kernel;

/// <summary>Keeper keys (<c>{routerId}/{fast|mid|slow}</c>), dwell times and which write budget each clock spends (SPEC 5.2).</summary>
public static class KeeperClocks
{
    /// <summary>The grain key of <paramref name="routerId"/>'s keeper of <paramref name="clock"/>.</summary>
    public static string Key(string routerId, KeeperClock clock) => $"{routerId}/{Name(clock)}";

    public static string Name(KeeperClock clock) => clock switch
    {
        KeeperClock.Fast => "fast",
        KeeperClock.Mid => "mid",
        KeeperClock.Slow => "slow",
        _ => throw new ArgumentException($"Unknown keeper clock '{clock}'.", nameof(clock)),
    };

    /// <summary>Splits a keeper key into router id and clock.</summary>
    /// <exception cref="ArgumentException">Not <c>{routerId}/{fast|mid|slow}</c> with a non-empty router id.</exception>
    public static (string RouterId, KeeperClock Clock) Parse(string key)
    {
        var slash = key?.LastIndexOf('/') ?? -1;
        if (slash > 0)
        {
            var routerId = key![..slash];
            KeeperClock? clock = key[(slash + 1)..] switch
            {
                "fast" => KeeperClock.Fast,
                "mid" => KeeperClock.Mid,
                "slow" => KeeperClock.Slow,
                _ => null,
            };
            if (clock is { } parsed && !string.IsNullOrWhiteSpace(routerId)) return (routerId, parsed);
        }
        throw new ArgumentException($"Keeper key '{key}' must be '{{routerId}}/fast', '{{routerId}}/mid' or '{{routerId}}/slow'.", nameof(key));
    }

    /// <summary>Ticks a proposal waits before it may be committed: fast 10, mid 100, slow 1,000.</summary>
    public static long Dwell(KeeperClock clock) => clock switch
    {
        KeeperClock.Fast => 10,
        KeeperClock.Mid => 100,
        KeeperClock.Slow => 1_000,
        _ => throw new ArgumentException($"Unknown keeper clock '{clock}'.", nameof(clock)),
    };

    /// <summary>The write budget of <paramref name="clock"/> in a policy's keeper budgets.</summary>
    public static KeeperWriteBudget Budget(KeeperWriteBudgets budgets, KeeperClock clock) => clock switch
    {
        KeeperClock.Fast => budgets.Fast,
        KeeperClock.Mid => budgets.Mid,
        KeeperClock.Slow => budgets.Slow,
        _ => throw new ArgumentException($"Unknown keeper clock '{clock}'.", nameof(clock)),
    };

    /// <summary>The keeper that owns identity events of <paramref name="kind"/> (SPEC 5.3: scars are slow, reflexes fast, epochs mid; a compensation belongs to the keeper of the event it cancels).</summary>
    public static KeeperClock Of(IdentityEventKind kind) => kind switch
    {
        IdentityEventKind.Scar => KeeperClock.Slow,
        IdentityEventKind.Reflex => KeeperClock.Fast,
        IdentityEventKind.Epoch => KeeperClock.Mid,
        _ => throw new ArgumentException($"Unknown identity event kind '{kind}'.", nameof(kind)),
    };
}
