using System.ClientModel;
using System.Text;
using Microsoft.Extensions.AI;
using Moecraft.Hosting.Seeding;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Moecraft.Tests.Api;

/// <summary>The official OpenAI .NET SDK and Microsoft.Extensions.AI's <see cref="IChatClient"/> against a real silo's <c>/v1</c>.</summary>
[Collection(OpenAiSiloCollection.Name)]
public sealed class OpenAiSdkTests(OpenAiSiloFixture fixture)
{
    private static readonly string[] ExpertIds = [.. DemoExperts.All.Select(e => e.Id)];

    [Fact]
    public async Task The_official_OpenAI_SDK_completes_a_chat_routed_by_moecraft_auto()
    {
        var chat = fixture.Client().GetChatClient("moecraft/auto");

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new SystemChatMessage("You answer in one line."), new UserChatMessage("How should a cluster route cheap and premium models?")]);

        Assert.StartsWith("[simulated ", completion.Content[0].Text);
        Assert.Contains(completion.Model, ExpertIds); // the expert that actually answered
        Assert.StartsWith("chatcmpl-", completion.Id);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.True(completion.Usage.OutputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task The_official_OpenAI_SDK_streams_a_chat_completion_with_usage_in_the_final_chunk()
    {
        var chat = fixture.Client().GetChatClient("moecraft/auto");
        var text = new StringBuilder();
        var updates = new List<StreamingChatCompletionUpdate>();

        await foreach (var update in chat.CompleteChatStreamingAsync(
            [new UserChatMessage("Explain backpressure in a streaming system, briefly.")],
            new ChatCompletionOptions { Temperature = 0.2f }))
        {
            updates.Add(update);
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
        }

        Assert.StartsWith("[simulated ", text.ToString());
        Assert.True(updates.Count >= 3, $"expected role, content and final chunks, got {updates.Count}");
        Assert.Equal(ChatMessageRole.Assistant, updates[0].Role);
        Assert.Contains(updates, u => u.FinishReason == OpenAI.Chat.ChatFinishReason.Stop);
        var usage = Assert.Single(updates, u => u.Usage is not null).Usage;
        Assert.Same(updates[^1].Usage, usage);
        Assert.True(usage.OutputTokenCount > 0);
        Assert.Contains(updates[^1].Model, ExpertIds);
    }

    [Fact]
    public async Task An_expert_id_as_the_model_pins_that_expert()
    {
        ChatCompletion completion = await fixture.Client().GetChatClient("sim-standard").CompleteChatAsync([new UserChatMessage("Summarise the plot of Hamlet.")]);

        Assert.Equal("sim-standard", completion.Model);
    }

    [Fact]
    public async Task The_official_OpenAI_SDK_lists_auto_the_default_router_and_the_seeded_experts()
    {
        var models = fixture.Client().GetOpenAIModelClient();

        var list = (await models.GetModelsAsync()).Value.Select(m => m.Id).ToList();
        var auto = (await models.GetModelAsync("moecraft/auto")).Value;
        var expert = (await models.GetModelAsync("sim-local-small")).Value;

        Assert.Equal("moecraft/auto", list[0]);
        Assert.Contains("default", list);
        Assert.All(ExpertIds, id => Assert.Contains(id, list));
        Assert.Equal(("moecraft/auto", "moecraft"), (auto.Id, auto.OwnedBy));
        Assert.Equal("sim-local-small", expert.Id);
    }

    [Fact]
    public async Task The_official_OpenAI_SDK_embeds_several_inputs_through_the_routers_embedder()
    {
        var embeddings = fixture.Client().GetEmbeddingClient("moecraft/auto");

        OpenAIEmbeddingCollection result = await embeddings.GenerateEmbeddingsAsync(["the cat sat", "on the mat"]);

        Assert.Equal(2, result.Count);
        Assert.Equal([0, 1], result.Select(e => e.Index));
        var first = result[0].ToFloats().ToArray();
        Assert.True(first.Length > 0);
        Assert.Contains(first, x => x != 0);
        Assert.NotEqual(first, result[1].ToFloats().ToArray());
        Assert.True(result.Usage.InputTokenCount > 0);
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_the_SDK_reports_as_a_ClientResultException()
    {
        var chat = fixture.Client().GetChatClient("no-such-model");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(404, error.Status);
        Assert.Contains("no-such-model", error.Message);
    }

    [Fact]
    public async Task A_request_the_cluster_cannot_take_is_a_400_the_SDK_reports()
    {
        var chat = fixture.Client().GetChatClient("moecraft/auto");

        var error = await Assert.ThrowsAsync<ClientResultException>(
            () => chat.CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { Temperature = 5f }));

        Assert.Equal(400, error.Status);
        Assert.Contains("temperature", error.Message);
    }

    [Fact]
    public async Task A_presented_key_that_is_not_valid_is_a_401()
    {
        var chat = fixture.Client(sendKey: true).GetChatClient("moecraft/auto");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task Microsoft_Extensions_AI_chat_client_answers_and_streams_over_the_OpenAI_SDK()
    {
        IChatClient client = fixture.Client().GetChatClient("moecraft/auto").AsIChatClient();

        var response = await client.GetResponseAsync("Name one benefit of a mixture of experts.");
        var streamed = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync("Name one cost of a mixture of experts.")) streamed.Append(update.Text);

        Assert.StartsWith("[simulated ", response.Text);
        Assert.Contains(response.ModelId, ExpertIds);
        Assert.True(response.Usage?.TotalTokenCount > 0);
        Assert.StartsWith("[simulated ", streamed.ToString());
    }
}
