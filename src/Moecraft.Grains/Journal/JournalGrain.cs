using System.Collections.Immutable;

namespace Moecraft.Journal;

/// <summary>
/// A node's journal for one UTC day. Notable events are rare, so every append is written before it is acknowledged;
/// a day holds at most <see cref="MaxEntries"/> entries and counts the rest, so a storm of events cannot grow it unbounded.
/// </summary>
[GrainType("journal")]
public sealed class JournalGrain(
    [PersistentState("journal", MoecraftStorage.Name)] IPersistentState<JournalState> state) : Grain, IJournalGrain
{
    public const int MaxEntries = 10_000;
    public const int MaxTextLength = 2_000;

    public async Task Append(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (_, day) = JournalKeys.Parse(this.GetPrimaryKeyString());
        JournalKinds.Validate(entry.Kind);
        if (string.IsNullOrWhiteSpace(entry.Text) || entry.Text.Length > MaxTextLength)
            throw new ArgumentException($"A journal entry needs a text of 1 to {MaxTextLength} characters.", nameof(entry));
        if (DateOnly.FromDateTime(entry.At.UtcDateTime) != day)
            throw new ArgumentException($"An entry at {entry.At:u} does not belong to the journal of {day:yyyy-MM-dd}.", nameof(entry));

        if (state.State.Entries.Count >= MaxEntries) state.State.Dropped++;
        else state.State.Entries.Add(entry);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }

    public Task<JournalDay> Read()
    {
        var (node, day) = JournalKeys.Parse(this.GetPrimaryKeyString());
        return Task.FromResult(new JournalDay(node, day, [.. state.State.Entries.OrderBy(e => e.At)], state.State.Dropped));
    }
}
