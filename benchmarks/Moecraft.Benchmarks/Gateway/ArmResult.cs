namespace Moecraft.Benchmarks.Gateway;

/// <summary>One row of the table: an arm in one mode, measured at concurrency 1 and at the high concurrency, or why not.</summary>
internal sealed record ArmResult(string Arm, bool Stream, ArmStatus Status, string Detail, LatencyFigures? Single, LatencyFigures? Loaded)
{
    public string Mode => Stream ? "stream" : "plain";

    public int Errors => (Single?.Errors ?? 0) + (Loaded?.Errors ?? 0);

    public string StatusText => Status switch
    {
        ArmStatus.Ok => Errors == 0 ? "ok" : "errors",
        ArmStatus.NotAvailable => $"not available ({(Detail.StartsWith("404", StringComparison.Ordinal) ? "404" : Detail)})",
        _ => "failed",
    };
}
