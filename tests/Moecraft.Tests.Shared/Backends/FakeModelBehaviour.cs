namespace Moecraft.Tests.Backends;

/// <summary>What <see cref="FakeModelServer"/> does with one chat request.</summary>
/// <param name="Code">For <see cref="Kinds.Fail"/>: the OpenAI error code in the body (<c>error.code</c>), or null.</param>
/// <param name="RetryAfter">For <see cref="Kinds.Fail"/>: the <c>Retry-After</c> header sent (whole seconds), or none.</param>
public sealed record FakeModelBehaviour(
    FakeModelBehaviour.Kinds Kind, string Text = "", int Status = 200, TimeSpan Delay = default, string? ToolName = null, string? Code = null, TimeSpan? RetryAfter = null)
{
    public enum Kinds
    {
        /// <summary>Answers <see cref="Text"/>, streamed or not as the request asks.</summary>
        Answer,
        /// <summary>Fails with HTTP <see cref="Status"/> and the protocol's error body (with <see cref="Code"/> and <see cref="RetryAfter"/> when set).</summary>
        Fail,
        /// <summary>Waits <see cref="Delay"/> (or until the client gives up) before answering.</summary>
        SlowFirstToken,
        /// <summary>Streams the first half of <see cref="Text"/>, then drops the connection.</summary>
        DisconnectMidStream,
        /// <summary>Streams the first half of <see cref="Text"/>, then ends the response cleanly without finishing the answer.</summary>
        EndMidStream,
        /// <summary>Answers 200 with a body that is not the protocol's JSON.</summary>
        Malformed,
        /// <summary>Calls the tool <see cref="ToolName"/> with <see cref="Text"/> as its JSON arguments instead of answering (OpenAI protocol, not streamed).</summary>
        CallTool,
        /// <summary>Drops the connection before sending any status or header.</summary>
        ResetBeforeHeaders,
        /// <summary>Accepts the request and never answers, until the client hangs up.</summary>
        NoResponse,
        /// <summary>Sends the status, headers and the role chunk at once, then waits <see cref="Delay"/> before the first content.</summary>
        SlowFirstChunk,
        /// <summary>Streams the first half of <see cref="Text"/>, then sends nothing more and keeps the connection open until the client hangs up.</summary>
        StallMidStream,
        /// <summary>Streams a chunk that is not JSON before any content (OpenAI protocol; not streamed: like <see cref="Malformed"/>).</summary>
        MalformedChunk,
        /// <summary>Streams all of <see cref="Text"/>, then ends the response with no finish reason, no usage and no <c>[DONE]</c>.</summary>
        EndWithoutDone,
    }

    public static FakeModelBehaviour Answer(string text) => new(Kinds.Answer, text);

    public static FakeModelBehaviour Fail(int status) => new(Kinds.Fail, Status: status);

    public static FakeModelBehaviour SlowFirstToken(TimeSpan delay, string text = "late answer") => new(Kinds.SlowFirstToken, text, Delay: delay);

    public static FakeModelBehaviour DisconnectMidStream(string text) => new(Kinds.DisconnectMidStream, text);

    public static FakeModelBehaviour EndMidStream(string text) => new(Kinds.EndMidStream, text);

    public static FakeModelBehaviour Malformed() => new(Kinds.Malformed);

    public static FakeModelBehaviour CallTool(string name, string arguments) => new(Kinds.CallTool, arguments, ToolName: name);

    /// <summary>HTTP 429 with OpenAI's <c>rate_limit_exceeded</c>, and a <c>Retry-After</c> header when <paramref name="retryAfter"/> is given.</summary>
    public static FakeModelBehaviour RateLimited(TimeSpan? retryAfter = null) => new(Kinds.Fail, Status: 429, Code: "rate_limit_exceeded", RetryAfter: retryAfter);

    /// <summary>HTTP 400 as OpenAI answers a conversation longer than the model's context.</summary>
    public static FakeModelBehaviour ContextLengthExceeded() => new(Kinds.Fail, Status: 400, Code: "context_length_exceeded");

    /// <summary>HTTP 400 as a provider answers a prompt its content filter refused.</summary>
    public static FakeModelBehaviour ContentFiltered() => new(Kinds.Fail, Status: 400, Code: "content_filter");

    public static FakeModelBehaviour ResetBeforeHeaders() => new(Kinds.ResetBeforeHeaders);

    public static FakeModelBehaviour NoResponse() => new(Kinds.NoResponse);

    public static FakeModelBehaviour SlowFirstChunk(TimeSpan delay, string text) => new(Kinds.SlowFirstChunk, text, Delay: delay);

    public static FakeModelBehaviour StallMidStream(string text) => new(Kinds.StallMidStream, text);

    public static FakeModelBehaviour MalformedChunk(string text) => new(Kinds.MalformedChunk, text);

    public static FakeModelBehaviour EndWithoutDone(string text) => new(Kinds.EndWithoutDone, text);
}
