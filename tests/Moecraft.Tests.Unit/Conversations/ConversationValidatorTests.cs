using System.Collections.Immutable;
using Moecraft.Requests;
using Moecraft.Routing;

namespace Moecraft.Tests.Conversations;

public sealed class ConversationValidatorTests
{
    [Fact]
    public void A_prompt_alone_or_a_conversation_alone_is_accepted()
    {
        ConversationValidator.Validate("hello", default);
        ConversationValidator.Validate("", [ChatTurn.System("be brief"), ChatTurn.User("hello")]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_prompt_without_messages_is_refused(string prompt) =>
        Assert.Contains("prompt must not be empty", Assert.Throws<ArgumentException>(() => ConversationValidator.Validate(prompt, default)).Message);

    [Fact]
    public void A_prompt_and_messages_together_are_refused() =>
        Assert.Contains("not both", Assert.Throws<ArgumentException>(() => ConversationValidator.Validate("hi", [ChatTurn.User("hi")])).Message);

    [Fact]
    public void A_tool_message_must_answer_a_call_an_earlier_assistant_message_made()
    {
        ImmutableArray<ChatTurn> orphan = [ChatTurn.User("hi"), new ChatTurn(ChatTurnRole.Tool, "42", ToolCallId: "call_9")];
        ImmutableArray<ChatTurn> unnamed = [ChatTurn.User("hi"), new ChatTurn(ChatTurnRole.Tool, "42")];

        Assert.Contains("call_9", Assert.Throws<ArgumentException>(() => ConversationValidator.Validate("", orphan)).Message);
        Assert.Contains("tool_call_id", Assert.Throws<ArgumentException>(() => ConversationValidator.Validate("", unnamed)).Message);
    }

    [Fact]
    public void Only_assistant_messages_carry_tool_calls_and_only_tool_messages_a_call_id()
    {
        ImmutableArray<ChatTurn> userCalls = [new ChatTurn(ChatTurnRole.User, "hi", ToolCalls: [new ToolCall("c", "f", "{}")])];
        ImmutableArray<ChatTurn> userCallId = [new ChatTurn(ChatTurnRole.User, "hi", ToolCallId: "c")];

        Assert.Contains("only assistant", Assert.Throws<ArgumentException>(() => ConversationValidator.Validate("", userCalls)).Message);
        Assert.Contains("only tool", Assert.Throws<ArgumentException>(() => ConversationValidator.Validate("", userCallId)).Message);
    }

    [Fact]
    public void A_conversation_over_the_size_limit_or_without_text_is_refused()
    {
        var big = new string('x', ConversationValidator.MaxConversationCharacters / 2 + 1);
        Assert.Contains("limit", Assert.Throws<ArgumentException>(() => ConversationValidator.Validate("", [ChatTurn.User(big), ChatTurn.User(big)])).Message);
        Assert.Contains("no text", Assert.Throws<ArgumentException>(() => ConversationValidator.Validate("", [ChatTurn.User(" ")])).Message);
    }

    [Fact]
    public void One_user_turn_routes_caches_and_prices_as_the_same_prompt_would()
    {
        Assert.Equal("How far is the moon?", Moecraft.Routing.Conversations.RoutingText("", [ChatTurn.User("How far is the moon?")]));
        Assert.Equal("How far is the moon?", Moecraft.Routing.Conversations.RoutingText("How far is the moon?", default));
        Assert.Equal("system: Be a pirate.\nuser: How far is the moon?",
            Moecraft.Routing.Conversations.RoutingText("", [ChatTurn.System("Be a pirate."), ChatTurn.User("How far is the moon?")]));
    }
}
