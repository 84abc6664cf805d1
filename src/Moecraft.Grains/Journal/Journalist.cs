using Microsoft.Extensions.Logging;

namespace Moecraft.Journal;

/// <summary>
/// Writes this node's journal (SPEC 7): each entry goes to the journal grain of the node and the UTC day it happened.
/// <see cref="Record"/> does not wait, so a hook on a busy path costs one message send; a lost entry is logged, never
/// thrown at the caller.
/// </summary>
public sealed partial class Journalist(IGrainFactory grains, string node, TimeProvider time, ILogger<Journalist> logger)
{
    public string Node { get; } = ValidNode(node);

    /// <summary>Records without waiting.</summary>
    public void Record(string kind, string text) =>
        _ = Append(kind, text).ContinueWith(
            static (task, state) => ((Journalist)state!).Lost(task.Exception!),
            this, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Records and waits until the entry is persisted; a failure is logged and swallowed.</summary>
    public async Task RecordAsync(string kind, string text)
    {
        try
        {
            await Append(kind, text);
        }
        catch (Exception ex)
        {
            Lost(ex);
        }
    }

    private Task Append(string kind, string text)
    {
        var now = time.GetUtcNow();
        return grains.GetGrain<IJournalGrain>(JournalKeys.For(Node, now)).Append(new JournalEntry(now, kind, text));
    }

    private void Lost(Exception error) => LogLost(logger, error, Node);

    private static string ValidNode(string node)
    {
        JournalKeys.ValidateNode(node);
        return node;
    }

    [LoggerMessage(3601, LogLevel.Warning, "A journal entry of node {Node} was lost", EventName = "JournalEntryLost")]
    private static partial void LogLost(ILogger logger, Exception error, string node);
}
