using System.Collections.Immutable;
using System.Text;

namespace Moecraft.Routing;

/// <summary>The two ways a request names what to answer (a prompt, or a conversation) reduced to one conversation and one text.</summary>
public static class Conversations
{
    public static ImmutableArray<ChatTurn> Of(string? prompt, ImmutableArray<ChatTurn> messages) =>
        !messages.IsDefaultOrEmpty ? messages : [ChatTurn.User(prompt ?? string.Empty)];

    /// <summary>
    /// The text routing works on. A conversation of one user turn is its content, so a prompt and the same prompt sent
    /// as one message route, cache and price alike; longer conversations are rendered turn by turn with their roles.
    /// </summary>
    public static string RoutingText(string? prompt, ImmutableArray<ChatTurn> messages)
    {
        var turns = Of(prompt, messages);
        if (turns is [{ Role: ChatTurnRole.User, Name: null } only]) return only.Content;
        var text = new StringBuilder();
        foreach (var turn in turns)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append(turn.Role.ToString().ToLowerInvariant());
            if (turn.Name is { } name) text.Append('(').Append(name).Append(')');
            if (turn.ToolCallId is { } call) text.Append('[').Append(call).Append(']');
            text.Append(": ").Append(turn.Content);
            foreach (var tool in turn.Calls) text.Append(" <call ").Append(tool.Name).Append(' ').Append(tool.Arguments).Append('>');
        }
        return text.ToString();
    }
}
