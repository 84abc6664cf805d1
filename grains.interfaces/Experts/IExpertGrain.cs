using Orleans.Concurrency;

namespace Moecraft.Experts;

/// <summary>
/// One expert: its definition, lifecycle and counters (key: expert id). Calls interleave: the activation runs up to
/// the definition's <see cref="ExpertDefinition.MaxConcurrency"/> of them at once and queues the rest.
/// </summary>
[Alias("moecraft.IExpertGrain")]
public interface IExpertGrain : IGrainWithStringKey
{
    /// <summary>Creates the expert or replaces its definition; the id must equal the grain key.</summary>
    [Alias("Register")]
    Task<ExpertSnapshot> Register(ExpertDefinition definition);

    /// <summary>The expert's current state; throws when it was never registered.</summary>
    [Alias("GetSnapshot")]
    Task<ExpertSnapshot> GetSnapshot();

    /// <summary>Moves the expert along its lifecycle; invalid transitions are rejected and change nothing.</summary>
    [Alias("SetStatus")]
    Task<ExpertSnapshot> SetStatus(ExpertStatus status);

    /// <summary>
    /// Moves the expert along its lifecycle on behalf of <paramref name="actor"/> (an operator: an API key's name with
    /// <c>@http</c>, or the SDK caller's user@machine); a move is stored with its audit entry and journaled under that name.
    /// Invalid transitions and an invalid actor are rejected and change (and audit) nothing.
    /// </summary>
    [Alias("SetStatusAs")]
    Task<ExpertSnapshot> SetStatus(ExpertStatus status, string actor);

    /// <summary>
    /// Calls the expert's backend; only active and cooling experts answer. A call that finds no free slot within the
    /// queue timeout fails with a saturated <see cref="ExpertCallFailedException"/>.
    /// </summary>
    [Alias("Invoke"), AlwaysInterleave, ResponseTimeout(ModelCalls.ResponseTimeout)]
    Task<ExpertAnswer> Invoke(ExpertRequest request);

    /// <summary>
    /// Calls the expert's backend and streams its answer: text deltas, then one final chunk with the whole answer and
    /// its accounting. A failure, also one after some deltas, ends the stream with <see cref="ExpertCallFailedException"/>
    /// and no final chunk: a stream without a final chunk is never a success.
    /// </summary>
    [Alias("InvokeStreaming"), AlwaysInterleave]
    IAsyncEnumerable<ExpertAnswerChunk> InvokeStreaming(ExpertRequest request);
}
