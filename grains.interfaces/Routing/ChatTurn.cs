using System.Collections.Immutable;

namespace Moecraft.Routing;

/// <summary>One message of a conversation, as OpenAI's chat API carries it (text content only).</summary>
/// <param name="Role">Who speaks.</param>
/// <param name="Content">The text; may be empty for an assistant turn that only calls tools.</param>
/// <param name="Name">An optional participant name.</param>
/// <param name="ToolCallId">Tool turns only: the id of the call this turn answers.</param>
/// <param name="ToolCalls">Assistant turns only: the tool calls the assistant made.</param>
[GenerateSerializer, Immutable, Alias("moecraft.ChatTurn")]
public sealed record ChatTurn(
    [property: Id(0)] ChatTurnRole Role,
    [property: Id(1)] string Content,
    [property: Id(2)] string? Name = null,
    [property: Id(3)] string? ToolCallId = null,
    [property: Id(4)] EquatableArray<ToolCall> ToolCalls = default)
{
    public static ChatTurn User(string content) => new(ChatTurnRole.User, content);

    public static ChatTurn System(string content) => new(ChatTurnRole.System, content);

    public static ChatTurn Assistant(string content) => new(ChatTurnRole.Assistant, content);

    /// <summary>The tool calls, never default.</summary>
    public ImmutableArray<ToolCall> Calls => ToolCalls.Items;
}
