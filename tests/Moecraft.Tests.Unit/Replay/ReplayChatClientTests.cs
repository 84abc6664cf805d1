using Microsoft.Extensions.AI;
using Moecraft.Experts.Replay;

namespace Moecraft.Tests.Replay;

public sealed class ReplayChatClientTests
{
    private static readonly ReplayDataset Dataset = ReplayDataset.Parse("""
        {"id": "q1", "prompt": "What is 2+2?", "split": "test", "outcomes": {"small": {"quality": 0.9, "input_tokens": 5, "output_tokens": 3, "latency_ms": 120, "response": "4"}, "large": {"quality": 1, "input_tokens": 6, "output_tokens": 8, "latency_ms": 900}}}
        {"id": "q2", "prompt": "Name a prime.", "split": "test", "outcomes": {"large": {"quality": 0.4, "input_tokens": 4, "output_tokens": 2, "latency_ms": 50}}}
        """);

    [Fact]
    public async Task Answers_with_the_recorded_response_and_usage()
    {
        using var client = new ReplayChatClient("small", Dataset);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "What is 2+2?")]);

        Assert.Equal("4", response.Text);
        Assert.Equal((5L, 3L, 8L), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value, response.Usage.TotalTokenCount!.Value));
        Assert.Equal("small", response.ModelId);
        Assert.Equal("q1", response.AdditionalProperties![ReplayChatClient.ItemIdProperty]);
        Assert.Equal(0.9, response.AdditionalProperties[ReplayChatClient.QualityProperty]);
        Assert.Equal(120.0, response.AdditionalProperties[ReplayChatClient.LatencyProperty]);
    }

    [Fact]
    public async Task Without_recorded_text_the_answer_is_a_placeholder_naming_the_item()
    {
        using var client = new ReplayChatClient("large", Dataset);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Name a prime.")]);

        Assert.Contains("item 'q2'", response.Text);
        Assert.Contains("large", response.Text);
        Assert.Equal((4L, 2L), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value));
    }

    [Fact]
    public async Task Streaming_gives_the_same_text()
    {
        using var client = new ReplayChatClient("small", Dataset);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "What is 2+2?")])) updates.Add(update);

        Assert.Equal("4", updates.ToChatResponse().Text);
        Assert.Equal("small", client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task An_unknown_prompt_or_an_expert_without_an_outcome_is_a_clear_error()
    {
        using var small = new ReplayChatClient("small", Dataset);

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => small.GetResponseAsync([new ChatMessage(ChatRole.User, "What is 3+3?")]));
        var missing = await Assert.ThrowsAsync<ArgumentException>(() => small.GetResponseAsync([new ChatMessage(ChatRole.User, "Name a prime.")]));
        await Assert.ThrowsAsync<ArgumentException>(() => small.GetResponseAsync([new ChatMessage(ChatRole.System, "only system")]));

        Assert.Contains("no item with this prompt", unknown.Message);
        Assert.Contains("Expert 'small' has no recorded outcome for item 'q2'", missing.Message);
    }

    [Fact]
    public async Task A_further_answer_is_served_by_its_number_with_its_own_tokens_and_no_quality()
    {
        var dataset = ReplayDataset.Parse("""
            {"id": "q1", "prompt": "What is 2+2?", "split": "test", "outcomes": {"small": {"quality": 1, "input_tokens": 5, "output_tokens": 3, "latency_ms": 0, "response": "4", "samples": [{"output_tokens": 6, "response": "The answer is 5."}]}}}
            """);
        using var client = new ReplayChatClient("small", dataset);
        ChatMessage[] prompt = [new(ChatRole.User, "What is 2+2?")];

        var recorded = await client.GetResponseAsync(prompt, ReplayChatClient.ForItem("q1"));
        var sample = await client.GetResponseAsync(prompt, ReplayChatClient.ForItem("q1", 1));

        Assert.Equal("4", recorded.Text);
        Assert.Equal("The answer is 5.", sample.Text);
        Assert.Equal((5L, 6L), (sample.Usage!.InputTokenCount!.Value, sample.Usage.OutputTokenCount!.Value));
        Assert.False(sample.AdditionalProperties!.ContainsKey(ReplayChatClient.QualityProperty));
        Assert.Contains("has 1 further answer(s) to item 'q1', not 2",
            (await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync(prompt, ReplayChatClient.ForItem("q1", 2)))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayChatClient.ForItem("q1", -1));
    }

    [Fact]
    public void An_expert_absent_from_the_dataset_cannot_be_replayed()
    {
        Assert.Contains("'medium'", Assert.Throws<ArgumentException>(() => new ReplayChatClient("medium", Dataset)).Message);
        Assert.Throws<ArgumentException>(() => new ReplayChatClient(" ", Dataset));
        Assert.Throws<ArgumentNullException>(() => new ReplayChatClient("small", null!));
    }

    [Fact]
    public async Task An_item_named_by_id_answers_with_its_own_outcome_even_when_another_item_has_the_same_prompt()
    {
        var dataset = ReplayDataset.Parse("""
            {"id": "a", "prompt": "Same?", "split": "test", "outcomes": {"small": {"quality": 1, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}
            {"id": "b", "prompt": "Same?", "split": "test", "outcomes": {"small": {"quality": 0, "input_tokens": 1, "output_tokens": 1, "latency_ms": 1}}}
            """);
        using var client = new ReplayChatClient("small", dataset);
        ChatMessage[] messages = [new(ChatRole.User, "Same?")];

        var byPrompt = await client.GetResponseAsync(messages);
        var byId = await client.GetResponseAsync(messages, ReplayChatClient.ForItem("b"));

        Assert.Equal("a", byPrompt.AdditionalProperties![ReplayChatClient.ItemIdProperty]);
        Assert.Equal("b", byId.AdditionalProperties![ReplayChatClient.ItemIdProperty]);
        Assert.Equal(0.0, byId.AdditionalProperties[ReplayChatClient.QualityProperty]);
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync(messages, ReplayChatClient.ForItem("missing")));
    }
}
