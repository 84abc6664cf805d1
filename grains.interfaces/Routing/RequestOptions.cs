using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Moecraft.Routing;

/// <summary>
/// The generation options of a request (OpenAI's common chat options). Part of a request's identity: the surrogate cache
/// answers only from an earlier answer given under identical options that change an answer (SPEC 4.3).
/// </summary>
/// <param name="Temperature">Sampling temperature in [0, 2]; null: the backend's default.</param>
/// <param name="MaxOutputTokens">Upper bound on the answer's tokens; null: the backend's default.</param>
/// <param name="TopP">Nucleus sampling mass in (0, 1]; null: the backend's default.</param>
/// <param name="Stop">Up to four sequences that end the answer.</param>
/// <param name="Seed">A seed for backends that sample deterministically.</param>
/// <param name="User">The end user's id, passed to the backend for abuse monitoring; does not change an answer.</param>
/// <param name="ResponseFormat">The shape the answer must take; null: text.</param>
/// <param name="Tools">Functions the model may call.</param>
/// <param name="ToolChoice">Whether and which tool the model must call; null: the backend's default.</param>
[GenerateSerializer, Immutable, Alias("moecraft.RequestOptions")]
public sealed record RequestOptions(
    [Id(0)] double? Temperature = null,
    [Id(1)] int? MaxOutputTokens = null,
    [Id(2)] double? TopP = null,
    [Id(3)] ImmutableArray<string> Stop = default,
    [Id(4)] long? Seed = null,
    [Id(5)] string? User = null,
    [Id(6)] ResponseFormatSpec? ResponseFormat = null,
    [Id(7)] ImmutableArray<ToolSpec> Tools = default,
    [Id(8)] ToolChoice? ToolChoice = null)
{
    public static RequestOptions Default { get; } = new();

    /// <summary>
    /// The output cap of a request that sets none. Every expert call carries a cap (this one, or the request's), so the
    /// budget reservation, made for the cap, covers the most a request can cost.
    /// </summary>
    public const int DefaultMaxOutputTokens = 1024;

    /// <summary>The output cap in force: <see cref="MaxOutputTokens"/>, or <see cref="DefaultMaxOutputTokens"/>.</summary>
    public int OutputCap => MaxOutputTokens ?? DefaultMaxOutputTokens;

    /// <summary>The stop sequences, never default.</summary>
    public ImmutableArray<string> StopSequences => Stop.IsDefault ? [] : Stop;

    /// <summary>The tools, never default.</summary>
    public ImmutableArray<ToolSpec> ToolList => Tools.IsDefault ? [] : Tools;

    /// <summary>True when the request needs a backend that can call tools.</summary>
    public bool NeedsTools => ToolList.Length > 0;

    /// <summary>True when the request needs a backend that can constrain its output's shape.</summary>
    public bool NeedsResponseFormat => ResponseFormat is { ConstrainsOutput: true };

    /// <summary>
    /// A stable text form, equal for options that give equal answers (the cache's options key). The user id is left out:
    /// it does not change an answer. Options added after the first two appear only when set, so older keys stay valid.
    /// </summary>
    public string Key
    {
        get
        {
            var key = new StringBuilder(FormattableString.Invariant($"t={Temperature?.ToString("R") ?? "-"};max={MaxOutputTokens?.ToString() ?? "-"}"));
            if (TopP is { } topP) key.Append(CultureInfo.InvariantCulture, $";p={topP:R}");
            if (StopSequences.Length > 0) key.Append(";stop=").Append(Digest(string.Join('\u001f', StopSequences)));
            if (Seed is { } seed) key.Append(CultureInfo.InvariantCulture, $";seed={seed}");
            if (ResponseFormat is { } format)
                key.Append(";fmt=").Append(Digest($"{format.Type}\u001f{format.SchemaName}\u001f{format.Schema}\u001f{format.Strict}"));
            if (ToolList.Length > 0)
                key.Append(";tools=").Append(Digest(string.Join('\u001e', ToolList.Select(t => $"{t.Name}\u001f{t.Description}\u001f{t.Parameters}\u001f{t.Strict}"))));
            if (ToolChoice is { } choice) key.Append(";choice=").Append(choice.Key);
            return key.ToString();
        }
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    // ImmutableArray compares by reference; options read back from storage must equal the ones written.
    public bool Equals(RequestOptions? other) => other is not null && Key == other.Key && User == other.User;

    public override int GetHashCode() => HashCode.Combine(Key, User);
}
