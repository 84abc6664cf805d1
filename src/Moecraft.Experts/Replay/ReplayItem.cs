namespace Moecraft.Experts.Replay;

/// <summary>One line of a replay dataset: a prompt and the recorded outcome of each expert that answered it.</summary>
public sealed record ReplayItem(string Id, string Prompt, ReplaySplit Split, IReadOnlyDictionary<string, ReplayOutcome> Outcomes);
