namespace Moecraft.Federation;

/// <summary>
/// The guard a node's federation grains run when they activate: placement (<see cref="NodePlacementAttribute"/>) pins them
/// to the silo of their node's name, whose key they sign with; this refuses any other way of activating them elsewhere.
/// </summary>
internal static class NodeSilo
{
    /// <exception cref="InvalidOperationException">This silo is not the one named <paramref name="node"/>.</exception>
    public static void Require(string node, ILocalSiloDetails silo, string what)
    {
        if (!string.Equals(node, silo.Name, StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"The {what} of node '{node}' runs only on the silo named '{node}', not on silo '{silo.Name}' ({silo.SiloAddress}).");
    }
}
