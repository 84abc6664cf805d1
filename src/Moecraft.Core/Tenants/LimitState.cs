namespace Moecraft.Tenants;

/// <summary>One limit: its size per minute, what is left now, and how long until it is full again.</summary>
public readonly record struct LimitState(long Limit, long Remaining, TimeSpan Reset);
