namespace Moecraft.Audit;

/// <summary>What to append to an audit log (SPEC 5.4): the log adds seq, time and the hash chain.</summary>
/// <param name="Kind">What happened: letters, digits, '.', '_', '-' (e.g. <c>kernel.commit</c>, <c>governance.halt</c>).</param>
/// <param name="Actor">Who did it (e.g. <c>api-key:ark_7f3a9c21</c>, <c>operator:alice</c>).</param>
/// <param name="Payload">Details: a JSON object in canonical form (sorted keys, no whitespace, integers only).</param>
[GenerateSerializer, Immutable, Alias("moecraft.AuditRecord")]
public sealed record AuditRecord([Id(0)] string Kind, [Id(1)] string Actor, [Id(2)] string Payload);
