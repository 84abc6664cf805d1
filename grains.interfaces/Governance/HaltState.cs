namespace Moecraft.Governance;

/// <summary>The kill switch: while <paramref name="Halted"/>, routers refuse new work. Reason, actor and since describe the halt.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.HaltState")]
public sealed record HaltState([Id(0)] bool Halted, [Id(1)] string? Reason, [Id(2)] string? Actor, [Id(3)] DateTimeOffset? Since)
{
    public static HaltState Running { get; } = new(false, null, null, null);
}
