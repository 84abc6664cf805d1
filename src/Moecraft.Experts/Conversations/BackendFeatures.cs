using Moecraft.Routing;

namespace Moecraft.Experts.Conversations;

/// <summary>
/// What each kind of backend can honour beyond plain text. A request that needs more than its expert's backend can give
/// is refused before any call (a clear 400), never sent with the feature silently dropped.
/// </summary>
public static class BackendFeatures
{
    /// <summary>True when the backend passes function tools to its model and returns the model's tool calls.</summary>
    public static bool SupportsTools(BackendKind backend) => backend is BackendKind.OpenAiCompatible or BackendKind.Ollama;

    /// <summary>True when the backend passes <c>response_format</c> (JSON object or schema) to its model.</summary>
    public static bool SupportsResponseFormat(BackendKind backend) => backend is BackendKind.OpenAiCompatible or BackendKind.Ollama;

    /// <summary>Null when <paramref name="backend"/> can honour <paramref name="options"/>, else why not (for the caller).</summary>
    public static string? Unsupported(BackendKind backend, RequestOptions? options)
    {
        if (options is null) return null;
        if (options.NeedsTools && !SupportsTools(backend)) return $"the {backend} backend cannot call tools";
        if (options.NeedsResponseFormat && !SupportsResponseFormat(backend))
            return $"the {backend} backend cannot honour response_format '{options.ResponseFormat!.Type}'";
        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="definition"/>'s backend cannot honour <paramref name="options"/>.</summary>
    public static void Require(ExpertDefinition definition, RequestOptions? options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Unsupported(definition.Backend, options) is { } reason)
            throw new ArgumentException($"Expert '{definition.Id}' cannot take this request: {reason}. Nothing was called or charged.", nameof(options));
    }
}
