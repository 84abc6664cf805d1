using System.Text.Json.Nodes;

namespace Moecraft.Tests.Api.Faults;

/// <summary>One finished <c>/v1/chat/completions</c> call as the caller saw it.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="MediaType">The response's media type (<c>text/event-stream</c> once a stream started).</param>
/// <param name="Body">The whole body.</param>
/// <param name="ExpertHeader">The <c>x-moecraft-expert</c> header of a plain answer.</param>
/// <param name="Elapsed">From sending the request to the end of the body.</param>
public sealed record ApiCall(int Status, string? MediaType, string Body, string? ExpertHeader, TimeSpan Elapsed)
{
    public bool IsStream => MediaType == "text/event-stream";

    /// <summary>The SSE <c>data:</c> payloads in order (empty for a plain body).</summary>
    public IReadOnlyList<string> Events =>
        IsStream ? [.. Body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].Trim())] : [];

    /// <summary>True when the stream ended with OpenAI's <c>[DONE]</c>.</summary>
    public bool Done => Events.Count > 0 && Events[^1] == "[DONE]";

    /// <summary>The JSON chunks of a stream (everything but <c>[DONE]</c>).</summary>
    public IReadOnlyList<JsonObject> Chunks => [.. Events.Where(e => e != "[DONE]").Select(e => JsonNode.Parse(e)!.AsObject())];

    /// <summary>The error object: of a plain failure's body, or of the stream's error event; null when there is none.</summary>
    public JsonObject? Error => IsStream
        ? Chunks.Select(c => c["error"] as JsonObject).LastOrDefault(e => e is not null)
        : Status >= 400 ? JsonNode.Parse(Body)?["error"] as JsonObject : null;

    /// <summary>The answer text: the plain message's content, or the stream's content deltas joined.</summary>
    public string Text => IsStream
        ? string.Concat(Chunks.Select(c => (string?)c["choices"]?[0]?["delta"]?["content"] ?? ""))
        : Status == 200 ? (string?)JsonNode.Parse(Body)?["choices"]?[0]?["message"]?["content"] ?? "" : "";

    /// <summary>The expert that answered: the header of a plain answer, the final chunk's model of a stream.</summary>
    public string? AnsweredBy => IsStream
        ? Chunks.LastOrDefault(c => c["choices"]?[0]?["finish_reason"] is not null)?["model"]?.GetValue<string>()
        : ExpertHeader;

    public override string ToString() => $"HTTP {Status} {MediaType} after {Elapsed.TotalMilliseconds:0} ms: {Body}";
}
