namespace Moecraft.Hosting.Schema;

/// <summary>
/// One writer at a time for a SQLite database inside this silo. SQLite has one writer, and Microsoft.Data.Sqlite answers
/// a busy database by sleeping 150 ms before it retries, so grain storage and the ledger writing at the same moment would
/// stall each other; through this gate each write waits only for the one before it. On PostgreSQL the gate is open.
/// </summary>
public sealed class DatabaseWriteGate(StorageProvider provider)
{
    private readonly SemaphoreSlim? _writer = provider == StorageProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Runs <paramref name="write"/> alone among this silo's writers to the database.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken = default)
    {
        if (_writer is null) return await write().ConfigureAwait(false);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task RunAsync(Func<Task> write, CancellationToken cancellationToken = default) =>
        RunAsync(async () => { await write().ConfigureAwait(false); return true; }, cancellationToken);
}
