namespace Moecraft.Federation;

/// <summary>
/// Node names as federation carries them (a node's name is its silo's name): 1 to 128 characters, not blank, no '/'
/// (feed keys are <c>{node}/{origin}</c>), well-formed text (<see cref="Identifiers"/>: no lone surrogates, no control characters).
/// </summary>
public static class PeerNames
{
    public const int MaxLength = 128;

    /// <summary>Null when <paramref name="name"/> is a valid node name, otherwise why not.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "the node name is empty";
        if (name.Length > MaxLength) return $"the node name is longer than {MaxLength} characters";
        if (name.Contains('/')) return "the node name holds '/'";
        return Identifiers.Malformation(name) is { } malformed ? $"the node name {malformed}" : null;
    }

    /// <exception cref="ArgumentException">Not a valid node name.</exception>
    public static string Validate(string? name, string parameter) =>
        Problem(name) is { } problem ? throw new ArgumentException($"Invalid node name '{name}': {problem}.", parameter) : name!;
}
