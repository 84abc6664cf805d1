namespace Moecraft.Experts.Replay;

/// <summary>
/// Another answer the same expert gave to the same prompt (a sample at a sampling temperature, or under another prompt
/// framing), beside its recorded <see cref="ReplayOutcome.Response"/>: what a cascade's consistency check compares. It is not
/// judged; it is paid for (the item's input tokens and its own output tokens).
/// </summary>
public sealed record ReplaySample(long OutputTokens, string Response);
