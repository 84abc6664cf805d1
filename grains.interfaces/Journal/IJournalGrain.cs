namespace Moecraft.Journal;

/// <summary>
/// The journalist (SPEC 7): a node's readable journal of notable events for one UTC day (key: <c>{node}/{yyyy-MM-dd}</c>,
/// see <see cref="JournalKeys"/>). Entries are persisted before <see cref="Append"/> returns.
/// </summary>
[Alias("moecraft.IJournalGrain")]
public interface IJournalGrain : IGrainWithStringKey
{
    /// <exception cref="ArgumentException">Invalid kind, empty text, or a time outside the journal's day.</exception>
    [Alias("Append")]
    Task Append(JournalEntry entry);

    [Alias("Read")]
    Task<JournalDay> Read();
}
