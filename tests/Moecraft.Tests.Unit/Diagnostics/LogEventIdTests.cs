namespace Moecraft.Tests.Diagnostics;

/// <summary>
/// Every <c>[LoggerMessage]</c> of every Moecraft assembly has its own event id and its own event name, so a log
/// query by id or name finds one event. Ids are <c>block × 100 + n</c>: each logging class owns one block of 100, and
/// each assembly a range of blocks (docs/ARCHITECTURE.md, "Logging").
/// </summary>
public sealed class LogEventIdTests
{
    /// <summary>The blocks (id ÷ 100) each assembly's classes take theirs from; a new assembly that logs takes the next ten.</summary>
    private static readonly Dictionary<string, BlockRange> BlockRanges = new(StringComparer.Ordinal)
    {
        ["Moecraft.Silo"] = new(1, 9),
        ["Moecraft.Api"] = new(10, 19),
        ["Moecraft.Hosting"] = new(20, 29),
        ["Moecraft.Grains"] = new(30, 59),
    };

    [Fact]
    public void The_catalog_reads_the_log_events_of_every_assembly_that_logs()
    {
        var assemblies = LogEventCatalog.All.Select(e => e.Assembly).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(BlockRanges.Keys.Order(StringComparer.Ordinal), assemblies);
        Assert.Contains(LogEventCatalog.All, e => e is { Type: "Program", Method: "LogStarted", Assembly: "Moecraft.Silo" });
    }

    [Fact]
    public void Every_log_event_has_an_explicit_id_and_a_name()
    {
        var unnamed = LogEventCatalog.All.Where(e => e.Id is null or <= 0 || string.IsNullOrWhiteSpace(e.Name)).Select(e => e.Where).ToList();

        Assert.True(unnamed.Count == 0, $"Give these [LoggerMessage]s an EventId and an EventName: {string.Join(", ", unnamed)}");
    }

    [Fact]
    public void No_two_log_events_share_an_id()
    {
        var clashes = Clashes(LogEventCatalog.All.Where(e => e.Id is not null), e => e.Id!.Value.ToString());

        Assert.True(clashes.Count == 0, $"Log event ids used more than once:\n{string.Join("\n", clashes)}");
    }

    [Fact]
    public void No_two_log_events_share_a_name()
    {
        var clashes = Clashes(LogEventCatalog.All.Where(e => e.Name is not null), e => e.Name!);

        Assert.True(clashes.Count == 0, $"Log event names used more than once:\n{string.Join("\n", clashes)}");
    }

    [Fact]
    public void Each_class_takes_its_ids_from_one_block_of_its_assemblys_range_that_no_other_class_uses()
    {
        var problems = BlockProblems(LogEventCatalog.All.Where(e => e.Id is not null));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_clash_names_the_methods_that_share_the_id()
    {
        LogEvent[] events =
        [
            new("Moecraft.Grains", "TenantGrain", "LogConfigured", 4401, "TenantConfigured"),
            new("Moecraft.Grains", "KeeperGrain", "LogProposed", 4401, "KeeperProposed"),
            new("Moecraft.Grains", "KeeperGrain", "LogDecided", 3702, "KeeperDecided"),
        ];

        var clash = Assert.Single(Clashes(events, e => e.Id!.Value.ToString()));

        Assert.Equal("4401: TenantGrain.LogConfigured (Moecraft.Grains), KeeperGrain.LogProposed (Moecraft.Grains)", clash);
        Assert.Contains(BlockProblems(events), p => p.Contains("KeeperGrain", StringComparison.Ordinal));
    }

    private static List<string> Clashes(IEnumerable<LogEvent> events, Func<LogEvent, string> key) =>
        [.. events.GroupBy(key).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Where))}")];

    private static List<string> BlockProblems(IEnumerable<LogEvent> events)
    {
        var problems = new List<string>();
        var classes = events.GroupBy(e => (e.Assembly, e.Type)).ToList();
        foreach (var type in classes)
        {
            var blocks = type.Select(e => e.Id!.Value / 100).Distinct().ToList();
            if (blocks.Count > 1)
                problems.Add($"{type.Key.Type} ({type.Key.Assembly}) spreads its ids over blocks {string.Join(", ", blocks)}: keep them in one block of 100.");
            if (!BlockRanges.TryGetValue(type.Key.Assembly, out var range))
                problems.Add($"{type.Key.Assembly} logs but has no block range: give it the next free ten blocks here and in docs/ARCHITECTURE.md.");
            else if (blocks.Any(b => b < range.First || b > range.Last))
                problems.Add($"{type.Key.Type} ({type.Key.Assembly}) uses blocks {string.Join(", ", blocks)}, outside its assembly's {range.First}-{range.Last}.");
        }
        foreach (var shared in classes.GroupBy(c => c.First().Id!.Value / 100).Where(g => g.Count() > 1))
            problems.Add($"Block {shared.Key} is used by {string.Join(" and ", shared.Select(c => c.Key.Type))}: give each class its own block.");
        return problems;
    }

    private sealed record BlockRange(int First, int Last);
}
