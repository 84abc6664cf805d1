using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moecraft.Experts;
using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Ledger;
using Moecraft.Hosting.Schema;
using Moecraft.Ledger;
using Moecraft.Routing;
using Orleans.Serialization;

namespace Moecraft.Benchmarks;

/// <summary>
/// What durable acknowledgement costs (issue 12): committing requests' settlements (ledger line + stored answer) through
/// the silo's group-committing ledger on the embedded SQLite file. One operation is <see cref="Callers"/> requests
/// committing at once, so the per-request cost is the mean divided by the callers: a lone request pays a whole commit,
/// concurrent ones share them.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class that derives from it.</remarks>
[MemoryDiagnoser]
public class LedgerCommitBenchmarks
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "moecraft-ledger-bench-" + Guid.NewGuid().ToString("N"));
    private BatchingLedger _ledger = null!;
    private long _next;

    [Params(1, 64)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_directory);
        var connectionString = new MoecraftStorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = _directory }.ResolveConnectionString();
        DatabaseSchema.EnsureCreatedAsync(StorageProvider.Sqlite, connectionString).GetAwaiter().GetResult();
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(AskResult).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();
        var store = new SqlLedgerStore(StorageProvider.Sqlite, connectionString, serializer, new DatabaseWriteGate(StorageProvider.Sqlite));
        _ledger = new BatchingLedger(store, new MoecraftLedgerOptions(), NullLogger<BatchingLedger>.Instance);
        _ledger.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ledger.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public Task CommitRequests()
    {
        var commits = new Task[Callers];
        for (var i = 0; i < Callers; i++) commits[i] = _ledger.CommitAsync(Settlement(Interlocked.Increment(ref _next)));
        return Task.WhenAll(commits);
    }

    private static Settlement Settlement(long n)
    {
        var id = $"req-{n}";
        var now = DateTimeOffset.UtcNow;
        var answer = new ExpertAnswer("local-small", "A short answer of a few words, as a zero-latency upstream gives.", 12, 8, 0.00002m, 1, Simulated: false);
        var result = new AskResult(new RouteDecision("default", 0, [new ExpertSelection(0, "local-small", 1.0, 0.0)], [0]), answer);
        var line = new LedgerEntry("bench", id, now, "default", 0, ["local-small"], [1.0], 1.0, "fixed", 12, 8, 0.00002m, 0.0002m, 1, false, LedgerOutcome.Answered);
        return new Settlement(line, new StoredAnswer("bench", id, "default", "Say hello to request " + n, ["local-small"], now, result));
    }
}
