using Microsoft.Extensions.AI;
using Moecraft.Routing;

namespace Moecraft.Client;

/// <summary>The keys under which <see cref="MoecraftChatClient"/> puts the routing metadata on a response.</summary>
public static class RoutingProperties
{
    public const string Experts = "moecraft.experts";
    public const string Cost = "moecraft.cost";
    public const string Savings = "moecraft.savings";
    public const string Confidence = "moecraft.confidence";
    public const string CacheHit = "moecraft.cache_hit";
    public const string Epoch = "moecraft.epoch";

    public static AdditionalPropertiesDictionary Of(AskResult result)
    {
        var properties = new AdditionalPropertiesDictionary { [Experts] = result.Answer.ExpertId };
        if (result.Routing is { } routing)
        {
            properties[Experts] = string.Join(",", routing.Experts);
            properties[Cost] = routing.Cost;
            properties[Savings] = routing.Savings;
            properties[Confidence] = routing.Confidence;
            properties[CacheHit] = routing.CacheHit;
            properties[Epoch] = routing.Epoch;
        }
        return properties;
    }
}
