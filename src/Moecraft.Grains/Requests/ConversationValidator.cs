using System.Collections.Immutable;
using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>Checks what a request asks the experts to answer: a prompt, or a well-formed conversation, never both.</summary>
public static class ConversationValidator
{
    public const int MaxTurns = 1_000;
    public const int MaxConversationCharacters = 400_000;

    public static void Validate(string? prompt, ImmutableArray<ChatTurn> messages)
    {
        if (messages.IsDefaultOrEmpty)
        {
            if (string.IsNullOrWhiteSpace(prompt)) throw new ArgumentException("The prompt must not be empty.", nameof(prompt));
            if (prompt.Length > AskRequestValidator.MaxPromptCharacters)
                throw new ArgumentException($"The prompt has {prompt.Length} characters; the limit is {AskRequestValidator.MaxPromptCharacters}.", nameof(prompt));
            return;
        }

        if (!string.IsNullOrEmpty(prompt)) throw new ArgumentException("A request carries a prompt or messages, not both.", nameof(prompt));
        if (messages.Length > MaxTurns) throw new ArgumentException($"A conversation has at most {MaxTurns} messages; this one has {messages.Length}.", nameof(messages));
        var characters = 0L;
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Length; i++)
        {
            var turn = messages[i] ?? throw new ArgumentException($"messages[{i}] is missing.", nameof(messages));
            if (!Enum.IsDefined(turn.Role)) throw new ArgumentException($"messages[{i}] has an unknown role '{turn.Role}'.", nameof(messages));
            if (turn.Content is null) throw new ArgumentException($"messages[{i}] has no content.", nameof(messages));
            if (turn.Name is { } name && (name.Length is 0 or > 64 || name.Any(char.IsControl)))
                throw new ArgumentException($"messages[{i}].name must be 1-64 characters without control characters.", nameof(messages));
            characters += turn.Content.Length;

            if (turn.Role == ChatTurnRole.Tool && string.IsNullOrWhiteSpace(turn.ToolCallId))
                throw new ArgumentException($"messages[{i}] is a tool message and must name the tool call it answers (tool_call_id).", nameof(messages));
            if (turn.Role != ChatTurnRole.Tool && turn.ToolCallId is not null)
                throw new ArgumentException($"messages[{i}]: only tool messages carry a tool_call_id.", nameof(messages));
            if (turn.Role != ChatTurnRole.Assistant && !turn.Calls.IsEmpty)
                throw new ArgumentException($"messages[{i}]: only assistant messages carry tool_calls.", nameof(messages));
            foreach (var call in turn.Calls)
            {
                if (call is null || string.IsNullOrWhiteSpace(call.Id) || string.IsNullOrWhiteSpace(call.Name))
                    throw new ArgumentException($"messages[{i}] has a tool call without an id or a function name.", nameof(messages));
                callIds.Add(call.Id);
                characters += call.Arguments?.Length ?? 0;
            }
            if (turn.Role == ChatTurnRole.Tool && !callIds.Contains(turn.ToolCallId!))
                throw new ArgumentException($"messages[{i}] answers tool call '{turn.ToolCallId}', which no earlier assistant message made.", nameof(messages));
        }
        if (characters > MaxConversationCharacters)
            throw new ArgumentException($"The conversation has {characters} characters; the limit is {MaxConversationCharacters}.", nameof(messages));
        if (messages.All(t => string.IsNullOrWhiteSpace(t.Content) && t.Calls.IsEmpty))
            throw new ArgumentException("The conversation has no text to answer.", nameof(messages));
    }
}
