using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Moecraft.Experts.Replay;

/// <summary>
/// Answers as one expert did in a replay dataset (BENCHMARKS 2): the item named by the request options'
/// <c>replay.item_id</c> (<see cref="ForItem"/>; the harness always names it, so repeated prompts keep their own outcomes),
/// else the item whose recorded prompt is the request's user text; the reply is that expert's recorded response (or a placeholder naming the item) with the recorded token
/// usage. It does not wait out the recorded latency; that and the judged quality travel in
/// <see cref="ChatResponse.AdditionalProperties"/> (<c>replay.item_id</c>, <c>replay.quality</c>, <c>replay.latency_ms</c>).
/// </summary>
public sealed class ReplayChatClient : IChatClient
{
    public const string ItemIdProperty = "replay.item_id";
    public const string QualityProperty = "replay.quality";
    public const string LatencyProperty = "replay.latency_ms";

    /// <exception cref="ArgumentException">A blank expert id, or one with no outcome anywhere in the dataset.</exception>
    public ReplayChatClient(string expertId, ReplayDataset dataset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expertId);
        ArgumentNullException.ThrowIfNull(dataset);
        if (!dataset.Experts.Contains(expertId, StringComparer.Ordinal))
            throw new ArgumentException($"Expert '{expertId}' has no recorded outcome in the replay dataset; it has {string.Join(", ", dataset.Experts)}.", nameof(expertId));
        ExpertId = expertId;
        Dataset = dataset;
    }

    public string ExpertId { get; }

    public ReplayDataset Dataset { get; }

    /// <summary>Request options that name the replay item to answer, so the lookup is by id rather than by prompt text.</summary>
    public static ChatOptions ForItem(string itemId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        return new ChatOptions { AdditionalProperties = new AdditionalPropertiesDictionary { [ItemIdProperty] = itemId } };
    }

    /// <exception cref="ArgumentException">
    /// An unknown item id; without one, no user text or a prompt the dataset does not hold; or an item this expert did not answer.
    /// </exception>
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (item, outcome) = Lookup(messages, options);
        var text = outcome.Response ?? $"[replay {ExpertId}] recorded answer to item '{item.Id}' (no response text was recorded).";
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ExpertId,
            ResponseId = $"replay-{item.Id}-{ExpertId}",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = outcome.InputTokens,
                OutputTokenCount = outcome.OutputTokens,
                TotalTokenCount = outcome.InputTokens + outcome.OutputTokens,
            },
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [ItemIdProperty] = item.Id,
                [QualityProperty] = outcome.Quality,
                [LatencyProperty] = outcome.LatencyMs,
            },
        };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("moecraft-replay", null, ExpertId)
        : null;

    public void Dispose()
    {
    }

    /// <summary>By the options' item id when given; else the prompt, the user messages' text joined by newlines.</summary>
    private (ReplayItem Item, ReplayOutcome Outcome) Lookup(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (options?.AdditionalProperties?.TryGetValue(ItemIdProperty, out var id) == true)
        {
            if (id is not string itemId) throw new ArgumentException($"The option '{ItemIdProperty}' must be a string item id.", nameof(options));
            return WithOutcome(Dataset.Get(itemId), nameof(options));
        }
        var prompt = string.Join("\n", messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
        if (string.IsNullOrWhiteSpace(prompt)) throw new ArgumentException("The request has no user message text.", nameof(messages));
        if (!Dataset.TryFindByPrompt(prompt, out var item))
            throw new ArgumentException($"The replay dataset has no item with this prompt: \"{Shorten(prompt)}\".", nameof(messages));
        return WithOutcome(item, nameof(messages));
    }

    private (ReplayItem Item, ReplayOutcome Outcome) WithOutcome(ReplayItem item, string parameter)
    {
        if (!item.Outcomes.TryGetValue(ExpertId, out var outcome))
            throw new ArgumentException($"Expert '{ExpertId}' has no recorded outcome for item '{item.Id}'.", parameter);
        return (item, outcome);
    }

    private static string Shorten(string text) =>
        (text.Length <= 60 ? text : text[..60] + "...").ReplaceLineEndings(" ").ToString(CultureInfo.InvariantCulture);
}
