namespace Moecraft.Torch.Training.ToyBench;

/// <summary>The command-line and report names of arms and faults, and their parsing.</summary>
public static class ToyBenchNames
{
    private static readonly (string Name, ToyBenchArm Arm)[] Arms =
    [
        ("dense", ToyBenchArm.Dense),
        ("none", ToyBenchArm.NoBalancing),
        ("switch", ToyBenchArm.Switch),
        ("lossfree", ToyBenchArm.LossFree),
        ("moecraft", ToyBenchArm.Moecraft),
    ];

    private static readonly (string Name, ToyBenchFault Fault)[] Faults =
    [
        ("clean", ToyBenchFault.Clean),
        ("collapse", ToyBenchFault.Collapse),
        ("noise", ToyBenchFault.Noise),
    ];

    public static IReadOnlyList<ToyBenchArm> AllArms { get; } = [.. Arms.Select(a => a.Arm)];

    public static IReadOnlyList<ToyBenchFault> AllFaults { get; } = [.. Faults.Select(f => f.Fault)];

    public static string Of(ToyBenchArm arm) => Arms.Single(a => a.Arm == arm).Name;

    public static string Of(ToyBenchFault fault) => Faults.Single(f => f.Fault == fault).Name;

    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static ToyBenchArm ParseArm(string name) =>
        Arms.FirstOrDefault(a => string.Equals(a.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) is { Name: not null } match
            ? match.Arm
            : throw new ArgumentException($"Unknown arm '{name}'; expected one of {string.Join(", ", Arms.Select(a => a.Name))}.", nameof(name));

    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static ToyBenchFault ParseFault(string name) =>
        Faults.FirstOrDefault(f => string.Equals(f.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) is { Name: not null } match
            ? match.Fault
            : throw new ArgumentException($"Unknown fault '{name}'; expected one of {string.Join(", ", Faults.Select(f => f.Name))}.", nameof(name));
}
