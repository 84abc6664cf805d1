namespace Moecraft.Routing;

/// <summary>Feedback scores recorded for one expert (SPEC 5.3, a reflex's third gate): how many, and their mean.</summary>
[GenerateSerializer, Immutable, Alias("moecraft.ExpertFeedbackRecord")]
public sealed record ExpertFeedbackRecord([Id(0)] long Count, [Id(1)] double Mean)
{
    public ExpertFeedbackRecord With(double score) => new(Count + 1, Mean + (score - Mean) / (Count + 1));
}
