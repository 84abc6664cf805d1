using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Moecraft.Experts;
using Moecraft.Gating;

namespace Moecraft.Requests;

/// <summary>
/// The acceptability predictor's input for an expert's answer (<see cref="AnswerFeatures"/>), computed on the request
/// path's side: the answer is embedded here, never in the router layer grain's turn. Feedback and the cascade's escalation
/// both build it this way.
/// </summary>
public static class AnswerInputs
{
    /// <summary>Whether an answer can be judged by its text: it has some and made no tool calls.</summary>
    public static bool CanJudge(ExpertAnswer answer) => answer.Calls.IsEmpty && !string.IsNullOrWhiteSpace(answer.Text);

    /// <param name="prompt">The prompt's embedding (as the gate read it).</param>
    /// <param name="promptText">The text routing embedded (<see cref="AskRequest.RoutingText"/>).</param>
    public static async Task<ImmutableArray<float>> OfAsync(
        IEmbeddingGenerator<string, Embedding<float>> embeddings, ImmutableArray<float> prompt, string promptText, ExpertAnswer answer)
    {
        var embedded = (await embeddings.GenerateAsync([answer.Text]))[0].Vector;
        return [.. AnswerFeatures.Of(prompt.AsSpan(), promptText, embedded.Span, answer.Text, answer.OutputTokens)];
    }
}
