using System.Collections.Immutable;
using Moecraft.Experts;
using Moecraft.Governance;

namespace Moecraft.Cli;

/// <summary>
/// Parses the words <c>moecraft policy set</c> takes: lifecycle autonomy and backend names. Each throws
/// <see cref="ArgumentException"/> for a word it does not know, so the options check them while parsing (<see cref="OptionRules.Checked{T}"/>).
/// </summary>
internal static class PolicyArguments
{
    public static LifecycleAutonomy Autonomy(string value) => value.Trim().ToLowerInvariant() switch
    {
        "dry-run" => LifecycleAutonomy.DryRun,
        "apply-prune" => LifecycleAutonomy.ApplyPrune,
        "apply-all" => LifecycleAutonomy.ApplyAll,
        _ => throw new ArgumentException($"Lifecycle autonomy is dry-run, apply-prune or apply-all, got '{value}'."),
    };

    public static ImmutableArray<BackendKind> Backends(string value) =>
    [
        .. List(value).Select(name => name.ToLowerInvariant() switch
        {
            "simulated" => BackendKind.Simulated,
            "ollama" => BackendKind.Ollama,
            "openai-compatible" or "openai" => BackendKind.OpenAiCompatible,
            "replay" => BackendKind.Replay,
            "federated" => BackendKind.Federated,
            _ => throw new ArgumentException($"Unknown backend '{name}'; use simulated, ollama, openai-compatible, replay or federated."),
        }),
    ];

    /// <summary>A comma-separated list; "none" or an empty string is the empty list.</summary>
    public static ImmutableArray<string> List(string value) =>
        value.Trim() is "" or "none" ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
