using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Moecraft.Routing;

namespace Moecraft.Api.OpenAi;

/// <summary>
/// One streamed completion: waits for the cluster's first chunk before sending anything (so admission failures keep their
/// status), then OpenAI's chunk sequence: role, content deltas, tool calls, the finish reason with Moecraft's metadata,
/// usage when asked, <c>[DONE]</c>. A failure after the start is an error event and the stream ends without <c>[DONE]</c>.
/// </summary>
public sealed class ChatCompletionStream(HttpContext http, ModelRoute route, string requestId, long created, bool includeUsage, ILogger logger)
{
    /// <summary>Streams the answer; returns its final result, or null when the stream failed (an error event was sent).</summary>
    public async Task<AskResult?> RunAsync(IAsyncEnumerable<AskChunk> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var chunks = answer.GetAsyncEnumerator(http.RequestAborted);
        await using (chunks)
        {
            // Failures here propagate to the endpoint, which still answers with a status and a JSON error.
            if (!await chunks.MoveNextAsync()) throw new InvalidOperationException("The answer stream ended before it started.");
            var events = await ServerSentEvents.StartAsync(http.Response);
            try
            {
                await events.WriteAsync(Chunk(route.Model, new DeltaDto { Role = "assistant", Content = string.Empty }), Type);
                for (var chunk = chunks.Current; ; chunk = chunks.Current)
                {
                    if (chunk.Text is { Length: > 0 } text) await events.WriteAsync(Chunk(route.Model, new DeltaDto { Content = text }), Type);
                    if (chunk.Final is { } final)
                    {
                        await FinishAsync(events, final);
                        return final;
                    }
                    if (!await chunks.MoveNextAsync())
                        throw new InvalidOperationException("The answer stream ended without its final chunk; the answer is incomplete.");
                }
            }
            catch (Exception error) when (!http.RequestAborted.IsCancellationRequested)
            {
                OpenAiEndpoints.LogStreamFailed(logger, error, requestId);
                var (failure, param) = OpenAiErrors.Classify(error);
                // No [DONE] after an error: clients must not take the partial answer for a complete one.
                await events.WriteAsync(OpenAiErrors.Envelope(failure, param), OpenAiJsonContext.Default.OpenAiErrorEnvelope);
            }
        }
        return null;
    }

    private static System.Text.Json.Serialization.Metadata.JsonTypeInfo<ChatCompletionChunk> Type => OpenAiJsonContext.Default.ChatCompletionChunk;

    private async Task FinishAsync(ServerSentEvents events, AskResult final)
    {
        var model = final.Answer.ExpertId;
        if (ChatCompletionResponses.ToolCalls(final, indexed: true) is { } calls)
            await events.WriteAsync(Chunk(model, new DeltaDto { ToolCalls = calls }), Type);
        await events.WriteAsync(new ChatCompletionChunk
        {
            Id = requestId,
            Created = created,
            Model = model,
            Choices = [new ChunkChoiceDto { Delta = new DeltaDto(), FinishReason = ChatCompletionResponses.FinishReason(final) }],
            Moecraft = ChatCompletionResponses.Metadata(requestId, route.RouterId, final),
        }, Type);
        if (includeUsage)
            await events.WriteAsync(new ChatCompletionChunk
            {
                Id = requestId, Created = created, Model = model, Choices = [], Usage = ChatCompletionResponses.Usage(final),
            }, Type);
        await events.WriteDoneAsync();
    }

    private ChatCompletionChunk Chunk(string model, DeltaDto delta) =>
        new() { Id = requestId, Created = created, Model = model, Choices = [new ChunkChoiceDto { Delta = delta }] };
}
