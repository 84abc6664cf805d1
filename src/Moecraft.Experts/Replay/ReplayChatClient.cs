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
/// The option <c>replay.sample</c> = n (n &gt;= 1) asks for the expert's n-th further answer to the item instead
/// (<see cref="ReplayOutcome.Samples"/>), as a consistency check draws one: its own text and output tokens, and no quality,
/// since samples are compared, not judged.
/// </summary>
public sealed class ReplayChatClient : IChatClient
{
    public const string ItemIdProperty = "replay.item_id";
    public const string QualityProperty = "replay.quality";
    public const string LatencyProperty = "replay.latency_ms";
    public const string SampleProperty = "replay.sample";

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
    /// <param name="sample">0: the recorded answer; n &gt;= 1: the expert's n-th further answer to the item.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative sample number.</exception>
    public static ChatOptions ForItem(string itemId, int sample = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        var properties = new AdditionalPropertiesDictionary { [ItemIdProperty] = itemId };
        if (sample > 0) properties[SampleProperty] = sample;
        return new ChatOptions { AdditionalProperties = properties };
    }

    /// <exception cref="ArgumentException">
    /// An unknown item id; without one, no user text or a prompt the dataset does not hold; or an item this expert did not answer.
    /// </exception>
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (item, outcome) = Lookup(messages, options);
        if (SampleOf(item, outcome, options) is { } sample)
            return Task.FromResult(Response(item, outcome, sample.Response, sample.OutputTokens, $"replay-{item.Id}-{ExpertId}-sample", quality: null));
        var text = outcome.Response ?? $"[replay {ExpertId}] recorded answer to item '{item.Id}' (no response text was recorded).";
        return Task.FromResult(Response(item, outcome, text, outcome.OutputTokens, $"replay-{item.Id}-{ExpertId}", outcome.Quality));
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

    /// <summary>The further answer the options ask for, or null for the recorded one.</summary>
    /// <exception cref="ArgumentException">A sample number that is not a positive integer, or one the item's outcome does not hold.</exception>
    private ReplaySample? SampleOf(ReplayItem item, ReplayOutcome outcome, ChatOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(SampleProperty, out var value) != true) return null;
        if (value is not int n || n < 1) throw new ArgumentException($"The option '{SampleProperty}' must be a positive integer.", nameof(options));
        return n <= outcome.SampleList.Count
            ? outcome.SampleList[n - 1]
            : throw new ArgumentException($"Expert '{ExpertId}' has {outcome.SampleList.Count} further answer(s) to item '{item.Id}', not {n}.", nameof(options));
    }

    /// <summary>A recorded answer with the item's input tokens and the answer's own output tokens; its judged quality, where it has one.</summary>
    private ChatResponse Response(ReplayItem item, ReplayOutcome outcome, string text, long outputTokens, string responseId, double? quality)
    {
        var properties = new AdditionalPropertiesDictionary { [ItemIdProperty] = item.Id, [LatencyProperty] = outcome.LatencyMs };
        if (quality is { } judged) properties[QualityProperty] = judged;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ExpertId,
            ResponseId = responseId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = outcome.InputTokens,
                OutputTokenCount = outputTokens,
                TotalTokenCount = outcome.InputTokens + outputTokens,
            },
            AdditionalProperties = properties,
        };
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
