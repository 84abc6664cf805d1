using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Moecraft.Routing;

namespace Moecraft.Client;

/// <summary>
/// Microsoft.Extensions.AI's messages and options as Moecraft's conversation contracts, and an answer back as a
/// response message: what lets <see cref="MoecraftChatClient"/> carry a whole conversation with tools to the experts.
/// </summary>
public static class ChatMessageMapping
{
    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>The messages as turns: text, an assistant's function calls, and function results as tool turns.</summary>
    /// <exception cref="ArgumentException">A role Moecraft does not know.</exception>
    public static ImmutableArray<ChatTurn> TurnsOf(IEnumerable<ChatMessage> messages)
    {
        var turns = ImmutableArray.CreateBuilder<ChatTurn>();
        foreach (var message in messages)
        {
            var results = message.Contents.OfType<FunctionResultContent>().ToList();
            if (results.Count > 0)
            {
                turns.AddRange(results.Select(r => new ChatTurn(ChatTurnRole.Tool, ResultText(r.Result), ToolCallId: r.CallId)));
                continue;
            }
            var calls = message.Contents.OfType<FunctionCallContent>()
                .Select(c => new ToolCall(c.CallId, c.Name, JsonSerializer.Serialize(c.Arguments ?? new Dictionary<string, object?>(), CompactJson)))
                .ToImmutableArray();
            turns.Add(new ChatTurn(RoleOf(message.Role), message.Text, message.AuthorName, ToolCalls: calls.IsEmpty ? default : calls));
        }
        return turns.ToImmutable();
    }

    /// <summary>The chat options Moecraft passes to its experts; null options are the defaults.</summary>
    public static RequestOptions OptionsOf(ChatOptions? options)
    {
        if (options is null) return RequestOptions.Default;
        var tools = options.Tools?.OfType<AIFunctionDeclaration>()
            .Select(f => new ToolSpec(f.Name, string.IsNullOrEmpty(f.Description) ? null : f.Description, f.JsonSchema.GetRawText()))
            .ToImmutableArray() ?? [];
        return new RequestOptions(
            options.Temperature,
            options.MaxOutputTokens,
            options.TopP,
            options.StopSequences is { Count: > 0 } stop ? [.. stop] : default,
            options.Seed,
            null,
            FormatOf(options.ResponseFormat),
            tools.IsEmpty ? default : tools,
            ModeOf(options.ToolMode));
    }

    /// <summary>The answer as an assistant message: its text and any tool calls it made.</summary>
    public static ChatMessage MessageOf(AskResult result)
    {
        List<AIContent> contents = [];
        if (result.Answer.Text.Length > 0) contents.Add(new TextContent(result.Answer.Text));
        foreach (var call in result.Answer.Calls)
            contents.Add(new FunctionCallContent(call.Id, call.Name, JsonSerializer.Deserialize<Dictionary<string, object?>>(call.Arguments, CompactJson)));
        return new ChatMessage(ChatRole.Assistant, contents);
    }

    /// <summary>The answer's finish reason in Microsoft.Extensions.AI's terms.</summary>
    public static ChatFinishReason FinishReasonOf(AskResult result) => new(result.Answer.FinishReason ?? "stop");

    private static ChatTurnRole RoleOf(ChatRole role) =>
        role == ChatRole.System ? ChatTurnRole.System
        : role == ChatRole.User ? ChatTurnRole.User
        : role == ChatRole.Assistant ? ChatTurnRole.Assistant
        : role == ChatRole.Tool ? ChatTurnRole.Tool
        : throw new ArgumentException($"Moecraft does not know the role '{role}'.", nameof(role));

    private static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        _ => JsonSerializer.Serialize(result, CompactJson),
    };

    private static ResponseFormatSpec? FormatOf(ChatResponseFormat? format) => format switch
    {
        null or ChatResponseFormatText => null,
        ChatResponseFormatJson { Schema: { } schema } json => new ResponseFormatSpec(ResponseFormatSpec.JsonSchema, json.SchemaName ?? "response", schema.GetRawText()),
        ChatResponseFormatJson => new ResponseFormatSpec(ResponseFormatSpec.JsonObject),
        _ => throw new ArgumentException($"Response format '{format.GetType().Name}' is not supported.", nameof(format)),
    };

    private static ToolChoice? ModeOf(ChatToolMode? mode) => mode switch
    {
        null => null,
        NoneChatToolMode => new ToolChoice(ToolChoice.None),
        AutoChatToolMode => new ToolChoice(ToolChoice.Auto),
        RequiredChatToolMode { RequiredFunctionName: { } name } => new ToolChoice(ToolChoice.Function, name),
        RequiredChatToolMode => new ToolChoice(ToolChoice.Required),
        _ => throw new ArgumentException($"Tool mode '{mode}' is not supported.", nameof(mode)),
    };
}
