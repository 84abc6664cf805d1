namespace Moecraft.Governance;

/// <summary>The kill switch: while <paramref name="Halted"/>, routers refuse new work. Reason, actor and since describe the halt.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.HaltState")]
public sealed record HaltState(bool Halted, string? Reason, string? Actor, DateTimeOffset? Since)
{
    public static HaltState Running { get; } = new(false, null, null, null);
}
