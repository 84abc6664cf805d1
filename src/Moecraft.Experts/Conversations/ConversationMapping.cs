using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Moecraft.Routing;

namespace Moecraft.Experts.Conversations;

/// <summary>
/// Translates between Moecraft's conversation contracts and Microsoft.Extensions.AI, the one interface every backend
/// implements: turns to <see cref="ChatMessage"/>s, options to <see cref="ChatOptions"/>, and a response back to a
/// finish reason and tool calls.
/// </summary>
public static class ConversationMapping
{
    /// <summary>The conversation as messages: text turns, an assistant's tool calls, and tool results.</summary>
    public static List<ChatMessage> MessagesOf(ImmutableArray<ChatTurn> conversation) => [.. conversation.Select(MessageOf)];

    /// <summary>The request's options for a backend of <paramref name="backend"/>; null when the request leaves everything to the backend.</summary>
    /// <exception cref="ArgumentException">An option is out of range or malformed (a tool schema that is not JSON).</exception>
    public static ChatOptions? OptionsOf(RequestOptions? options, BackendKind backend)
    {
        if (options is null || options.Equals(RequestOptions.Default)) return null;
        if (options.Temperature is { } temperature && !(temperature >= 0 && temperature <= 2))
            throw new ArgumentException($"Temperature must be within [0, 2] (got {temperature}).", nameof(options));
        if (options.MaxOutputTokens is < 1)
            throw new ArgumentException($"Max output tokens must be at least 1 (got {options.MaxOutputTokens}).", nameof(options));

        var chat = new ChatOptions
        {
            Temperature = (float?)options.Temperature,
            MaxOutputTokens = options.MaxOutputTokens,
            TopP = (float?)options.TopP,
            Seed = options.Seed,
            StopSequences = options.StopSequences.Length > 0 ? [.. options.StopSequences] : null,
            ResponseFormat = FormatOf(options.ResponseFormat),
            Tools = options.ToolList.Length > 0 ? [.. options.ToolList.Select(ToolOf)] : null,
            ToolMode = ModeOf(options.ToolChoice),
        };
        // The end user's id is OpenAI's own field: only the OpenAI-compatible backend knows where it goes.
        if (options.User is { } user && backend == BackendKind.OpenAiCompatible)
            chat.RawRepresentationFactory = _ => new OpenAI.Chat.ChatCompletionOptions { EndUserId = user };
        return chat;
    }

    /// <summary>The tool calls in a response's messages, in order.</summary>
    public static ImmutableArray<ToolCall> ToolCallsOf(IEnumerable<AIContent> contents) =>
        [.. contents.OfType<FunctionCallContent>().Select(call => new ToolCall(call.CallId, call.Name, ArgumentsText(call.Arguments)))];

    /// <summary>OpenAI's name of a finish reason; <c>tool_calls</c> when the model called tools, <c>stop</c> when nothing was reported.</summary>
    public static string FinishReasonOf(ChatFinishReason? reason, bool calledTools) =>
        calledTools && (reason is null || reason == ChatFinishReason.Stop || reason == ChatFinishReason.ToolCalls) ? "tool_calls" : reason?.Value ?? "stop";

    private static ChatMessage MessageOf(ChatTurn turn)
    {
        var role = turn.Role switch
        {
            ChatTurnRole.System => ChatRole.System,
            ChatTurnRole.User => ChatRole.User,
            ChatTurnRole.Assistant => ChatRole.Assistant,
            ChatTurnRole.Tool => ChatRole.Tool,
            _ => throw new ArgumentException($"Unknown role '{turn.Role}'.", nameof(turn)),
        };
        List<AIContent> contents = [];
        if (turn.Role == ChatTurnRole.Tool)
            contents.Add(new FunctionResultContent(turn.ToolCallId ?? throw new ArgumentException("A tool turn must name the call it answers.", nameof(turn)), turn.Content));
        else if (turn.Content.Length > 0)
            contents.Add(new TextContent(turn.Content));
        foreach (var call in turn.Calls) contents.Add(new FunctionCallContent(call.Id, call.Name, ArgumentsOf(call)));
        return new ChatMessage(role, contents) { AuthorName = turn.Name };
    }

    private static ChatResponseFormat? FormatOf(ResponseFormatSpec? format) => format?.Type switch
    {
        null or ResponseFormatSpec.Text => null,
        ResponseFormatSpec.JsonObject => ChatResponseFormat.Json,
        ResponseFormatSpec.JsonSchema => ChatResponseFormat.ForJsonSchema(
            ParseJson(format.Schema ?? throw new ArgumentException("response_format json_schema needs a schema.", nameof(format)), "response_format schema"),
            format.SchemaName),
        _ => throw new ArgumentException($"Unknown response_format type '{format.Type}'.", nameof(format)),
    };

    private static AITool ToolOf(ToolSpec tool) =>
        AIFunctionFactory.CreateDeclaration(
            tool.Name, tool.Description ?? string.Empty,
            tool.Parameters is { } schema ? ParseJson(schema, $"parameters of tool '{tool.Name}'") : EmptySchema);

    private static ChatToolMode? ModeOf(ToolChoice? choice) => choice?.Mode switch
    {
        null => null,
        ToolChoice.Auto => ChatToolMode.Auto,
        ToolChoice.None => ChatToolMode.None,
        ToolChoice.Required => ChatToolMode.RequireAny,
        ToolChoice.Function => ChatToolMode.RequireSpecific(choice.FunctionName ?? throw new ArgumentException("tool_choice names no function.", nameof(choice))),
        _ => throw new ArgumentException($"Unknown tool_choice '{choice.Mode}'.", nameof(choice)),
    };

    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private static JsonElement ParseJson(string text, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The {what} is not valid JSON: {e.Message}", nameof(text));
        }
    }

    private static Dictionary<string, object?> ArgumentsOf(ToolCall call)
    {
        if (string.IsNullOrWhiteSpace(call.Arguments)) return [];
        var parsed = ParseJson(call.Arguments, $"arguments of tool call '{call.Id}'");
        if (parsed.ValueKind != JsonValueKind.Object) throw new ArgumentException($"The arguments of tool call '{call.Id}' must be a JSON object.", nameof(call));
        return parsed.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
    }

    // Compact, as models write arguments on the wire (the library's defaults indent).
    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    private static string ArgumentsText(IDictionary<string, object?>? arguments) =>
        arguments is null ? "{}" : JsonSerializer.Serialize(arguments, CompactJson);
}
