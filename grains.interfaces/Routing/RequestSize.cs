using System.Text;

namespace Moecraft.Routing;

/// <summary>
/// How large a request is on the wire: the UTF-8 bytes of every text it carries (ids, prompt, turns, tool calls, tools,
/// schemas, stop sequences), which is what its Orleans message is made of. The client SDK refuses a request over its limit
/// before sending (Orleans cuts a connection whose message exceeds its own 100 MB limit, failing every call on it), and the
/// silo's admission refuses one over <see cref="DefaultMaxBytes"/> from callers that bypass the SDK.
/// </summary>
public static class RequestSize
{
    /// <summary>1 MiB: the default request limit of the SDK, the HTTP API and the silo.</summary>
    public const int DefaultMaxBytes = 1024 * 1024;

    /// <summary>The largest limit the SDK accepts: well below Orleans' 100 MB message limit.</summary>
    public const int LargestMaxBytes = 64 * 1024 * 1024;

    public static long Of(AskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bytes = Utf8(request.RequestId) + Utf8(request.Prompt) + Utf8(request.TenantId);
        if (!request.Messages.IsDefault)
            foreach (var turn in request.Messages)
            {
                if (turn is null) continue;
                bytes += Utf8(turn.Content) + Utf8(turn.Name) + Utf8(turn.ToolCallId);
                foreach (var call in turn.Calls) bytes += call is null ? 0 : Utf8(call.Id) + Utf8(call.Name) + Utf8(call.Arguments);
            }
        if (request.Options is { } options)
        {
            bytes += Of(options.StopSequences) + Utf8(options.User) + Utf8(options.ToolChoice?.FunctionName);
            if (options.ResponseFormat is { } format) bytes += Utf8(format.Type) + Utf8(format.SchemaName) + Utf8(format.Schema);
            foreach (var tool in options.ToolList) bytes += tool is null ? 0 : Utf8(tool.Name) + Utf8(tool.Description) + Utf8(tool.Parameters);
        }
        if (request.Policy is { } policy) bytes += Utf8(policy.FixedExpert) + Of(policy.FallbackList);
        return bytes;
    }

    /// <summary>The UTF-8 bytes of a list of texts (embedding inputs).</summary>
    public static long Of(IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Sum(Utf8);
    }

    /// <exception cref="RequestTooLargeException">The request is over <paramref name="limit"/> bytes.</exception>
    public static void Require(AskRequest request, long limit) => Require(Of(request), limit);

    /// <exception cref="RequestTooLargeException">The texts are over <paramref name="limit"/> bytes.</exception>
    public static void Require(IEnumerable<string?> texts, long limit) => Require(Of(texts), limit);

    private static void Require(long size, long limit)
    {
        if (size > limit) throw new RequestTooLargeException(size, limit);
    }

    private static long Utf8(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);
}
