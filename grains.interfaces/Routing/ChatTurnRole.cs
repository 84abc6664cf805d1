namespace Moecraft.Routing;

/// <summary>Who speaks in one turn of a conversation (OpenAI's message roles).</summary>
/// <remarks>Persisted by value: never renumber a member.</remarks>
[GenerateSerializer, Alias("moecraft.ChatTurnRole")]
public enum ChatTurnRole
{
    System = 0,
    User = 1,
    Assistant = 2,

    /// <summary>The result of a tool call the assistant asked for; names the call it answers.</summary>
    Tool = 3,
}
