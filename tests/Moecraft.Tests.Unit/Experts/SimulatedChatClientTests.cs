using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Moecraft.Experts;
using Moecraft.Experts.Simulated;

namespace Moecraft.Tests.Experts;

public sealed class SimulatedChatClientTests
{
    private static Task<ChatResponse> AskAsync(SimulatedChatClient client, string prompt) =>
        client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)]);

    [Fact]
    public async Task Same_seed_model_and_prompt_give_the_same_answer_and_tokens()
    {
        var settings = new SimulationSettings(Seed: 7, LatencyMs: 0, OutputTokens: 64, FailureRate: 0);
        var first = await AskAsync(new SimulatedChatClient("m", settings), "What is a mixture of experts?");
        var second = await AskAsync(new SimulatedChatClient("m", settings), "What is a mixture of experts?");
        var otherSeed = await AskAsync(new SimulatedChatClient("m", settings with { Seed = 8 }), "What is a mixture of experts?");

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Usage!.OutputTokenCount, second.Usage!.OutputTokenCount);
        Assert.NotEqual(first.Text, otherSeed.Text);
        Assert.StartsWith("[simulated m]", first.Text);
    }

    [Fact]
    public async Task A_max_output_token_cap_is_honoured_and_reported_as_a_length_stop()
    {
        var client = new SimulatedChatClient("m", new SimulationSettings(Seed: 7, LatencyMs: 0, OutputTokens: 400, FailureRate: 0));
        var prompt = new[] { new ChatMessage(ChatRole.User, "Write a long essay about budgets") };

        var capped = await client.GetResponseAsync(prompt, new ChatOptions { MaxOutputTokens = 5 });
        var roomy = await client.GetResponseAsync(prompt, new ChatOptions { MaxOutputTokens = 4000 });

        Assert.Equal(5, capped.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, capped.FinishReason);
        Assert.True(capped.Text.Length < roomy.Text.Length);
        Assert.InRange(roomy.Usage?.OutputTokenCount ?? 0, 300, 500);
        Assert.Equal(ChatFinishReason.Stop, roomy.FinishReason);
    }

    [Fact]
    public async Task Token_counts_stay_within_a_quarter_of_the_configured_mean()
    {
        var client = new SimulatedChatClient("m", new SimulationSettings(1, 0, OutputTokens: 100, FailureRate: 0));
        for (var i = 0; i < 50; i++)
        {
            var response = await AskAsync(client, $"prompt number {i}");
            Assert.InRange(response.Usage!.OutputTokenCount!.Value, 75, 125);
            Assert.Equal(SimulatedChatClient.EstimateTokens($"prompt number {i}"), response.Usage.InputTokenCount);
        }
    }

    [Fact]
    public async Task Failure_rate_is_honoured_and_repeatable()
    {
        var client = new SimulatedChatClient("m", new SimulationSettings(3, 0, 16, FailureRate: 0.3));
        var failures = new List<int>();
        for (var i = 0; i < 1000; i++)
        {
            try { await AskAsync(client, $"request {i}"); }
            catch (SimulatedBackendException) { failures.Add(i); }
        }

        Assert.InRange(failures.Count, 250, 350);
        await Assert.ThrowsAsync<SimulatedBackendException>(() => AskAsync(client, $"request {failures[0]}"));
    }

    [Fact]
    public async Task Always_and_never_failing_backends()
    {
        var never = new SimulatedChatClient("m", new SimulationSettings(1, 0, 16, FailureRate: 0));
        var always = new SimulatedChatClient("m", new SimulationSettings(1, 0, 16, FailureRate: 1));

        Assert.NotEmpty((await AskAsync(never, "hello")).Text);
        await Assert.ThrowsAsync<SimulatedBackendException>(() => AskAsync(always, "hello"));
    }

    [Fact]
    public async Task Latency_is_waited_for()
    {
        var time = new FakeTimeProvider();
        var client = new SimulatedChatClient("m", new SimulationSettings(1, LatencyMs: 500, 16, 0), time);

        var pending = AskAsync(client, "hello");
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.NotEmpty((await pending).Text);
    }

    [Fact]
    public async Task Empty_prompts_and_bad_settings_are_rejected()
    {
        var client = new SimulatedChatClient("m", SimulationSettings.Default);
        await Assert.ThrowsAsync<ArgumentException>(() => AskAsync(client, "  "));
        Assert.Throws<ArgumentException>(() => new SimulatedChatClient("m", new SimulationSettings(1, -1, 16, 0)));
        Assert.Throws<ArgumentException>(() => new SimulatedChatClient("m", new SimulationSettings(1, 0, 0, 0)));
        Assert.Throws<ArgumentException>(() => new SimulatedChatClient("m", new SimulationSettings(1, 0, 16, 1.5)));
    }
}
