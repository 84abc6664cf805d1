using System.Collections.Immutable;
using Moecraft.Gating;
using Moecraft.Ledger;
using Moecraft.Requests;
using Moecraft.Tenants;

namespace Moecraft.Routing;

/// <summary>
/// Feedback on an answered request: the prompt is embedded again here and sent with the learning call. A score of an
/// answer the ledger kept also sends that answer's features (<see cref="AnswerInputs"/>), which teach the router layer's
/// acceptability predictor (issue 14) beside the gate.
/// </summary>
public sealed partial class ChatRouterGrain
{
    public async Task Feedback(FeedbackRequest feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        RouterIds.Validate(RouterId, "key");
        RequestIds.Validate(feedback.RequestId, nameof(feedback));
        if (feedback.TenantId is { } tenant) TenantIds.Validate(tenant);
        var hasScore = feedback.Score is not null;
        var hasPreference = feedback.Preferred is not null || feedback.Over is not null;
        if (hasScore == hasPreference) throw new ArgumentException("Feedback is either a score or a preference (preferred and over), not both or neither.", nameof(feedback));
        if (feedback.Score is { } score && !(score >= 0 && score <= 1)) throw new ArgumentException($"A score must be in [0, 1], got {score}.", nameof(feedback));

        var tenantKey = feedback.TenantId ?? OpenTenant;
        var (answered, answer) = await AnsweredRequests.RecallWithAnswerAsync(ledger, GrainFactory, tenantKey, feedback.RequestId)
            ?? throw new ArgumentException($"No answered request '{feedback.RequestId}' is known for this tenant.", nameof(feedback));
        if (answered.RouterId != RouterId) throw new ArgumentException($"Request '{feedback.RequestId}' was routed by '{answered.RouterId}', not '{RouterId}'.", nameof(feedback));

        await EnterAsync(null);
        var input = (await Embed([answered.Prompt]))[0].ToImmutableArray();
        var statistics = ImmutableArray.Create(PromptStatistics.Of(answered.Prompt));
        var router = GrainFactory.Reference<IRouterLayerGrain>(RouterId);
        if (feedback.Score is { } value)
        {
            // The score is of the answer the caller got (the first expert's); an answer without text teaches the gate only.
            if (answer is not null && answer.ExpertId == answered.Experts[0] && AnswerInputs.CanJudge(answer))
                await router.LearnScore(input, statistics, await AnswerInputs.OfAsync(embeddings, input, answered.Prompt, answer), answered.Experts[0], value);
            else
                await router.LearnScore(input, statistics, answered.Experts[0], value);
            return;
        }
        if (string.IsNullOrWhiteSpace(feedback.Preferred) || string.IsNullOrWhiteSpace(feedback.Over))
            throw new ArgumentException("A preference names both the preferred expert and the one it is preferred over.", nameof(feedback));
        if (!answered.Experts.Contains(feedback.Preferred) || !answered.Experts.Contains(feedback.Over))
            throw new ArgumentException($"Both experts of a preference must have answered request '{feedback.RequestId}' ({string.Join(", ", answered.Experts)}).", nameof(feedback));
        await router.LearnPreference(input, statistics, feedback.Preferred, feedback.Over);
    }
}
