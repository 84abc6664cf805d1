using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Moecraft.Experts.Simulated;

/// <summary>
/// The simulated backend, a documented product feature for demos, tests and load: answers, token counts and
/// failures are pure functions of the settings' seed, the model and the prompt; latency is a configured wait.
/// </summary>
public sealed partial class SimulatedChatClient(string model, SimulationSettings settings, TimeProvider? timeProvider = null) : IChatClient
{
    private static readonly string[] Vocabulary =
    [
        "routing", "expert", "signal", "answer", "mixture", "coherent", "gate", "token", "budget", "trust",
        "layer", "cluster", "model", "cost", "quality", "balance", "epoch", "keeper", "federated", "signed",
    ];

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public string Model { get; } = model;

    public SimulationSettings Settings { get; } = ExpertDefinitionValidator.Validate(settings);

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = PromptOf(messages);
        if (Settings.LatencyMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(Settings.LatencyMs), _time, cancellationToken);

        var seed = StableHash.Of(Settings.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), Model, prompt);
        if (FailureDraw(seed) < Settings.FailureRate)
            throw new SimulatedBackendException($"Simulated model '{Model}' failed on purpose (failure rate {Settings.FailureRate:0.###}).");

        // A cap is honoured as a model server honours it: the answer stops there and says so.
        var natural = OutputTokens(seed);
        var outputTokens = options?.MaxOutputTokens is { } cap && cap < natural ? Math.Max(1, cap) : natural;
        var text = AnswerText(prompt, seed, outputTokens);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = Model,
            ResponseId = $"sim-{seed:x8}",
            FinishReason = outputTokens < natural ? ChatFinishReason.Length : ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = EstimateTokens(prompt),
                OutputTokenCount = outputTokens,
                TotalTokenCount = EstimateTokens(prompt) + outputTokens,
            },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Word by word, as a model server streams tokens; the last update carries the usage and the finish reason.
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (Match word in Words().Matches(response.Text))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, word.Value) { ResponseId = response.ResponseId, ModelId = response.ModelId };
        }
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(response.Usage ?? new UsageDetails())])
        {
            ResponseId = response.ResponseId,
            ModelId = response.ModelId,
            FinishReason = response.FinishReason ?? ChatFinishReason.Stop,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("moecraft-simulated", null, Model)
        : null;

    public void Dispose()
    {
    }

    /// <summary>A rough token count: about four characters per token, as common BPE vocabularies give for English.</summary>
    public static long EstimateTokens(string text) => TokenEstimate.Of(text);

    private static string PromptOf(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var prompt = string.Join("\n", messages.Select(m => m.Text));
        if (string.IsNullOrWhiteSpace(prompt)) throw new ArgumentException("The request has no message text.", nameof(messages));
        return prompt;
    }

    private static double FailureDraw(uint seed) => (StableHash.Of("fail", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)) & 0xFFFFFF) / (double)0x1000000;

    private int OutputTokens(uint seed)
    {
        // +-25% around the configured mean, so token counts vary by prompt but repeat exactly.
        var spread = Settings.OutputTokens / 4;
        var offset = spread == 0 ? 0 : (int)(seed % (uint)(2 * spread + 1)) - spread;
        return Math.Max(1, Settings.OutputTokens + offset);
    }

    private string AnswerText(string prompt, uint seed, int outputTokens)
    {
        var builder = new StringBuilder();
        builder.Append("[simulated ").Append(Model).Append("] ");
        var head = prompt.Length <= 48 ? prompt : prompt[..48] + "...";
        builder.Append("On \"").Append(head.ReplaceLineEndings(" ")).Append("\":");
        var state = seed;
        // About one word per 1.3 tokens keeps text length consistent with the reported token count.
        var words = Math.Max(1, (int)(outputTokens / 1.3));
        for (var i = 0; i < words; i++)
        {
            state = state * 1664525u + 1013904223u;
            builder.Append(' ').Append(Vocabulary[(state >> 16) % (uint)Vocabulary.Length]);
        }
        return builder.Append('.').ToString();
    }

    /// <summary>Each word with the whitespace before it (and trailing whitespace at the end), so the pieces join to the text.</summary>
    [GeneratedRegex(@"\s*\S+|\s+$")]
    private static partial Regex Words();
}
