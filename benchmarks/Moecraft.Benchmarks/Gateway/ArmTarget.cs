namespace Moecraft.Benchmarks.Gateway;

/// <summary>Where an arm's requests go: the chat completions address, the <c>model</c> to send, any extra headers, and what the table's notes should say about it.</summary>
internal sealed record ArmTarget(string Arm, Uri Endpoint, string Model, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Note = null)
{
    public static ArmTarget Plain(string arm, string baseAddress, string model) =>
        new(arm, new Uri($"{baseAddress.TrimEnd('/')}/chat/completions"), model, []);
}
