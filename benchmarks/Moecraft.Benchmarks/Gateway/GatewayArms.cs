namespace Moecraft.Benchmarks.Gateway;

/// <summary>The arms of the <c>gateway</c> benchmark, in the order they are measured.</summary>
internal static class GatewayArms
{
    public const string Direct = "direct";
    public const string Portkey = "portkey";
    public const string MoecraftExpert = "moecraft-expert";
    public const string MoecraftAuto = "moecraft-auto";

    /// <summary>The <c>model</c> that asks a Moecraft silo to route (as opposed to naming an expert).</summary>
    public const string AutoModel = "moecraft/auto";

    public static readonly IReadOnlyList<string> All = [Direct, Portkey, MoecraftExpert, MoecraftAuto];
}
