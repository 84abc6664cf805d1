using Microsoft.Extensions.DependencyInjection;
using Moecraft.Audit;

namespace Moecraft.Tests.Audit;

/// <summary>
/// The silo's real <see cref="IAuditStore"/> with appends that fail on demand: how a test stops a grain between its state
/// write and its audit append (the audit-log grain fails the call as if its silo had died), then kills the grain's silo.
/// </summary>
internal sealed class FaultyAuditStore(IAuditStore inner, FaultyAuditStore.Switch faults) : IAuditStore
{
    public enum Mode
    {
        None,

        /// <summary>Appends fail and write nothing.</summary>
        FailBeforeAppend,

        /// <summary>Appends are written, then fail: the caller cannot tell them from the ones that were not.</summary>
        FailAfterAppend,
    }

    /// <summary>Shared by every silo of an in-process cluster.</summary>
    public sealed class Switch
    {
        private volatile int _mode;

        public Mode Mode
        {
            get => (Mode)_mode;
            set => _mode = (int)value;
        }
    }

    /// <summary>Wraps the store <see cref="Hosting.SiloBuilderExtensions.AddMoecraft"/> registered; call after it.</summary>
    public static void Install(ISiloBuilder silo, Switch faults)
    {
        var registered = silo.Services.Last(d => d.ServiceType == typeof(IAuditStore));
        var real = (IAuditStore)(registered.ImplementationInstance
            ?? throw new InvalidOperationException("The audit store is expected to be registered as an instance."));
        silo.Services.Remove(registered);
        silo.Services.AddSingleton<IAuditStore>(new FaultyAuditStore(real, faults));
    }

    public async Task<bool> TryAppendAsync(string logId, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var mode = faults.Mode;
        if (mode == Mode.FailBeforeAppend) throw new IOException("injected: the audit store failed before the append");
        var appended = await inner.TryAppendAsync(logId, entry, cancellationToken);
        if (mode == Mode.FailAfterAppend) throw new IOException($"injected: the audit store failed after the append (appended: {appended})");
        return appended;
    }

    public Task<AuditEntry?> ReadLastAsync(string logId, CancellationToken cancellationToken = default) => inner.ReadLastAsync(logId, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(string logId, long fromSequence, int count, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(logId, fromSequence, count, cancellationToken);

    public Task<bool> TryAddCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        inner.TryAddCheckpointAsync(checkpoint, cancellationToken);

    public Task<AuditCheckpoint?> ReadLastCheckpointAsync(string logId, CancellationToken cancellationToken = default) =>
        inner.ReadLastCheckpointAsync(logId, cancellationToken);

    public Task<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(string logId, CancellationToken cancellationToken = default) =>
        inner.ReadCheckpointsAsync(logId, cancellationToken);
}
