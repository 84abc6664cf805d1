using System.Globalization;
using Microsoft.AspNetCore.Http;
using Moecraft.Routing;

namespace Moecraft.Api.OpenAi;

/// <summary>Builds OpenAI's answer shapes (and Moecraft's headers and metadata) from the cluster's <see cref="AskResult"/>.</summary>
public static class ChatCompletionResponses
{
    public const string RequestIdHeader = "x-moecraft-request-id";
    public const string ExpertHeader = "x-moecraft-expert";
    public const string CostHeader = "x-moecraft-cost";
    public const string SavingsHeader = "x-moecraft-savings";
    public const string CacheHitHeader = "x-moecraft-cache-hit";
    public const string EpochHeader = "x-moecraft-epoch";

    public static ChatCompletionResponse Completion(string requestId, string routerId, long created, AskResult result)
    {
        var answer = result.Answer;
        var calls = ToolCalls(result, indexed: false);
        return new ChatCompletionResponse
        {
            Id = requestId,
            Created = created,
            Model = answer.ExpertId,
            Choices =
            [
                new ChatChoiceDto
                {
                    Message = new AssistantMessageDto { Content = calls is not null && answer.Text.Length == 0 ? null : answer.Text, ToolCalls = calls },
                    FinishReason = FinishReason(result),
                },
            ],
            Usage = Usage(result),
            Moecraft = Metadata(requestId, routerId, result),
        };
    }

    /// <summary>The answer's finish reason: <c>tool_calls</c> when it calls tools, else the backend's, else <c>stop</c>.</summary>
    public static string FinishReason(AskResult result) =>
        result.Answer.Calls.Length > 0 ? "tool_calls" : result.Answer.FinishReason ?? "stop";

    public static UsageDto Usage(AskResult result) =>
        new() { PromptTokens = result.Answer.InputTokens, CompletionTokens = result.Answer.OutputTokens };

    /// <summary>The answer's tool calls in OpenAI's shape; streamed deltas also carry each call's index.</summary>
    public static IReadOnlyList<ToolCallDto>? ToolCalls(AskResult result, bool indexed)
    {
        var calls = result.Answer.Calls;
        if (calls.IsEmpty) return null;
        return [.. calls.Select((call, i) => new ToolCallDto
        {
            Index = indexed ? i : null,
            Id = call.Id,
            Type = "function",
            Function = new FunctionCallDto { Name = call.Name, Arguments = call.Arguments },
        })];
    }

    public static MoecraftMetadataDto Metadata(string requestId, string routerId, AskResult result)
    {
        var answer = result.Answer;
        var routing = result.Routing;
        return new MoecraftMetadataDto
        {
            RequestId = requestId,
            Router = routerId,
            Experts = routing is null ? [answer.ExpertId] : [.. routing.Experts],
            Cost = routing?.Cost ?? answer.Cost,
            PremiumCost = routing?.PremiumCost ?? answer.Cost,
            Savings = routing?.Savings ?? 0m,
            Confidence = routing?.Confidence ?? 0,
            CacheHit = routing?.CacheHit ?? false,
            Epoch = routing?.Epoch ?? 0,
            Policy = PolicyName(routing?.Policy),
            Escalations = routing?.Escalations ?? 0,
            Simulated = answer.Simulated,
        };
    }

    /// <summary>Moecraft's headers on a complete answer; numbers in the invariant culture.</summary>
    public static void WriteHeaders(IHeaderDictionary headers, MoecraftMetadataDto metadata, string expert)
    {
        headers[RequestIdHeader] = metadata.RequestId;
        headers[ExpertHeader] = expert;
        headers[CostHeader] = metadata.Cost.ToString(CultureInfo.InvariantCulture);
        headers[SavingsHeader] = metadata.Savings.ToString(CultureInfo.InvariantCulture);
        headers[CacheHitHeader] = metadata.CacheHit ? "true" : "false";
        headers[EpochHeader] = metadata.Epoch.ToString(CultureInfo.InvariantCulture);
    }

    private static string PolicyName(RoutingPolicyKind? kind) => kind switch
    {
        RoutingPolicyKind.CheapestAcceptable => RoutingPolicyNames.Cheapest,
        RoutingPolicyKind.Cascade => RoutingPolicyNames.Cascade,
        RoutingPolicyKind.Gain => RoutingPolicyNames.Gain,
        RoutingPolicyKind.Fixed => "fixed",
        null => "unknown",
        var other => other.Value.ToString().ToLowerInvariant(),
    };
}
